"""Reading open classrooms and visits: what a person may see, what waits for them, a host
school's day, and the visits each school gives and receives."""

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from kinship.accounts.models import User
from kinship.accounts.types import Viewer
from kinship.membership import visibility
from kinship.membership.visibility import schools_sharing_a_family_with
from kinship.schools.models import School, SchoolRole
from kinship.visits.models import (
    ClearanceDeclaration,
    JointAction,
    JointActionNote,
    OpenClassroom,
    Reflection,
    Visit,
)

STAFF_ROLES = (SchoolRole.Role.LEAD, SchoolRole.Role.STAFF)
GOING_AHEAD = (Visit.Status.REQUESTED, Visit.Status.ACCEPTED)


def offers_visible_to(
    user: Viewer, *, subject: str = "", year_group: str = "", school: int | None = None
) -> QuerySet[OpenClassroom]:
    """Open classrooms at schools sharing a family with the user (their own included), that
    are taking requests, optionally of one subject, year group or school."""
    offers = OpenClassroom.objects.filter(
        active=True, school__in=schools_sharing_a_family_with(user).values("pk")
    )
    if subject:
        offers = offers.filter(subject=subject)
    if year_group:
        offers = offers.filter(year_group=year_group)
    if school:
        offers = offers.filter(school_id=school)
    return offers.select_related("school", "host").order_by("school__name", "year_group", "pk")


def offers_of(user: User) -> QuerySet[OpenClassroom]:
    return (
        OpenClassroom.objects.filter(host=user).select_related("school").order_by("-active", "pk")
    )


def _cleared() -> Exists:
    """Whether the visitor's school has a standing declaration for the visitor."""
    return Exists(
        ClearanceDeclaration.objects.filter(
            school_id=OuterRef("visitor_school_id"),
            person_id=OuterRef("visitor_id"),
            withdrawn_at__isnull=True,
        )
    )


def _visits() -> QuerySet[Visit]:
    return Visit.objects.select_related(
        "visitor", "visitor_school", "host_school", "host", "offer", "plan"
    ).annotate(cleared=_cleared())


def _led_school_ids(user: Viewer) -> QuerySet[Any]:
    return visibility.school_ids_of_user(user, roles=(SchoolRole.Role.LEAD,))


def host_side_filter(user: Viewer) -> Q:
    return Q(host=user) | Q(host_school_id__in=_led_school_ids(user))


@dataclass
class MyVisits:
    """What the visits home page and the dashboard show a person."""

    upcoming: list[Visit]  # mine, going ahead
    to_answer: list[Visit]  # asked of me (or my school), not yet answered
    hosting: list[Visit]  # coming to me or my school
    to_reflect: list[Visit]  # my visits that have happened, not yet written up
    to_confirm: list[Visit]  # my school's staff going visiting, not yet declared cleared
    past: list[Visit]  # mine that have happened, with or without a reflection


def my_visits(user: Viewer, *, limit: int = 20) -> MyVisits:
    """Everything waiting for a person about visits, from one query of visits (each query
    of seven joined tables costs PostgreSQL some milliseconds just to plan, and the
    dashboard asks this on every visit), sorted into its lists here."""
    today = timezone.localdate()
    led = set(_led_school_ids(user).values_list("school_id", flat=True))
    ahead = Q(status__in=GOING_AHEAD, date__gte=today)
    involving = (
        Q(visitor=user, status__in=GOING_AHEAD)
        | (Q(host=user) & ahead)
        | (Q(host_school_id__in=led) & ahead)
        | (Q(visitor_school_id__in=led) & ahead)
    )
    has_reflection = Exists(Reflection.objects.filter(visit_id=OuterRef("pk")))
    visits: list[Visit] = list(_visits().filter(involving).annotate(has_reflection=has_reflection))
    mine = [v for v in visits if v.visitor_id == user.pk]
    host_side = [v for v in visits if v.host_id == user.pk or v.host_school_id in led]
    newest_first = sorted(mine, key=lambda v: (v.date, v.start_time, v.pk), reverse=True)
    accepted = Visit.Status.ACCEPTED
    return MyVisits(
        upcoming=[v for v in mine if v.date >= today][:limit],
        to_answer=[v for v in host_side if v.status == Visit.Status.REQUESTED and v.date > today][
            :limit
        ],
        hosting=[v for v in host_side if v.status == accepted and v.date >= today][:limit],
        to_reflect=[
            v
            for v in newest_first
            if v.status == accepted and v.date <= today and not v.has_reflection  # type: ignore[attr-defined]
        ][:limit],
        to_confirm=[
            v
            for v in visits
            if v.visitor_school_id in led
            and v.visitor_id != user.pk
            and v.date >= today
            and not v.cleared  # type: ignore[attr-defined]
        ][:limit],
        past=[v for v in newest_first if v.status == accepted and v.date < today][:limit],
    )


def visit_with_cleared(pk: int) -> Visit | None:
    return _visits().select_related("family", "decided_by", "series").filter(pk=pk).first()


def joint_actions_of(visit: Visit) -> QuerySet[JointAction]:
    return visit.joint_actions.select_related("created_by", "updated_by").prefetch_related(
        Prefetch("notes", queryset=JointActionNote.objects.select_related("author"))
    )


def reflection_of(visit: Visit) -> Reflection | None:
    return Reflection.objects.select_related("host_consent_by").filter(visit=visit).first()


# A host school's day


def sign_in_sheet(school: School, day: date) -> list[Visit]:
    """The day's visitors to the school, agreed ones only, by arrival time then name."""
    return list(
        _visits()
        .filter(host_school=school, date=day, status=Visit.Status.ACCEPTED)
        .order_by("start_time", "visitor__display_name", "pk")
    )


def hosting_days(school: School, *, after: date, limit: int = 30) -> list[tuple[date, int]]:
    """Days from `after` on which the school has visitors coming, and how many."""
    days = Counter(
        Visit.objects.filter(
            host_school=school, status=Visit.Status.ACCEPTED, date__gte=after
        ).values_list("date", flat=True)
    )
    return sorted(days.items())[:limit]


# Clearance


def staff_with_declarations(school: School) -> list[tuple[Any, ClearanceDeclaration | None]]:
    """The school's staff and leads, each with the declaration standing for them, if any."""
    from kinship.accounts.models import User

    people = (
        User.objects.filter(
            school_roles__school=school, school_roles__role__in=STAFF_ROLES, is_active=True
        )
        .distinct()
        .order_by("display_name")
    )
    standing = {
        declaration.person_id: declaration
        for declaration in ClearanceDeclaration.objects.filter(
            school=school, withdrawn_at__isnull=True
        ).select_related("declared_by")
    }
    return [(person, standing.get(person.pk)) for person in people]


# Reciprocity: visits given and received over the year


@dataclass(frozen=True)
class PartnerRow:
    partner: School
    given: int  # our staff visiting them
    received: int  # their staff visiting us

    @property
    def balance(self) -> int:
        return self.received - self.given

    @property
    def difference(self) -> int:
        return abs(self.balance)


def family_member_schools(family: Any) -> list[School]:
    from kinship.families.models import FamilyMembership

    return list(
        School.objects.filter(
            family_memberships__family=family,
            family_memberships__status=FamilyMembership.Status.ACTIVE,
        ).order_by("name")
    )


def family_partners(school: School) -> list[School]:
    """The other active member schools of the school's families."""
    from kinship.families.models import FamilyMembership

    families = FamilyMembership.objects.filter(
        school=school, status=FamilyMembership.Status.ACTIVE
    ).values("family_id")
    return list(
        School.objects.filter(
            family_memberships__family_id__in=families,
            family_memberships__status=FamilyMembership.Status.ACTIVE,
        )
        .exclude(pk=school.pk)
        .distinct()
        .order_by("name")
    )


def reciprocity(school: School, first: date, last: date) -> list[PartnerRow]:
    """Each partner school (every school it shares a family with, and any it has visited or
    been visited by) with the visits this school gave it and received from it between two
    dates: agreed visits, from open classrooms or a plan. Three queries."""
    visits = Visit.objects.filter(
        Q(visitor_school=school) | Q(host_school=school),
        status=Visit.Status.ACCEPTED,
        date__gte=first,
        date__lte=last,
    ).values_list("visitor_school_id", "host_school_id")
    given: Counter[int] = Counter()
    received: Counter[int] = Counter()
    for visitor_school, host_school in visits:
        if visitor_school == school.pk and host_school != school.pk:
            given[host_school] += 1
        elif host_school == school.pk:
            received[visitor_school] += 1
    partners = {partner.pk: partner for partner in family_partners(school)}
    partners.update(School.objects.in_bulk(list((set(given) | set(received)) - set(partners))))
    rows = [PartnerRow(partners[pk], given[pk], received[pk]) for pk in partners]
    return sorted(rows, key=lambda row: (-(row.given + row.received), row.partner.name))


def people_at(school: School) -> list[User]:
    """Staff and leads of a school, by name (for pins and clearance declarations)."""
    return list(
        User.objects.filter(
            school_roles__school=school,
            school_roles__role__in=(SchoolRole.Role.LEAD, SchoolRole.Role.STAFF),
            is_active=True,
        )
        .distinct()
        .order_by("display_name")
    )
