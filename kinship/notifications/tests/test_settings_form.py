"""The email choices form: wrong input is a form error (never a 500) and saves nothing; the
same POST sent twice leaves one row with the same choices."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from kinship.conftest import Personas, signed_in_client
from kinship.notifications import services
from kinship.notifications.models import NotificationSettings

pytestmark = pytest.mark.django_db
URL = "/notifications/settings/"
GOOD = {"frequency": "weekly", "mentions": "immediate", "emails_enabled": "on"}


@pytest.mark.parametrize(
    "bad",
    [
        {"frequency": "hourly"},
        {"frequency": ""},
        {"mentions": "sometimes"},
        {"mentions": "forums.board:1"},
        {"frequency": "x" * 5000},
        {"frequency": "Never"},  # case matters: only the listed values
    ],
)
def test_an_unknown_choice_is_a_form_error_and_saves_nothing(
    people: Personas, bad: dict[str, str]
) -> None:
    client = signed_in_client(people.head)
    response = client.post(URL, {**GOOD, **bad})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode() or (
        "This field is required" in response.content.decode()
    )
    assert not NotificationSettings.objects.filter(user=people.head).exists()


def test_missing_fields_are_form_errors_even_in_an_empty_post(people: Personas) -> None:
    response = signed_in_client(people.head).post(URL, {})
    assert response.status_code == 200 and "This field is required" in response.content.decode()
    assert not NotificationSettings.objects.filter(user=people.head).exists()


def test_an_unknown_extra_field_is_ignored_and_a_garbled_version_is_not_a_500(
    people: Personas,
) -> None:
    client = signed_in_client(people.head)
    saved = client.post(URL, {**GOOD, "topic": "no.such:topic", "frequency[]": "hourly"})
    assert saved.status_code == 302
    assert NotificationSettings.objects.get(user=people.head).frequency == "weekly"
    garbled = client.post(URL, {**GOOD, "frequency": "never", "edit_version": "<script>"})
    assert garbled.status_code == 409  # a version that is not the current one: refused
    assert NotificationSettings.objects.get(user=people.head).frequency == "weekly"


def test_the_same_post_twice_leaves_one_row_with_the_same_choices(people: Personas) -> None:
    client = signed_in_client(people.head)
    first = client.post(URL, GOOD)
    second = client.post(URL, GOOD)
    assert first.status_code == second.status_code == 302
    [chosen] = NotificationSettings.objects.filter(user=people.head)
    assert (chosen.frequency, chosen.mentions, chosen.emails_enabled) == (
        "weekly",
        "immediate",
        True,
    )


def test_showing_the_form_saves_nothing_and_other_methods_are_refused(people: Personas) -> None:
    client = signed_in_client(people.head)
    page = client.get(URL)
    assert page.status_code == 200 and 'name="edit_version"' in page.content.decode()
    assert not NotificationSettings.objects.filter(user=people.head).exists()
    assert client.put(URL, GOOD).status_code == 405
    assert client.delete(URL).status_code == 405
    signed_out = Client().post(URL, GOOD)
    assert signed_out.status_code == 302 and "/login" in signed_out["Location"]
    assert not NotificationSettings.objects.filter(user=people.head).exists()


@pytest.mark.parametrize("field", ["frequency", "mentions"])
def test_the_service_refuses_an_unknown_frequency(people: Personas, field: str) -> None:
    choices: dict[str, Any] = {"frequency": "daily", "mentions": "daily", "emails_enabled": True}
    choices[field] = "hourly"
    with pytest.raises(ValidationError):
        services.notification_settings_update(actor=people.head, **choices)
    assert not NotificationSettings.objects.filter(user=people.head).exists()
