"""A unique string written into a confidential circle must never reach a non-member.

Every role that is not in the circle crawls every page it can reach (all GET URLs from the
permission matrix, then every same-site link it finds), including the Django admin for the
platform admin. The canary must appear nowhere. Members see it, so the test can fail.
"""

import re
import uuid
from collections import deque
from html import unescape
from urllib.parse import urldefrag, urljoin, urlparse

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse

from kinship.conftest import Personas, signed_in_client
from kinship.families.services import circle_create, circle_post_create
from kinship.tests.test_permission_matrix import CASES

HREF = re.compile(r"""href=["']([^"']+)["']""")
MAX_PAGES = 400
SKIP = ("/static/", "/media/", "logout", "/delete/", "password_change")


def crawl(client: Client, start: list[str]) -> dict[str, str]:
    seen: dict[str, str] = {}
    queue = deque(start)
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        if url in seen or any(part in url for part in SKIP):
            continue
        response = client.get(url)
        body = response.content.decode(errors="replace") if response.status_code == 200 else ""
        seen[url] = body + response.get("Location", "")
        if response.status_code in (301, 302) and response.get("Location", "").startswith("/"):
            queue.append(response["Location"])
        for href in HREF.findall(body):
            link = urldefrag(urljoin(url, unescape(href)))[0]
            parsed = urlparse(link)
            if parsed.netloc in ("", "testserver") and parsed.path.startswith("/"):
                queue.append(parsed.path + (f"?{parsed.query}" if parsed.query else ""))
    return seen


def start_urls(people: Personas) -> list[str]:
    urls = ["/", "/admin/", "/admin/families/circle/", "/admin/core/auditentry/"]
    for case in CASES:
        if case.method != "get":
            continue
        try:
            urls.append(reverse(case.url_name, args=case.args(people)))
        except NoReverseMatch:
            continue
    return urls


@pytest.fixture
def canary(people: Personas) -> tuple[str, int]:
    secret = f"canary-{uuid.uuid4().hex}"
    circle = circle_create(
        actor=people.teacher,
        families=[people.family],
        name=f"Circle {secret}",
        description=f"About {secret}",
        confidential=True,
    )
    circle_post_create(actor=people.teacher, circle=circle, body=f"Post {secret}")
    return secret, circle.pk


@pytest.mark.parametrize(
    "role", ["anonymous", "admin", "coordinator", "head", "partner", "pupil", "outsider"]
)
def test_confidential_canary_never_leaks(people: Personas, canary: tuple[str, int], role: str):
    secret, circle_pk = canary
    client = signed_in_client(people.by_role(role))
    pages = crawl(client, [*start_urls(people), f"/circles/{circle_pk}/"])
    assert len(pages) > (1 if role == "anonymous" else 5)
    leaks = [url for url, body in pages.items() if secret in body]
    assert leaks == []


def test_the_member_does_see_the_canary(people: Personas, canary: tuple[str, int]):
    secret, circle_pk = canary
    pages = crawl(signed_in_client(people.teacher), ["/"])
    assert any(secret in body for body in pages.values())
    assert f"/circles/{circle_pk}/" in pages
