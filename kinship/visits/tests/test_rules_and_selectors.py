"""Who may do what, and the reads behind the pages: what waits for a person, the visits each
school gives and receives, and list pages that cost the same at any length."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kinship.visits.models import PlanSchool
from kinship.visits.selectors import visits as selectors
from kinship.visits.services import clearances, reflections, visits
from kinship.visits.tests.conftest import Visiting
from kinship.visits.tests.test_visits import TUESDAY, offer_fields

pytestmark = pytest.mark.django_db


def past_weekday(nth: int = 1):
    """The nth weekday before today: different n, different days."""
    day, found = timezone.localdate(), 0
    while found < nth:
        day -= timedelta(days=1)
        found += day.weekday() < 5
    return day


def test_a_plan_is_run_by_coordinators_and_a_school_part_by_its_lead(visiting: Visiting):
    plan = visiting.plan
    assert visiting.coordinator.has_perm("visits.change_plan", plan)
    assert not visiting.head.has_perm("visits.change_plan", plan)
    assert visiting.teacher.has_perm("visits.view_plan", plan)
    assert not visiting.outsider.has_perm("visits.view_plan", plan)
    alder = PlanSchool.objects.get(plan=plan, school=visiting.school)
    birch = PlanSchool.objects.get(plan=plan, school=visiting.second_school)
    assert visiting.head.has_perm("visits.change_plan_school", alder)
    assert not visiting.head.has_perm("visits.change_plan_school", birch)
    assert visiting.coordinator.has_perm("visits.change_plan_school", birch)
    # A draft's result: coordinators and leads; staff once it is published.
    assert visiting.head.has_perm("visits.view_plan_result", plan)
    assert not visiting.teacher.has_perm("visits.view_plan_result", plan)
    plan.published_at = timezone.now()
    assert visiting.teacher.has_perm("visits.view_plan_result", plan)
    assert visiting.teacher.has_perm("visits.state_preference", plan)
    assert not visiting.coordinator.has_perm("visits.state_preference", plan)  # no school


def test_a_reflection_is_between_the_two_sides_only(visiting: Visiting):
    visit = visits.visit_record(
        actor=visiting.teacher, host_school=visiting.school, day=past_weekday()
    )
    for person in (visiting.teacher, visiting.head):
        assert person.has_perm("visits.read_reflection", visit)
    for person in (visiting.coordinator, visiting.admin, visiting.alder_teacher, visiting.outsider):
        assert not person.has_perm("visits.read_reflection", visit)
    assert visiting.teacher.has_perm("visits.reflect_on_visit", visit)
    assert not visiting.head.has_perm("visits.reflect_on_visit", visit)


def test_my_visits_sorts_what_waits_for_each_person(visiting: Visiting):
    offer = visits.open_classroom_create(
        actor=visiting.cedar_teacher, fields=offer_fields(visiting)
    )
    asked = visits.visit_request(
        actor=visiting.teacher, offer=offer, day=TUESDAY, focus_question="?"
    )
    made = visits.visit_record(
        actor=visiting.alder_teacher, host_school=visiting.shared_school, day=past_weekday()
    )
    cai = selectors.my_visits(visiting.cedar_teacher)
    assert cai.to_answer == [asked] and cai.hosting == []
    tom = selectors.my_visits(visiting.teacher)
    assert tom.upcoming == [asked]
    ali = selectors.my_visits(visiting.alder_teacher)
    assert ali.to_reflect == [made] and ali.past == [made]
    # Alder's head confirms Ali is cleared; until then it waits on the head's list.
    assert [v.pk for v in selectors.my_visits(visiting.head).to_confirm] == []  # made is past
    visits.visit_respond(actor=visiting.cedar_teacher, visit=asked, accept=True)
    assert selectors.my_visits(visiting.cedar_teacher).hosting == [asked]
    reflections.reflection_save(actor=visiting.alder_teacher, visit=made, saw="a", will_try="b")
    assert selectors.my_visits(visiting.alder_teacher).to_reflect == []


def test_a_lead_sees_their_staff_going_out_uncleared(visiting: Visiting):
    offer = visits.open_classroom_create(
        actor=visiting.cedar_teacher, fields=offer_fields(visiting)
    )
    visit = visits.visit_request(
        actor=visiting.alder_teacher, offer=offer, day=TUESDAY, focus_question="?"
    )
    assert selectors.my_visits(visiting.head).to_confirm == [visit]
    clearances.clearance_declare(
        actor=visiting.head, school=visiting.school, person=visiting.alder_teacher
    )
    assert selectors.my_visits(visiting.head).to_confirm == []


def test_reciprocity_counts_visits_given_and_received_with_every_partner(visiting: Visiting):
    for person, host, back in (
        (visiting.teacher, visiting.school, 1),
        (visiting.alder_teacher, visiting.second_school, 2),
        (visiting.cedar_teacher, visiting.second_school, 3),
    ):
        visits.visit_record(actor=person, host_school=host, day=past_weekday(back))
    today = timezone.localdate()
    span = (today - timedelta(days=30), today)
    rows = selectors.reciprocity(visiting.second_school, *span)
    by_name = {row.partner.name: (row.given, row.received, row.balance) for row in rows}
    assert by_name == {"Alder Primary School": (1, 1, 0), "Cedar Primary School": (0, 1, 1)}
    # Cedar also shares a family with Fellside: a partner with no visits yet is listed too.
    cedar_rows = selectors.reciprocity(visiting.shared_school, *span)
    assert {row.partner.name for row in cedar_rows} == {
        "Alder Primary School", "Birch Primary School", "Fellside Primary School",
    }  # fmt: skip


def test_the_open_classroom_list_costs_the_same_at_any_length(visiting: Visiting):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            list(selectors.offers_visible_to(visiting.teacher))
        return len(queries)

    visits.open_classroom_create(actor=visiting.cedar_teacher, fields=offer_fields(visiting))
    one = count()
    for subject in ("maths", "science", "history", "music"):
        visits.open_classroom_create(
            actor=visiting.cedar_teacher, fields=offer_fields(visiting, subject=subject)
        )
    assert count() == one


def test_my_visits_costs_the_same_at_any_length(visiting: Visiting):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            mine = selectors.my_visits(visiting.alder_teacher)
            [
                v.visitor.display_name + v.host_school.name + str(v.cleared)  # type: ignore[attr-defined]
                for v in mine.past
            ]
        return len(queries)

    visits.visit_record(
        actor=visiting.alder_teacher, host_school=visiting.shared_school, day=past_weekday(1)
    )
    one = count()
    for back in (3, 5, 7):
        visits.visit_record(
            actor=visiting.alder_teacher, host_school=visiting.second_school, day=past_weekday(back)
        )
    assert count() == one


def test_a_gap_reads_as_a_percentage_and_never_as_nothing_when_it_is_something():
    from kinship.visits.models.plans import percent

    assert (percent(0.0), percent(0.0004), percent(0.0237)) == ("0", "0.1", "2.4")
