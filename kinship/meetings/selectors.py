"""Read-only queries for events: who is invited, what a person sees, the schools involved.

Invitations are worked out from the audience when asked, not stored, so a teacher who
joins a school tomorrow is invited to its family's meetings without anyone doing a thing.
Each filter is a subquery, so none of them multiplies rows.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from kinship.accounts.models import User
from kinship.accounts.types import Viewer
from kinship.families.models import Circle, CircleMembership, Family, FamilyMembership, FamilyRole
from kinship.meetings import recurrence
from kinship.meetings.models import Action, Audience, DatePoll, Event, PollAnswer, PollSlot, Series
from kinship.meetings.recurrence import SchoolCalendar
from kinship.membership import visibility
from kinship.schools.models import School, SchoolRole
from kinship.schools.selectors import calendars_for_schools, term_year_of
from kinship.schools.term_dates import Closure

ACTIVE = FamilyMembership.Status.ACTIVE
STAFF_ROLES = (SchoolRole.Role.LEAD, SchoolRole.Role.STAFF)


def invited_filter(user: Viewer) -> Q:
    """A filter on Series: the series this user is invited to (or organises)."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    staff_schools = visibility.staff_school_ids(user)
    return (
        Q(organiser=user)
        | Q(audience=Audience.FAMILY, family_id__in=visibility.staff_family_ids(user))
        | Q(audience=Audience.FAMILY, family_id__in=visibility.coordinated_family_ids(user))
        | Q(
            audience=Audience.CIRCLE,
            circle_id__in=visibility.member_circle_ids(user),
        )
        | Q(
            audience=Audience.SCHOOLS,
            pk__in=Series.schools.through.objects.filter(school_id__in=staff_schools).values(
                "series_id"
            ),
        )
        | Q(pk__in=Series.guests.through.objects.filter(user_id=user.pk).values("series_id"))
    )


def visible_filter(user: Viewer) -> Q:
    """Invited series, plus (outside confidential circles) those of families they coordinate."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    not_confidential = ~Q(audience=Audience.CIRCLE, circle__confidential=True)
    overseen = Q(family_id__in=visibility.coordinated_family_ids(user))
    if visibility.is_platform_admin(user):
        overseen = Q()
    return invited_filter(user) | (not_confidential & overseen)


def series_visible_to(user: Viewer) -> QuerySet[Series]:
    return Series.objects.filter(visible_filter(user))


def is_invited(user: Viewer, series: Series) -> bool:
    return Series.objects.filter(invited_filter(user), pk=series.pk).exists()


def events_visible_to(user: Viewer) -> QuerySet[Event]:
    return Event.objects.filter(series__in=series_visible_to(user).values("pk"))


def events_invited_to(user: Viewer) -> QuerySet[Event]:
    return Event.objects.filter(series__in=Series.objects.filter(invited_filter(user)).values("pk"))


def upcoming_events(user: Viewer, *, limit: int = 5) -> list[Event]:
    now = timezone.now()
    return list(
        events_invited_to(user)
        .filter(ends_at__gte=now, cancelled=False)
        .select_related("series", "host_school")
        .order_by("starts_at")[:limit]
    )


def open_actions(user: User) -> QuerySet[Action]:
    """Actions the user owns that are not yet done, soonest due first."""
    return (
        Action.objects.filter(owner=user, done_at__isnull=True)
        .select_related("event")
        .order_by("due", "pk")
    )


def family_events(user: Viewer, family: Family, start: date, end: date) -> QuerySet[Event]:
    """The family's events between two dates (inclusive) that this user may see."""
    return (
        Event.objects.filter(
            series__in=series_visible_to(user).filter(family=family).values("pk"),
            date__gte=start,
            date__lte=end,
        )
        .select_related("host_school", "series")
        # A month's list needs a few columns, not the minutes or every school field.
        .only(
            "date", "original_date", "starts_at", "ends_at", "title", "cancelled", "move_reason",
            "series__kind", "host_school__name",
        )
        .order_by("starts_at")
    )  # fmt: skip


def invitees(series: Series) -> QuerySet[User]:
    """Everyone invited to the series, organiser included."""
    who = Q(pk=series.organiser_id) | Q(
        pk__in=Series.guests.through.objects.filter(series_id=series.pk).values("user_id")
    )
    if series.audience == Audience.FAMILY:
        who |= Q(
            pk__in=SchoolRole.objects.filter(
                role__in=STAFF_ROLES,
                school__family_memberships__family_id=series.family_id,
                school__family_memberships__status=ACTIVE,
            ).values("user_id")
        ) | Q(
            pk__in=FamilyRole.objects.filter(
                family_id=series.family_id, role=FamilyRole.Role.COORDINATOR
            ).values("user_id")
        )
    elif series.audience == Audience.CIRCLE and series.circle_id:
        who |= Q(
            pk__in=CircleMembership.objects.filter(circle_id=series.circle_id).values("user_id")
        )
    elif series.audience == Audience.SCHOOLS:
        who |= Q(
            pk__in=SchoolRole.objects.filter(
                role__in=STAFF_ROLES, school__in=series.schools.all()
            ).values("user_id")
        )
    return User.objects.filter(who, is_active=True).order_by("display_name", "email")


def participating_schools(
    *,
    family: Family,
    audience: str,
    circle: Circle | None = None,
    schools: Iterable[School] = (),
    guests: Iterable[User] = (),
    host_school: School | None = None,
) -> list[School]:
    """The schools whose term dates an event must respect."""
    if audience == Audience.FAMILY:
        found = School.objects.filter(
            family_memberships__family=family, family_memberships__status=ACTIVE
        )
    elif audience == Audience.CIRCLE and circle is not None:
        found = School.objects.filter(
            roles__role__in=STAFF_ROLES,
            roles__user__in=CircleMembership.objects.filter(circle=circle).values("user_id"),
        )
    elif audience == Audience.SCHOOLS:
        found = School.objects.filter(pk__in=[s.pk for s in schools])
    else:
        found = School.objects.filter(
            roles__role__in=STAFF_ROLES, roles__user__in=[u.pk for u in guests]
        )
    by_pk = {school.pk: school for school in found.distinct().order_by("name")}
    if host_school is not None:
        by_pk.setdefault(host_school.pk, host_school)
    return sorted(by_pk.values(), key=lambda school: school.name)


def series_schools(series: Series) -> list[School]:
    return participating_schools(
        family=series.family,
        audience=series.audience,
        circle=series.circle,
        schools=series.schools.all(),
        guests=series.guests.all(),
        host_school=series.host_school,
    )


def academic_years(start: date, end: date) -> list[int]:
    first = start.year if start.month >= 9 else start.year - 1
    last = end.year if end.month >= 9 else end.year - 1
    return list(range(first, last + 1))


@dataclass(frozen=True)
class Calendars:
    """The pure calendars of the schools involved, and the schools with no term dates."""

    by_school: dict[int, SchoolCalendar]
    missing: list[School]


def school_calendars(schools: Sequence[School], start: date, end: date) -> Calendars:
    """Each school's term dates over [start, end], possibly across academic years.

    A school missing term dates for any year in the range is left out and named, so the
    organiser is told which closures could not be checked.
    """
    half_terms: dict[int, list[tuple[date, date]]] = {school.pk: [] for school in schools}
    closed: dict[int, dict[date, str]] = {school.pk: {} for school in schools}
    missing: dict[int, School] = {}
    for year in academic_years(start, end):
        of_year = calendars_for_schools(schools, year)
        for school in schools:
            calendar = of_year.get(school.pk)
            if calendar is None:
                missing[school.pk] = school
                continue
            half_terms[school.pk] += [(h.start, h.end) for h in calendar.half_terms.all()]
            for closure in calendar.closures.all():
                closed[school.pk][closure.date] = closure.label or closure.get_kind_display()
    return Calendars(
        by_school={
            school.pk: SchoolCalendar(
                name=school.name,
                half_terms=tuple(sorted(half_terms[school.pk])),
                closed=closed[school.pk],
            )
            for school in schools
            if school.pk not in missing
        },
        missing=sorted(missing.values(), key=lambda school: school.name),
    )


def own_school_closures(user: Viewer, start: date, end: date) -> list[tuple[School, Closure]]:
    """The INSET, bank-holiday and other closed days in [start, end] of the schools where the
    person works, for their calendar feed: a day a head moved shows where it now is."""
    schools = list(School.objects.filter(pk__in=visibility.staff_school_ids(user)))
    days: list[tuple[School, Closure]] = []
    for year in academic_years(start, end):
        for school in schools:
            calendar = calendars_for_schools([school], year)[school.pk]
            if calendar is None:
                continue
            days += [
                (school, closure)
                for closure in term_year_of(calendar).closures
                if start <= closure.date <= end
            ]
    return days


def month_bounds(day: date) -> tuple[date, date]:
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


def london_day_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    zone = timezone.get_default_timezone()
    return (
        datetime.combine(start, datetime.min.time(), tzinfo=zone),
        datetime.combine(end + timedelta(days=1), datetime.min.time(), tzinfo=zone),
    )


def polls_asked_of(user: Viewer) -> QuerySet[DatePoll]:
    """Open polls this person is asked to answer (one query, for "My calendar")."""
    if not user.is_authenticated:
        return DatePoll.objects.none()
    circles = visibility.member_circle_ids(user)
    families = Q(family_id__in=visibility.staff_family_ids(user)) | Q(
        family_id__in=visibility.coordinated_family_ids(user)
    )
    return DatePoll.objects.filter(
        Q(circle_id__in=circles) | (Q(circle__isnull=True) & families), closed_at__isnull=True
    )


def family_polls_visible_to(user: Viewer, family: Family) -> QuerySet[DatePoll]:
    """A family's open polls this person may see: asked, organising, or coordinating (but
    never a confidential circle's, unless a member)."""
    if not user.is_authenticated:
        return DatePoll.objects.none()
    coordinates = visibility.is_family_coordinator(user, family)
    overseen = ~Q(circle__confidential=True) if coordinates else Q(pk__in=[])
    return DatePoll.objects.filter(
        Q(pk__in=polls_asked_of(user).values("pk")) | Q(organiser=user) | overseen,
        family=family,
        closed_at__isnull=True,
    )


# Date polls


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
    return participating_schools(
        family=poll.family,
        audience=Audience.CIRCLE if poll.circle_id else Audience.FAMILY,
        circle=poll.circle,
    )


def poll_ranking(poll: DatePoll) -> list[SlotRanking]:
    """Slots best first: every school open, then most people able to come."""
    slots = list(poll.slots.prefetch_related("answers"))
    if not slots:
        return []
    schools = _poll_schools(poll)
    days = [slot.date for slot in slots]
    calendars = school_calendars(schools, min(days), max(days))
    rankings = []
    for slot in slots:
        counts = {value: 0 for value in PollAnswer.Answer.values}
        for answer in slot.answers.all():
            counts[answer.answer] += 1
        shut = [c for c in calendars.by_school.values() if not c.is_school_day(slot.date)]
        closed = [recurrence.closed_reason(shut, slot.date)] if shut else []
        rankings.append(SlotRanking(slot, counts["yes"], counts["maybe"], counts["no"], closed))
    return sorted(rankings, key=lambda r: (r.score, -r.slot.date.toordinal()), reverse=True)
