"""A notification is its recipient's alone: a colleague at their school, the school's lead,
a family coordinator, a platform admin and an outsider can neither list, open (mark read)
nor mark it read in bulk; bad ids and wrong methods get a 4xx, never a 500."""

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from kinship.accounts.models import User
from kinship.accounts.services import user_create
from kinship.conftest import PASSWORD, Personas, signed_in_client
from kinship.families.models import Family
from kinship.notifications import registry, selectors, services
from kinship.notifications.models import Frequency, Notification
from kinship.notifications.rules import is_recipient
from kinship.schools.models import SchoolRole
from kinship.schools.services import school_role_grant

pytestmark = pytest.mark.django_db
TITLE = "Sam was told something private"
OTHERS = ["colleague", "school_lead", "coordinator", "platform_admin", "outsider"]


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch, people: Personas) -> dict[str, Any]:
    """Sam, a teacher at Alder, has one notification about something everyone here may see."""
    monkeypatch.setitem(registry._targets, "families.family", lambda user: Family.objects.all())
    sam = user_create(email="sam@a1.test", display_name="Sam Staff", password=PASSWORD)
    colleague = user_create(email="cole@a1.test", display_name="Cole Colleague", password=PASSWORD)
    for person in (sam, colleague):
        school_role_grant(actor=None, user=person, school=people.school, role=SchoolRole.Role.STAFF)
    [notification] = services.notify(
        recipients=[sam],
        kind="test.ping",
        title=TITLE,
        url="/families/",
        target=people.family,
        frequency_of=lambda person: Frequency.NEVER,
    )
    assert people.admin.is_superuser
    return {
        "sam": sam,
        "notification": notification,
        "colleague": colleague,
        "school_lead": people.head,
        "coordinator": people.coordinator,
        "platform_admin": people.admin,
        "outsider": people.outsider,
    }


def _unread(notification: Notification) -> bool:
    notification.refresh_from_db()
    return notification.read_at is None


@pytest.mark.parametrize("who", OTHERS)
def test_nobody_but_the_recipient_lists_opens_or_marks_it_read(
    told: dict[str, Any], who: str
) -> None:
    other: User = told[who]
    notification: Notification = told["notification"]
    assert not is_recipient(other, notification)
    assert not other.has_perm("notifications.view_notification", notification)
    assert not other.has_perm("notifications.change_notification", notification)
    assert not selectors.notifications_for(other).filter(pk=notification.pk).exists()
    client = signed_in_client(other)
    listed = client.get("/notifications/")
    assert listed.status_code == 200 and TITLE not in listed.content.decode()
    assert client.post(f"/notifications/{notification.pk}/open/").status_code == 404
    assert client.post("/notifications/read/").status_code == 302
    assert _unread(notification)
    with pytest.raises(PermissionDenied):
        services.notification_mark_read(actor=other, notification=notification)
    assert _unread(notification)
    assert selectors.unread_count(told["sam"]) == 1


def test_the_recipient_lists_opens_and_marks_it_read(told: dict[str, Any]) -> None:
    sam: User = told["sam"]
    notification: Notification = told["notification"]
    assert sam.has_perm("notifications.view_notification", notification)
    assert sam.has_perm("notifications.change_notification", notification)
    client = signed_in_client(sam)
    assert TITLE in client.get("/notifications/").content.decode()
    opened = client.post(f"/notifications/{notification.pk}/open/")
    assert opened.status_code == 302 and opened["Location"] == "/families/"
    assert not _unread(notification)
    assert selectors.unread_count(sam) == 0


def test_an_inactive_recipient_may_not_act_on_it(told: dict[str, Any]) -> None:
    sam: User = told["sam"]
    sam.is_active = False
    assert not is_recipient(sam, told["notification"])


def test_signed_out_people_are_sent_to_sign_in(told: dict[str, Any]) -> None:
    notification: Notification = told["notification"]
    for response in (
        Client().get("/notifications/"),
        Client().post(f"/notifications/{notification.pk}/open/"),
        Client().post("/notifications/read/"),
    ):
        assert response.status_code == 302 and "/login" in response["Location"]
    assert _unread(notification)


def test_bad_ids_pages_and_methods_get_4xx_not_500(told: dict[str, Any]) -> None:
    client = signed_in_client(told["sam"])
    notification: Notification = told["notification"]
    assert client.post("/notifications/999999/open/").status_code == 404
    assert client.post("/notifications/99999999999999999999/open/").status_code == 404
    assert client.post("/notifications/abc/open/").status_code == 404
    assert client.get(f"/notifications/{notification.pk}/open/").status_code == 405
    assert client.get("/notifications/read/").status_code == 405
    for page in ("x", "-1", "0", "99999999999999999999"):
        response = client.get("/notifications/", {"page": page})
        assert response.status_code == 200 and TITLE in response.content.decode()
    assert _unread(notification)


def test_an_unsafe_url_on_a_notification_is_not_followed(told: dict[str, Any]) -> None:
    notification: Notification = told["notification"]
    Notification.objects.filter(pk=notification.pk).update(url="https://evil.example/")
    opened = signed_in_client(told["sam"]).post(f"/notifications/{notification.pk}/open/")
    assert opened.status_code == 302 and opened["Location"] == "/notifications/"
