"""A visit's place in both calendars: one meetings series per visit, for the visitor and the
host side, so it shows in "My calendar", the feed and an .ics invitation by email.

The host side is the teacher they will see, or, until the host school names one, its leads.
"""

from django.urls import reverse

from kinship.accounts.models import User
from kinship.core.emails import absolute
from kinship.meetings import services as meetings
from kinship.meetings.models import Audience, Event, EventKind, ManagedBy, Series
from kinship.schools.models import SchoolRole
from kinship.visits.models import Visit

TITLE_LENGTH = 200


def host_people(visit: Visit) -> list[User]:
    if visit.host is not None:
        return [visit.host]
    return list(
        User.objects.filter(
            school_roles__school=visit.host_school_id,
            school_roles__role=SchoolRole.Role.LEAD,
            is_active=True,
        ).order_by("display_name")
    )


def visit_title(visit: Visit) -> str:
    title = (
        f"Classroom visit: {visit.visitor.display_name} ({visit.visitor_school.name}) "
        f"at {visit.host_school.name}"
    )
    return title[:TITLE_LENGTH]


def _description(visit: Visit) -> str:
    page = absolute(reverse("visits:visit_detail", args=[visit.pk]))
    lines = []
    if visit.offer is not None:
        lines.append(f"Open classroom: {visit.offer.summary}.")
    if visit.focus_question:
        lines.append(f"Focus: {visit.focus_question}")
    lines.append(f"Sign-in details, clearance and the reflection afterwards: {page}")
    return "\n\n".join(lines)


def _owner(visit: Visit) -> tuple[str, str]:
    """Where the visit's calendar entry is changed: its plan, or the visit's own page. The
    meetings pages offer no edits of it, so that the calendar and the visit never disagree."""
    if visit.plan_id is not None:
        return ManagedBy.VISIT_PLAN, reverse("visits:plan_detail", args=[visit.plan_id])
    return ManagedBy.VISIT, reverse("visits:visit_detail", args=[visit.pk])


def _fields(visit: Visit) -> meetings.SeriesFields:
    managed_by, managed_url = _owner(visit)
    return meetings.SeriesFields(
        title=visit_title(visit),
        kind=EventKind.VISIT_DAY,
        description=_description(visit),
        audience=Audience.PEOPLE,
        guests=[visit.visitor, *host_people(visit)],
        host_school=visit.host_school,
        room=visit.room,
        start_time=visit.start_time,
        end_time=visit.end_time,
        first_date=visit.date,
        managed_by=managed_by,
        managed_url=managed_url,
    )


def visit_event_create(*, actor: User, visit: Visit) -> Series:
    """Put an agreed visit in both calendars; invitations go out once it commits."""
    series = meetings.series_create(actor=actor, family=visit.family, fields=_fields(visit))
    visit.series = series
    visit.save(update_fields=["series"])
    return series


def _event(visit: Visit) -> Event | None:
    if visit.series_id is None:
        return None
    return Event.objects.filter(series_id=visit.series_id).order_by("pk").first()


def visit_event_update(*, actor: User, visit: Visit) -> None:
    """The visit moved, or its room or host changed: calendars are sent the update."""
    event = _event(visit)
    if event is None or event.cancelled:  # a cancelled date stays cancelled: a fresh entry
        visit_event_create(actor=actor, visit=visit)
        return
    meetings.series_update(
        actor=actor, event=event, scope=meetings.Scope.ONE, fields=_fields(visit)
    )


def visit_event_cancel(*, actor: User, visit: Visit) -> None:
    event = _event(visit)
    if event is not None and not event.cancelled:
        meetings.event_cancel(actor=actor, event=event, scope=meetings.Scope.ALL)
