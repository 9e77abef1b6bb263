"""A person's email choices saved from two tabs: the later stale save is refused with the
earlier one shown, not silently lost (issue 16)."""

import pytest
from django.urls import reverse

from kinship.conftest import Personas, signed_in_client
from kinship.core.concurrency import EditConflict, edit_version
from kinship.core.tests.stale import stale_save_is_refused
from kinship.notifications import services
from kinship.notifications.models import NotificationSettings

pytestmark = pytest.mark.django_db


def test_two_stale_saves_of_email_choices_keep_the_first_and_refuse_the_second(
    people: Personas,
) -> None:
    person = people.teacher
    NotificationSettings.objects.filter(user=person).delete()  # the form creates them
    url = reverse("notifications:settings")
    tab_a, tab_b = signed_in_client(person), signed_in_client(person)
    data_a = {"frequency": "weekly", "mentions": "immediate", "emails_enabled": "on"}
    data_b = {"frequency": "never", "mentions": "immediate", "emails_enabled": "on"}
    version = stale_save_is_refused(tab_a, tab_b, url, data_a, data_b, shows="In a weekly digest")
    assert NotificationSettings.objects.get(user=person).frequency == "weekly"
    again = tab_b.post(url, {**data_b, "edit_version": version})
    assert again.status_code == 302
    assert NotificationSettings.objects.get(user=person).frequency == "never"


def test_the_service_refuses_a_stale_version_and_a_script_without_one_still_saves(
    people: Personas,
) -> None:
    person = people.teacher
    NotificationSettings.objects.filter(user=person).delete()
    empty = edit_version(NotificationSettings(user=person), services.SETTINGS_FIELDS)

    def save(frequency: str, version: str | None) -> NotificationSettings:
        return services.notification_settings_update(
            actor=person, frequency=frequency, mentions="immediate", emails_enabled=True,
            version=version,
        )  # fmt: skip

    save("weekly", empty)
    with pytest.raises(EditConflict) as raised:
        save("never", empty)  # a form shown before the first save
    current = raised.value.current
    assert isinstance(current, NotificationSettings) and current.frequency == "weekly"
    save("never", None)  # no version: a script
    assert NotificationSettings.objects.get(user=person).frequency == "never"
