"""In-app notifications, immediate emails and digests, each re-checked against what the
recipient may see when it is shown or sent; one-click unsubscribe."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from kinship.accounts.models import User
from kinship.conftest import signed_in_client
from kinship.families.models import FamilyMembership
from kinship.families.services import circle_member_remove, family_membership_leave
from kinship.forums import services as forums
from kinship.forums.tests.conftest import make_forum
from kinship.library.models import Audience
from kinship.library.services import (
    ResourceFields,
    resource_update,
    resource_use_set,
    resource_version_add,
)
from kinship.library.tests.conftest import share_page
from kinship.notifications.emails import unsubscribe_url
from kinship.notifications.models import Notification, NotificationSettings
from kinship.notifications.services import notification_settings_update
from kinship.notifications.tasks import _send_digest, send_digests

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.RATE_LIMIT_PREFIX = "test-notifications"


def test_the_daily_digest_gathers_a_days_posts_once(people):
    forum = make_forum(people)
    forums.board_subscribe(actor=people.head, board=forum.board, frequency="daily")
    forums.thread_create(
        actor=people.teacher, board=forum.board, title="Spring moderation", body="Dates?"
    )
    forums.thread_create(
        actor=people.coordinator, board=forum.board, title="INSET ideas", body="Any?"
    )
    mail.outbox.clear()
    call_command("send_notification_digests", "--frequency", "daily")
    [digest] = [m for m in mail.outbox if m.to == [people.head.email]]
    assert "Spring moderation" in digest.body and "INSET ideas" in digest.body
    assert digest.extra_headers["List-Unsubscribe"].startswith("<http")
    assert "/notifications/unsubscribe/" in digest.body
    call_command("send_notification_digests", "--frequency", "daily")
    assert len([m for m in mail.outbox if m.to == [people.head.email]]) == 1


def test_a_digest_leaves_out_what_the_recipient_can_no_longer_see(people):
    board = forums.circle_board_ensure(actor=people.head, circle=people.confidential_circle)
    forums.board_subscribe(actor=people.teacher, board=board, frequency="weekly")
    forums.thread_create(actor=people.head, board=board, title="Budget worries", body="Help")
    assert Notification.objects.filter(recipient=people.teacher).count() == 1
    membership = people.confidential_circle.memberships.get(user=people.teacher)
    circle_member_remove(actor=people.head, membership=membership)
    mail.outbox.clear()
    call_command("send_notification_digests", "--frequency", "weekly", "--now")
    assert not [m for m in mail.outbox if m.to == [people.teacher.email]]
    page = signed_in_client(people.teacher).get("/notifications/").content.decode()
    assert "Budget worries" not in page


def digests_to(person: User) -> list[EmailMessage]:
    return [m for m in mail.outbox if m.to == [person.email]]


def test_a_digest_leaves_out_a_board_the_person_left_with_their_school(people):
    forum = make_forum(people)
    forums.board_subscribe(actor=people.head, board=forum.board, frequency="daily")
    forums.thread_create(actor=people.teacher, board=forum.board, title="Staffing", body="Hm")
    membership = FamilyMembership.objects.get(family=people.family, school=people.school)
    family_membership_leave(actor=people.head, membership=membership)
    mail.outbox.clear()
    assert send_digests("daily") == 0
    assert not digests_to(people.head)


def test_a_digest_leaves_out_a_resource_unshared_since(people, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    resource = share_page(people.head, title="Phonics plan", family=people.family)
    resource_use_set(actor=people.coordinator, resource=resource, used=True)
    resource_version_add(actor=people.head, resource=resource, note="Spring term", body="New")
    assert Notification.objects.filter(recipient=people.coordinator, frequency="daily").exists()
    # Moved to the heads' confidential circle, which the coordinator is not in.
    resource_update(
        actor=people.head,
        resource=resource,
        fields=ResourceFields(
            title=resource.title,
            licence=resource.licence,
            audience=Audience.CIRCLE,
            circle=people.confidential_circle,
        ),
    )
    mail.outbox.clear()
    assert send_digests("daily") == 0
    assert not digests_to(people.coordinator)


def test_no_digest_when_nothing_is_new(people):
    forum = make_forum(people)
    forums.board_subscribe(actor=people.head, board=forum.board, frequency="daily")
    mail.outbox.clear()
    assert send_digests("daily") == 0  # nothing at all
    forums.thread_create(actor=people.teacher, board=forum.board, title="Read", body="Seen")
    Notification.objects.filter(recipient=people.head).update(read_at=timezone.now())
    assert send_digests("daily") == 0  # read in Kinship already
    assert not digests_to(people.head)


def test_at_most_one_digest_a_period_even_when_a_second_run_overlaps(people):
    forum = make_forum(people)
    forums.board_subscribe(actor=people.head, board=forum.board, frequency="daily")
    forums.thread_create(actor=people.teacher, board=forum.board, title="First", body="One")
    mail.outbox.clear()
    now = timezone.now()
    assert _send_digest(people.head, "daily", now)
    # An overlapping run that listed the head before the first run finished.
    forums.thread_create(actor=people.teacher, board=forum.board, title="Second", body="Two")
    assert not _send_digest(people.head, "daily", timezone.now())
    assert send_digests("daily") == 0
    [digest] = digests_to(people.head)
    assert "First" in digest.body and "Second" not in digest.body
    # The next period's digest has it.
    NotificationSettings.objects.filter(user=people.head).update(
        last_daily_at=now - timedelta(days=1)
    )
    assert send_digests("daily") == 1
    assert "Second" in digests_to(people.head)[-1].body


def test_a_hidden_post_is_not_sent_in_the_digest(people):
    forum = make_forum(people)
    forums.board_subscribe(actor=people.head, board=forum.board, frequency="daily")
    thread = forums.thread_create(
        actor=people.teacher, board=forum.board, title="Oops", body="Rude"
    )
    forums.post_hide(actor=people.coordinator, post=thread.posts.get(), reason="Unkind")
    mail.outbox.clear()
    call_command("send_notification_digests", "--frequency", "daily", "--now")
    assert not [m for m in mail.outbox if m.to == [people.head.email]]
    assert Notification.objects.filter(recipient=people.head, emailed_at__isnull=True).count() == 0


def test_unsubscribe_is_one_click_and_needs_no_sign_in(people):
    url = unsubscribe_url(people.head)
    path = url.split("testserver", 1)[-1].replace("http://127.0.0.1:8000", "")
    client = Client(enforce_csrf_checks=True)
    page = client.get(path)
    assert page.status_code == 200 and "all emails from Kinship" in page.content.decode()
    # What a mail app sends for RFC 8058 one-click: a POST with no cookies or CSRF token.
    done = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200
    assert NotificationSettings.objects.get(user=people.head).emails_enabled is False
    assert client.get("/notifications/unsubscribe/forged/").status_code == 404


def test_unsubscribing_from_a_board_stops_only_that_board(people):
    forum = make_forum(people)
    forums.board_subscribe(actor=people.head, board=forum.board, frequency="daily")
    path = unsubscribe_url(people.head, f"forums.board:{forum.board.pk}").replace(
        "http://127.0.0.1:8000", ""
    )
    assert "Kaizen staffroom" in Client().get(path).content.decode()
    Client().post(path)
    forums.thread_create(actor=people.teacher, board=forum.board, title="After", body="x")
    assert not Notification.objects.filter(
        recipient=people.head, frequency="daily", emailed_at__isnull=True
    ).exists()


def test_the_notifications_page_lists_and_opens(people):
    forum = make_forum(people)
    forums.thread_create(
        actor=people.teacher, board=forum.board, title="Hi", body="@Hana Head look"
    )
    client = signed_in_client(people.head)
    page = client.get("/notifications/").content.decode()
    assert "mentioned you" in page
    notification = Notification.objects.get(recipient=people.head)
    response = client.post(f"/notifications/{notification.pk}/open/")
    assert response.status_code == 302 and response["Location"] == notification.url
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert (
        signed_in_client(people.teacher).post(f"/notifications/{notification.pk}/open/").status_code
        == 404
    )


def test_email_choices_are_saved(people):
    client = signed_in_client(people.head)
    response = client.post("/notifications/settings/", {"frequency": "weekly", "mentions": "daily"})
    assert response.status_code == 302
    chosen = NotificationSettings.objects.get(user=people.head)
    assert (chosen.frequency, chosen.mentions, chosen.emails_enabled) == ("weekly", "daily", False)
    notification_settings_update(
        actor=people.head, frequency="daily", mentions="immediate", emails_enabled=True
    )
