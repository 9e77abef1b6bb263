"""Mentoring pages: normal paths, bad input as form errors, wrong methods, query counts.
Who may open what (anonymous, outsiders, read-only roles) is in the permission matrix."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kinship.conftest import signed_in_client
from kinship.mentoring import services
from kinship.mentoring.models import MatchingRun, Pair, Participant, Programme
from kinship.mentoring.tests.conftest import World, tag


def test_a_coordinator_creates_a_programme(people):
    client = signed_in_client(people.coordinator)
    url = reverse("mentoring:programme_create", args=[people.family.slug])
    response = client.post(
        url,
        {
            "name": "New heads 2027–28",
            "starts_on": "2027-09-01",
            "ends_on": "2028-07-21",
            "eligibility": 2,
            "rhythm": "half_term",
            "cohort_meetings_expected": 3,
            "avoid_line_managers": "on",
            "applications_open": "on",
        },
    )
    programme = Programme.objects.get(name="New heads 2027–28")
    assert response.status_code == 302 and response["Location"] == programme.get_absolute_url()
    assert programme.avoid_line_managers and not programme.avoid_same_trust


def test_a_programme_that_ends_before_it_starts_is_a_form_error(people):
    client = signed_in_client(people.coordinator)
    url = reverse("mentoring:programme_create", args=[people.family.slug])
    response = client.post(
        url,
        {
            "name": "Backwards",
            "starts_on": "2027-09-01",
            "ends_on": "2027-01-01",
            "eligibility": 2,
            "rhythm": "half_term",
            "cohort_meetings_expected": 3,
        },
    )
    assert response.status_code == 200
    assert "The programme must end after it starts." in response.content.decode()


def test_a_head_applies_and_the_coordinator_accepts(people, world: World):
    world.head.delete()
    client = signed_in_client(people.head)
    url = reverse("mentoring:join", args=[world.programme.pk, "mentee"])
    response = client.post(
        url,
        {
            "school": people.school.pk,
            "headship_year": 1,
            "vision": "Reading first",
            "priorities": [tag("SEND").pk],
            "share_school_context": "on",
        },
    )
    assert response.status_code == 302
    place = Participant.objects.get(programme=world.programme, user=people.head)
    assert place.status == Participant.Status.APPLIED
    accept = reverse("mentoring:participant_accept", args=[place.pk])
    assert signed_in_client(people.coordinator).post(accept).status_code == 302
    place.refresh_from_db()
    assert place.status == Participant.Status.ACCEPTED


def test_an_application_without_a_year_of_headship_is_a_form_error(people, world: World):
    world.head.delete()
    url = reverse("mentoring:join", args=[world.programme.pk, "mentee"])
    response = signed_in_client(people.head).post(url, {"school": people.school.pk, "vision": "x"})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()


def test_matching_runs_shows_progress_and_publishes(people, world: World):
    client = signed_in_client(people.coordinator)
    response = client.post(reverse("mentoring:matching_run", args=[world.programme.pk]))
    assert response.status_code == 302
    run = MatchingRun.objects.get(programme=world.programme)
    assert run.status == MatchingRun.Status.DONE
    page = client.get(reverse("mentoring:matching", args=[world.programme.pk])).content.decode()
    assert "1 head paired, 0 without a coach" in page
    assert "shared priorities: SEND" in page
    progress = client.get(reverse("mentoring:run_progress", args=[run.pk]), HTTP_HX_REQUEST="true")
    assert progress["HX-Refresh"] == "true"
    client.post(reverse("mentoring:matching_publish", args=[world.programme.pk]))
    assert Pair.objects.get(mentee=world.head).status == Pair.Status.PUBLISHED


def test_a_running_match_polls_its_progress(people, world: World):
    run = MatchingRun.objects.create(
        programme=world.programme,
        status=MatchingRun.Status.RUNNING,
        progress=40,
        stage="Choosing the best pairs for everyone together",
    )
    client = signed_in_client(people.coordinator)
    body = client.get(reverse("mentoring:run_progress", args=[run.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in body and 'value="40"' in body
    assert "Choosing the best pairs" in body


def test_a_swap_that_breaks_a_rule_is_explained(people, world: World):
    first = services.pair_propose(actor=people.coordinator, mentee=world.head, coach=world.teacher)
    response = signed_in_client(people.coordinator).post(
        reverse("mentoring:pair_swap", args=[world.programme.pk]),
        {"first": first.pk, "second": first.pk},
        follow=True,
    )
    assert "Unlock a pair before swapping it." in response.content.decode()


def test_the_head_keeps_questions_and_the_coach_ticks_them_off(people, pair: Pair):
    head, coach = signed_in_client(people.head), signed_in_client(people.teacher)
    head.post(
        reverse("mentoring:question_add", args=[pair.pk]), {"text": "Budget?", "tags": "budget"}
    )
    question = pair.questions.get()
    day = timezone.localdate() + timedelta(days=3)
    coach.post(
        reverse("mentoring:meeting_new", args=[pair.pk]),
        {
            "day": day.isoformat(),
            "start_time": "16:00",
            "end_time": "17:00",
            "place": "coach_school",
            "location": "Office",
        },
    )
    meeting = pair.meetings.get()
    page = coach.get(meeting.get_absolute_url()).content.decode()
    assert "Budget?" in page and "Tick off" in page
    coach.post(
        reverse("mentoring:question_answer", args=[pair.pk, question.pk]),
        {"answer": "Start from last year's", "meeting": meeting.pk},
    )
    question.refresh_from_db()
    assert question.answered_in == meeting and question.answer == "Start from last year's"


def test_a_bad_meeting_is_a_form_error(people, pair: Pair):
    response = signed_in_client(people.head).post(
        reverse("mentoring:meeting_new", args=[pair.pk]),
        {"day": "2027-01-10", "start_time": "17:00", "end_time": "16:00", "place": "online"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "The meeting must end after it starts." in body


def test_the_meeting_ics_is_a_calendar_file(people, pair: Pair):
    start = timezone.now() + timedelta(days=2)
    meeting = services.meeting_schedule(
        actor=people.head,
        pair=pair,
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        place="head_school",
    )
    response = signed_in_client(people.teacher).get(
        reverse("mentoring:meeting_ics", args=[pair.pk, meeting.pk])
    )
    assert response["Content-Type"].startswith("text/calendar")
    assert b"SUMMARY:Coaching: Hana Head and Tom Teacher" in response.content


def test_the_journal_page_shows_the_head_s_entries(people, world: World):
    services.journal_add(actor=people.head, participant=world.head, title="Week 1", body="Tired")
    page = signed_in_client(people.head).get(
        reverse("mentoring:journal", args=[world.programme.pk])
    )
    assert "Tired" in page.content.decode()


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("matching_run", lambda w, p: [w.programme.pk]),
        ("matching_publish", lambda w, p: [w.programme.pk]),
        ("question_add", lambda w, p: [p.pk]),
        ("action_add", lambda w, p: [p.pk]),
        ("action_delete", lambda w, p: [p.pk, p.actions.get().pk]),
        ("goal_delete", lambda w, p: [p.pk, p.goals.get().pk]),
        ("resource_remove", lambda w, p: [p.pk, p.resources.get().pk]),
        ("journal_delete", lambda w, p: [w.programme.pk, w.head.journal.get().pk]),
        ("nominate", lambda w, p: [w.programme.pk]),
        ("feed_reset", lambda w, p: []),
    ],
)
def test_actions_refuse_get(people, world: World, pair: Pair, name, args):
    services.action_add(actor=people.head, pair=pair, text="Call", owner=people.head)
    services.goal_add(actor=people.head, pair=pair, title="Budget")
    services.resource_share(actor=people.teacher, pair=pair, title="R", url="https://a.test")
    services.journal_add(actor=people.head, participant=world.head, title="", body="Tired")
    client = signed_in_client(
        people.coordinator if "match" in name or name == "nominate" else people.head
    )
    assert client.get(reverse(f"mentoring:{name}", args=args(world, pair))).status_code == 405


def test_pages_refuse_put(people, pair: Pair):
    client = signed_in_client(people.head)
    assert client.put(pair.get_absolute_url()).status_code == 405
    assert client.put(reverse("mentoring:home")).status_code == 405


def test_the_pair_space_costs_the_same_with_more_in_it(people, pair: Pair):
    client = signed_in_client(people.head)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(pair.get_absolute_url()).status_code == 200
        return len(captured)

    services.question_add(actor=people.head, pair=pair, text="One")
    services.goal_add(actor=people.head, pair=pair, title="One")
    services.action_add(actor=people.head, pair=pair, text="One", owner=people.head)
    before = queries()
    for n in range(5):
        services.question_add(actor=people.head, pair=pair, text=f"More {n}")
        goal = services.goal_add(actor=people.head, pair=pair, title=f"More {n}")
        services.goal_progress(actor=people.head, goal=goal, text="Note", status="under_way")
        services.action_add(actor=people.head, pair=pair, text=f"More {n}", owner=people.teacher)
        services.resource_share(
            actor=people.teacher, pair=pair, title=f"R{n}", url="https://a.test"
        )
    assert queries() == before


def test_the_report_and_home_cost_the_same_with_more_pairs(people, world: World):
    from kinship.accounts.services import user_create
    from kinship.schools.services import school_role_grant

    coordinator = signed_in_client(people.coordinator)
    report = reverse("mentoring:report", args=[world.programme.pk])

    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert coordinator.get(url).status_code == 200
        return len(captured)

    services.pair_propose(actor=people.coordinator, mentee=world.head, coach=world.teacher)
    services.matching_publish(actor=people.coordinator, programme=world.programme)
    before = queries(report), queries(reverse("mentoring:matching", args=[world.programme.pk]))
    for n in range(2):
        user = user_create(email=f"more{n}@a3.test", display_name=f"More {n}", password=None)
        school_role_grant(actor=None, user=user, school=people.second_school, role="lead")
        place = services.participant_join(
            actor=user,
            programme=world.programme,
            role="mentee",
            profile=services.Profile(school=people.second_school, headship_year=1),
        )
        services.participant_accept(actor=people.coordinator, participant=place)
        services.pair_propose(actor=people.coordinator, mentee=place, coach=world.coach)
    services.matching_publish(actor=people.coordinator, programme=world.programme)
    after = queries(report), queries(reverse("mentoring:matching", args=[world.programme.pk]))
    assert after == before


def test_the_feed_holds_times_and_places_only(people, pair: Pair):
    start = timezone.now() + timedelta(days=2)
    services.meeting_schedule(
        actor=people.head,
        pair=pair,
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        place="coach_school",
        agenda_note="PRIVATE agenda",
    )
    services.question_add(actor=people.head, pair=pair, text="PRIVATE question")
    token = services.coaching_feed_of(people.head).token
    body = signed_in_client(None).get(reverse("mentoring:feed", args=[token])).content.decode()
    assert "SUMMARY:Coaching: Hana Head and Tom Teacher" in body
    assert "PRIVATE" not in body


def test_the_coach_shares_a_file_only_the_pair_can_download(people, pair: Pair, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kinship.core.tests.hostile_files import docx

    upload = SimpleUploadedFile("Budget plan.docx", docx(text="Three-year plan"))
    coach = signed_in_client(people.teacher)
    response = coach.post(
        reverse("mentoring:resource_add", args=[pair.pk]),
        {"title": "Our budget plan", "file": upload},
    )
    assert response.status_code == 302
    resource = pair.resources.get()
    assert resource.file_name == "Budget plan.docx"
    # Kept outside MEDIA_ROOT, so no web server hands it out; only the view below does.
    assert not resource.file.path.startswith(str(settings.MEDIA_ROOT))
    url = reverse("mentoring:resource_download", args=[pair.pk, resource.pk])
    download = signed_in_client(people.head).get(url)
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content).startswith(b"PK")  # type: ignore[attr-defined]
    assert signed_in_client(people.coordinator).get(url).status_code == 404
    assert signed_in_client(people.admin).get(url).status_code == 404


def test_a_hostile_file_is_refused_with_a_sentence(people, pair: Pair):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kinship.core.tests.hostile_files import SVG_WITH_SCRIPT

    upload = SimpleUploadedFile("plan.pdf", SVG_WITH_SCRIPT)
    response = signed_in_client(people.teacher).post(
        reverse("mentoring:resource_add", args=[pair.pk]),
        {"title": "Plan", "file": upload},
        follow=True,
    )
    assert pair.resources.count() == 0
    assert "alert-danger" in response.content.decode()


def test_the_cohort_page_leads_to_its_confidential_forum_board(world: World):
    cohort = world.programme.cohort
    assert cohort is not None
    head = signed_in_client(world.people.head)
    page = head.get(reverse("mentoring:cohort", args=[world.programme.pk])).content.decode()
    board_url = reverse("forums:circle_board", args=[cohort.pk])
    assert board_url in page
    assert head.get(board_url, follow=True).status_code == 200
    # The coordinator who runs the programme is not in the cohort, and is not told it exists.
    assert signed_in_client(world.people.coordinator).get(board_url).status_code == 404


def test_the_head_corrects_a_journal_entry(people, world: World):
    entry = services.journal_add(actor=people.head, participant=world.head, title="Wek 1", body="x")
    head = signed_in_client(people.head)
    url = reverse("mentoring:journal_edit", args=[world.programme.pk, entry.pk])
    journal = reverse("mentoring:journal", args=[world.programme.pk])
    assert url in head.get(journal).content.decode()
    page = head.get(url).content.decode()
    assert 'value="Wek 1"' in page and "Edit a journal entry" in page
    blank = head.post(url, {"title": "Week 1", "body": ""})
    assert blank.status_code == 200 and "This field is required." in blank.content.decode()
    response = head.post(url, {"title": "Week 1", "body": "A long week"})
    assert response.status_code == 302 and response["Location"] == journal
    entry.refresh_from_db()
    assert (entry.title, entry.body) == ("Week 1", "A long week")
    # The coach of the programme has no journal here, let alone the head's.
    assert signed_in_client(people.teacher).get(url).status_code == 403


def test_an_action_is_corrected_from_its_meeting_and_deleted(people, pair: Pair):
    start = timezone.now() + timedelta(days=2)
    meeting = services.meeting_schedule(
        actor=people.head, pair=pair, starts_at=start, ends_at=start + timedelta(hours=1),
        place="online", online_url="https://meet.example.org/a",
    )  # fmt: skip
    action = services.action_add(
        actor=people.head, pair=pair, text="Sned the plan", owner=people.head, meeting=meeting
    )
    coach = signed_in_client(people.teacher)
    url = reverse("mentoring:action_edit", args=[pair.pk, action.pk])
    assert url in coach.get(meeting.get_absolute_url()).content.decode()
    assert url in coach.get(pair.get_absolute_url()).content.decode()
    page = coach.get(url).content.decode()
    assert "Sned the plan" in page and 'name="meeting"' not in page
    bad = coach.post(url, {"text": "Send the plan", "owner": people.coordinator.pk})
    assert bad.status_code == 200 and "Select a valid choice." in bad.content.decode()
    response = coach.post(
        url, {"text": "Send the plan", "owner": people.teacher.pk, "due": "2027-01-15"}
    )
    assert response["Location"] == f"{meeting.get_absolute_url()}#actions"
    action.refresh_from_db()
    assert (action.text, action.owner_id, str(action.due), action.meeting_id) == (
        "Send the plan", people.teacher.pk, "2027-01-15", meeting.pk,
    )  # fmt: skip
    delete = reverse("mentoring:action_delete", args=[pair.pk, action.pk])
    assert coach.post(delete)["Location"] == f"{meeting.get_absolute_url()}#actions"
    assert not pair.actions.exists()


def test_a_goal_is_reworded_set_aside_or_removed(people, pair: Pair):
    goal = services.goal_add(actor=people.head, pair=pair, title="A balanced budgt")
    head = signed_in_client(people.head)
    goals = reverse("mentoring:goals", args=[pair.pk])
    edit = reverse("mentoring:goal_edit", args=[pair.pk, goal.pk])
    delete = reverse("mentoring:goal_delete", args=[pair.pk, goal.pk])
    page = head.get(goals).content.decode()
    assert edit in page and delete in page and "Set aside" in page
    assert head.post(edit, {"title": ""}).status_code == 200
    response = head.post(edit, {"title": "A balanced budget", "detail": "By March"})
    assert response["Location"] == f"{goals}#goal-{goal.pk}"
    goal.refresh_from_db()
    assert goal.title == "A balanced budget"
    # Dropping a goal but keeping it on the record is a status; removing it is for good.
    head.post(
        reverse("mentoring:goal_progress", args=[pair.pk, goal.pk]),
        {"text": "Not this year", "status": "set_aside"},
    )
    goal.refresh_from_db()
    assert goal.status == "set_aside"
    assert head.post(delete)["Location"] == goals
    assert not pair.goals.exists()


def test_the_coach_removes_a_shared_file_and_it_is_gone(people, pair: Pair):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kinship.core.tests.hostile_files import docx

    coach = signed_in_client(people.teacher)
    coach.post(
        reverse("mentoring:resource_add", args=[pair.pk]),
        {"title": "Our budget plan", "file": SimpleUploadedFile("plan.docx", docx(text="Plan"))},
    )
    resource = pair.resources.get()
    storage, name = resource.file.storage, str(resource.file.name)
    remove = reverse("mentoring:resource_remove", args=[pair.pk, resource.pk])
    assert remove in coach.get(pair.get_absolute_url()).content.decode()
    assert remove not in signed_in_client(people.head).get(pair.get_absolute_url()).content.decode()
    assert signed_in_client(people.head).post(remove).status_code == 403
    response = coach.post(remove, follow=True)
    assert "Removed, with its file." in response.content.decode()
    assert not pair.resources.exists() and not storage.exists(name)
    download = reverse("mentoring:resource_download", args=[pair.pk, resource.pk])
    assert signed_in_client(people.head).get(download).status_code == 404


def test_a_meeting_on_a_day_the_host_school_is_closed_is_a_form_error(people, pair: Pair):
    from kinship.schools.services import term_calendar_save
    from kinship.schools.term_dates import HalfTerm, TermYear

    autumn = (HalfTerm(date(2031, 9, 3), date(2031, 10, 24)),)
    term_calendar_save(
        actor=None, year=TermYear(start_year=2031, half_terms=autumn), school=people.second_school
    )
    response = signed_in_client(people.head).post(
        reverse("mentoring:meeting_new", args=[pair.pk]),
        {"day": "2031-10-28", "start_time": "16:00", "end_time": "17:00", "place": "coach_school"},
    )
    assert response.status_code == 200 and not pair.meetings.exists()
    assert "Birch Primary School is on holiday on that day" in response.content.decode()
