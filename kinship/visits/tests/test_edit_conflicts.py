"""Visit plans edited in two places at once: the later stale save is refused with the
earlier one shown, not silently lost (issue 16)."""

from typing import Any

import pytest
from django.urls import reverse

from kinship.conftest import signed_in_client
from kinship.core.concurrency import EditConflict, edit_version
from kinship.core.tests.stale import stale_save_is_refused
from kinship.schools.models import School
from kinship.visits.models import (
    JointAction,
    OpenClassroom,
    PlanSchool,
    Reflection,
    StaffPreference,
    Visit,
    VisitPlan,
)
from kinship.visits.selectors.plans import school_state
from kinship.visits.services import plans as services
from kinship.visits.services import reflections, visits
from kinship.visits.tests.conftest import Visiting, plan_fields
from kinship.visits.tests.test_reflections import last_weekday
from kinship.visits.tests.test_visits import ask, offer_fields

pytestmark = pytest.mark.django_db


def plan_data(title: str) -> dict[str, Any]:
    return {
        "title": title, "window_start": "2032-02-23", "window_end": "2032-03-19",
        "common_inset_date": "2032-03-19", "staggered_days": "1", "default_capacity": "2",
        "allow_unlisted": "on", "time_limit_s": "10", "visit_start": "08:45", "visit_end": "15:15",
    }  # fmt: skip


def test_two_stale_plan_edits_keep_the_first_and_refuse_the_second(visiting: Visiting):
    plan = visiting.plan
    url = reverse("visits:plan_edit", args=[plan.pk])
    tab_a, tab_b = signed_in_client(visiting.coordinator), signed_in_client(visiting.coordinator)
    version = stale_save_is_refused(
        tab_a, tab_b, url, plan_data("Title from tab A"), plan_data("Title from tab B"),
        shows="Title from tab A",
    )  # fmt: skip
    plan.refresh_from_db()
    assert plan.title == "Title from tab A"
    again = tab_b.post(url, {**plan_data("Title from tab B"), "edit_version": version})
    assert again.status_code == 302
    plan.refresh_from_db()
    assert plan.title == "Title from tab B"


def test_plan_update_refuses_a_stale_version_and_a_script_without_one_still_saves(
    visiting: Visiting,
):
    plan, actor = visiting.plan, visiting.coordinator
    seen = edit_version(plan, services.PLAN_EDIT_FIELDS)
    services.visit_plan_update(
        actor=actor, plan=plan, fields=plan_fields(title="Second"), version=seen
    )
    with pytest.raises(EditConflict) as raised:
        services.visit_plan_update(
            actor=actor, plan=plan, fields=plan_fields(title="Third"), version=seen
        )
    current = raised.value.current
    assert isinstance(current, VisitPlan) and current.title == "Second"
    services.visit_plan_update(actor=actor, plan=plan, fields=plan_fields(title="Third"))
    plan.refresh_from_db()
    assert plan.title == "Third"


def test_two_stale_saves_of_a_schools_part_keep_the_first_and_refuse_the_second(
    visiting: Visiting,
):
    plan, school = visiting.plan, visiting.school
    PlanSchool.objects.filter(plan=plan, school=school).delete()  # the form creates it
    url = reverse("visits:plan_school", args=[plan.pk, school.urn])
    candidates = [day.isoformat() for day in school_state(plan, school).candidates]
    tab_a, tab_b = signed_in_client(visiting.head), signed_in_client(visiting.coordinator)
    data_a = {"takes_part": "on", "host_capacity": "7", "candidates": candidates}
    data_b = {"takes_part": "on", "host_capacity": "4", "candidates": candidates}
    version = stale_save_is_refused(tab_a, tab_b, url, data_a, data_b, shows="7")
    assert PlanSchool.objects.get(plan=plan, school=school).host_capacity == 7
    again = tab_b.post(url, {**data_b, "edit_version": version})
    assert again.status_code == 302
    assert PlanSchool.objects.get(plan=plan, school=school).host_capacity == 4


def test_plan_school_update_refuses_a_stale_version_and_a_script_without_one_still_saves(
    visiting: Visiting,
):
    plan, school = visiting.plan, visiting.school
    PlanSchool.objects.filter(plan=plan, school=school).delete()
    empty = edit_version(PlanSchool(plan=plan, school=school), services.PLAN_SCHOOL_FIELDS)

    def save(capacity: int, version: str | None) -> PlanSchool:
        return services.plan_school_update(
            actor=visiting.head, plan=plan, school=school, takes_part=True, inset_days=None,
            host_capacity=capacity, excluded=[], version=version,
        )  # fmt: skip

    save(5, empty)
    with pytest.raises(EditConflict) as raised:
        save(6, empty)  # a form shown before the first save
    current = raised.value.current
    assert isinstance(current, PlanSchool) and current.host_capacity == 5
    save(6, None)  # no version: a script
    assert PlanSchool.objects.get(plan=plan, school=school).host_capacity == 6


def offer_data(visiting: Visiting, focus: str) -> dict[str, Any]:
    return {
        "school": visiting.shared_school.pk, "year_group": "y2", "subject": "early_reading",
        "focus": focus, "weekdays": ["1", "3"], "session": "morning", "room": "Class 2",
        "places": "1", "notes": "", "active": "on",
    }  # fmt: skip


def test_two_stale_offer_edits_keep_the_first_and_refuse_the_second(visiting: Visiting):
    offer = visits.open_classroom_create(
        actor=visiting.cedar_teacher, fields=offer_fields(visiting)
    )
    url = reverse("visits:offer_edit", args=[offer.pk])
    tab_a, tab_b = (
        signed_in_client(visiting.cedar_teacher),
        signed_in_client(visiting.cedar_teacher),
    )
    version = stale_save_is_refused(
        tab_a, tab_b, url, offer_data(visiting, "Focus from tab A"),
        offer_data(visiting, "Focus from tab B"), shows="Focus from tab A",
    )  # fmt: skip
    offer.refresh_from_db()
    assert offer.focus == "Focus from tab A"
    again = tab_b.post(url, {**offer_data(visiting, "Focus from tab B"), "edit_version": version})
    assert again.status_code == 302
    offer.refresh_from_db()
    assert offer.focus == "Focus from tab B"


def test_offer_update_refuses_a_stale_version_and_a_script_without_one_still_saves(
    visiting: Visiting,
):
    actor = visiting.cedar_teacher
    offer = visits.open_classroom_create(actor=actor, fields=offer_fields(visiting))
    seen = edit_version(offer, visits.OFFER_EDIT_FIELDS)
    visits.open_classroom_update(
        actor=actor, offer=offer, fields=offer_fields(visiting, focus="Second"), version=seen
    )
    with pytest.raises(EditConflict) as raised:
        visits.open_classroom_update(
            actor=actor, offer=offer, fields=offer_fields(visiting, focus="Third"), version=seen
        )
    current = raised.value.current
    assert isinstance(current, OpenClassroom) and current.focus == "Second"
    visits.open_classroom_update(
        actor=actor, offer=offer, fields=offer_fields(visiting, focus="Third")
    )
    offer.refresh_from_db()
    assert offer.focus == "Third"


@pytest.fixture
def past_visit(visiting: Visiting) -> Visit:
    """Tom (Birch) visited Alder."""
    return visits.visit_record(
        actor=visiting.teacher, host_school=visiting.school, day=last_weekday(),
        focus_question="Guided reading",
    )  # fmt: skip


def test_two_stale_reflections_keep_the_first_and_refuse_the_second(
    visiting: Visiting, past_visit: Visit
):
    visit = past_visit
    url = reverse("visits:reflection_edit", args=[visit.pk])
    tab_a, tab_b = signed_in_client(visiting.teacher), signed_in_client(visiting.teacher)
    data_a = {"saw": "Seen from tab A", "will_try": "Echo reading.", "offer_back": ""}
    data_b = {"saw": "Seen from tab B", "will_try": "Echo reading.", "offer_back": ""}
    version = stale_save_is_refused(tab_a, tab_b, url, data_a, data_b, shows="Seen from tab A")
    assert Reflection.objects.get(visit=visit).saw == "Seen from tab A"
    again = tab_b.post(url, {**data_b, "edit_version": version})
    assert again.status_code == 302
    assert Reflection.objects.get(visit=visit).saw == "Seen from tab B"


def test_reflection_save_refuses_a_stale_version_and_a_script_without_one_still_saves(
    visiting: Visiting, past_visit: Visit
):
    visit = past_visit
    empty = edit_version(Reflection(visit=visit), reflections.REFLECTION_FIELDS)

    def save(saw: str, version: str | None) -> Reflection:
        return reflections.reflection_save(
            actor=visiting.teacher, visit=visit, saw=saw, will_try="Echo.", version=version
        )

    save("First", empty)
    with pytest.raises(EditConflict) as raised:
        save("Second", empty)  # a form shown before the first save
    current = raised.value.current
    assert isinstance(current, Reflection) and current.saw == "First"
    save("Third", None)  # no version: a script
    assert Reflection.objects.get(visit=visit).saw == "Third"


def test_two_stale_preferences_keep_the_first_and_refuse_the_second(visiting: Visiting):
    url = reverse("visits:plan_preference", args=[visiting.plan.pk])
    tab_a, tab_b = signed_in_client(visiting.teacher), signed_in_client(visiting.teacher)
    answer = {"school": visiting.second_school.pk, "will_visit": "yes"}
    data_a = {**answer, "first_choice": visiting.shared_school.pk}
    data_b = {**answer, "first_choice": visiting.school.pk}
    version = stale_save_is_refused(tab_a, tab_b, url, data_a, data_b, shows="Cedar Primary")
    assert StaffPreference.objects.get(person=visiting.teacher).first_choice == (
        visiting.shared_school
    )
    again = tab_b.post(url, {**data_b, "edit_version": version})
    assert again.status_code == 302
    assert StaffPreference.objects.get(person=visiting.teacher).first_choice == visiting.school


def test_preference_save_refuses_a_stale_version_and_a_script_without_one_still_saves(
    visiting: Visiting,
):
    plan, teacher = visiting.plan, visiting.teacher
    empty = edit_version(StaffPreference(plan=plan, person=teacher), services.PREFERENCE_FIELDS)

    def save(choice: School, version: str | None) -> StaffPreference:
        return services.staff_preference_save(
            actor=teacher, plan=plan, school=visiting.second_school, will_visit=True,
            choices=[choice], version=version,
        )  # fmt: skip

    save(visiting.shared_school, empty)
    with pytest.raises(EditConflict) as raised:
        save(visiting.school, empty)  # a form shown before the first answer
    current = raised.value.current
    assert isinstance(current, StaffPreference)
    assert current.first_choice == visiting.shared_school
    save(visiting.school, None)  # no version: a script
    assert StaffPreference.objects.get(person=teacher).first_choice == visiting.school


def test_two_stale_focus_questions_keep_the_first_and_refuse_the_second(
    visiting: Visiting, past_visit: Visit
):
    visit = past_visit
    url = reverse("visits:visit_focus", args=[visit.pk])
    tab_a, tab_b = signed_in_client(visiting.teacher), signed_in_client(visiting.teacher)
    version = stale_save_is_refused(
        tab_a, tab_b, url, {"focus_question": "Focus from tab A"},
        {"focus_question": "Focus from tab B"}, shows="Focus from tab A",
    )  # fmt: skip
    visit.refresh_from_db()
    assert visit.focus_question == "Focus from tab A"
    again = tab_b.post(url, {"focus_question": "Focus from tab B", "edit_version": version})
    assert again.status_code == 302
    visit.refresh_from_db()
    assert visit.focus_question == "Focus from tab B"


def test_focus_set_refuses_a_stale_version_and_a_script_without_one_still_saves(
    visiting: Visiting, past_visit: Visit
):
    visit = past_visit
    seen = edit_version(visit, visits.FOCUS_FIELDS)
    visits.visit_focus_set(actor=visiting.teacher, visit=visit, focus_question="B", version=seen)
    with pytest.raises(EditConflict) as raised:
        visits.visit_focus_set(
            actor=visiting.teacher, visit=visit, focus_question="C", version=seen
        )
    current = raised.value.current
    assert isinstance(current, Visit) and current.focus_question == "B"
    visits.visit_focus_set(actor=visiting.teacher, visit=visit, focus_question="C")
    visit.refresh_from_db()
    assert visit.focus_question == "C"


def test_two_stale_joint_action_updates_keep_the_first_and_refuse_the_second(
    visiting: Visiting, past_visit: Visit
):
    action = reflections.joint_action_add(
        actor=visiting.teacher, visit=past_visit, text="Echo reading for a fortnight"
    )
    url = reverse("visits:joint_action_update", args=[action.pk])
    # The visit's page carries each action's version, for its own update form.
    page = signed_in_client(visiting.head).get(past_visit.get_absolute_url()).content.decode()
    assert edit_version(action, reflections.JOINT_ACTION_UPDATE_FIELDS) in page
    tab_a, tab_b = signed_in_client(visiting.teacher), signed_in_client(visiting.head)
    version = stale_save_is_refused(
        tab_a, tab_b, url, {"status": "done", "note": "It worked well"},
        {"status": "trying", "note": "Just started"}, shows="It worked well",
    )  # fmt: skip
    action.refresh_from_db()
    assert action.status == "done"
    assert list(action.notes.values_list("text", flat=True)) == ["It worked well"]
    again = tab_b.post(url, {"status": "trying", "note": "Just started", "edit_version": version})
    assert again.status_code == 302
    action.refresh_from_db()
    assert action.status == "trying" and action.notes.count() == 2


def test_joint_action_update_refuses_a_stale_version_and_a_script_without_one_still_saves(
    visiting: Visiting, past_visit: Visit
):
    actor = visiting.teacher
    action = reflections.joint_action_add(actor=actor, visit=past_visit, text="Echo reading")
    seen = edit_version(action, reflections.JOINT_ACTION_UPDATE_FIELDS)
    reflections.joint_action_update(
        actor=actor, action=action, status="trying", note="Began", version=seen
    )
    with pytest.raises(EditConflict) as raised:
        reflections.joint_action_update(actor=actor, action=action, status="done", version=seen)
    current = raised.value.current
    assert isinstance(current, JointAction) and current.status == "trying"
    assert current.latest_note == "Began"
    reflections.joint_action_update(actor=actor, action=action, status="done")
    action.refresh_from_db()
    assert action.status == "done"


@pytest.fixture
def agreed_visit(visiting: Visiting) -> Visit:
    """Tom (Birch) is to visit Cai's open classroom at Cedar, which Cai agreed."""
    offer = visits.open_classroom_create(
        actor=visiting.cedar_teacher, fields=offer_fields(visiting)
    )
    return visits.visit_respond(
        actor=visiting.cedar_teacher, visit=ask(visiting, offer), accept=True
    )


def test_two_stale_arrangements_keep_the_first_and_refuse_the_second(
    visiting: Visiting, agreed_visit: Visit
):
    visit, host = agreed_visit, visiting.cedar_teacher
    url = reverse("visits:visit_arrange", args=[visit.pk])
    # The visit's page carries the version too, for its own arrangements form.
    page = signed_in_client(host).get(visit.get_absolute_url()).content.decode()
    assert edit_version(visit, visits.ARRANGE_FIELDS) in page
    tab_a, tab_b = signed_in_client(host), signed_in_client(host)
    version = stale_save_is_refused(
        tab_a, tab_b, url, {"room": "Hall", "host": host.pk}, {"room": "Library", "host": ""},
        shows="Hall",
    )  # fmt: skip
    visit.refresh_from_db()
    assert (visit.room, visit.host) == ("Hall", host)
    again = tab_b.post(url, {"room": "Library", "host": "", "edit_version": version})
    assert again.status_code == 302
    visit.refresh_from_db()
    assert (visit.room, visit.host) == ("Library", None)


def test_arrange_refuses_a_stale_version_and_a_script_without_one_still_saves(
    visiting: Visiting, agreed_visit: Visit
):
    visit, host = agreed_visit, visiting.cedar_teacher
    seen = edit_version(visit, visits.ARRANGE_FIELDS)
    visits.visit_arrange(actor=host, visit=visit, room="Hall", host=host, version=seen)
    with pytest.raises(EditConflict) as raised:
        visits.visit_arrange(actor=host, visit=visit, room="Library", host=None, version=seen)
    current = raised.value.current
    assert isinstance(current, Visit) and (current.room, current.host) == ("Hall", host)
    visits.visit_arrange(actor=host, visit=visit, room="Library", host=None)
    visit.refresh_from_db()
    assert (visit.room, visit.host) == ("Library", None)


def test_bad_input_on_the_visit_forms_shows_the_form_again_with_why_and_changes_nothing(
    visiting: Visiting, past_visit: Visit, agreed_visit: Visit
):
    """A bad answer is shown on the form it was typed in, not lost behind a redirect."""
    action = reflections.joint_action_add(
        actor=visiting.teacher, visit=past_visit, text="Echo reading"
    )
    room_before = agreed_visit.room
    cases = [
        (visiting.teacher, reverse("visits:visit_focus", args=[past_visit.pk]),
         {"focus_question": ""}, "This field is required"),
        (visiting.cedar_teacher, reverse("visits:visit_arrange", args=[agreed_visit.pk]),
         {"room": "Room typed with care", "host": "999999"}, "Room typed with care"),
        (visiting.teacher, reverse("visits:joint_action_update", args=[action.pk]),
         {"status": "abandoned-for-ever", "note": "Note typed with care"}, "Note typed with care"),
    ]  # fmt: skip
    for person, url, data, kept in cases:
        response = signed_in_client(person).post(url, data)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert "invalid-feedback" in page, url  # the field says what is wrong
        assert kept in page, url  # and what was typed is still there
    past_visit.refresh_from_db()
    agreed_visit.refresh_from_db()
    action.refresh_from_db()
    assert past_visit.focus_question == "Guided reading"
    assert agreed_visit.room == room_before
    assert action.status == JointAction.Status.AGREED and action.notes.count() == 0
