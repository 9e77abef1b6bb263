"""Operations that change events: plan and save series, edit dates, replies, meeting records.

Each public function is one transaction. Invitation emails (with .ics files) are sent by a
task once the transaction has committed, so nobody is told of a change that was rolled back.
"""

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kinship.accounts.models import User
from kinship.core.audit import audit_log
from kinship.core.concurrency import lock_unchanged
from kinship.core.queue import enqueue_with_change
from kinship.core.templatetags.kinship import format_uk_date
from kinship.families.models import Circle, Family
from kinship.meetings import recurrence, selectors
from kinship.meetings.models import (
    Action,
    AgendaItem,
    Audience,
    CalendarSettings,
    ClashPolicy,
    DatePoll,
    Event,
    MinutesRevision,
    PollAnswer,
    PollSlot,
    Rsvp,
    Series,
    new_feed_token,
)
from kinship.schools.models import School

LONDON = timezone.get_default_timezone()
MAX_DATES = 400  # a series longer than this is a mistake, not a meeting pattern


class Scope:
    ONE = "one"
    FOLLOWING = "following"
    ALL = "all"


@dataclass(frozen=True)
class PlannedDate:
    original: date  # the date the rule gave
    date: date  # where it lands
    reason: str = ""  # why it moved


@dataclass
class Plan:
    """What saving a series would do, shown to the organiser before they save."""

    dates: list[PlannedDate]
    dropped: list[recurrence.Dropped] = field(default_factory=list)
    schools: list[School] = field(default_factory=list)
    unchecked: list[School] = field(default_factory=list)  # no term dates: closures unknown
    description: str = ""

    @property
    def moved(self) -> list[PlannedDate]:
        return [planned for planned in self.dates if planned.original != planned.date]


@dataclass
class SeriesFields:
    """What an organiser sets on a series (and, for one date, on an event)."""

    title: str
    kind: str
    start_time: time
    end_time: time
    first_date: date
    until: date | None = None
    description: str = ""
    audience: str = Audience.FAMILY
    circle: Circle | None = None
    schools: Sequence[School] = ()
    guests: Sequence[User] = ()
    host_school: School | None = None
    room: str = ""
    online_url: str = ""
    capacity: int | None = None
    rule: dict[str, Any] | None = None
    reference_school: School | None = None
    policy: str = ClashPolicy.MOVE
    # Set by the part of Kinship that owns the series (ManagedBy) and the page to change it on.
    managed_by: str = ""
    managed_url: str = ""


WEEKDAYS = ("MO", "TU", "WE", "TH", "FR")


def rule_from_json(data: dict[str, Any]) -> recurrence.Rule:
    """The JSON form saved on a series ({"per": "half-term", ...} or {"rrule": ...})."""
    if "rrule" in data:
        return recurrence.RRuleText(str(data["rrule"]))
    if data.get("per") == "half-term" and data.get("weekday") in WEEKDAYS:
        nth = data.get("nth")
        if isinstance(nth, int) and nth in (1, 2, 3, 4, 5, -1):
            return recurrence.NthWeekdayOfHalfTerm(nth, WEEKDAYS.index(data["weekday"]))
    raise recurrence.RecurrenceError("That repeat pattern is not one Kinship knows.")


def _check_fields(fields: SeriesFields) -> SeriesFields:
    errors: dict[str, str] = {}
    if not fields.title.strip():
        errors["title"] = "Give the event a title."
    if fields.end_time <= fields.start_time:
        errors["end_time"] = "The event must end after it starts."
    today = timezone.localdate()
    if not today - timedelta(days=366) <= fields.first_date <= today + timedelta(days=3660):
        errors["first_date"] = "Choose a date within a year before today and ten years after."
    until = fields.until or fields.first_date
    if fields.rule and fields.until is None:
        errors["until"] = "Say when the series ends."
    elif until < fields.first_date:
        errors["until"] = "The series cannot end before its first date."
    elif (until - fields.first_date).days > 731:
        errors["until"] = "A series can run for two years at most."
    if fields.audience == Audience.CIRCLE and fields.circle is None:
        errors["circle"] = "Choose the circle to invite."
    if fields.audience == Audience.SCHOOLS and not fields.schools:
        errors["schools"] = "Choose at least one school."
    if fields.audience == Audience.PEOPLE and not fields.guests:
        errors["guests"] = "Choose at least one person."
    if not fields.host_school and not fields.online_url:
        errors["host_school"] = "Choose a host school or give an online meeting link."
    if errors:
        raise ValidationError(errors)
    fields.title = fields.title.strip()
    fields.until = until
    return fields


def plan_series(*, family: Family, fields: SeriesFields) -> Plan:
    """Work out the dates a series would have, which moved and which were left out, and why."""
    fields = _check_fields(fields)
    assert fields.until is not None
    schools = selectors.participating_schools(
        family=family,
        audience=fields.audience,
        circle=fields.circle,
        schools=fields.schools,
        guests=fields.guests,
        host_school=fields.host_school,
    )
    calendars = selectors.school_calendars(schools, fields.first_date, fields.until)
    pure = list(calendars.by_school.values())
    if not fields.rule:
        return _plan_one_date(fields, schools, calendars, pure)
    try:
        rule = rule_from_json(fields.rule)
    except recurrence.RecurrenceError as error:
        raise ValidationError({"rule": str(error)}) from None
    reference = fields.reference_school or fields.host_school or (schools[0] if schools else None)
    if isinstance(rule, recurrence.RRuleText) and not calendars.by_school:
        return _plan_unchecked(rule, fields, schools, calendars)
    if reference is not None and reference.pk not in {school.pk for school in schools}:
        raise ValidationError(
            {"reference_school": f"{reference.name} is not among the schools invited: count "
             "half-terms by one of theirs."}
        )  # fmt: skip
    if reference is None or reference.pk not in calendars.by_school:
        name = reference.name if reference else "the reference school"
        raise ValidationError(
            {"reference_school": f"{name} has no term dates for these years, so a repeating "
             "series cannot follow its half-terms. Add its term dates, or choose another school."}
        )  # fmt: skip
    try:
        expansion = recurrence.expand(
            rule,
            pure,
            calendars.by_school[reference.pk].name,
            fields.first_date,
            fields.until,
            recurrence.Policy(fields.policy),
        )
    except recurrence.RecurrenceError as error:
        raise ValidationError({"rule": str(error)}) from None
    moved = {m.to_date: m for m in expansion.moved}
    dates = [
        PlannedDate(moved[d].from_date, d, moved[d].reason) if d in moved else PlannedDate(d, d)
        for d in expansion.dates
    ]
    if len(dates) > MAX_DATES:
        raise ValidationError({"rule": f"That rule gives {len(dates)} dates; {MAX_DATES} at most."})
    if not dates:
        raise ValidationError({"rule": "That rule gives no dates when every school is open."})
    return Plan(
        dates=dates,
        dropped=list(expansion.dropped),
        schools=schools,
        unchecked=calendars.missing,
        description=recurrence.describe(rule),
    )


def _plan_unchecked(
    rule: recurrence.RRuleText,
    fields: SeriesFields,
    schools: list[School],
    calendars: selectors.Calendars,
) -> Plan:
    """No school has term dates: the rule's dates stand as they are, and the plan says so."""
    assert fields.until is not None
    no_terms = recurrence.SchoolCalendar(name="", half_terms=(), closed={})
    try:
        days = recurrence.candidate_dates(rule, no_terms, fields.first_date, fields.until)
    except recurrence.RecurrenceError as error:
        raise ValidationError({"rule": str(error)}) from None
    if len(days) > MAX_DATES:
        raise ValidationError({"rule": f"That rule gives {len(days)} dates; {MAX_DATES} at most."})
    return Plan(
        dates=[PlannedDate(day, day) for day in days],
        schools=schools,
        unchecked=calendars.missing,
        description=recurrence.describe(rule),
    )


def _plan_one_date(
    fields: SeriesFields,
    schools: list[School],
    calendars: selectors.Calendars,
    pure: list[recurrence.SchoolCalendar],
) -> Plan:
    day = fields.first_date
    closed = [c for c in pure if not c.is_school_day(day)]
    if closed and not _is_whole_day_event(fields):
        reason = recurrence.closed_reason(closed, day)
        raise ValidationError({"first_date": f"{reason} on that day."})
    return Plan(dates=[PlannedDate(day, day)], schools=schools, unchecked=calendars.missing)


# Kinds that may fall when an invited school's pupils are away: that is the point of a common
# INSET day or a twilight, and a visit day is the visitor's own INSET day (the visits app
# checks the host school is in session).
WHEN_PUPILS_ARE_AWAY = ("common_inset", "twilight", "visit_day")


def _is_whole_day_event(fields: SeriesFields) -> bool:
    return fields.kind in WHEN_PUPILS_ARE_AWAY


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


# Replies, attendance


def _places_taken(event: Event, *, excluding: User | None = None) -> int:
    going = event.rsvps.filter(status=Rsvp.Status.GOING)
    if excluding is not None:
        going = going.exclude(user=excluding)
    return going.count()


@transaction.atomic
def rsvp_set(*, user: User, event: Event, status: str) -> Rsvp:
    """Reply to an event. When it is full, "going" joins the waiting list; when a place is
    given up, the first person waiting gets it and is told."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.cancelled:
        raise ValidationError("This date has been cancelled.")
    if event.is_past:
        raise ValidationError("This event has already happened.")
    if status not in Rsvp.Status.values or status == Rsvp.Status.WAITING:
        raise ValidationError("Choose going or not going.")
    previous = event.rsvps.filter(user=user).first()
    if status == Rsvp.Status.GOING and previous and previous.status != Rsvp.Status.DECLINED:
        return previous  # already going or waiting: keep their place in the queue
    full = event.capacity is not None and _places_taken(event, excluding=user) >= event.capacity
    if status == Rsvp.Status.GOING and full:
        status = Rsvp.Status.WAITING
    rsvp, _ = Rsvp.objects.update_or_create(
        event=event, user=user, defaults={"status": status, "responded_at": timezone.now()}
    )
    if previous and previous.status == Rsvp.Status.GOING and status != Rsvp.Status.GOING:
        _promote_waiting(event)
    return rsvp


def _promote_all_waiting(event: Event) -> None:
    """After places are added (or freed), move people up while there is room."""
    while _promote_waiting(event):
        pass


def _promote_waiting(event: Event) -> bool:
    if event.capacity is not None and _places_taken(event) >= event.capacity:
        return False
    waiting = event.rsvps.filter(status=Rsvp.Status.WAITING).order_by("responded_at", "pk")
    # Only someone still invited: a person who has left the circle is not offered a place.
    first = waiting.filter(user__in=selectors.invitees(event.series)).first()
    if first is None:
        return False
    first.status = Rsvp.Status.GOING
    first.save(update_fields=["status"])
    from kinship.meetings.tasks import send_place_offered

    enqueue_with_change(send_place_offered, first.pk)
    return True


@transaction.atomic
def attendance_record(*, actor: User, event: Event, present: Iterable[User]) -> int:
    """Take the register: those present attended, everyone else who said yes did not."""
    present_ids = {person.pk for person in present}
    for user_id in present_ids:
        Rsvp.objects.get_or_create(
            event=event, user_id=user_id, defaults={"status": Rsvp.Status.GOING}
        )
    event.rsvps.filter(user_id__in=present_ids).update(attended=True)
    event.rsvps.exclude(user_id__in=present_ids).filter(status=Rsvp.Status.GOING).update(
        attended=False
    )
    event.attendance_taken_at = timezone.now()
    event.save(update_fields=["attendance_taken_at"])
    audit_log(
        actor=actor,
        action="meetings.attendance",
        target=event,
        summary=f"{len(present_ids)} present",
    )
    return len(present_ids)


# Agenda, minutes, actions


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


# Calendar feed and email settings


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


# Finding a date


@dataclass(frozen=True)
class SlotRanking:
    slot: PollSlot
    yes: int
    if_need_be: int
    no: int
    closed: list[str]  # schools closed that day, with why

    @property
    def score(self) -> tuple[int, int, int, int]:
        # A slot when a school is shut comes last; then most yeses, counting "if need be".
        return (0 if self.closed else 1, self.yes + self.if_need_be, self.yes, -self.no)


def _poll_schools(poll: DatePoll) -> list[School]:
    return selectors.participating_schools(
        family=poll.family,
        audience=Audience.CIRCLE if poll.circle_id else Audience.FAMILY,
        circle=poll.circle,
    )


@transaction.atomic
def poll_create(
    *,
    actor: User,
    family: Family,
    title: str,
    slots: Sequence[tuple[date, time, time]],
    circle: Circle | None = None,
    description: str = "",
) -> DatePoll:
    if not title.strip():
        raise ValidationError({"title": "Give the poll a title."})
    if len(slots) < 2:
        raise ValidationError({"slots": "Offer at least two dates to choose from."})
    if len(set((day, start) for day, start, _ in slots)) != len(slots):
        raise ValidationError({"slots": "The same date and time is offered twice."})
    for day, start, end in slots:
        if end <= start:
            raise ValidationError(
                {"slots": f"The slot on {format_uk_date(day)} ends before it starts."}
            )
        if day < timezone.localdate():
            raise ValidationError({"slots": f"{format_uk_date(day)} is in the past."})
        if day > timezone.localdate() + timedelta(days=3660):
            raise ValidationError({"slots": f"{format_uk_date(day)} is too far ahead."})
    poll = DatePoll.objects.create(
        family=family, title=title.strip(), circle=circle, organiser=actor, description=description
    )
    PollSlot.objects.bulk_create(
        [PollSlot(poll=poll, date=day, start_time=start, end_time=end) for day, start, end in slots]
    )
    return poll


@transaction.atomic
def poll_answer(*, user: User, poll: DatePoll, answers: dict[int, str]) -> None:
    if poll.closed_at:
        raise ValidationError("This poll is closed.")
    slot_ids = set(poll.slots.values_list("pk", flat=True))
    for slot_id, answer in answers.items():
        if slot_id not in slot_ids or answer not in PollAnswer.Answer.values:
            raise ValidationError("That answer does not belong to this poll.")
        PollAnswer.objects.update_or_create(slot_id=slot_id, user=user, defaults={"answer": answer})


def poll_ranking(poll: DatePoll) -> list[SlotRanking]:
    """Slots best first: every school open, then most people able to come."""
    slots = list(poll.slots.prefetch_related("answers"))
    if not slots:
        return []
    schools = _poll_schools(poll)
    days = [slot.date for slot in slots]
    calendars = selectors.school_calendars(schools, min(days), max(days))
    rankings = []
    for slot in slots:
        counts = {value: 0 for value in PollAnswer.Answer.values}
        for answer in slot.answers.all():
            counts[answer.answer] += 1
        shut = [c for c in calendars.by_school.values() if not c.is_school_day(slot.date)]
        closed = [recurrence.closed_reason(shut, slot.date)] if shut else []
        rankings.append(SlotRanking(slot, counts["yes"], counts["maybe"], counts["no"], closed))
    return sorted(rankings, key=lambda r: (r.score, -r.slot.date.toordinal()), reverse=True)


@transaction.atomic
def poll_close(*, actor: User, poll: DatePoll, slot: PollSlot, fields: SeriesFields) -> Series:
    """Close the poll on the chosen slot and invite everyone to that date."""
    if poll.closed_at:
        raise ValidationError("This poll is already closed.")
    fields.first_date, fields.until, fields.rule = slot.date, slot.date, None
    fields.start_time, fields.end_time = slot.start_time, slot.end_time
    series = series_create(actor=actor, family=poll.family, fields=fields)
    poll.closed_at = timezone.now()
    poll.save(update_fields=["closed_at"])
    return series
