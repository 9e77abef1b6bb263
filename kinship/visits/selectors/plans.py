"""Reading a staggered INSET plan: each school's part in it worked out from its term dates,
who has said what, and where a subject or year group would send people."""

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone

from kinship.accounts.models import User
from kinship.accounts.types import Viewer
from kinship.families.models import FamilyMembership
from kinship.membership import visibility
from kinship.schools.models import School, SchoolRole, TermCalendar
from kinship.schools.selectors import calendars_for_schools, term_year_of
from kinship.schools.term_dates import Closure, ClosureKind, TermYear
from kinship.visits import candidates as days
from kinship.visits.focus import FocusMatch, SchoolOffer, schools_for_focus
from kinship.visits.inset_moves import own_inset_days
from kinship.visits.models import (
    OpenClassroom,
    PlanPin,
    PlanSchool,
    PublishedInset,
    SolveRun,
    StaffPreference,
    VisitPlan,
)
from kinship.visits.models.plans import percent

STAFF_ROLES = (SchoolRole.Role.LEAD, SchoolRole.Role.STAFF)
ACTIVE = FamilyMembership.Status.ACTIVE
# A run that has said nothing for this long after its time limit has stopped (a worker died).
STALE_AFTER_S = 15 * 60


def plans_visible_to(user: Viewer) -> QuerySet[VisitPlan]:
    """Plans of the families the user works in or coordinates (all of them for an admin)."""
    if not user.is_authenticated:
        return VisitPlan.objects.none()
    return VisitPlan.objects.select_related("family").filter(
        family_id__in=visibility.visible_family_ids(user)
    )


def family_schools(plan: VisitPlan) -> list[School]:
    return list(
        School.objects.filter(
            family_memberships__family_id=plan.family_id, family_memberships__status=ACTIVE
        ).order_by("name")
    )


@dataclass
class SchoolState:
    """A school's part in a plan as it stands: its settings (the plan's unless its lead or
    the coordinator changed them) and its days, worked out from its term dates."""

    school: School
    row: PlanSchool | None
    takes_part: bool
    inset_days: int
    host_capacity: int
    capacity_set: bool  # its lead (or the coordinator) said how many; else the plan's default
    has_term_dates: bool
    follows_authority: str  # the local authority whose shared calendar it follows, or ""
    open_days: list[date]  # pupils in, inside the window
    excluded: set[date]
    candidates: list[date]
    closed: list[date]  # weekdays of the window it cannot host on
    staff: int = 0
    will_visit: int = 0
    will_not_visit: int = 0
    open_classrooms: int = 0

    @property
    def replies(self) -> int:
        return self.will_visit + self.will_not_visit

    @property
    def problem(self) -> str:
        """Why the school cannot be planned yet, or ""."""
        if not self.takes_part:
            return ""
        if not self.has_term_dates:
            return "no term dates"
        if len(self.candidates) < self.inset_days:
            return "too few candidate days"
        return ""


def original_year(year: TermYear, published: dict[date, PublishedInset]) -> TermYear:
    """A school's year as it was before a plan was published: the days it added off, the
    days it moved back on (`published`: the plan's rows for the school, by date)."""
    ours = {day for day, row in published.items() if row.added}
    kept = [closure for closure in year.closures if closure.date not in ours]
    on = {closure.date for closure in kept}
    kept += [
        Closure(day, ClosureKind.INSET, row.label)
        for day, row in published.items()
        if row.kind == PublishedInset.Kind.MOVED and day not in on
    ]
    return TermYear(year.start_year, year.half_terms, tuple(sorted(kept, key=lambda c: c.date)))


def own_insets_for(plan: VisitPlan, school: School) -> list[date]:
    """The school's own INSET days in the plan's year, as they were before the plan moved
    any, that are still to come: those its lead may let the plan move. Not the common day."""
    calendar = calendars_for_schools([school], plan.academic_year)[school.pk]
    if calendar is None:
        return []
    rows = {row.date: row for row in PublishedInset.objects.filter(plan=plan, school=school)}
    today = timezone.localdate()
    return [
        day
        for day in own_inset_days(original_year(term_year_of(calendar), rows))
        if day > today and day != plan.common_inset_date
    ]


def published_days(plan: VisitPlan) -> dict[int, set[date]]:
    """Days publishing this plan put on each school's calendar: still candidates for it."""
    added: dict[int, set[date]] = defaultdict(set)
    for school_id, day in PublishedInset.objects.filter(plan=plan, added=True).values_list(
        "school_id", "date"
    ):
        added[school_id].add(day)
    return added


def _open_days(
    schools: Sequence[School], calendars: dict[int, TermCalendar | None], ours: dict[int, set[date]]
) -> dict[int, frozenset[date]]:
    by_calendar: dict[int, frozenset[date]] = {}  # schools on one LA calendar share its days
    found: dict[int, frozenset[date]] = {}
    for school in schools:
        calendar = calendars[school.pk]
        if calendar is None:
            continue
        if calendar.pk not in by_calendar:
            by_calendar[calendar.pk] = term_year_of(calendar).open_days()
        found[school.pk] = by_calendar[calendar.pk] | ours.get(school.pk, set())
    return found


def school_states(plan: VisitPlan, *, with_counts: bool = True) -> list[SchoolState]:
    """Every active member school's part in the plan, by name. A fixed number of queries."""
    schools = family_schools(plan)
    rows = {row.school_id: row for row in plan.plan_schools.select_related("updated_by")}
    calendars = calendars_for_schools(schools, plan.academic_year)
    open_days = _open_days(schools, calendars, published_days(plan))
    first, last, common = plan.window_start, plan.window_end, plan.common_inset_date
    states = []
    for school in schools:
        row = rows.get(school.pk)
        calendar = calendars[school.pk]
        school_open = open_days.get(school.pk, frozenset())
        excluded = {date.fromisoformat(day) for day in (row.excluded_dates if row else [])}
        states.append(
            SchoolState(
                school=school,
                row=row,
                takes_part=row.takes_part if row else True,
                inset_days=(
                    row.inset_days if row and row.inset_days is not None else plan.staggered_days
                ),
                host_capacity=(
                    row.host_capacity
                    if row and row.host_capacity is not None
                    else plan.default_capacity
                ),
                capacity_set=bool(row and row.host_capacity is not None),
                has_term_dates=calendar is not None,
                follows_authority=calendar.la_name if calendar and not calendar.school_id else "",
                open_days=days.open_days_in_window(school_open, first, last),
                excluded=excluded,
                candidates=days.candidate_days(
                    school_open, first, last, common=common, excluded=excluded
                ),
                closed=days.closed_days(school_open, first, last, common=common)
                if calendar is not None
                else days.weekdays_between(first, last),
            )
        )
    if with_counts:
        _add_counts(plan, states)
    return states


def _add_counts(plan: VisitPlan, states: list[SchoolState]) -> None:
    ids = [state.school.pk for state in states]
    staff = dict(
        SchoolRole.objects.filter(school_id__in=ids, role__in=STAFF_ROLES, user__is_active=True)
        .values("school_id")
        .annotate(people=Count("user", distinct=True))
        .values_list("school_id", "people")
    )
    replies: Counter[tuple[int, bool]] = Counter()
    for school_id, will_visit in plan.preferences.values_list("school_id", "will_visit"):
        replies[school_id, will_visit] += 1
    offers = dict(
        OpenClassroom.objects.filter(school_id__in=ids, active=True)
        .values("school_id")
        .annotate(count=Count("pk"))
        .values_list("school_id", "count")
    )
    for state in states:
        pk = state.school.pk
        state.staff = staff.get(pk, 0)
        state.will_visit, state.will_not_visit = replies[pk, True], replies[pk, False]
        state.open_classrooms = offers.get(pk, 0)


def school_state(plan: VisitPlan, school: School) -> SchoolState:
    return next(state for state in school_states(plan) if state.school.pk == school.pk)


# Staff preferences


def schools_of_person_in_plan(plan: VisitPlan, user: Viewer) -> list[School]:
    """The schools taking part where the person works, by name."""
    left_out = PlanSchool.objects.filter(plan=plan, takes_part=False).values("school_id")
    return list(
        School.objects.filter(
            pk__in=visibility.staff_school_ids(user),
            family_memberships__family_id=plan.family_id,
            family_memberships__status=ACTIVE,
        )
        .exclude(pk__in=left_out)
        .distinct()
        .order_by("name")
    )


def preference_of(plan: VisitPlan, user: User) -> StaffPreference | None:
    return (
        plan.preferences.select_related("school", "first_choice", "second_choice", "third_choice")
        .filter(person=user)
        .first()
    )


def preferences_of_plan(plan: VisitPlan) -> QuerySet[StaffPreference]:
    return plan.preferences.select_related(
        "person", "school", "first_choice", "second_choice", "third_choice"
    )


def focus_offers(plan: VisitPlan, schools: Sequence[School]) -> list[SchoolOffer]:
    """What each school has to see: its open classrooms and its listed staff's expertise."""
    ids = [school.pk for school in schools]
    offers: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for school_id, subject, year_group in OpenClassroom.objects.filter(
        school_id__in=ids, active=True
    ).values_list("school_id", "subject", "year_group"):
        offers[school_id].append((subject, year_group))
    tags: dict[int, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for school_id, user_id, tag in SchoolRole.objects.filter(
        school_id__in=ids,
        role__in=STAFF_ROLES,
        user__is_active=True,
        user__listed_in_directory=True,
        user__expertise__isnull=False,
    ).values_list("school_id", "user_id", "user__expertise__name"):
        tags[school_id][user_id].append(tag)
    return [
        SchoolOffer(
            school=school.pk,
            name=school.name,
            open_classrooms=tuple(offers[school.pk]),
            colleagues=tuple(tuple(person) for person in tags[school.pk].values()),
        )
        for school in schools
    ]


@dataclass(frozen=True)
class Choices:
    """The schools a person's preference comes to, best first: those they named, then those
    their subject or year group found (with what there is to see)."""

    named: list[int]
    from_focus: list[FocusMatch] = field(default_factory=list)

    @property
    def school_ids(self) -> list[int]:
        return [*self.named, *(match.school for match in self.from_focus)]


def choices_for(
    preference: StaffPreference, offers: Sequence[SchoolOffer], taking_part: set[int]
) -> Choices:
    own = preference.school_id
    named = [pk for pk in preference.chosen_school_ids if pk in taking_part and pk != own][:3]
    room = 3 - len(named)
    if room <= 0 or not (preference.focus_subject or preference.focus_year_group):
        return Choices(named)
    matches = schools_for_focus(
        [offer for offer in offers if offer.school in taking_part],
        subject=preference.focus_subject,
        year_group=preference.focus_year_group,
        exclude=[own, *named],
        limit=room,
    )
    return Choices(named, matches)


def focus_reason(preference: StaffPreference, match: FocusMatch) -> str:
    """What a school has that made it one of someone's choices when they named a subject or
    year group: "2 open classrooms in Early reading and phonics, Year 1"."""
    asked = ", ".join(
        str(label)
        for label in (
            preference.get_focus_subject_display() if preference.focus_subject else "",
            preference.get_focus_year_group_display() if preference.focus_year_group else "",
        )
        if label
    )
    found = []
    if match.open_classrooms:
        rooms = "an open classroom" if match.open_classrooms == 1 else "open classrooms"
        count = "" if match.open_classrooms == 1 else f"{match.open_classrooms} "
        found.append(f"{count}{rooms} in {asked}")
    if match.colleagues:
        people = "a colleague" if match.colleagues == 1 else f"{match.colleagues} colleagues"
        found.append(f"{people} who know {asked}")
    return " and ".join(found)


ORDINALS = {1: "first choice", 2: "second choice", 3: "third choice"}


def visit_reason(rank: int | None, host: School, why: str, *, pinned: bool = False) -> str:
    """Why the planner sent someone where it did, as the plan page says it."""
    if pinned:
        return "pinned by a coordinator"
    if rank is None:
        return "not a school they listed: their choices were full or could not take them"
    text = ORDINALS.get(rank, f"choice {rank}")
    return f"{text}: {why} at {host.name}" if why else text


# Pins and runs


def pins_of(plan: VisitPlan) -> QuerySet[PlanPin]:
    return plan.pins.select_related("school", "person").order_by("kind", "date", "pk")


def runs_of(plan: VisitPlan) -> QuerySet[SolveRun]:
    return plan.runs.select_related("requested_by").defer("problem", "result")


def latest_run(plan: VisitPlan) -> SolveRun | None:
    return plan.runs.select_related("requested_by").order_by("-requested_at", "-pk").first()


def latest_solved_run(plan: VisitPlan) -> SolveRun | None:
    return plan.runs.filter(status=SolveRun.Status.DONE).order_by("-requested_at", "-pk").first()


def run_is_stale(run: SolveRun) -> bool:
    """Queued or running far past its time limit: its worker has gone."""
    if run.is_finished:
        return False
    since = run.started_at or run.requested_at
    limit = float(run.problem.get("time_limit_s", 30)) if run.problem else 30.0
    return (timezone.now() - since).total_seconds() > limit + STALE_AFTER_S


# A run's result, in the schools and people it stands for


@dataclass(frozen=True)
class PlannedVisit:
    person: Any
    school: School  # theirs
    host: School
    date: date
    rank: int | None
    reason: str = ""  # "first choice: an open classroom in Early reading and phonics at …"


@dataclass(frozen=True)
class SchoolResult:
    school: School
    inset: list[date]
    given: int
    received: int

    @property
    def difference(self) -> int:
        return abs(self.given - self.received)  # visits given and received differ by this


@dataclass
class RunResult:
    placed: int
    staff: int
    points: int
    first_choices: int
    busiest: int
    optimal: bool
    gap: float
    explanations: list[str]
    schools: list[SchoolResult]
    visits: list[PlannedVisit]
    unplaced: list[tuple[Any, School]]
    balance_optimal: bool = False  # runs before 2026-12 were not balanced

    @property
    def gap_percent(self) -> str:
        return percent(self.gap)

    @property
    def imbalance(self) -> int:
        return sum(row.difference for row in self.schools)

    @property
    def by_day(self) -> list[tuple[date, list[tuple[School, list[PlannedVisit]]]]]:
        """Visits by day, then by host school: how a coordinator reads a rota."""
        days: dict[date, dict[int, list[PlannedVisit]]] = defaultdict(lambda: defaultdict(list))
        hosts: dict[int, School] = {}
        for visit in self.visits:
            days[visit.date][visit.host.pk].append(visit)
            hosts[visit.host.pk] = visit.host
        return [
            (
                day,
                sorted(
                    ((hosts[pk], visits) for pk, visits in by_host.items()),
                    key=lambda item: item[0].name,
                ),
            )
            for day, by_host in sorted(days.items())
        ]


def run_result(run: SolveRun) -> RunResult | None:
    """The plan a finished run found, with its labels turned back into schools and people."""
    if run.result is None:
        return None
    from kinship.accounts.models import User

    ids, result = run.ids, run.result
    schools = School.objects.in_bulk(list(ids["schools"].values()))
    people = User.objects.in_bulk(list(ids["staff"].values()))
    school_of = {label: schools[pk] for label, pk in ids["schools"].items()}
    person_of = {label: people[pk] for label, pk in ids["staff"].items()}
    home = {person["id"]: school_of[person["school"]] for person in run.problem["staff"]}
    reasons: dict[str, dict[str, str]] = ids.get("reasons", {})  # runs before 2026-12 have none
    pinned = set(ids.get("pins", {}).get("visits", {}))
    visits = [
        PlannedVisit(
            person=person_of[visit["staff"]],
            school=home[visit["staff"]],
            host=school_of[visit["host"]],
            date=date.fromisoformat(visit["date"]),
            rank=visit["rank"],
            reason=visit_reason(
                visit["rank"],
                school_of[visit["host"]],
                reasons.get(visit["staff"], {}).get(visit["host"], ""),
                pinned=visit["staff"] in pinned,
            ),
        )
        for visit in result["visits"]
    ]
    return RunResult(
        placed=result["placed"],
        staff=len(run.problem["staff"]),
        points=result["points"],
        first_choices=sum(1 for visit in visits if visit.rank == 1),
        busiest=result["max_hosted_per_day"],
        optimal=result["optimal"],
        gap=result["gap"],
        explanations=list(result["explanations"]),
        schools=sorted(
            (
                SchoolResult(
                    school=school_of[label],
                    inset=[date.fromisoformat(day) for day in result["inset"].get(label, [])],
                    given=result["given"].get(label, 0),
                    received=result["received"].get(label, 0),
                )
                for label in ids["schools"]
            ),
            key=lambda row: row.school.name,
        ),
        visits=visits,
        unplaced=[(person_of[label], home[label]) for label in result["unplaced"]],
        balance_optimal=result.get("balance_optimal", False),
    )
