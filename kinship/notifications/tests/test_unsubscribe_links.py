"""Unsubscribe links ("Stop emails like this one" and the List-Unsubscribe one-click POST):
a link stops exactly what it names or says it was not recognised, never everything; a
forged or changed link changes nothing; a link for a board deleted since still works."""

import re
from datetime import timedelta
from typing import Any
from unittest import mock

import pytest
from django.core import signing
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kinship.accounts.models import User
from kinship.conftest import Personas
from kinship.forums import services as forums
from kinship.forums.models import BoardSubscription
from kinship.forums.tests.conftest import make_forum
from kinship.notifications import services
from kinship.notifications.emails import single_email
from kinship.notifications.models import Frequency, Notification, NotificationSettings
from kinship.notifications.tokens import ALL, SALT, read_unsubscribe_token, unsubscribe_token

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def immediate_tasks(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.RATE_LIMIT_PREFIX = "test-notifications-unsubscribe"


def _path(token: str) -> str:
    return reverse("notifications:unsubscribe", args=[token])


def _emails_on(person: User) -> bool:
    found = NotificationSettings.objects.filter(user=person).first()
    return found is None or found.emails_enabled


def _one_click(token: str) -> Any:
    """What a mail app sends for RFC 8058: a POST without cookies or a CSRF token."""
    return Client(enforce_csrf_checks=True).post(_path(token), {"List-Unsubscribe": "One-Click"})


@pytest.mark.parametrize(
    "topic",
    ["library.resource:5", "forums.board", "forums.safety_alert", "nonsense", "forums.board:"],
)
def test_a_link_for_a_topic_kinship_does_not_know_turns_nothing_off(
    people: Personas, topic: str
) -> None:
    person = people.head
    token = unsubscribe_token(person, topic)
    page = Client().get(_path(token))
    assert page.status_code == 404
    text = page.content.decode()
    assert "not recognise" in text and "all emails from Kinship" not in text
    assert 'method="post"' not in text  # no button that would stop anything
    done = _one_click(token)
    assert done.status_code == 404 and "not recognise" in done.content.decode()
    assert _emails_on(person)
    with pytest.raises(ValidationError):
        services.unsubscribe(token=token)
    assert _emails_on(person)


def test_a_changed_or_forged_link_changes_nothing(people: Personas) -> None:
    person = people.head
    good = unsubscribe_token(person)
    changed = good[:-3] + ("AAA" if not good.endswith("AAA") else "BBB")
    other_salt = signing.dumps({"u": person.pk, "t": "all"}, compress=True)
    other_person = unsubscribe_token(people.teacher)[:-2] + good[-2:]
    for token in (changed, other_salt, other_person, "forged", "a" * 300):
        page = Client().get(_path(token))
        assert page.status_code == 404 and "not one Kinship sent" in page.content.decode()
        assert _one_click(token).status_code == 404
    assert _emails_on(person) and _emails_on(people.teacher)


def test_a_link_of_someone_no_longer_active_changes_nothing(people: Personas) -> None:
    token = unsubscribe_token(people.teacher)
    User.objects.filter(pk=people.teacher.pk).update(is_active=False)
    assert Client().get(_path(token)).status_code == 404
    assert _one_click(token).status_code == 404
    assert _emails_on(people.teacher)


def test_a_link_from_an_email_two_years_old_still_works(people: Personas) -> None:
    """Tokens have no expiry by design (tokens.py): an old email's link must still work."""
    long_ago = timezone.now() - timedelta(days=730)
    with mock.patch("django.core.signing.time.time", return_value=long_ago.timestamp()):
        token = unsubscribe_token(people.head)
    assert signing.loads(token, salt=SALT) == {"u": people.head.pk, "t": "all"}
    # Opening the link (or a mail scanner fetching it) asks; only the POST acts.
    assert Client().get(_path(token)).status_code == 200
    assert Client().head(_path(token)).status_code == 405
    assert _emails_on(people.head)
    assert _one_click(token).status_code == 200
    assert not _emails_on(people.head)


def test_a_board_link_stops_that_board_and_leaves_other_email_on(people: Personas) -> None:
    forum = make_forum(people)
    forums.board_subscribe(actor=people.head, board=forum.board, frequency="daily")
    topic = f"forums.board:{forum.board.pk}"
    forums.thread_create(actor=people.teacher, board=forum.board, title="Before", body="x")
    page = Client().get(_path(unsubscribe_token(people.head, topic)))
    assert page.status_code == 200 and "Kaizen staffroom" in page.content.decode()
    assert _one_click(unsubscribe_token(people.head, topic)).status_code == 200
    assert _emails_on(people.head)
    subscription = BoardSubscription.objects.get(user=people.head, board=forum.board)
    assert subscription.frequency == Frequency.NEVER
    waiting = Notification.objects.filter(recipient=people.head, topic=topic)
    assert waiting.count() == 1 and waiting.get().emailed_at is not None  # not in a digest
    # The same link again: still a clear page, nothing doubled.
    assert _one_click(unsubscribe_token(people.head, topic)).status_code == 200
    assert BoardSubscription.objects.filter(user=people.head, board=forum.board).count() == 1


def test_a_link_for_a_board_deleted_since_gives_a_clear_page_not_an_error(
    people: Personas,
) -> None:
    forum = make_forum(people)
    forums.board_subscribe(actor=people.head, board=forum.board, frequency="daily")
    topic = f"forums.board:{forum.board.pk}"
    forums.thread_create(actor=people.teacher, board=forum.board, title="Gone", body="x")
    token = unsubscribe_token(people.head, topic)
    forum.board.delete()
    page = Client().get(_path(token))
    assert page.status_code == 200
    assert "a board" in page.content.decode()
    assert "all emails from Kinship" not in page.content.decode()
    done = _one_click(token)
    assert done.status_code == 200 and 'id="unsubscribed"' in done.content.decode()
    assert _emails_on(people.head)  # not a blanket opt-out
    # What was waiting about the deleted board is not sent in a digest.
    assert not Notification.objects.filter(
        recipient=people.head, topic=topic, emailed_at__isnull=True
    ).exists()


def _links(text: str) -> list[str | None]:
    """The topics of the unsubscribe links in an email, in order (None: not ours)."""
    tokens = re.findall(r"/notifications/unsubscribe/([^/\s\"]+)/", text)
    return [found[1] if (found := read_unsubscribe_token(t)) else None for t in tokens]


def test_an_email_offers_stop_like_this_only_when_it_stops_less_than_everything(
    people: Personas,
) -> None:
    forum = make_forum(people)
    topic = f"forums.board:{forum.board.pk}"
    about_board = Notification(recipient=people.head, title="On the board", url="/", topic=topic)
    no_topic = Notification(recipient=people.head, title="A new version", url="/")
    board_email, plain_email = single_email(about_board), single_email(no_topic)
    html = str(board_email.alternatives[0][0])
    for text in (str(board_email.body), html):
        assert "Stop emails like this one" in text and _links(text) == [topic, ALL]
    assert _links(board_email.extra_headers["List-Unsubscribe"]) == [topic]
    # Without a topic the only link stops all email: it is named so, never "like this one".
    html = str(plain_email.alternatives[0][0])
    for text in (str(plain_email.body), html):
        assert "Stop emails like this one" not in text
        assert "Stop all emails from Kinship" in text and _links(text) == [ALL]
