"""Pair-space forms edited in two places at once: the later stale save is refused, not lost."""

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from kinship.conftest import signed_in_client
from kinship.core.concurrency import EditConflict, edit_version
from kinship.core.tests.stale import stale_save_is_refused
from kinship.mentoring import services
from kinship.mentoring.forms import ProgrammeForm
from kinship.mentoring.models import (
    CohortMeeting,
    Goal,
    Pair,
    PairAction,
    PairMeeting,
    Participant,
    Reflection,
)
from kinship.mentoring.tests.conftest import World

pytestmark = pytest.mark.django_db


def test_a_goal_edited_twice_keeps_the_first_and_shows_it_to_the_second(people, pair: Pair):
    goal = services.goal_add(actor=people.head, pair=pair, title="A balanced budget")
    url = reverse("mentoring:goal_edit", args=[pair.pk, goal.pk])
    head, coach = signed_in_client(people.head), signed_in_client(people.teacher)
    version = stale_save_is_refused(
        head, coach, url,
        {"title": "Budget balanced by March", "detail": ""},
        {"title": "Budget balanced by Easter", "detail": ""},
        shows="Budget balanced by March",
    )  # fmt: skip
    goal.refresh_from_db()
    assert goal.title == "Budget balanced by March"
    again = coach.post(url, {"title": "Budget balanced by Easter", "edit_version": version})
    assert again.status_code == 302
    goal.refresh_from_db()
    assert goal.title == "Budget balanced by Easter"


def test_goal_progress_has_a_page_and_a_stale_note_is_refused(people, pair: Pair):
    goal = services.goal_add(actor=people.head, pair=pair, title="A balanced budget")
    url = reverse("mentoring:goal_progress", args=[pair.pk, goal.pk])
    head, coach = signed_in_client(people.head), signed_in_client(people.teacher)
    version = stale_save_is_refused(
        head, coach, url,
        {"text": "Governors agreed the plan", "status": "achieved"},
        {"text": "Still waiting on the governors", "status": "under_way"},
        shows="Governors agreed the plan",
    )  # fmt: skip
    goal.refresh_from_db()
    assert goal.status == "achieved"
    assert list(goal.notes.values_list("text", flat=True)) == ["Governors agreed the plan"]
    again = coach.post(
        url, {"text": "Still waiting on the governors", "status": "under_way",
              "edit_version": version},
    )  # fmt: skip
    assert again.status_code == 302
    goal.refresh_from_db()
    assert goal.status == "under_way" and goal.notes.count() == 2


def test_the_goals_page_carries_each_goals_version(people, pair: Pair):
    goal = services.goal_add(actor=people.head, pair=pair, title="A balanced budget")
    page = signed_in_client(people.head).get(reverse("mentoring:goals", args=[pair.pk]))
    version = edit_version(goal, services.GOAL_PROGRESS_FIELDS)
    assert f'name="edit_version" value="{version}"' in page.content.decode()


def test_the_goal_services_refuse_a_stale_version_and_a_script_still_saves(people, pair: Pair):
    goal = services.goal_add(actor=people.head, pair=pair, title="First")
    seen = edit_version(goal, services.GOAL_EDIT_FIELDS)
    services.goal_update(actor=people.head, goal=goal, title="Second", version=seen)
    with pytest.raises(EditConflict) as raised:
        services.goal_update(actor=people.head, goal=goal, title="Third", version=seen)
    assert isinstance(raised.value.current, Goal) and raised.value.current.title == "Second"
    services.goal_update(actor=people.head, goal=goal, title="Third")
    goal.refresh_from_db()
    assert goal.title == "Third"

    seen = edit_version(goal, services.GOAL_PROGRESS_FIELDS)
    services.goal_progress(actor=people.head, goal=goal, text="Note", status="under_way",
                           version=seen)  # fmt: skip
    with pytest.raises(EditConflict):
        services.goal_progress(
            actor=people.head, goal=goal, text="", status="achieved", version=seen
        )
    services.goal_progress(actor=people.head, goal=goal, text="", status="achieved")
    goal.refresh_from_db()
    assert goal.status == "achieved"


def online_meeting(people, pair: Pair) -> PairMeeting:
    start = timezone.localtime() + timedelta(days=2)
    start = start.replace(hour=10, minute=0, second=0, microsecond=0)
    return services.meeting_schedule(
        actor=people.head, pair=pair, starts_at=start, ends_at=start + timedelta(hours=1),
        place="online", online_url="https://meet.example.org/a",
    )  # fmt: skip


def test_a_meeting_moved_twice_keeps_the_first_move_and_shows_it(people, pair: Pair):
    meeting = online_meeting(people, pair)
    url = reverse("mentoring:meeting_edit", args=[pair.pk, meeting.pk])
    head, coach = signed_in_client(people.head), signed_in_client(people.teacher)
    day = timezone.localtime(meeting.starts_at).date().isoformat()
    data = {"day": day, "start_time": "10:00", "end_time": "11:00", "place": "online",
            "online_url": "https://meet.example.org/a", "location": ""}  # fmt: skip
    version = stale_save_is_refused(
        head, coach, url,
        {**data, "agenda_note": "Bring the budget draft"},
        {**data, "agenda_note": "Bring the SEND review"},
        shows="Bring the budget draft",
    )  # fmt: skip
    meeting.refresh_from_db()
    assert meeting.agenda_note == "Bring the budget draft"
    again = coach.post(url, {**data, "agenda_note": "Bring both", "edit_version": version})
    assert again.status_code == 302
    meeting.refresh_from_db()
    assert meeting.agenda_note == "Bring both"


def test_meeting_notes_written_twice_keep_the_first_and_show_them(people, pair: Pair):
    meeting = online_meeting(people, pair)
    url = reverse("mentoring:meeting_notes", args=[pair.pk, meeting.pk])
    head, coach = signed_in_client(people.head), signed_in_client(people.teacher)
    version = stale_save_is_refused(
        head, coach, url, {"notes": "We agreed the staffing plan"}, {"notes": "Staffing: TBC"},
        shows="We agreed the staffing plan",
    )  # fmt: skip
    meeting.refresh_from_db()
    assert meeting.notes == "We agreed the staffing plan"
    again = coach.post(url, {"notes": "Staffing plan agreed", "edit_version": version})
    assert again.status_code == 302
    meeting.refresh_from_db()
    assert meeting.notes == "Staffing plan agreed"


def test_an_action_corrected_twice_keeps_the_first_and_shows_it(people, pair: Pair):
    action = services.action_add(actor=people.head, pair=pair, text="Sned", owner=people.head)
    url = reverse("mentoring:action_edit", args=[pair.pk, action.pk])
    head, coach = signed_in_client(people.head), signed_in_client(people.teacher)
    version = stale_save_is_refused(
        head, coach, url,
        {"text": "Send the plan", "owner": people.head.pk, "due": ""},
        {"text": "Send the budget", "owner": people.teacher.pk, "due": ""},
        shows="Send the plan",
    )  # fmt: skip
    action.refresh_from_db()
    assert action.text == "Send the plan" and action.owner == people.head
    again = coach.post(
        url, {"text": "Send the budget", "owner": people.teacher.pk, "edit_version": version}
    )
    assert again.status_code == 302
    action.refresh_from_db()
    assert action.text == "Send the budget" and action.owner == people.teacher


def test_meeting_and_action_services_refuse_a_stale_version(people, pair: Pair):
    meeting = online_meeting(people, pair)
    seen = edit_version(meeting, services.MEETING_NOTES_FIELDS)
    services.meeting_record(actor=people.head, meeting=meeting, notes="A", held=False,
                            version=seen)  # fmt: skip
    with pytest.raises(EditConflict):
        services.meeting_record(
            actor=people.head, meeting=meeting, notes="B", held=False, version=seen
        )
    services.meeting_record(actor=people.head, meeting=meeting, notes="B", held=False)
    meeting.refresh_from_db()
    assert meeting.notes == "B"

    seen = edit_version(meeting, services.MEETING_EDIT_FIELDS)
    values: dict[str, Any] = {
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "place": "online",
        "online_url": "https://meet.example.org/a",
    }
    services.meeting_update(
        actor=people.head, meeting=meeting, agenda_note="One", version=seen, **values
    )
    with pytest.raises(EditConflict):
        services.meeting_update(
            actor=people.head, meeting=meeting, agenda_note="Two", version=seen, **values
        )
    services.meeting_update(actor=people.head, meeting=meeting, agenda_note="Two", **values)
    meeting.refresh_from_db()
    assert meeting.agenda_note == "Two"

    action = services.action_add(actor=people.head, pair=pair, text="A", owner=people.head)
    seen = edit_version(action, services.ACTION_EDIT_FIELDS)
    services.action_update(actor=people.head, action=action, text="B", owner=people.head,
                           version=seen)  # fmt: skip
    with pytest.raises(EditConflict) as raised:
        services.action_update(
            actor=people.head, action=action, text="C", owner=people.head, version=seen
        )
    assert isinstance(raised.value.current, PairAction) and raised.value.current.text == "B"
    services.action_update(actor=people.head, action=action, text="C", owner=people.head)
    action.refresh_from_db()
    assert action.text == "C"


def test_a_question_reworded_twice_keeps_the_first_and_shows_it(people, pair: Pair):
    question = services.question_add(actor=people.head, pair=pair, text="Budgt?", tags="")
    url = reverse("mentoring:question_edit", args=[pair.pk, question.pk])
    tab_a, tab_b = signed_in_client(people.head), signed_in_client(people.head)
    version = stale_save_is_refused(
        tab_a, tab_b, url, {"text": "How do I set a budget?", "tags": "budget"},
        {"text": "Budget: where to start?", "tags": ""},
        shows="How do I set a budget?",
    )  # fmt: skip
    question.refresh_from_db()
    assert question.text == "How do I set a budget?"
    again = tab_b.post(url, {"text": "Budget: where to start?", "edit_version": version})
    assert again.status_code == 302
    question.refresh_from_db()
    assert question.text == "Budget: where to start?" and question.tags == ""


def test_a_question_ticked_off_twice_keeps_the_first_answer_and_shows_it(people, pair: Pair):
    meeting = online_meeting(people, pair)
    question = services.question_add(actor=people.head, pair=pair, text="Budget?", tags="")
    url = reverse("mentoring:question_answer", args=[pair.pk, question.pk])
    head, coach = signed_in_client(people.head), signed_in_client(people.teacher)
    # The meeting page's answer form carries the question's version too.
    page = coach.get(meeting.get_absolute_url()).content.decode()
    assert edit_version(question, services.QUESTION_ANSWER_FIELDS) in page
    version = stale_save_is_refused(
        head, coach, url, {"answer": "Start from last year's outturn"},
        {"answer": "Ask the business manager", "meeting": meeting.pk},
        shows="Start from last year&#x27;s outturn",
    )  # fmt: skip
    question.refresh_from_db()
    assert question.answer == "Start from last year's outturn"
    again = coach.post(url, {"answer": "Both", "meeting": meeting.pk, "edit_version": version})
    assert again.status_code == 302
    question.refresh_from_db()
    assert question.answer == "Both" and question.answered_in == meeting
    # Without a version (an old form or a script) an answered question is gone, as before.
    assert coach.post(url, {"answer": "Again"}).status_code == 404
    assert coach.get(url).status_code == 404


def test_question_services_refuse_a_stale_version(people, pair: Pair):
    question = services.question_add(actor=people.head, pair=pair, text="A", tags="")
    seen = edit_version(question, services.QUESTION_EDIT_FIELDS)
    services.question_update(actor=people.head, question=question, text="B", tags="",
                             version=seen)  # fmt: skip
    with pytest.raises(EditConflict):
        services.question_update(
            actor=people.head, question=question, text="C", tags="", version=seen
        )
    services.question_update(actor=people.head, question=question, text="C", tags="")
    seen = edit_version(question, services.QUESTION_ANSWER_FIELDS)
    services.question_answer(actor=people.head, question=question, answer="X", version=seen)
    with pytest.raises(EditConflict):
        services.question_answer(actor=people.head, question=question, answer="Y", version=seen)
    services.question_answer(actor=people.head, question=question, answer="Y")
    question.refresh_from_db()
    assert (question.text, question.answer) == ("C", "Y")


def soon(days: int, hour: int) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, tzinfo=timezone.get_default_timezone())


def cohort_meeting(world: World) -> CohortMeeting:
    return services.cohort_meeting_create(
        actor=world.people.coordinator, programme=world.programme, title="Cohort meeting 1",
        starts_at=soon(20, 9), ends_at=soon(20, 12), host_school=world.people.school,
    )  # fmt: skip


def programme_data(world: World, **changed: Any) -> dict[str, Any]:
    data = {
        name: value
        for name, value in ProgrammeForm.initial_from(world.programme).items()
        if value is not False
    }
    return {**data, **changed}


def test_a_programme_changed_twice_keeps_the_first_and_shows_it(world: World):
    url = reverse("mentoring:programme_edit", args=[world.programme.pk])
    tab_a = signed_in_client(world.people.coordinator)
    tab_b = signed_in_client(world.people.coordinator)
    version = stale_save_is_refused(
        tab_a, tab_b, url, programme_data(world, description="Termly reviews"),
        programme_data(world, description="Weekly reviews"), shows="Termly reviews",
    )  # fmt: skip
    world.programme.refresh_from_db()
    assert world.programme.description == "Termly reviews"
    again = tab_b.post(url, {**programme_data(world, description="Both"), "edit_version": version})
    assert again.status_code == 302
    world.programme.refresh_from_db()
    assert world.programme.description == "Both"


def test_a_cohort_meeting_moved_twice_keeps_the_first_and_shows_it(world: World):
    meeting = cohort_meeting(world)
    url = reverse("mentoring:cohort_meeting_edit", args=[meeting.pk])
    tab_a = signed_in_client(world.people.coordinator)
    tab_b = signed_in_client(world.people.coordinator)
    data = {"day": soon(20, 9).date().isoformat(), "start_time": "09:00", "end_time": "12:00",
            "host_school": world.people.school.pk, "location": "", "online_url": ""}  # fmt: skip
    version = stale_save_is_refused(
        tab_a, tab_b, url, {**data, "title": "Spring cohort"}, {**data, "title": "Cohort two"},
        shows="Spring cohort",
    )  # fmt: skip
    meeting.refresh_from_db()
    assert meeting.title == "Spring cohort"
    assert tab_b.post(url, {**data, "title": "Two", "edit_version": version}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == "Two"


def test_cohort_notes_written_twice_keep_the_first_and_show_them(world: World):
    meeting = cohort_meeting(world)
    url = reverse("mentoring:cohort_notes", args=[meeting.pk])
    tab_a, tab_b = signed_in_client(world.people.head), signed_in_client(world.people.head)
    version = stale_save_is_refused(
        tab_a, tab_b, url, {"notes": "We shared budget tips"}, {"notes": "Budgets"},
        shows="We shared budget tips",
    )  # fmt: skip
    meeting.refresh_from_db()
    assert meeting.notes == "We shared budget tips"
    assert tab_b.post(url, {"notes": "Both", "edit_version": version}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.notes == "Both"


def test_a_journal_entry_edited_in_two_tabs_keeps_the_first(world: World):
    entry = services.journal_add(
        actor=world.people.head, participant=world.head, title="Week 1", body="Tired"
    )
    url = reverse("mentoring:journal_edit", args=[world.programme.pk, entry.pk])
    tab_a, tab_b = signed_in_client(world.people.head), signed_in_client(world.people.head)
    version = stale_save_is_refused(
        tab_a, tab_b, url, {"title": "Week 1", "body": "Tired but hopeful"},
        {"title": "Week 1", "body": "Exhausted"}, shows="Tired but hopeful",
    )  # fmt: skip
    entry.refresh_from_db()
    assert entry.body == "Tired but hopeful"
    again = tab_b.post(url, {"title": "Week 1", "body": "Exhausted", "edit_version": version})
    assert again.status_code == 302
    entry.refresh_from_db()
    assert entry.body == "Exhausted"


def test_a_first_reflection_written_in_two_tabs_keeps_the_first(people, pair: Pair):
    url = reverse("mentoring:reflection", args=[pair.pk])
    tab_a, tab_b = signed_in_client(people.head), signed_in_client(people.head)
    version = stale_save_is_refused(
        tab_a, tab_b, url, {"text": "A year of growth"}, {"text": "A hard year"},
        shows="A year of growth",
    )  # fmt: skip
    assert pair.reflections.get().text == "A year of growth"
    assert tab_b.post(url, {"text": "Both", "edit_version": version}).status_code == 302
    assert pair.reflections.get().text == "Both"


def test_the_remaining_services_refuse_a_stale_version(world: World, pair: Pair):
    p = world.people
    seen = edit_version(Reflection(pair=pair, author=p.head), services.REFLECTION_FIELDS)
    services.reflection_save(actor=p.head, pair=pair, text="One", version=seen)
    with pytest.raises(EditConflict):
        services.reflection_save(actor=p.head, pair=pair, text="Two", version=seen)
    services.reflection_save(actor=p.head, pair=pair, text="Two")
    assert pair.reflections.get().text == "Two"

    entry = services.journal_add(actor=p.head, participant=world.head, title="", body="A")
    seen = edit_version(entry, services.JOURNAL_EDIT_FIELDS)
    services.journal_update(actor=p.head, entry=entry, title="", body="B", version=seen)
    with pytest.raises(EditConflict):
        services.journal_update(actor=p.head, entry=entry, title="", body="C", version=seen)
    services.journal_update(actor=p.head, entry=entry, title="", body="C")

    meeting = cohort_meeting(world)
    seen = edit_version(meeting, services.COHORT_NOTES_FIELDS)
    services.cohort_notes_save(actor=p.head, meeting=meeting, notes="A", version=seen)
    with pytest.raises(EditConflict):
        services.cohort_notes_save(actor=p.head, meeting=meeting, notes="B", version=seen)
    services.cohort_notes_save(actor=p.head, meeting=meeting, notes="B")

    values: dict[str, Any] = {"starts_at": meeting.starts_at, "ends_at": meeting.ends_at,
                              "host_school": p.school}  # fmt: skip
    seen = edit_version(meeting, services.COHORT_MEETING_EDIT_FIELDS)
    services.cohort_meeting_update(
        actor=p.coordinator, meeting=meeting, title="X", version=seen, **values
    )
    with pytest.raises(EditConflict):
        services.cohort_meeting_update(
            actor=p.coordinator, meeting=meeting, title="Y", version=seen, **values
        )
    services.cohort_meeting_update(actor=p.coordinator, meeting=meeting, title="Y", **values)

    programme = world.programme
    seen = edit_version(programme, services.PROGRAMME_EDIT_FIELDS)
    fields = services.ProgrammeFields(
        name="Renamed", starts_on=programme.starts_on, ends_on=programme.ends_on
    )
    services.programme_update(actor=p.coordinator, programme=programme, fields=fields,
                              version=seen)  # fmt: skip
    with pytest.raises(EditConflict):
        services.programme_update(
            actor=p.coordinator, programme=programme, fields=fields, version=seen
        )
    services.programme_update(actor=p.coordinator, programme=programme, fields=fields)


def profile_data(world: World, vision: str) -> dict[str, Any]:
    """The head's profile form as the page shows it, with `vision` typed in."""
    head = world.head
    return {
        "school": head.school_id, "headship_year": head.headship_year, "vision": vision,
        "priorities": [tag.pk for tag in head.priorities.all()], "share_school_context": "on",
        "priorities_note": "", "context_note": "", "availability": "",
    }  # fmt: skip


def test_a_profile_saved_in_two_tabs_keeps_the_first_and_shows_it(world: World):
    url = reverse("mentoring:profile", args=[world.programme.pk])
    tab_a, tab_b = signed_in_client(world.people.head), signed_in_client(world.people.head)
    version = stale_save_is_refused(
        tab_a, tab_b, url, profile_data(world, "Every child a reader"),
        profile_data(world, "A school at the heart of its village"),
        shows="Every child a reader",
    )  # fmt: skip
    world.head.refresh_from_db()
    assert world.head.vision == "Every child a reader"
    again = tab_b.post(
        url, {**profile_data(world, "Both, in one sentence"), "edit_version": version}
    )
    assert again.status_code == 302
    world.head.refresh_from_db()
    assert world.head.vision == "Both, in one sentence"


def test_profile_update_refuses_a_stale_version_and_a_script_without_one_still_saves(
    world: World,
):
    head, person = world.head, world.people.head
    profile = services.Profile(school=head.school, headship_year=1)
    seen = edit_version(head, services.PROFILE_FIELDS)
    services.participant_profile_update(
        actor=person, participant=head, profile=replace(profile, vision="Second"), version=seen
    )
    with pytest.raises(EditConflict) as raised:
        services.participant_profile_update(
            actor=person, participant=head, profile=replace(profile, vision="Third"), version=seen
        )
    current = raised.value.current
    assert isinstance(current, Participant) and current.vision == "Second"
    services.participant_profile_update(
        actor=person, participant=head, profile=replace(profile, vision="Third")
    )
    head.refresh_from_db()
    assert head.vision == "Third"
