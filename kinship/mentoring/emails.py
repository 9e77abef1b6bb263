"""Emails and calendar files for coaching: invitations to pair and cohort meetings, the
coaching feed, and notices (nominated, paired, declined, reminders).

What leaves Kinship here is the time, the place, who is meeting and a link: never a
question, an agenda, a note or a topic. Calendars are shared with assistants and synced to
other systems; the pair space stays in Kinship.
"""

from collections.abc import Iterable, Sequence

from django.core.mail import EmailMultiAlternatives
from django.urls import reverse

from kinship.accounts.models import User
from kinship.core.emails import absolute, compose
from kinship.core.templatetags.kinship import uk_datetime
from kinship.meetings.ics import IcsEvent, Method, Person, build_calendar
from kinship.mentoring.models import CohortMeeting, MeetingPlace, Pair, PairMeeting, Participant

PRODID = "-//Kinship//Kinship coaching//EN"


def _school_place(room: str, school: object) -> str:
    name = getattr(school, "name", "")
    parts = (room, name, getattr(school, "town", ""), getattr(school, "postcode", ""))
    return ", ".join(part for part in parts if part)


def pair_meeting_location(meeting: PairMeeting) -> str:
    pair = meeting.pair
    if meeting.place == MeetingPlace.COACH_SCHOOL:
        return _school_place(meeting.location, pair.coach.school)
    if meeting.place == MeetingPlace.HEAD_SCHOOL:
        return _school_place(meeting.location, pair.mentee.school)
    if meeting.place == MeetingPlace.ONLINE:
        return meeting.online_url
    return meeting.location


def pair_meeting_title(meeting: PairMeeting) -> str:
    pair = meeting.pair
    return f"Coaching: {pair.mentee.user.display_name} and {pair.coach.user.display_name}"


def pair_meeting_event(meeting: PairMeeting) -> IcsEvent:
    pair = meeting.pair
    page = absolute(meeting.get_absolute_url())
    organiser = meeting.created_by or pair.coach.user
    return IcsEvent(
        uid=f"coaching-{meeting.uid}@kinship",
        sequence=meeting.sequence,
        summary=pair_meeting_title(meeting),
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        location=pair_meeting_location(meeting),
        url=page,
        description=f"The agenda (your open questions) and notes are in Kinship:\n{page}",
        organiser=Person(email=organiser.email, name=organiser.display_name),
        attendees=tuple(
            Person(email=u.email, name=u.display_name) for u in (pair.mentee.user, pair.coach.user)
        ),
        cancelled=meeting.cancelled,
        categories=("Coaching meeting",),
        last_modified=meeting.updated_at,
    )


def cohort_meeting_location(meeting: CohortMeeting) -> str:
    if meeting.host_school is not None:
        return _school_place(meeting.location, meeting.host_school)
    return meeting.online_url or meeting.location


def cohort_meeting_event(meeting: CohortMeeting, attendees: Sequence[User] = ()) -> IcsEvent:
    page = absolute(meeting.get_absolute_url())
    organiser = meeting.programme.created_by
    description = f"Topics and notes are in Kinship:\n{page}"
    if meeting.online_url:
        description = f"Join online: {meeting.online_url}\n\n{description}"
    return IcsEvent(
        uid=f"cohort-{meeting.uid}@kinship",
        sequence=meeting.sequence,
        summary=f"{meeting.title} ({meeting.programme.name})",
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        location=cohort_meeting_location(meeting),
        url=page,
        description=description,
        organiser=Person(email=organiser.email, name=organiser.display_name),
        attendees=tuple(Person(email=u.email, name=u.display_name) for u in attendees),
        cancelled=meeting.cancelled,
        categories=("Cohort meeting",),
    )


def feed_calendar(user: User, events: Iterable[IcsEvent]) -> bytes:
    return build_calendar(
        events, method=Method.PUBLISH, name=f"Kinship coaching: {user.display_name}", prodid=PRODID
    )


def _email(
    *, to: User, subject: str, template: str, context: dict[str, object]
) -> EmailMultiAlternatives:
    return compose(
        to=to, subject=subject, template=f"mentoring/email/{template}.txt", context=context
    )


def _with_calendar(
    message: EmailMultiAlternatives, event: IcsEvent, method: Method, name: str
) -> EmailMultiAlternatives:
    calendar = build_calendar([event], method=method, name=name, prodid=PRODID)
    # Outlook and Google show Accept/Decline for the text/calendar part of one meeting.
    message.attach_alternative(calendar.decode(), f"text/calendar; method={method.value}")
    message.attach("invite.ics", calendar, f"application/ics; method={method.value}")
    return message


def pair_meeting_email(
    person: User, meeting: PairMeeting, method: Method
) -> EmailMultiAlternatives:
    cancelled = method == Method.CANCEL
    verb = "Cancelled" if cancelled else ("Moved" if meeting.sequence else "Coaching meeting")
    when = uk_datetime(meeting.starts_at)
    message = _email(
        to=person,
        subject=f"{verb}: {pair_meeting_title(meeting)}, {when}",
        template="pair_meeting",
        context={
            "meeting": meeting,
            "when": when,
            "where": pair_meeting_location(meeting),
            "cancelled": cancelled,
            "url": absolute(meeting.get_absolute_url()),
        },
    )
    return _with_calendar(message, pair_meeting_event(meeting), method, pair_meeting_title(meeting))


def cohort_meeting_email(
    person: User, meeting: CohortMeeting, method: Method
) -> EmailMultiAlternatives:
    cancelled = method == Method.CANCEL
    when = uk_datetime(meeting.starts_at)
    message = _email(
        to=person,
        subject=f"{'Cancelled' if cancelled else 'Cohort meeting'}: {meeting.title}, {when}",
        template="cohort_meeting",
        context={
            "meeting": meeting,
            "when": when,
            "where": cohort_meeting_location(meeting),
            "cancelled": cancelled,
            "url": absolute(meeting.get_absolute_url()),
        },
    )
    return _with_calendar(message, cohort_meeting_event(meeting, [person]), method, meeting.title)


def nominated_email(participant: Participant) -> EmailMultiAlternatives:
    programme = participant.programme
    return _email(
        to=participant.user,
        subject=f"You have been nominated for {programme.name}",
        template="nominated",
        context={
            "participant": participant,
            "programme": programme,
            "url": absolute(reverse("mentoring:profile", args=[programme.pk])),
        },
    )


def published_email(person: User, pair: Pair) -> EmailMultiAlternatives:
    other = pair.coach.user if person.pk == pair.mentee.user_id else pair.mentee.user
    return _email(
        to=person,
        subject=f"Your coaching pair in {pair.programme.name}",
        template="published",
        context={
            "pair": pair,
            "other": other,
            "is_head": person.pk == pair.mentee.user_id,
            "url": absolute(pair.get_absolute_url()),
        },
    )


def declined_email(person: User, pair: Pair, *, coordinator: bool) -> EmailMultiAlternatives:
    return _email(
        to=person,
        subject=f"A coaching pair was declined in {pair.programme.name}",
        template="declined",
        context={
            "pair": pair,
            "coordinator": coordinator,
            "url": absolute(reverse("mentoring:matching", args=[pair.programme_id])),
        },
    )


def reminder_email(
    person: User, meeting: PairMeeting, open_questions: int
) -> EmailMultiAlternatives:
    return _email(
        to=person,
        subject=f"Tomorrow: {pair_meeting_title(meeting)}",
        template="reminder",
        context={
            "meeting": meeting,
            "when": uk_datetime(meeting.starts_at),
            "where": pair_meeting_location(meeting),
            "open_questions": open_questions,
            "is_head": person.pk == meeting.pair.mentee.user_id,
            "url": absolute(meeting.get_absolute_url()),
        },
    )


def cohort_reminder_email(person: User, meeting: CohortMeeting) -> EmailMultiAlternatives:
    return _email(
        to=person,
        subject=f"Tomorrow: {meeting.title}",
        template="cohort_reminder",
        context={
            "meeting": meeting,
            "when": uk_datetime(meeting.starts_at),
            "where": cohort_meeting_location(meeting),
            "url": absolute(meeting.get_absolute_url()),
        },
    )
