"""Solving a plan from the pages: the problem as it stands goes to the rota solver in a task,
its progress is saved, pins set on the pages are honoured, and pins that clash are reported
by name rather than dropped."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from kinship.conftest import signed_in_client
from kinship.schools.models import School
from kinship.visits import rota
from kinship.visits.models import PlanPin, SolveRun
from kinship.visits.selectors import plans as selectors
from kinship.visits.services import plans as services
from kinship.visits.services.solving import plan_problem, solve_run_execute, solve_run_start
from kinship.visits.tests.conftest import COMMON_DAY, Visiting

pytestmark = pytest.mark.django_db
D = date


def say(visiting: Visiting, person, school, *choices, will_visit: bool = True):
    return services.staff_preference_save(
        actor=person,
        plan=visiting.plan,
        school=school,
        will_visit=will_visit,
        choices=list(choices),
    )


@pytest.fixture
def answered(visiting: Visiting) -> Visiting:
    say(visiting, visiting.teacher, visiting.second_school, visiting.shared_school, visiting.school)
    say(visiting, visiting.alder_teacher, visiting.school, visiting.shared_school)
    say(visiting, visiting.cedar_teacher, visiting.shared_school, visiting.second_school)
    say(visiting, visiting.head, visiting.school, will_visit=False)
    return visiting


def solve(visiting: Visiting, django_capture_on_commit_callbacks) -> SolveRun:
    with django_capture_on_commit_callbacks(execute=True):
        run = solve_run_start(actor=visiting.coordinator, plan=visiting.plan)
    run.refresh_from_db()
    return run


def test_the_problem_is_the_plan_as_it_stands_in_plan_visits_json(answered: Visiting):
    built = plan_problem(answered.plan)
    assert built.errors == []
    problem = rota.parse_problem(built.problem)  # the format the command reads
    schools = {school.id: school for school in problem.schools}
    cedar = schools["Cedar Primary School"]
    assert COMMON_DAY not in cedar.inset_candidates and COMMON_DAY in cedar.closed
    assert D(2032, 2, 24) in cedar.closed  # Cedar's half-term: it cannot host
    staff = {person.id: person for person in problem.staff}
    assert set(staff) == {"Tom Teacher", "Ali Alder", "Cai Cedar"}  # not the head: not visiting
    assert staff["Tom Teacher"].preferences == ("Cedar Primary School", "Alder Primary School")
    assert built.ids["schools"]["Alder Primary School"] == answered.school.pk


def test_names_that_repeat_are_told_apart(answered: Visiting):
    from kinship.visits.tests.conftest import staff_member

    twin = staff_member("tom2@a1.test", "Tom Teacher", answered.school)
    say(answered, twin, answered.school)
    labels = set(plan_problem(answered.plan).ids["staff"])
    assert {"Tom Teacher (Birch Primary School)", "Tom Teacher (Alder Primary School)"} <= labels


def test_a_solve_runs_in_the_background_and_keeps_its_progress_and_plan(
    answered: Visiting, django_capture_on_commit_callbacks
):
    run = solve(answered, django_capture_on_commit_callbacks)
    assert run.status == SolveRun.Status.DONE and run.started_at and run.finished_at
    assert run.progress["stage"] == "balancing" and run.progress["placed"] == 3
    result = selectors.run_result(run)
    assert result is not None and result.placed == 3 and result.optimal
    problem = rota.parse_problem(run.problem)
    assert run.result is not None
    plan = rota.plan_from_json(run.result)
    assert rota.check_plan(problem, plan) == []
    assert {row.school.name: (row.given, row.received) for row in result.schools} == {
        "Alder Primary School": (1, 0), "Birch Primary School": (1, 1),
        "Cedar Primary School": (1, 2),
    }  # fmt: skip
    assert result.imbalance == 2 and result.balance_optimal  # Alder 1 out, Cedar 1 in


def test_the_plan_page_shows_each_schools_balance(
    answered: Visiting, django_capture_on_commit_callbacks
):
    run = solve(answered, django_capture_on_commit_callbacks)
    url = reverse("visits:run_detail", args=[answered.plan.pk, run.pk])
    page = signed_in_client(answered.coordinator).get(url).content.decode()
    assert "Visits given and received, school by school, differ by 2 in all" in page
    assert "as even as they can be" in page
    assert "1 more visiting out" in page and "1 more hosted" in page and "Even" in page


def test_pins_set_on_the_pages_are_honoured(answered: Visiting, django_capture_on_commit_callbacks):
    plan = answered.plan
    day = selectors.school_state(plan, answered.school).candidates[-1]
    services.plan_pin_inset(actor=answered.coordinator, plan=plan, school=answered.school, day=day)
    services.plan_pin_visit(
        actor=answered.coordinator, plan=plan, person=answered.teacher, host=answered.school
    )
    run = solve(answered, django_capture_on_commit_callbacks)
    assert run.status == SolveRun.Status.DONE and run.result is not None
    assert run.result["inset"]["Alder Primary School"] == [day.isoformat()]
    tom = next(visit for visit in run.result["visits"] if visit["staff"] == "Tom Teacher")
    assert tom["host"] == "Alder Primary School" and tom["rank"] == 2


def test_pins_that_clash_are_reported_by_name_not_dropped(
    answered: Visiting, django_capture_on_commit_callbacks
):
    plan = answered.plan
    day = selectors.school_state(plan, answered.shared_school).candidates[0]
    inset = services.plan_pin_inset(
        actor=answered.coordinator, plan=plan, school=answered.shared_school, day=day
    )
    # Tom visits from Birch on Birch's INSET day; pinned to Cedar on Cedar's own INSET day.
    visit = services.plan_pin_visit(
        actor=answered.coordinator, plan=plan, person=answered.teacher,
        host=answered.shared_school, day=day,
    )  # fmt: skip
    services.plan_pin_visit(
        actor=answered.coordinator, plan=plan, person=answered.alder_teacher,
        host=answered.second_school,
    )  # fmt: skip
    run = solve(answered, django_capture_on_commit_callbacks)
    assert run.status == SolveRun.Status.FAILED and run.result is None
    assert sorted(run.clashing_pins) == sorted([inset.pk, visit.pk])
    assert "Cedar Primary School's INSET day is" in run.error
    assert "Tom Teacher goes to Cedar Primary School" in run.error
    assert PlanPin.objects.filter(plan=plan).count() == 3  # none taken away


def test_a_pin_that_no_longer_fits_stops_the_solve_with_its_reason(answered: Visiting):
    plan = answered.plan
    services.plan_pin_visit(
        actor=answered.coordinator, plan=plan, person=answered.teacher, host=answered.school
    )
    say(answered, answered.teacher, answered.second_school, will_visit=False)
    with pytest.raises(ValidationError) as caught:
        solve_run_start(actor=answered.coordinator, plan=plan)
    assert "not down to visit" in caught.value.messages[0]
    assert not SolveRun.objects.exists()


def test_a_school_with_no_term_dates_must_be_left_out_or_given_dates(answered: Visiting):
    from kinship.schools.models import TermCalendar

    TermCalendar.objects.filter(school=answered.shared_school).delete()
    School.objects.filter(pk=answered.shared_school.pk).update(la_name="Cumbria")  # none there
    errors = plan_problem(answered.plan).errors
    assert any("Cedar Primary School has no term dates for 2031–32" in error for error in errors)
    services.plan_school_update(
        actor=answered.coordinator, plan=answered.plan, school=answered.shared_school,
        takes_part=False, inset_days=None, host_capacity=None, excluded=[],
    )  # fmt: skip
    built = plan_problem(answered.plan)
    assert built.errors == [] and "Cai Cedar" not in built.ids["staff"]


def test_one_solve_at_a_time_but_a_stopped_one_does_not_block(answered: Visiting):
    first = solve_run_start(actor=answered.coordinator, plan=answered.plan)  # not run: no commit
    with pytest.raises(ValidationError, match="being solved already"):
        solve_run_start(actor=answered.coordinator, plan=answered.plan)
    SolveRun.objects.filter(pk=first.pk).update(requested_at=timezone.now() - timedelta(hours=2))
    first.refresh_from_db()
    assert selectors.run_is_stale(first)
    assert solve_run_start(actor=answered.coordinator, plan=answered.plan).pk != first.pk


def test_executing_a_run_twice_does_nothing_the_second_time(answered: Visiting):
    run = solve_run_start(actor=answered.coordinator, plan=answered.plan)
    assert solve_run_execute(run.pk) == "done"
    assert solve_run_execute(run.pk) == "gone"
