"""A meeting's agenda, its minutes (with their history) and the actions agreed."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kinship.accounts.models import User
from kinship.core.concurrency import lock_unchanged
from kinship.meetings import selectors
from kinship.meetings.models import Action, AgendaItem, Event, MinutesRevision


@transaction.atomic
def agenda_item_add(
    *, actor: User, event: Event, title: str, detail: str = "", minutes_allowed: int | None = None
) -> AgendaItem:
    if event.cancelled:
        raise ValidationError("This date has been cancelled.")
    if event.starts_at <= timezone.now():
        raise ValidationError("The meeting has started: add points to the minutes instead.")
    if not title.strip():
        raise ValidationError({"title": "Say what you would like to discuss."})
    return AgendaItem.objects.create(
        event=event,
        proposer=actor,
        title=title.strip(),
        detail=detail,
        minutes_allowed=minutes_allowed,
    )


@transaction.atomic
def agenda_item_remove(*, actor: User, item: AgendaItem) -> None:
    item.delete()


MINUTES_EDIT_FIELDS = ("minutes",)


@transaction.atomic
def minutes_save(*, actor: User, event: Event, text: str, version: str | None = None) -> Event:
    """Write the minutes; the words they replace stay in the minutes' history.

    `version` is the minutes' edit version as the form showed them: minutes saved since
    raise EditConflict; None (a script) saves regardless, though still behind the lock."""
    event = lock_unchanged(event, MINUTES_EDIT_FIELDS, version)
    text = text.strip()
    if text == event.minutes:
        return event
    if event.minutes:
        MinutesRevision.objects.create(
            event=event,
            text=event.minutes,
            written_by_id=event.minutes_by_id,
            written_at=event.minutes_updated_at,
            replaced_by=actor,
        )
    event.minutes = text
    event.minutes_by = actor
    event.minutes_updated_at = timezone.now()
    event.save(update_fields=["minutes", "minutes_by", "minutes_updated_at", "updated_at"])
    return event


@transaction.atomic
def action_add(
    *, actor: User, event: Event, text: str, owner: User, due: date | None = None
) -> Action:
    if not text.strip():
        raise ValidationError({"text": "Say what is to be done."})
    if not selectors.invitees(event.series).filter(pk=owner.pk).exists():
        raise ValidationError({"owner": "An action's owner must be invited to the meeting."})
    if due is not None and due < event.date:
        raise ValidationError({"due": "An action cannot be due before the meeting."})
    return Action.objects.create(
        event=event, text=text.strip(), owner=owner, due=due, created_by=actor
    )


@transaction.atomic
def action_set_done(*, actor: User, action: Action, done: bool) -> Action:
    action.done_at = timezone.now() if done else None
    action.save(update_fields=["done_at"])
    return action
