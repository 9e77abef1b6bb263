"""A person's calendar feed address and their meeting email choices."""

from django.db import transaction

from kinship.accounts.models import User
from kinship.core.audit import audit_log
from kinship.core.concurrency import lock_unchanged
from kinship.meetings.models import CalendarSettings, new_feed_token


def calendar_settings_of(user: User) -> CalendarSettings:
    settings, _ = CalendarSettings.objects.get_or_create(user=user)
    return settings


@transaction.atomic
def feed_token_reset(*, actor: User) -> CalendarSettings:
    """A new secret feed address; the old one stops working at once."""
    settings = calendar_settings_of(actor)
    settings.feed_token = new_feed_token()
    settings.save(update_fields=["feed_token"])
    audit_log(actor=actor, action="meetings.feed_reset", target=settings)
    return settings


CALENDAR_SETTINGS_EDIT_FIELDS = ("weekly_digest", "reminders")


@transaction.atomic
def calendar_settings_update(
    *, actor: User, weekly_digest: bool, reminders: bool, version: str | None = None
) -> None:
    """The person's email choices. `version` is the settings' edit version as the form
    showed them (another tab saved since raises EditConflict); None saves regardless."""
    settings = calendar_settings_of(actor)
    settings = lock_unchanged(settings, CALENDAR_SETTINGS_EDIT_FIELDS, version)
    settings.weekly_digest, settings.reminders = weekly_digest, reminders
    settings.save(update_fields=["weekly_digest", "reminders"])
