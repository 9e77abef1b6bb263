"""UK GDPR: a person's export holds their email choices and their notifications; erasing
them deletes both, and other people's notifications that named them name a former member."""

import io
import json
import zipfile
from typing import Any

import pytest

from kinship.accounts.services import user_create
from kinship.conftest import PASSWORD, Personas
from kinship.forums import services as forums
from kinship.forums.tests.conftest import make_forum
from kinship.notifications import services
from kinship.notifications.models import Notification, NotificationSettings
from kinship.privacy.services import FORMER_MEMBER, privacy_erase, privacy_export
from kinship.schools.models import SchoolRole
from kinship.schools.services import school_role_grant

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def immediate_tasks(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.RATE_LIMIT_PREFIX = "test-notifications-privacy"


def _notifications_json(person: Any) -> dict[str, Any]:
    archive = zipfile.ZipFile(io.BytesIO(privacy_export(actor=person, user=person)))
    return dict(json.loads(archive.read("notifications.json")))


def test_the_export_holds_the_persons_email_choices_and_notifications(people: Personas) -> None:
    forum = make_forum(people)
    services.notification_settings_update(
        actor=people.head, frequency="weekly", mentions="daily", emails_enabled=False
    )
    forums.thread_create(
        actor=people.teacher, board=forum.board, title="Rotas", body="@Hana Head can you?"
    )
    data = _notifications_json(people.head)
    [chosen] = data["NotificationSettings.user"]
    assert (chosen["frequency"], chosen["mentions"], chosen["emails_enabled"]) == (
        "weekly",
        "daily",
        False,
    )
    [told] = data["Notification.recipient"]
    assert (
        told["title"] == "Tom Teacher mentioned you in Rotas" and told["kind"] == "forums.mention"
    )
    # Only the person's own: the teacher's export has none of the head's.
    archive = zipfile.ZipFile(io.BytesIO(privacy_export(actor=None, user=people.teacher)))
    assert "mentioned you in Rotas" not in "".join(
        archive.read(name).decode(errors="replace") for name in archive.namelist()
    )


def test_erasure_deletes_the_persons_choices_and_notifications(people: Personas) -> None:
    forum = make_forum(people)
    services.notification_settings_update(
        actor=people.head, frequency="weekly", mentions="daily", emails_enabled=True
    )
    forums.thread_create(
        actor=people.teacher, board=forum.board, title="Rotas", body="@Hana Head can you?"
    )
    assert Notification.objects.filter(recipient=people.head).exists()
    privacy_erase(actor=None, user=people.head)
    assert not Notification.objects.filter(recipient=people.head).exists()
    assert not NotificationSettings.objects.filter(user=people.head).exists()
    privacy_erase(actor=None, user=people.head)  # again: nothing more, no error


def test_erasure_names_a_former_member_in_other_peoples_notifications(people: Personas) -> None:
    forum = make_forum(people)
    forums.thread_create(
        actor=people.teacher, board=forum.board, title="Rotas", body="@Hana Head can you?"
    )
    [told] = Notification.objects.filter(recipient=people.head)
    assert "Tom Teacher" in told.title
    privacy_erase(actor=None, user=people.teacher)
    told.refresh_from_db()
    assert "Tom Teacher" not in told.title and "teacher@a2.test" not in told.body
    assert told.title == f"{FORMER_MEMBER} mentioned you in Rotas"


def test_erasing_someone_with_a_short_name_leaves_other_words_alone(people: Personas) -> None:
    """Only the whole name is replaced: erasing "Al" must not turn "Alder" into nonsense."""
    al = user_create(email="al@a1.test", display_name="Al", password=PASSWORD)
    school_role_grant(actor=None, user=al, school=people.school, role=SchoolRole.Role.STAFF)
    forum = make_forum(people)
    forums.thread_create(
        actor=al, board=forum.board, title="Alder trip", body="@Hana Head: Al booked Alder Park"
    )
    [told] = Notification.objects.filter(recipient=people.head)
    assert told.title == "Al mentioned you in Alder trip"
    privacy_erase(actor=None, user=al)
    told.refresh_from_db()
    assert told.title == f"{FORMER_MEMBER} mentioned you in Alder trip"
    assert told.body.endswith(f"{FORMER_MEMBER} booked Alder Park")
