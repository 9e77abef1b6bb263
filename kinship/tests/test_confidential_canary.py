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
from kinship.forums.services import board_subscribe, circle_board_ensure, thread_create
from kinship.library.models import Audience as LibraryAudience
from kinship.library.models import Licence
from kinship.library.services import (
    ResourceFields,
    collection_create,
    collection_resource_add,
    resource_create,
)
from kinship.meetings.models import Audience, EventKind
from kinship.meetings.services import (
    SeriesFields,
    agenda_item_add,
    calendar_settings_of,
    series_create,
)
from kinship.tests.test_permission_matrix import CASES

HREF = re.compile(r"""href=["']([^"']+)["']""")
MAX_PAGES = 400
# A feed is read by its secret address, not by who asks: each role's own feed is checked below.
SKIP = ("/static/", "/media/", "logout", "/delete/", "password_change", "/meetings/feed/",
        # Library searches and quote forms vary one page endlessly; search is checked apart.
        "/library/?", "?quote=")  # fmt: skip


def crawl(client: Client, start: list[str]) -> dict[str, str]:
    seen: dict[str, str] = {}
    queue = deque(start)
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        if url in seen or any(part in url for part in SKIP):
            continue
        response = client.get(url)
        streamed = response.streaming
        raw = b"".join(response.streaming_content) if streamed else response.content  # type: ignore[attr-defined]
        body = raw.decode(errors="replace") if response.status_code == 200 else ""
        seen[url] = body + response.get("Location", "")
        if response.status_code in (301, 302) and response.get("Location", "").startswith("/"):
            queue.append(response["Location"])
        for href in HREF.findall(body):
            link = urldefrag(urljoin(url, unescape(href)))[0]
            parsed = urlparse(link)
            if parsed.netloc in ("", "testserver") and parsed.path.startswith("/"):
                queue.append(parsed.path + (f"?{parsed.query}" if parsed.query else ""))
    return seen


def search_results(client: Client, query: str) -> str:
    """The results list of a library search (the page itself repeats the query typed)."""
    response = client.get("/library/", {"q": query})
    body = response.content.decode() if response.status_code == 200 else ""
    start = body.find('id="results"')
    return body[start : body.find("</ul>", start)] if start >= 0 else ""


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
    # The circle's library resource, collection and board: as confidential as the circle.
    resource = resource_create(
        actor=people.teacher, kind="page", body=f"Body {secret}",
        fields=ResourceFields(title=f"Resource {secret}", summary=f"About {secret}",
                              licence=Licence.ALL_RIGHTS_RESERVED,
                              audience=LibraryAudience.CIRCLE, circle=circle),
    )  # fmt: skip
    pack = collection_create(actor=people.teacher, title=f"Pack {secret}", description=secret,
                             audience=LibraryAudience.CIRCLE, circle=circle)  # fmt: skip
    collection_resource_add(actor=people.teacher, collection=pack, resource=resource)
    board = circle_board_ensure(actor=people.teacher, circle=circle)
    board_subscribe(actor=people.teacher, board=board, frequency="daily")
    thread_create(actor=people.teacher, board=board, title=f"Thread {secret}",
                  body=f"Post {secret}", attachments=[resource])  # fmt: skip
    return secret, circle.pk


@pytest.mark.parametrize(
    "role", ["anonymous", "admin", "coordinator", "head", "partner", "pupil", "outsider"]
)
def test_confidential_canary_never_leaks(people: Personas, canary: tuple[str, int], role: str):
    secret, circle_pk = canary
    client = signed_in_client(people.by_role(role))
    pages = crawl(
        client,
        [*start_urls(people), f"/circles/{circle_pk}/", f"/forums/circles/{circle_pk}/",
         "/forums/", "/notifications/"],
    )  # fmt: skip
    assert secret not in search_results(client, secret)
    assert len(pages) > (1 if role == "anonymous" else 5)
    leaks = [url for url, body in pages.items() if secret in body]
    assert leaks == []
    user = people.by_role(role)
    if user is not None and user.account_type != "pupil":
        feed = client.get(f"/meetings/feed/{calendar_settings_of(user).feed_token}.ics")
        assert feed.status_code == 200 and secret not in feed.content.decode()


def test_the_member_does_see_the_canary(people: Personas, canary: tuple[str, int]):
    secret, circle_pk = canary
    client = signed_in_client(people.teacher)
    pages = crawl(client, ["/"])
    assert f"Resource {secret}" in search_results(client, secret)
    assert any(secret in body for body in pages.values())
    assert f"/circles/{circle_pk}/" in pages
    assert any(f"Item {secret}" in body for body in pages.values())  # the meeting's page
    assert any(f"Post {secret}" in body for body in pages.values())  # the circle's board
    feed = signed_in_client(None).get(
        f"/meetings/feed/{calendar_settings_of(people.teacher).feed_token}.ics"
    )
    assert f"Meeting {secret}" in feed.content.decode()


def test_digests_carry_the_canary_to_members_only(
    people: Personas, canary: tuple[str, int], settings, mailoutbox
):
    from django.core.management import call_command

    from kinship.families.models import Circle
    from kinship.families.services import circle_member_add

    secret, circle_pk = canary
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # A second member follows the board; non-members follow everything they can.
    circle = Circle.objects.get(pk=circle_pk)
    circle_member_add(actor=people.teacher, circle=circle, user=people.head)
    board = circle_board_ensure(actor=people.head, circle=circle)
    board_subscribe(actor=people.head, board=board, frequency="daily")
    thread_create(actor=people.teacher, board=board, title=f"Second {secret}", body=secret)
    circle.memberships.filter(user=people.head).delete()  # and then leaves before the digest
    call_command("send_notification_digests", "--frequency", "daily", "--now")
    call_command("send_notification_digests", "--frequency", "weekly", "--now")
    leaked = [m.to for m in mailoutbox if secret in m.body or secret in m.subject]
    assert leaked == []


def test_a_familys_resources_and_threads_never_reach_another_family(people: Personas):
    from kinship.forums.services import family_board_create

    secret = f"family-canary-{uuid.uuid4().hex}"
    resource_create(
        actor=people.head, kind="page", body=f"Body {secret}",
        fields=ResourceFields(title=f"Resource {secret}", licence=Licence.CC_BY,
                              audience=LibraryAudience.FAMILY, family=people.family),
    )  # fmt: skip
    board = family_board_create(actor=people.coordinator, family=people.family, title="Staffroom")
    thread_create(actor=people.teacher, board=board, title=f"Thread {secret}", body=secret)
    starts = [*start_urls(people), "/forums/", "/notifications/", "/library/"]
    # Another family's head and a pupil crawl everything; platform admins may read the
    # audit log of open (not confidential) sharing, so they are left to the main canary.
    for role in ("outsider", "pupil"):
        client = signed_in_client(people.by_role(role))
        pages = crawl(client, starts)
        assert [url for url, body in pages.items() if secret in body] == [], role
        assert secret not in search_results(client, secret), role
    member = signed_in_client(people.teacher)
    member_pages = crawl(member, ["/forums/", "/library/"])
    assert f"Resource {secret}" in search_results(member, secret)
    assert any(f"Thread {secret}" in body for body in member_pages.values())
