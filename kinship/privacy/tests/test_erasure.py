"""After erasure no page, export, feed or digest shows the person (UK GDPR article 17).

Tom Teacher has a confidential circle, a meeting and its agenda, a library resource and a
collection, a board and threads, a visit and its reflection, a moderation round and a coaching
pair (the canaries' data), and here also a family meeting, a thread followed by the head and
a comment. After erasure the other members crawl everything they can reach.
"""

import io
import uuid
import zipfile
from datetime import time, timedelta

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from kinship.conftest import Personas, signed_in_client
from kinship.forums.services import board_subscribe, family_board_create, thread_create
from kinship.library.models import Audience as LibraryAudience
from kinship.library.models import Licence
from kinship.library.services import ResourceFields, comment_add, resource_create
from kinship.meetings.models import Audience, EventKind
from kinship.meetings.services import SeriesFields, rsvp_set, series_create
from kinship.privacy.services import FORMER_MEMBER, privacy_erase, privacy_export
from kinship.tests.test_confidential_canary import (  # noqa: F401  (fixtures)
    CoachingCanary,
    canary,
    coaching_canary,
    coaching_urls,
    crawl,
    feeds_of,
    start_urls,
)

NAME, EMAIL = "Tom Teacher", "teacher@a2.test"


def _shows_the_person(text: str) -> bool:
    return NAME in text or EMAIL in text


def _around(text: str) -> str:
    at = max(text.find(NAME), text.find(EMAIL))
    return " ".join(text[max(0, at - 120) : at + 60].split())


def _more_of_toms_data(people: Personas) -> str:
    secret = f"open-{uuid.uuid4().hex}"
    series = series_create(
        actor=people.teacher,
        family=people.family,
        fields=SeriesFields(
            title=f"Network meeting {secret}", kind=EventKind.NETWORK_MEETING,
            audience=Audience.FAMILY, online_url="https://meet.example.org/network",
            start_time=time(16), end_time=time(17),
            first_date=timezone.localdate() + timedelta(days=12),
        ),
    )  # fmt: skip
    rsvp_set(user=people.teacher, event=series.events.get(), status="going")
    board = family_board_create(actor=people.coordinator, family=people.family, title="Staffroom")
    board_subscribe(actor=people.head, board=board, frequency="daily")
    thread_create(actor=people.teacher, board=board, title=f"Marking {secret}", body="Ideas?")
    resource = resource_create(
        actor=people.head, kind="page", body="Phonics plan",
        fields=ResourceFields(title=f"Phonics {secret}", licence=Licence.CC_BY,
                              audience=LibraryAudience.FAMILY, family=people.family),
    )  # fmt: skip
    comment_add(actor=people.teacher, resource=resource, body=f"Thank you {secret}")
    return secret


def test_after_erasure_no_page_feed_digest_or_export_shows_the_person(
    people: Personas,
    canary,  # noqa: F811
    coaching_canary: CoachingCanary,  # noqa: F811
    settings,
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    secret = _more_of_toms_data(people)
    mentee = coaching_canary.mentee
    pair_page = f"/mentoring/pairs/{coaching_canary.pair_pk}/"
    # Before: the head's coach is named, so the checks below can fail.
    assert NAME in signed_in_client(mentee).get(pair_page).content.decode()

    # The matrix's URLs make some of Tom's data too (an open classroom, a visit...).
    starts = [*start_urls(people), *coaching_urls(coaching_canary), "/forums/", "/library/",
              "/notifications/", "/meetings/",
              f"/families/circles/{people.open_circle.pk}/"]  # fmt: skip

    privacy_erase(actor=people.admin, user=people.teacher)

    for reader in (people.head, people.coordinator, people.admin, mentee):
        client = signed_in_client(reader)
        pages = crawl(client, starts)
        assert len(pages) > 20
        leaks = {url: _around(body) for url, body in pages.items() if _shows_the_person(body)}
        assert leaks == {}, reader
        assert not _shows_the_person(feeds_of(client, reader))
    # The shared work is still there, as a former member's.
    head_pages = crawl(signed_in_client(people.head), ["/forums/", "/library/"])
    assert any(f"Marking {secret}" in body for body in head_pages.values())
    assert any(FORMER_MEMBER in body for body in head_pages.values())
    assert FORMER_MEMBER in signed_in_client(mentee).get(pair_page).content.decode()

    mail.outbox.clear()
    call_command("send_notification_digests", "--frequency", "daily", "--now")
    call_command("send_notification_digests", "--frequency", "weekly", "--now")
    assert mail.outbox, "the head's digest was sent"
    assert [m.to for m in mail.outbox if _shows_the_person(f"{m.subject} {m.body}")] == []
    assert all(EMAIL not in m.to for m in mail.outbox)

    for reader in (people.head, mentee):
        archive = zipfile.ZipFile(io.BytesIO(privacy_export(actor=reader, user=reader)))
        for name in archive.namelist():
            assert not _shows_the_person(archive.read(name).decode(errors="replace")), name
