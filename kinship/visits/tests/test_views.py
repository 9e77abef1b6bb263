"""The visits pages from the browser's side. Roles are in the permission matrix
(kinship/tests/matrix_visits.py); here: the normal paths, wrong methods, bad input, the
solve's progress for htmx, and what each page shows."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kinship.conftest import signed_in_client
from kinship.tests.matrix_visits import VISITS_CASES
from kinship.visits.models import PlanPin, Reflection, SolveRun, StaffPreference, Visit, VisitPlan
from kinship.visits.selectors.plans import school_state
from kinship.visits.services import plans as plan_services
from kinship.visits.services import visits
from kinship.visits.services.solving import solve_run_start
from kinship.visits.tests.conftest import Visiting
from kinship.visits.tests.test_visits import TUESDAY, offer_fields

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("case", VISITS_CASES, ids=[case.id for case in VISITS_CASES])
def test_the_wrong_method_is_refused(people, case):
    wrong = "post" if case.method == "get" else "get"
    args = case.args(people)
    response = getattr(signed_in_client(people.head), wrong)(reverse(case.url_name, args=args))
    if case.url_name in GET_AND_POST:
        assert response.status_code != 405  # a form page takes both
    else:
        assert response.status_code == 405


GET_AND_POST = {
    "visits:offer_create", "visits:offer_edit", "visits:visit_record", "visits:reflection_edit",
    "visits:plan_create", "visits:plan_edit", "visits:plan_school", "visits:plan_preference",
    "visits:plan_publish", "visits:visit_focus", "visits:joint_action_update",
    "visits:visit_arrange", "visits:common_day_list",
}  # fmt: skip


@pytest.mark.parametrize("case", VISITS_CASES[:6], ids=[case.id for case in VISITS_CASES[:6]])
def test_anonymous_visitors_are_sent_to_sign_in(people, case):
    response = signed_in_client(None).get(reverse(case.url_name, args=case.args(people)))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_coordinator_sets_up_a_plan_from_the_page(visiting: Visiting):
    client = signed_in_client(visiting.coordinator)
    url = reverse("visits:plan_create", args=[visiting.family.slug])
    data = {
        "title": "Spring visits", "window_start": "2032-02-23", "window_end": "2032-03-19",
        "common_inset_date": "2032-03-19", "staggered_days": "1", "default_capacity": "2",
        "allow_unlisted": "on", "time_limit_s": "10", "visit_start": "08:45", "visit_end": "15:15",
    }  # fmt: skip
    response = client.post(url, {**data, "window_end": "2032-09-30"})
    assert response.status_code == 200 and "inside one academic year" in response.content.decode()
    response = client.post(url, data)
    plan = VisitPlan.objects.get(title="Spring visits")
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Alder Primary School" in page and "Lancashire's" in page
    assert "Solve the plan" in page and "Pin a school's INSET day" in page


def test_a_lead_unticks_days_their_school_cannot_take(visiting: Visiting):
    client = signed_in_client(visiting.head)
    url = reverse("visits:plan_school", args=[visiting.plan.pk, visiting.school.urn])
    page = client.get(url).content.decode()
    assert "Week of Mon 23 Feb 2032" in page and "Tue 24 Feb" in page
    state = school_state(visiting.plan, visiting.school)
    keep = [day.isoformat() for day in state.candidates[2:]]
    response = client.post(url, {"takes_part": "on", "host_capacity": "4", "candidates": keep})
    assert response.status_code == 302
    state = school_state(visiting.plan, visiting.school)
    assert len(state.excluded) == 2 and state.host_capacity == 4
    response = client.post(url, {"takes_part": "on", "candidates": []})
    assert (
        response.status_code == 200
        and "Leave at least 1 candidate day" in response.content.decode()
    )


def test_a_teacher_says_where_they_would_like_to_go_and_sees_what_a_subject_finds(
    visiting: Visiting,
):
    visits.open_classroom_create(actor=visiting.cedar_teacher, fields=offer_fields(visiting))
    client = signed_in_client(visiting.teacher)
    url = reverse("visits:plan_preference", args=[visiting.plan.pk])
    answer = {"school": visiting.second_school.pk, "will_visit": "yes"}
    response = client.post(
        url, {**answer, "focus_subject": "early_reading", "focus_year_group": "y2"}
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "As things stand, your choices are" in page
    assert "Cedar Primary School (1 open classroom)" in page
    assert StaffPreference.objects.get(person=visiting.teacher).focus_subject == "early_reading"


def test_solving_shows_progress_to_htmx_then_the_plan(
    visiting: Visiting, django_capture_on_commit_callbacks
):
    plan_services.staff_preference_save(
        actor=visiting.teacher, plan=visiting.plan, school=visiting.second_school, will_visit=True,
        choices=[visiting.shared_school],
    )  # fmt: skip
    client = signed_in_client(visiting.coordinator)
    queued = solve_run_start(actor=visiting.coordinator, plan=visiting.plan)  # not yet run
    url = queued.get_absolute_url()
    partial = client.get(url, headers={"HX-Request": "true"})
    assert partial.status_code == 200 and b'hx-trigger="every 2s"' in partial.content
    assert b"Waiting to start" in partial.content and b"<html" not in partial.content
    progress = {"elapsed_s": 3.0, "placed": 1, "points": 3, "busiest": 1, "gap": 0.25}
    SolveRun.objects.filter(pk=queued.pk).update(
        status="running", progress={**progress, "stage": "searching"}
    )
    text = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "1 of 1 staff placed" in text and "up to 25.0%" in text
    SolveRun.objects.filter(pk=queued.pk).update(progress={**progress, "stage": "balancing"})
    text = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "the planner is now evening out each school" in text
    SolveRun.objects.filter(pk=queued.pk).update(status="failed", error="x")
    done = client.get(url, headers={"HX-Request": "true"})
    assert done["HX-Refresh"] == "true"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("visits:plan_solve", args=[visiting.plan.pk]))
    run = SolveRun.objects.filter(status="done").get()
    assert response["Location"] == run.get_absolute_url()
    page = client.get(run.get_absolute_url()).content.decode()
    assert "1 of 1 staff placed" in page and "The best plan possible" in page
    assert 'data-chart="run-data"' in page and 'id="run-data"' in page  # the chart and its data
    assert "Publish this plan" in page


def test_a_clash_of_pins_is_shown_with_the_pins_named(
    visiting: Visiting, django_capture_on_commit_callbacks
):
    plan = visiting.plan
    plan_services.staff_preference_save(
        actor=visiting.teacher, plan=plan, school=visiting.second_school, will_visit=True
    )
    day = school_state(plan, visiting.shared_school).candidates[0]
    plan_services.plan_pin_inset(
        actor=visiting.coordinator, plan=plan, school=visiting.shared_school, day=day
    )
    plan_services.plan_pin_visit(
        actor=visiting.coordinator,
        plan=plan,
        person=visiting.teacher,
        host=visiting.shared_school,
        day=day,
    )
    client = signed_in_client(visiting.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("visits:plan_solve", args=[plan.pk]))
    run = SolveRun.objects.get()
    page = client.get(run.get_absolute_url()).content.decode()
    assert "No plan found" in page and "The pins that clash" in page
    assert "Tom Teacher goes to Cedar Primary School" in page
    plan_page = client.get(plan.get_absolute_url()).content.decode()
    assert plan_page.count("pin-clash") == 2


def test_pins_are_added_from_the_result_and_bad_pins_are_messages(visiting: Visiting):
    client = signed_in_client(visiting.coordinator)
    url = reverse("visits:plan_pin_add", args=[visiting.plan.pk])
    response = client.post(
        url,
        {"kind": "inset", "inset-school": visiting.school.pk, "inset-date": "2032-02-21"},
        follow=True,
    )
    assert "not one of Alder Primary School&#x27;s candidate days" in response.content.decode()
    response = client.post(
        url,
        {"kind": "inset", "inset-school": visiting.school.pk, "inset-date": "not a date"},
        follow=True,
    )
    assert response.status_code == 200 and not PlanPin.objects.exists()
    client.post(
        url, {"kind": "inset", "inset-school": visiting.school.pk, "inset-date": "2032-02-23"}
    )
    pin = PlanPin.objects.get()
    client.post(reverse("visits:plan_pin_remove", args=[visiting.plan.pk, pin.pk]))
    assert not PlanPin.objects.exists()


def test_an_open_classroom_is_offered_asked_for_and_answered(
    visiting: Visiting, django_capture_on_commit_callbacks
):
    host = signed_in_client(visiting.cedar_teacher)
    form = {
        "school": visiting.shared_school.pk, "year_group": "y2", "subject": "early_reading",
        "focus": "Phonics", "weekdays": ["1", "3"], "session": "morning", "places": "2",
        "active": "on",
    }  # fmt: skip
    offer_url = host.post(reverse("visits:offer_create"), form)["Location"]
    page = signed_in_client(visiting.teacher).get(offer_url).content.decode()
    assert "Y2 phonics, Tue and Thu mornings" in page and "Ask to visit" in page
    visitor = signed_in_client(visiting.teacher)
    ask_url = offer_url + "request/"
    bad = visitor.post(ask_url, {"date": "2032-03-03", "focus_question": "Pace"})
    assert bad.status_code == 400 and "not one of those days" in bad.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = visitor.post(ask_url, {"date": TUESDAY.isoformat(), "focus_question": "Pace"})
    visit = Visit.objects.get()
    assert response["Location"] == visit.get_absolute_url()
    page = host.get(visit.get_absolute_url()).content.decode()
    assert "Can they come?" in page and "Not yet confirmed by Birch Primary School" in page
    with django_capture_on_commit_callbacks(execute=True):
        host.post(
            reverse("visits:visit_respond", args=[visit.pk]),
            {"decision": "accept", "note": "Office"},
        )
    page = visitor.get(visit.get_absolute_url()).content.decode()
    assert "Agreed: it is in both calendars." in page and "The visit in your calendar" in page
    visit.refresh_from_db()
    entry = visitor.get(reverse("meetings:series_detail", args=[visit.series_id])).content.decode()
    assert "Classroom visit: Tom Teacher (Birch Primary School) at Cedar Primary School" in entry


def test_the_sign_in_sheet_prints_the_days_visitors(visiting: Visiting):
    offer = visits.open_classroom_create(
        actor=visiting.cedar_teacher, fields=offer_fields(visiting)
    )
    visit = visits.visit_request(
        actor=visiting.teacher, offer=offer, day=TUESDAY, focus_question="?"
    )
    visits.visit_respond(actor=visiting.cedar_teacher, visit=visit, accept=True)
    client = signed_in_client(visiting.cedar_teacher)
    url = reverse("visits:sign_in_sheet", args=[visiting.shared_school.urn])
    page = client.get(url).content.decode()  # the next day with visitors
    assert "Visitors to Cedar Primary School, Tue 2 Mar 2032" in page
    assert "Tom Teacher" in page and "Birch Primary School" in page and "09:00–12:00" in page
    assert "Not confirmed: check at the office" in page and "visits/visits.css" in page
    assert client.get(url, {"date": "2032-03-09"}).content.decode().count("Tom Teacher") == 0
    assert client.get(url, {"date": "yesterday"}).status_code == 404


def test_a_lead_declares_a_colleague_cleared(visiting: Visiting):
    client = signed_in_client(visiting.head)
    url = reverse("visits:clearance_list", args=[visiting.school.urn])
    assert "Never enter DBS certificate numbers" in client.get(url).content.decode()
    declare = reverse("visits:clearance_declare", args=[visiting.school.urn])
    response = client.post(declare, {"person": visiting.alder_teacher.pk}, follow=True)
    assert "Tick the box to confirm" in response.content.decode()
    client.post(declare, {"person": visiting.alder_teacher.pk, "confirm": "on"})
    page = client.get(url).content.decode()
    assert "Confirmed by Hana Head on" in page
    response = client.post(declare, {"person": visiting.teacher.pk, "confirm": "on"}, follow=True)
    assert "not on the staff of Alder" in response.content.decode()
    assert client.post(declare, {"person": 999999, "confirm": "on"}).status_code == 404


def test_the_visitor_writes_a_reflection_and_both_agree_to_share(visiting: Visiting):
    day = timezone.localdate() - timedelta(days=1)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    visit = visits.visit_record(actor=visiting.teacher, host_school=visiting.school, day=day)
    visitor, host = signed_in_client(visiting.teacher), signed_in_client(visiting.head)
    url = reverse("visits:reflection_edit", args=[visit.pk])
    assert visitor.post(url, {"saw": "", "will_try": ""}).status_code == 200
    response = visitor.post(
        url, {"saw": "Echo reading", "will_try": "Try it", "offer_back": "Spine"}
    )
    assert response["Location"].endswith("#reflection")
    page = host.get(visit.get_absolute_url()).content.decode()
    assert "Echo reading" in page and "Thank you for hosting." in page
    share = reverse("visits:reflection_share", args=[visit.pk])
    visitor.post(share, {"agree": "1"})
    response = host.post(share, {"agree": "1"}, follow=True)
    assert "it is in the family library now" in response.content.decode()
    reflection = Reflection.objects.get()
    assert reflection.both_agree and reflection.library_published_at
    resource_url = reverse("library:resource_detail", args=[int(reflection.library_reference)])
    host_page = host.get(visit.get_absolute_url()).content.decode()
    assert resource_url in host_page and "Take it out of the library" in host_page
    assert "Echo reading" in visitor.get(resource_url).content.decode()
    response = host.post(share, {"agree": "0"}, follow=True)
    assert "Withdrawn: it is out of the family library." in response.content.decode()
    reflection = Reflection.objects.get()
    assert not reflection.both_agree and reflection.library_published_at is None
    assert visitor.get(resource_url).status_code == 404
    assert visitor.post(share, {"agree": "maybe"}).status_code == 302  # told, not a 500


def test_a_joint_action_is_agreed_and_updated_from_the_page(visiting: Visiting):
    day = timezone.localdate() - timedelta(days=1)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    visit = visits.visit_record(actor=visiting.teacher, host_school=visiting.school, day=day)
    signed_in_client(visiting.head).post(
        reverse("visits:joint_action_add", args=[visit.pk]),
        {"text": "Echo reading for a fortnight"},
    )
    action = visit.joint_actions.get()
    signed_in_client(visiting.teacher).post(
        reverse("visits:joint_action_update", args=[action.pk]),
        {"status": "trying", "note": "Began"},
    )
    page = signed_in_client(visiting.head).get(visit.get_absolute_url()).content.decode()
    assert "Echo reading for a fortnight" in page and "Trying it out: Began" in page


def test_reciprocity_has_a_chart_over_a_table_of_the_same_numbers(visiting: Visiting):
    day = timezone.localdate() - timedelta(days=1)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    visits.visit_record(actor=visiting.teacher, host_school=visiting.school, day=day)
    client = signed_in_client(visiting.teacher)
    url = reverse("visits:reciprocity", args=[visiting.second_school.urn])
    page = client.get(url).content.decode()
    assert 'id="reciprocity-data"' in page and "chart.umd.min.js" in page
    assert '<th scope="row">Alder Primary School</th><td>1</td><td>0</td>' in page
    assert client.get(url, {"year": "soon"}).status_code == 404
    assert client.get(url, {"year": "1900"}).status_code == 404


def test_the_visits_home_and_dashboard_show_what_waits(visiting: Visiting):
    offer = visits.open_classroom_create(
        actor=visiting.cedar_teacher, fields=offer_fields(visiting)
    )
    visits.visit_request(actor=visiting.teacher, offer=offer, day=TUESDAY, focus_question="?")
    client = signed_in_client(visiting.cedar_teacher)
    home = client.get(reverse("visits:home")).content.decode()
    assert "Requests to answer" in home and "Tom Teacher from Birch Primary School" in home
    dashboard = client.get(reverse("families:dashboard")).content.decode()
    assert "To answer:" in dashboard and "All classroom visits" in dashboard
