"""Saving series and their dates: create, edit one date, this and the following ones, or all,
and cancel. Invitations go by a task once the change has committed."""

import uuid
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kinship.accounts.models import User
from kinship.core.audit import audit_log
from kinship.core.concurrency import lock_unchanged
from kinship.core.queue import enqueue_with_change
from kinship.families.models import Family
from kinship.meetings import recurrence, selectors
from kinship.meetings.models import Audience, Event, Rsvp, Series
from kinship.meetings.services.planning import (
    WHEN_PUPILS_ARE_AWAY,
    Plan,
    PlannedDate,
    SeriesFields,
    plan_series,
)
from kinship.meetings.services.replies import _promote_all_waiting

LONDON = timezone.get_default_timezone()


class Scope:
    ONE = "one"
    FOLLOWING = "following"
    ALL = "all"


def _at(day: date, moment: time) -> datetime:
    return datetime.combine(day, moment, tzinfo=LONDON)


def _series_values(fields: SeriesFields) -> dict[str, Any]:
    return {
        "title": fields.title,
        "kind": fields.kind,
        "description": fields.description,
        "audience": fields.audience,
        "circle": fields.circle if fields.audience == Audience.CIRCLE else None,
        "host_school": fields.host_school,
        "room": fields.room,
        "online_url": fields.online_url,
        "capacity": fields.capacity,
        "start_time": fields.start_time,
        "end_time": fields.end_time,
        "rule": fields.rule or None,
        "reference_school": fields.reference_school,
        "policy": fields.policy,
        "first_date": fields.first_date,
        "until": fields.until,
        "managed_by": fields.managed_by,
        "managed_url": fields.managed_url,
    }


def _event_values(series: Series, planned: PlannedDate) -> dict[str, Any]:
    return {
        "original_date": planned.original,
        "date": planned.date,
        "starts_at": _at(planned.date, series.start_time),
        "ends_at": _at(planned.date, series.end_time),
        "title": series.title,
        "host_school": series.host_school,
        "room": series.room,
        "online_url": series.online_url,
        "capacity": series.capacity,
        "move_reason": planned.reason,
        "cancelled": False,
    }


def audit_name(series: Series) -> str:
    """How the audit log names a series: admins read the log, and a confidential circle's
    meetings are its members' alone, titles included."""
    if series.audience == Audience.CIRCLE and series.circle and series.circle.confidential:
        return "A meeting of a confidential circle"
    return series.title


def _notify(events: Iterable[Event], method: str, *, to: Iterable[int] | None = None) -> None:
    """Email invitees (or only the people `to`) about these dates: the task is enqueued
    with the change, so it goes if and only if the change commits."""
    from kinship.meetings.tasks import send_event_invitations

    ids = [event.pk for event in events]
    people = sorted(to) if to is not None else None
    if ids:
        sending = uuid.uuid4().hex[:12]  # this change's emails, whatever retries follow
        enqueue_with_change(send_event_invitations, ids, method, people, sending)


@transaction.atomic
def series_create(*, actor: User, family: Family, fields: SeriesFields) -> Series:
    plan = plan_series(family=family, fields=fields)
    series = Series.objects.create(family=family, organiser=actor, **_series_values(fields))
    series.schools.set(fields.schools if fields.audience == Audience.SCHOOLS else [])
    series.guests.set(fields.guests)
    events = Event.objects.bulk_create(
        [Event(series=series, **_event_values(series, planned)) for planned in plan.dates]
    )
    audit_log(
        actor=actor,
        action="meetings.series_create",
        target=series,
        summary=f"{audit_name(series)}: {len(events)} date(s)",
    )
    # Dates already past (a series entered part-way through the year) are not sent.
    _notify(series.events.filter(ends_at__gte=timezone.now()), "REQUEST")
    return series


def _sync_events(
    series: Series, plan: Plan, *, series_changed: bool = False
) -> tuple[list[Event], list[Event]]:
    """Make the series' unedited, future events match the plan; the past stays as it was.
    `series_changed`: what every date shares changed (its description, kind, audience), so
    every future date is sent again. Returns (changed, cancelled)."""
    existing = {e.original_date: e for e in series.events.all() if e.original_date}
    changed: list[Event] = []
    for planned in plan.dates:
        event = existing.pop(planned.original, None)
        if event is None:
            changed.append(Event.objects.create(series=series, **_event_values(series, planned)))
            continue
        if event.edited or event.is_past:
            continue
        values = _event_values(series, planned)
        if series_changed or any(getattr(event, name) != value for name, value in values.items()):
            if values["date"] != event.date:
                event.reminder_sent_at = None
            for name, value in values.items():
                setattr(event, name, value)
            event.sequence += 1
            event.save()
            changed.append(event)
            _promote_all_waiting(event)
    cancelled: list[Event] = []
    for event in existing.values():
        if event.cancelled or event.is_past:
            continue
        # Kept, cancelled, so that replies and agendas are not lost and calendars are told.
        event.cancelled, event.sequence = True, event.sequence + 1
        event.save(update_fields=["cancelled", "sequence", "updated_at"])
        cancelled.append(event)
    return changed, cancelled


EVENT_EDIT_FIELDS = (
    "title", "date", "starts_at", "ends_at", "host_school", "room", "online_url", "capacity",
    "cancelled", "series_settings",
)  # fmt: skip


@transaction.atomic
def series_update(
    *, actor: User, event: Event, scope: str, fields: SeriesFields, version: str | None = None
) -> Series:
    """Change one date, this date and those after it, or the whole series.

    `version` is the event's edit version (with its series' settings) as the form showed it:
    a change saved since raises EditConflict; None (a script) saves regardless."""
    # The series first, as every series change locks it first, then this date.
    series = Series.objects.select_for_update().get(pk=event.series_id)
    event = lock_unchanged(event, EVENT_EDIT_FIELDS, version)
    if scope == Scope.ONE:
        event_update(actor=actor, event=event, fields=fields)
        return series
    if scope == Scope.FOLLOWING and event.original_date and event.original_date > series.first_date:
        return _split_series(actor=actor, series=series, at=event, fields=fields)
    plan = plan_series(family=series.family, fields=fields)
    invited_before = _invitee_ids(series)
    series_changed = _apply_series_fields(series, fields)
    changed, cancelled = _sync_events(series, plan, series_changed=series_changed)
    audit_log(
        actor=actor, action="meetings.series_update", target=series, summary=audit_name(series)
    )
    _notify(changed, "REQUEST")
    _notify(cancelled, "CANCEL")
    _tell_invitation_changes(series, invited_before, already_sent=changed)
    return series


SHARED_FIELDS = ("title", "kind", "description", "audience", "circle")


def _apply_series_fields(series: Series, fields: SeriesFields) -> bool:
    """Save the series' fields; True when what every date shares (and so every calendar
    entry and invitation) has changed."""
    values = _series_values(fields)
    before = [getattr(series, name) for name in SHARED_FIELDS]
    before_schools = set(series.schools.values_list("pk", flat=True))
    before_guests = set(series.guests.values_list("pk", flat=True))
    for name, value in values.items():
        setattr(series, name, value)
    series.save()
    schools = fields.schools if fields.audience == Audience.SCHOOLS else []
    series.schools.set(schools)
    series.guests.set(fields.guests)
    return (
        before != [getattr(series, name) for name in SHARED_FIELDS]
        or before_schools != {school.pk for school in schools}
        or before_guests != {guest.pk for guest in fields.guests}
    )


def _invitee_ids(series: Series) -> set[int]:
    return set(selectors.invitees(series).values_list("pk", flat=True))


def _tell_invitation_changes(
    series: Series, invited_before: set[int], *, already_sent: Iterable[Event] = ()
) -> None:
    """People no longer invited lose their replies and get a cancellation; people newly
    invited get the future dates (all of them, not only those that changed): the changed
    ones reached them with everyone's, so only the rest are sent, and nothing twice."""
    invited_now = _invitee_ids(series)
    removed, added = invited_before - invited_now, invited_now - invited_before
    future = list(series.events.filter(cancelled=False, ends_at__gte=timezone.now()))
    if removed:
        Rsvp.objects.filter(event__in=future, user_id__in=removed).delete()
        _notify(future, "CANCEL", to=removed)
    sent = {event.pk for event in already_sent}
    if added:
        _notify([e for e in future if e.pk not in sent], "REQUEST", to=added)


def _split_series(*, actor: User, series: Series, at: Event, fields: SeriesFields) -> Series:
    """End the series before `at` and start a new one there with the new fields."""
    assert at.original_date is not None
    cut = at.original_date
    # From the date the rule gave, not where it was moved to: else the moved date itself
    # would fall before the new first date and be cancelled.
    fields.first_date = cut
    plan = plan_series(family=series.family, fields=fields)
    series.until = cut - timedelta(days=1)
    series.save(update_fields=["until", "updated_at"])
    following = Series.objects.create(
        family=series.family, organiser=series.organiser, **_series_values(fields)
    )
    following.schools.set(fields.schools if fields.audience == Audience.SCHOOLS else [])
    following.guests.set(fields.guests)
    invited_before = _invitee_ids(series)
    # The later dates move across with their replies and agendas, then follow the new rule.
    series.events.filter(original_date__gte=cut).update(series=following)
    changed, cancelled = _sync_events(following, plan, series_changed=True)
    audit_log(
        actor=actor,
        action="meetings.series_split",
        target=following,
        summary=f"{audit_name(following)} from {cut:%Y-%m-%d}",
    )
    _notify(changed, "REQUEST")
    _notify(cancelled, "CANCEL")
    _tell_invitation_changes(following, invited_before, already_sent=changed)
    return following


@transaction.atomic
def event_update(*, actor: User, event: Event, fields: SeriesFields) -> Event:
    """Change one date alone; later series edits leave it as it is now."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if fields.end_time <= fields.start_time:
        raise ValidationError({"end_time": "The event must end after it starts."})
    if not fields.host_school and not fields.online_url:
        raise ValidationError({"host_school": "Choose a host school or give an online link."})
    if fields.first_date != event.date:
        schools = selectors.series_schools(event.series)
        calendars = selectors.school_calendars(schools, fields.first_date, fields.first_date)
        day = fields.first_date
        closed = [c for c in calendars.by_school.values() if not c.is_school_day(day)]
        if closed and event.series.kind not in WHEN_PUPILS_ARE_AWAY:
            reason = recurrence.closed_reason(closed, day)
            raise ValidationError({"first_date": f"{reason} on that day."})
    series = event.series
    invited_before = _invitee_ids(series)
    if series.rule is None:
        # A one-off's only date is the series: who is invited and what it is change with it.
        fields.rule, fields.until = None, fields.first_date
        fields.title = fields.title.strip() or series.title
        _apply_series_fields(series, fields)
    if event.date != fields.first_date:
        event.reminder_sent_at = None
    event.date = fields.first_date
    event.starts_at = _at(fields.first_date, fields.start_time)
    event.ends_at = _at(fields.first_date, fields.end_time)
    event.title = fields.title.strip() or event.title
    event.host_school = fields.host_school
    event.room = fields.room
    event.online_url = fields.online_url
    event.capacity = fields.capacity
    event.edited = True
    event.sequence += 1
    event.save()
    _promote_all_waiting(event)
    audit_log(
        actor=actor,
        action="meetings.event_update",
        target=event,
        summary=audit_name(series),
    )
    _notify([event], "REQUEST")
    _tell_invitation_changes(series, invited_before, already_sent=[event])
    return event


@transaction.atomic
def event_cancel(*, actor: User, event: Event, scope: str = Scope.ONE) -> list[Event]:
    """Cancel one date, this and the following ones, or the whole series."""
    events = Event.objects.select_for_update().filter(cancelled=False)
    if scope != Scope.ONE:
        # Dates that have happened keep their minutes and register, and nobody is told.
        events = events.filter(ends_at__gte=timezone.now())
    if scope == Scope.ONE:
        events = events.filter(pk=event.pk)
    elif scope == Scope.FOLLOWING:
        events = events.filter(series_id=event.series_id, starts_at__gte=event.starts_at)
    else:
        events = events.filter(series_id=event.series_id)
        Series.objects.filter(pk=event.series_id).update(cancelled=True)
    cancelled = list(events)
    for item in cancelled:
        item.cancelled, item.sequence, item.edited = True, item.sequence + 1, True
    Event.objects.bulk_update(cancelled, ["cancelled", "sequence", "edited"])
    audit_log(
        actor=actor,
        action="meetings.event_cancel",
        target=event,
        summary=f"{audit_name(event.series)}: {len(cancelled)} date(s) cancelled",
    )
    _notify(cancelled, "CANCEL")
    return cancelled
