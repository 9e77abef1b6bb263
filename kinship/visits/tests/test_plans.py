"""Setting up a plan: the window and its checks, each school's days from its own term dates,
what school leads change, staff preferences and the coordinator's pins."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from kinship.core.models import AuditEntry
from kinship.schools.models import School
from kinship.visits.models import OpenClassroom, PlanPin, PlanSchool, StaffPreference
from kinship.visits.selectors import plans as selectors
from kinship.visits.services import plans as services
from kinship.visits.tests.conftest import COMMON_DAY, Visiting, plan_fields

pytestmark = pytest.mark.django_db
D = date


def state_of(visiting: Visiting, school: School) -> selectors.SchoolState:
    return selectors.school_state(visiting.plan, school)


def test_a_new_plan_takes_in_every_member_school_with_the_plans_figures(visiting: Visiting):
    plan = visiting.plan
    assert set(plan.plan_schools.values_list("school__urn", flat=True)) == {100001, 100002, 100003}
    assert plan.academic_year == 2031
    assert AuditEntry.objects.filter(action="visits.plan_create").exists()
    state = state_of(visiting, visiting.school)
    assert (state.takes_part, state.inset_days, state.host_capacity) == (True, 1, 2)
    assert not state.capacity_set


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "  "}, "title"),
        ({"window_end": D(2032, 2, 1)}, "window_end"),
        ({"window_end": D(2032, 9, 10)}, "window_end"),  # another academic year
        ({"common_inset_date": D(2032, 4, 1)}, "common_inset_date"),
        ({"common_inset_date": D(2032, 3, 6)}, "common_inset_date"),  # a Saturday
        ({"staggered_days": 0}, "staggered_days"),
        ({"default_capacity": 99}, "default_capacity"),
        ({"time_limit_s": 1}, "time_limit_s"),
        ({"preferences_due": D(2032, 4, 1)}, "preferences_due"),
    ],
)
def test_a_plan_that_cannot_work_is_refused_naming_the_field(visiting: Visiting, changes, field):
    with pytest.raises(ValidationError) as caught:
        services.visit_plan_create(
            actor=visiting.coordinator, family=visiting.family, fields=plan_fields(**changes)
        )
    assert field in caught.value.message_dict


def test_candidates_come_from_each_schools_own_term_dates(visiting: Visiting):
    alder = state_of(visiting, visiting.school)
    cedar = state_of(visiting, visiting.shared_school)
    assert alder.follows_authority == "Lancashire" and cedar.follows_authority == ""
    # Alder is in from Mon 23 Feb; Cedar's half-term runs to Fri 27 Feb.
    assert alder.candidates[0] == D(2032, 2, 23) and cedar.candidates[0] == D(2032, 3, 1)
    assert D(2032, 2, 24) in cedar.closed and D(2032, 2, 24) not in alder.closed
    for state in (alder, cedar):
        assert COMMON_DAY not in state.candidates and COMMON_DAY in state.closed
        assert all(day.weekday() < 5 for day in state.candidates)
    assert len(alder.candidates) == 19 and len(cedar.candidates) == 14  # four weeks, three


def test_a_school_without_term_dates_is_named_not_guessed(visiting: Visiting):
    from kinship.schools.models import TermCalendar

    TermCalendar.objects.filter(la_name="Lancashire").delete()
    alder = state_of(visiting, visiting.school)
    assert not alder.has_term_dates and alder.candidates == [] and alder.problem == "no term dates"
    with pytest.raises(ValidationError, match="no term dates"):
        services.plan_school_update(
            actor=visiting.head, plan=visiting.plan, school=visiting.school, takes_part=True,
            inset_days=None, host_capacity=3, excluded=[],
        )  # fmt: skip


def test_a_lead_rules_days_out_and_says_how_many_visitors(visiting: Visiting):
    out = [D(2032, 2, 23), D(2032, 2, 24)]
    services.plan_school_update(
        actor=visiting.head, plan=visiting.plan, school=visiting.school, takes_part=True,
        inset_days=None, host_capacity=4, excluded=out,
    )  # fmt: skip
    alder = state_of(visiting, visiting.school)
    assert alder.excluded == set(out) and not set(out) & set(alder.candidates)
    assert (alder.host_capacity, alder.capacity_set) == (4, True)
    row = PlanSchool.objects.get(plan=visiting.plan, school=visiting.school)
    assert row.updated_by == visiting.head


def test_a_lead_cannot_rule_out_a_day_pupils_are_not_in_or_leave_too_few(visiting: Visiting):
    with pytest.raises(ValidationError, match="not a day"):
        services.plan_school_update(
            actor=visiting.head, plan=visiting.plan, school=visiting.shared_school,
            takes_part=True, inset_days=None, host_capacity=None, excluded=[D(2032, 2, 24)],
        )  # fmt: skip
    cedar = state_of(visiting, visiting.shared_school)
    with pytest.raises(ValidationError, match="at least 2 candidate"):
        services.plan_school_update(
            actor=visiting.head, plan=visiting.plan, school=visiting.shared_school,
            takes_part=True, inset_days=2, host_capacity=None, excluded=cedar.candidates[1:],
        )  # fmt: skip


def test_a_day_pinned_as_inset_cannot_be_ruled_out(visiting: Visiting):
    day = state_of(visiting, visiting.school).candidates[3]
    services.plan_pin_inset(
        actor=visiting.coordinator, plan=visiting.plan, school=visiting.school, day=day
    )
    with pytest.raises(ValidationError, match="pinned"):
        services.plan_school_update(
            actor=visiting.head, plan=visiting.plan, school=visiting.school, takes_part=True,
            inset_days=None, host_capacity=None, excluded=[day],
        )  # fmt: skip


def test_staff_say_where_they_would_like_to_go(visiting: Visiting):
    preference = services.staff_preference_save(
        actor=visiting.teacher, plan=visiting.plan, school=visiting.second_school, will_visit=True,
        choices=[visiting.shared_school, visiting.school],
    )  # fmt: skip
    assert preference.chosen_school_ids == [visiting.shared_school.pk, visiting.school.pk]
    again = services.staff_preference_save(
        actor=visiting.teacher, plan=visiting.plan, school=visiting.second_school, will_visit=False,
        choices=[visiting.school],
    )  # fmt: skip
    assert again.pk == preference.pk and not again.will_visit and again.chosen_school_ids == []


@pytest.mark.parametrize(
    ("choice_names", "message"),
    [
        (["second_school"], "other than your own"),
        (["school", "school"], "chosen twice"),
        (["school", "shared_school", "school", "shared_school"], "at most 3"),
        (["other_school"], "not taking part"),
    ],
)
def test_a_preference_with_impossible_choices_is_refused(visiting: Visiting, choice_names, message):
    with pytest.raises(ValidationError, match=message):
        services.staff_preference_save(
            actor=visiting.teacher, plan=visiting.plan, school=visiting.second_school,
            will_visit=True, choices=[getattr(visiting, name) for name in choice_names],
        )  # fmt: skip


def test_only_staff_of_a_school_taking_part_answer_for_it(visiting: Visiting):
    with pytest.raises(ValidationError, match="where you work"):
        services.staff_preference_save(
            actor=visiting.teacher, plan=visiting.plan, school=visiting.school, will_visit=True
        )
    services.plan_school_update(
        actor=visiting.coordinator, plan=visiting.plan, school=visiting.second_school,
        takes_part=False, inset_days=None, host_capacity=None, excluded=[],
    )  # fmt: skip
    with pytest.raises(ValidationError):
        services.staff_preference_save(
            actor=visiting.teacher,
            plan=visiting.plan,
            school=visiting.second_school,
            will_visit=True,
        )


def test_a_subject_becomes_schools_with_open_classrooms_then_colleagues(visiting: Visiting):
    OpenClassroom.objects.create(
        school=visiting.shared_school, host=visiting.cedar_teacher, year_group="y2",
        subject="early_reading", focus="Phonics", weekdays=[1], session="morning",
    )  # fmt: skip
    preference = services.staff_preference_save(
        actor=visiting.teacher, plan=visiting.plan, school=visiting.second_school, will_visit=True,
        focus_subject="early_reading", focus_year_group="y2",
    )  # fmt: skip
    schools = [s.school for s in selectors.school_states(visiting.plan, with_counts=False)]
    offers = selectors.focus_offers(visiting.plan, schools)
    choices = selectors.choices_for(preference, offers, {school.pk for school in schools})
    # Cedar's Y2 phonics open classroom first; Alder, where Ali lists phonics, second.
    assert choices.school_ids == [visiting.shared_school.pk, visiting.school.pk]
    assert (choices.from_focus[1].open_classrooms, choices.from_focus[1].colleagues) == (0, 1)


def test_each_placement_names_its_reason(visiting: Visiting, django_capture_on_commit_callbacks):
    """Issue 18: "choice 1" said nothing of the open classroom or subject that put a person
    there; a named school says which choice it was; a pinned visit says so."""
    from django.urls import reverse

    from kinship.conftest import signed_in_client
    from kinship.visits.models import SolveRun
    from kinship.visits.services.solving import solve_run_start

    OpenClassroom.objects.create(
        school=visiting.shared_school, host=visiting.cedar_teacher, year_group="y2",
        subject="early_reading", focus="Phonics", weekdays=[1, 2, 3, 4, 5], session="morning",
    )  # fmt: skip
    services.staff_preference_save(
        actor=visiting.teacher, plan=visiting.plan, school=visiting.second_school, will_visit=True,
        focus_subject="early_reading", focus_year_group="y2",
    )  # fmt: skip
    services.staff_preference_save(
        actor=visiting.cedar_teacher, plan=visiting.plan, school=visiting.shared_school,
        will_visit=True, choices=[visiting.school],
    )  # fmt: skip
    services.staff_preference_save(
        actor=visiting.alder_teacher, plan=visiting.plan, school=visiting.school,
        will_visit=True, choices=[visiting.shared_school],
    )  # fmt: skip
    services.plan_pin_visit(
        actor=visiting.coordinator, plan=visiting.plan, person=visiting.alder_teacher,
        host=visiting.second_school,
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        run = solve_run_start(actor=visiting.coordinator, plan=visiting.plan)
    run.refresh_from_db()
    assert run.status == SolveRun.Status.DONE, run.error
    result = selectors.run_result(run)
    assert result is not None
    reasons = {visit.person: visit.reason for visit in result.visits}
    assert reasons[visiting.teacher] == (
        "first choice: an open classroom in Early reading and phonics, Year 2 at Cedar Primary "
        "School"
    )
    assert reasons[visiting.cedar_teacher] == "first choice"
    assert reasons[visiting.alder_teacher] == "pinned by a coordinator"
    page = signed_in_client(visiting.coordinator).get(
        reverse("visits:run_detail", args=[visiting.plan.pk, run.pk])
    )
    assert (
        "an open classroom in Early reading and phonics, Year 2 at Cedar" in page.content.decode()
    )


def test_named_schools_come_first_and_the_focus_fills_the_rest(visiting: Visiting):
    preference = services.staff_preference_save(
        actor=visiting.teacher, plan=visiting.plan, school=visiting.second_school, will_visit=True,
        choices=[visiting.shared_school], focus_subject="early_reading",
    )  # fmt: skip
    schools = [s.school for s in selectors.school_states(visiting.plan, with_counts=False)]
    offers = selectors.focus_offers(visiting.plan, schools)
    choices = selectors.choices_for(preference, offers, {school.pk for school in schools})
    assert choices.school_ids == [visiting.shared_school.pk, visiting.school.pk]


def test_counts_show_who_has_replied(visiting: Visiting):
    services.staff_preference_save(
        actor=visiting.teacher, plan=visiting.plan, school=visiting.second_school, will_visit=True
    )
    birch = selectors.school_state(visiting.plan, visiting.second_school)
    assert (birch.staff, birch.will_visit, birch.replies) == (1, 1, 1)


def test_pins_must_fit_the_plan_as_it_stands(visiting: Visiting):
    plan, coordinator = visiting.plan, visiting.coordinator
    with pytest.raises(ValidationError, match="not one of"):
        services.plan_pin_inset(
            actor=coordinator, plan=plan, school=visiting.shared_school, day=D(2032, 2, 24)
        )
    day = state_of(visiting, visiting.school).candidates[0]
    services.plan_pin_inset(actor=coordinator, plan=plan, school=visiting.school, day=day)
    with pytest.raises(ValidationError, match="all pinned already"):
        other = state_of(visiting, visiting.school).candidates[1]
        services.plan_pin_inset(actor=coordinator, plan=plan, school=visiting.school, day=other)
    with pytest.raises(ValidationError, match="not said they will visit"):
        services.plan_pin_visit(
            actor=coordinator, plan=plan, person=visiting.teacher, host=visiting.school
        )
    services.staff_preference_save(
        actor=visiting.teacher, plan=plan, school=visiting.second_school, will_visit=True
    )
    with pytest.raises(ValidationError, match="own school"):
        services.plan_pin_visit(
            actor=coordinator, plan=plan, person=visiting.teacher, host=visiting.second_school
        )
    pin = services.plan_pin_visit(
        actor=coordinator, plan=plan, person=visiting.teacher, host=visiting.school
    )
    # Pinning the same person again replaces their pin.
    again = services.plan_pin_visit(
        actor=coordinator, plan=plan, person=visiting.teacher, host=visiting.shared_school
    )
    assert list(PlanPin.objects.filter(kind="visit").values_list("pk", flat=True)) == [again.pk]
    assert pin.pk != again.pk
    services.plan_pin_remove(actor=coordinator, pin=again)
    assert not PlanPin.objects.filter(kind="visit").exists()
    assert StaffPreference.objects.count() == 1
