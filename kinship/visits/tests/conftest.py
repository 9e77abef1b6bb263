"""Visits test data: 2031-32 term dates for the persona schools, far enough ahead that no
date is past, staff at each school, and a spring-term plan.

Alder and Birch follow Lancashire's calendar; Cedar keeps its own (its February half-term a
week later, an extra INSET day on Wed 21 Jan 2032). Maple, outside every family, follows
Lancashire too: publishing must never touch its dates.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from kinship.accounts.models import User
from kinship.accounts.services import user_create, user_profile_update
from kinship.conftest import PASSWORD, Personas, make_school
from kinship.schools.models import School, SchoolRole
from kinship.schools.services import school_role_grant, term_calendar_save
from kinship.schools.tests.term_years import CEDAR, LANCASHIRE
from kinship.visits.models import SolveRun, VisitPlan
from kinship.visits.selectors.plans import school_state
from kinship.visits.services import plans as services
from kinship.visits.services.plans import PlanFields, plan_school_update, visit_plan_create
from kinship.visits.services.solving import solve_run_start

D = date
# A spring-2 window: Alder and Birch are in from Mon 23 Feb, Cedar from Mon 1 Mar.
WINDOW = (D(2032, 2, 23), D(2032, 3, 19))
COMMON_DAY = D(2032, 3, 19)  # Friday of the window's last week


@pytest.fixture(autouse=True)
def tasks_run_at_once(settings: Any) -> None:
    # The solver and the emails run in the task worker; here, as soon as they are enqueued.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def staff_member(email: str, name: str, school: School, *, tags: tuple[str, ...] = ()) -> User:
    user = user_create(email=email, display_name=name, password=PASSWORD, job_title="Teacher")
    if tags:
        user_profile_update(user=user, display_name=name, expertise=list(tags))
    school_role_grant(actor=None, user=user, school=school, role=SchoolRole.Role.STAFF)
    return user


@dataclass
class Visiting(Personas):
    """The personas with term dates, more staff, a school outside the families and a plan."""

    alder_teacher: User
    cedar_teacher: User
    maple: School
    plan: VisitPlan


def plan_fields(**changes: Any) -> PlanFields:
    values: dict[str, Any] = {
        "title": "Spring 2 visits",
        "window_start": WINDOW[0],
        "window_end": WINDOW[1],
        "common_inset_date": COMMON_DAY,
        "staggered_days": 1,
        "default_capacity": 2,
        "time_limit_s": 10,
    }
    values.update(changes)
    return PlanFields(**values)


# Each school's own summer-term INSET days, which its lead lets a plan move.
SUMMER_INSETS = (D(2032, 6, 7), D(2032, 7, 21))


def let_summer_insets_move(visiting: Visiting) -> None:
    """The family's leads let the plan move their summer INSET days: a plan's day takes the
    place of one, never adds to them."""
    for school in (visiting.school, visiting.second_school, visiting.shared_school):
        state = school_state(visiting.plan, school)
        plan_school_update(
            actor=visiting.coordinator, plan=visiting.plan, school=school,
            takes_part=state.takes_part, inset_days=None, host_capacity=None,
            excluded=sorted(state.excluded), reschedulable=SUMMER_INSETS,
        )  # fmt: skip


@pytest.fixture
def visiting(people: Personas) -> Visiting:
    term_calendar_save(actor=None, year=LANCASHIRE, la_name="Lancashire")
    term_calendar_save(actor=None, year=CEDAR, school=people.shared_school)
    maple = make_school(300001, "Maple Primary School")  # Lancashire, in no family
    alder_teacher = staff_member("y2@a1.test", "Ali Alder", people.school, tags=("Phonics",))
    cedar_teacher = staff_member("y6@a3.test", "Cai Cedar", people.shared_school)
    plan = visit_plan_create(actor=people.coordinator, family=people.family, fields=plan_fields())
    return Visiting(
        **people.__dict__, alder_teacher=alder_teacher, cedar_teacher=cedar_teacher, maple=maple,
        plan=plan,
    )  # fmt: skip


@pytest.fixture
def solved(visiting: Visiting, django_capture_on_commit_callbacks: Any) -> Any:
    """Tom (Birch) would go to Cedar, Ali (Alder) to Cedar, Cai (Cedar) to Birch; each school's
    lead lets the plan move its summer INSET days."""
    let_summer_insets_move(visiting)
    for person, school, choice in (
        (visiting.teacher, visiting.second_school, visiting.shared_school),
        (visiting.alder_teacher, visiting.school, visiting.shared_school),
        (visiting.cedar_teacher, visiting.shared_school, visiting.second_school),
    ):
        services.staff_preference_save(
            actor=person, plan=visiting.plan, school=school, will_visit=True, choices=[choice]
        )

    def run() -> SolveRun:
        with django_capture_on_commit_callbacks(execute=True):
            started = solve_run_start(actor=visiting.coordinator, plan=visiting.plan)
        started.refresh_from_db()
        assert started.status == SolveRun.Status.DONE, started.error
        return started

    return visiting, run
