"""A unique string written into a confidential circle must never reach a non-member.

Every role that is not in the circle crawls every page it can reach (all GET URLs from the
permission matrix, then every same-site link it finds), including the Django admin for the
platform admin. The canary must appear nowhere. Members see it, so the test can fail.
"""

import re
import uuid
from collections import deque
from datetime import time, timedelta
from html import unescape
from urllib.parse import urldefrag, urljoin, urlparse

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from kinship.conftest import Personas, signed_in_client
from kinship.families.services import circle_create, circle_post_create
from kinship.meetings.models import Audience, EventKind
from kinship.meetings.services import (
    SeriesFields,
    agenda_item_add,
    calendar_settings_of,
    series_create,
)
from kinship.tests.test_confidential_canary_moderation import moderation_canary
from kinship.tests.test_permission_matrix import CASES
from kinship.visits.services.reflections import joint_action_add, reflection_save
from kinship.visits.services.visits import visit_record

HREF = re.compile(r"""href=["']([^"']+)["']""")
MAX_PAGES = 400
# A feed is read by its secret address, not by who asks: each role's own feed is checked below.
SKIP = ("/static/", "/media/", "logout", "/delete/", "password_change", "/meetings/feed/")


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
    # A meeting of the circle, with an agenda item: its title and agenda are the circle's too.
    day = timezone.localdate() + timedelta(days=10)
    series = series_create(
        actor=people.teacher,
        family=people.family,
        fields=SeriesFields(
            title=f"Meeting {secret}",
            kind=EventKind.NETWORK_MEETING,
            audience=Audience.CIRCLE,
            circle=circle,
            online_url="https://meet.example.org/room",
            start_time=time(16),
            end_time=time(17),
            first_date=day,
        ),
    )
    agenda_item_add(actor=people.teacher, event=series.events.get(), title=f"Item {secret}")
    # Pupil work and a moderation meeting's notes, in a round none of the crawlers is in.
    moderation_canary(people, secret)
    _private_reflection(people, secret)
    return secret, circle.pk


def _private_reflection(people: Personas, secret: str) -> None:
    """A visit the teacher made to Cedar (which has no lead to be its host side): what they
    took away, and the joint action, are between the two sides of the visit alone."""
    day = timezone.localdate() - timedelta(days=1)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    visit = visit_record(actor=people.teacher, host_school=people.shared_school, day=day)
    reflection_save(
        actor=people.teacher, visit=visit, saw=f"Reflection {secret}", will_try=secret,
        offer_back=secret,
    )  # fmt: skip
    joint_action_add(actor=people.teacher, visit=visit, text=f"Action {secret}")


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
    user = people.by_role(role)
    if user is not None and user.account_type != "pupil":
        feed = client.get(f"/meetings/feed/{calendar_settings_of(user).feed_token}.ics")
        assert feed.status_code == 200 and secret not in feed.content.decode()


def test_the_member_does_see_the_canary(people: Personas, canary: tuple[str, int]):
    secret, circle_pk = canary
    pages = crawl(signed_in_client(people.teacher), ["/"])
    assert any(secret in body for body in pages.values())
    assert f"/circles/{circle_pk}/" in pages
    assert any(f"Item {secret}" in body for body in pages.values())  # the meeting's page
    assert any(f"Reflection {secret}" in body for body in pages.values())  # the visit's page
    assert any(f"Action {secret}" in body for body in pages.values())
    feed = signed_in_client(None).get(
        f"/meetings/feed/{calendar_settings_of(people.teacher).feed_token}.ics"
    )
    assert f"Meeting {secret}" in feed.content.decode()
