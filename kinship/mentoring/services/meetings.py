"""The pair's meetings: booking, moving, cancelling and recording them.

Their calendar invitations carry the time, the place and a link, never the agenda or the
notes."""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kinship.accounts.models import User
from kinship.core.audit import audit_log
from kinship.core.concurrency import lock_unchanged
from kinship.core.queue import enqueue_with_change
from kinship.meetings import recurrence
from kinship.meetings.selectors import school_calendars
from kinship.mentoring.models import MeetingPlace, Pair, PairMeeting
from kinship.mentoring.services.space import _check_live
from kinship.schools.models import School

MAX_MEETING = timedelta(hours=10)

# What each edit form changes, and so what its version covers (kinship.core.concurrency).
MEETING_EDIT_FIELDS = ("starts_at", "ends_at", "place", "location", "online_url", "agenda_note")
MEETING_NOTES_FIELDS = ("notes", "held")


def _check_meeting(
    pair: Pair, starts_at: datetime, ends_at: datetime, place: str, online_url: str
) -> None:
    errors: dict[str, str] = {}
    if ends_at <= starts_at:
        errors["ends_at"] = "The meeting must end after it starts."
    elif ends_at - starts_at > MAX_MEETING:
        errors["ends_at"] = "A coaching meeting lasts ten hours at most."
    if place not in MeetingPlace.values:
        errors["place"] = "Say where you will meet."
    elif place == MeetingPlace.ONLINE and not online_url:
        errors["online_url"] = "Give the link for an online meeting."
    if starts_at < timezone.now() - timedelta(days=400):
        errors["starts_at"] = "That is more than a year ago."
    if errors:
        raise ValidationError(errors)


def _host_school(pair: Pair, place: str) -> School | None:
    if place == MeetingPlace.COACH_SCHOOL:
        return pair.coach.school
    if place == MeetingPlace.HEAD_SCHOOL:
        return pair.mentee.school
    return None


def _check_host_open(pair: Pair, starts_at: datetime, place: str) -> None:
    """A meeting at a school falls on a day it is open, as family meetings must; a school
    with no term dates for that year cannot be checked, and is not."""
    school = _host_school(pair, place)
    if school is None:
        return
    day = timezone.localdate(starts_at)
    calendar = school_calendars([school], day, day).by_school.get(school.pk)
    if calendar is not None and not calendar.is_school_day(day):
        reason = recurrence.closed_reason([calendar], day)
        raise ValidationError(
            {
                "starts_at": f"{reason} on that day: choose another day, "
                "or meet online or somewhere else."
            }
        )


def _invite(meeting: PairMeeting, method: str) -> None:
    # Past meetings (one recorded after the event) need no invitation.
    if meeting.ends_at < timezone.now():
        return
    from kinship.mentoring.tasks import send_pair_meeting_invitation

    enqueue_with_change(send_pair_meeting_invitation, meeting.pk, method)


@transaction.atomic
def meeting_schedule(
    *,
    actor: User,
    pair: Pair,
    starts_at: datetime,
    ends_at: datetime,
    place: str,
    location: str = "",
    online_url: str = "",
    agenda_note: str = "",
) -> PairMeeting:
    """Book a coaching meeting; both members get an invitation for their calendars. Its
    agenda is the head's open questions when it happens."""
    _check_live(pair)
    _check_meeting(pair, starts_at, ends_at, place, online_url)
    _check_host_open(pair, starts_at, place)
    meeting = PairMeeting.objects.create(
        pair=pair,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        location=location.strip(),
        online_url=online_url,
        agenda_note=agenda_note.strip(),
        created_by=actor,
    )
    audit_log(
        actor=actor,
        action="mentoring.meeting_schedule",
        target=meeting,
        summary="Booked a coaching meeting",
    )
    _invite(meeting, "REQUEST")
    return meeting


@transaction.atomic
def meeting_update(
    *,
    actor: User,
    meeting: PairMeeting,
    starts_at: datetime,
    ends_at: datetime,
    place: str,
    location: str = "",
    online_url: str = "",
    agenda_note: str = "",
    version: str | None = None,
) -> PairMeeting:
    """Move or correct a meeting; `version` is what the edit form showed
    (MEETING_EDIT_FIELDS): a stale one raises EditConflict."""
    meeting = lock_unchanged(meeting, MEETING_EDIT_FIELDS, version)
    _check_live(meeting.pair)
    _check_meeting(meeting.pair, starts_at, ends_at, place, online_url)
    host, was_host = _host_school(meeting.pair, place), _host_school(meeting.pair, meeting.place)
    new_day = timezone.localdate(starts_at) != timezone.localdate(meeting.starts_at)
    if new_day or (host and host.pk) != (was_host and was_host.pk):
        # Only a move is checked: a meeting kept where it was may still be corrected.
        _check_host_open(meeting.pair, starts_at, place)
    moved = (
        meeting.starts_at,
        meeting.ends_at,
        meeting.place,
        meeting.location,
        meeting.online_url,
    ) != (starts_at, ends_at, place, location.strip(), online_url)
    meeting.starts_at, meeting.ends_at, meeting.place = starts_at, ends_at, place
    meeting.location, meeting.online_url = location.strip(), online_url
    meeting.agenda_note = agenda_note.strip()
    if moved:
        meeting.sequence += 1
        meeting.reminder_sent_at = None
    meeting.save()
    if moved:
        _invite(meeting, "REQUEST")
    return meeting


@transaction.atomic
def meeting_cancel(*, actor: User, meeting: PairMeeting) -> PairMeeting:
    _check_live(meeting.pair)
    if meeting.held_at is not None:
        raise ValidationError("This meeting has been held; its notes stay.")
    meeting.cancelled = True
    meeting.sequence += 1
    meeting.save(update_fields=["cancelled", "sequence", "updated_at"])
    _invite(meeting, "CANCEL")
    return meeting


@transaction.atomic
def meeting_record(
    *, actor: User, meeting: PairMeeting, notes: str, held: bool, version: str | None = None
) -> PairMeeting:
    """Write the meeting's notes, and say whether it was held (it counts towards the
    programme's rhythm when it was). `version` is what the notes form showed
    (MEETING_NOTES_FIELDS): a stale one raises EditConflict."""
    meeting = lock_unchanged(meeting, MEETING_NOTES_FIELDS, version)
    _check_live(meeting.pair)
    if meeting.cancelled:
        raise ValidationError("This meeting was cancelled.")
    if held and meeting.starts_at > timezone.now():
        raise ValidationError({"held": "A meeting cannot be held before it starts."})
    meeting.notes = notes.strip()
    meeting.held_at = (meeting.held_at or timezone.now()) if held else None
    meeting.save(update_fields=["notes", "held_at", "updated_at"])
    return meeting
