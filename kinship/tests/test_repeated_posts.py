"""The same create form posted twice (a double click, a retry) makes one thing (issue 16).

Each test posts a form with one submission token twice, as a browser does when a button is
clicked twice, and counts what was made; the second answer sends the person where the
first did."""

import uuid
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from kinship.conftest import Personas, signed_in_client
from kinship.core.submissions import FIELD, new_token
from kinship.forums.models import Post, Thread
from kinship.forums.services import thread_create
from kinship.forums.tests.conftest import make_forum
from kinship.library.models import Comment, Resource
from kinship.library.tests.conftest import share_page
from kinship.meetings import services as meetings
from kinship.meetings.models import AgendaItem, Series
from kinship.meetings.tests.conftest import y6_fields
from kinship.mentoring.models import Goal
from kinship.mentoring.tests.conftest import make_world, publish_pair
from kinship.schools.services import term_calendar_save
from kinship.schools.tests.term_years import CEDAR, LANCASHIRE

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def at_once(settings: Any, tmp_path: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.RATE_LIMIT_PREFIX = f"test-repeats-{uuid.uuid4().hex}"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private")},
        },
    }


def post_twice(
    client: Client, url: str, data: dict[str, Any], token: str | None = None
) -> tuple[Any, Any]:
    data = {**data, FIELD: token or new_token()}
    first = client.post(url, data)
    second = client.post(url, data)
    assert first.status_code == 302, first.content.decode()[:500]
    assert second.status_code == 303
    assert second["Location"] == first["Location"]
    return first, second


def test_a_forum_reply_and_a_thread(people: Personas) -> None:
    forum = make_forum(people)
    client = signed_in_client(people.teacher)
    url = reverse("forums:thread_create", args=[forum.board.pk])
    post_twice(client, url, {"title": "Reading corners", "body": "What works?"})
    thread = Thread.objects.get(title="Reading corners")
    post_twice(client, reverse("forums:reply", args=[thread.pk]), {"body": "Beanbags."})
    assert Post.objects.filter(thread=thread).count() == 2
    second = client.get(thread.get_absolute_url())
    assert "That was already sent; here it is" in second.content.decode()


def test_a_library_page_and_a_comment(people: Personas) -> None:
    client = signed_in_client(people.teacher)
    fields = {
        "kind": "page", "title": "Phonics starter", "subject": "other", "phase": "primary",
        "key_stage": "none", "licence": "cc_by", "audience": "family",
        "family": people.family.pk, "body": "Start with sounds.",
    }  # fmt: skip
    post_twice(client, "/library/share/?kind=page", fields)
    resource = Resource.objects.get(title="Phonics starter")
    url = reverse("library:comment_add", args=[resource.pk])
    post_twice(signed_in_client(people.head), url, {"body": "Used it today."})
    assert Comment.objects.filter(resource=resource).count() == 1


def test_a_library_version(people: Personas) -> None:
    resource = share_page(people.teacher, title="Spelling list", family=people.family)
    client = signed_in_client(people.teacher)
    url = f"/library/{resource.pk}/versions/new/"
    post_twice(client, url, {"body": "Second", "note": "Fixed typos"})
    assert resource.versions.count() == 2


def term_dates(people: Personas) -> None:
    term_calendar_save(actor=None, year=LANCASHIRE, la_name="Lancashire")
    term_calendar_save(actor=None, year=CEDAR, school=people.shared_school)


def test_an_agenda_item(people: Personas) -> None:
    term_dates(people)
    series = meetings.series_create(
        actor=people.coordinator, family=people.family, fields=y6_fields(people)
    )
    event = series.events.order_by("date").first()
    assert event is not None
    client = signed_in_client(people.teacher)
    url = reverse("meetings:agenda_add", args=[event.pk])
    post_twice(client, url, {"title": "Greater depth"})
    assert AgendaItem.objects.filter(event=event).count() == 1


def test_a_meeting_and_its_invitations(
    people: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    term_dates(people)
    client = signed_in_client(people.coordinator)
    url = reverse("meetings:series_create", args=[people.family.slug])
    form = {
        "title": "Y6 teachers' meeting", "kind": "teacher_meeting", "audience": "schools",
        "schools": [people.school.pk, people.second_school.pk, people.shared_school.pk],
        "host_school": people.school.pk, "first_date": "2031-09-01", "start_time": "15:45",
        "end_time": "17:00", "repeat": "half_term", "nth": "3", "weekday": "WE",
        "until": "2032-07-21", "reference_school": people.school.pk, "policy": "move",
    }  # fmt: skip
    # The preview is the form again (200): its token is given back, and saving uses it.
    token = new_token()
    preview = client.post(url, {**form, "preview": "1", FIELD: token})
    assert preview.status_code == 200 and not Series.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        post_twice(client, url, {**form, "save": "1"}, token)
    assert Series.objects.count() == 1
    invited = sorted(address for message in mail.outbox for address in message.to)
    assert invited == sorted({*invited})  # each invitee once
    assert invited


def test_a_coaching_goal(people: Personas) -> None:
    pair = publish_pair(make_world(people))
    client = signed_in_client(people.head)
    post_twice(client, reverse("mentoring:goals", args=[pair.pk]), {"title": "A balanced budget"})
    assert Goal.objects.filter(pair=pair).count() == 1


def test_a_form_sent_again_after_errors_goes_through(people: Personas) -> None:
    forum = make_forum(people)
    client = signed_in_client(people.teacher)
    url = reverse("forums:thread_create", args=[forum.board.pk])
    token = new_token()
    assert client.post(url, {"title": "", "body": "x", FIELD: token}).status_code == 200
    response = client.post(url, {"title": "Corrected", "body": "x", FIELD: token})
    assert response.status_code == 302
    assert Thread.objects.filter(title="Corrected").count() == 1


def test_the_same_token_from_another_person_is_their_own(people: Personas) -> None:
    forum = make_forum(people)
    thread = thread_create(actor=people.teacher, board=forum.board, title="Plans", body="x")
    url = reverse("forums:reply", args=[thread.pk])
    token = new_token()
    for person in (people.teacher, people.coordinator):
        response = signed_in_client(person).post(url, {"body": "Yes", FIELD: token})
        assert response.status_code == 302
    assert Post.objects.filter(thread=thread, is_opening=False).count() == 2
