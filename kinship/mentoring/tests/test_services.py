"""Mentoring services: programmes, matching in the task worker, review, publishing,
declining, the pair space and the cohort."""

from datetime import date, datetime, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone
from icalendar import Calendar

from kinship.conftest import signed_in_client
from kinship.core.models import AuditEntry
from kinship.core.tests.overlap import overlapping
from kinship.families.models import CircleMembership
from kinship.mentoring import selectors, services
from kinship.mentoring.models import Conflict, GoalNote, MatchingRun, Pair, Participant
from kinship.mentoring.tests.conftest import World, publish_pair

LONDON = timezone.get_default_timezone()


def soon(days: int = 7, hour: int = 16) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, tzinfo=LONDON)


def test_a_head_cannot_apply_for_a_school_they_do_not_lead(world: World):
    with pytest.raises(ValidationError) as caught:
        services.participant_join(
            actor=world.people.outsider,
            programme=world.programme,
            role="mentee",
            profile=services.Profile(school=world.people.school, headship_year=1),
        )
    assert "Choose a school you lead in this family." in str(caught.value)


def test_a_third_year_head_is_told_who_the_programme_is_for(world: World):
    world.head.delete()
    with pytest.raises(ValidationError, match="first- and second-year heads"):
        services.participant_join(
            actor=world.people.head,
            programme=world.programme,
            role="mentee",
            profile=services.Profile(school=world.people.school, headship_year=3),
        )


def test_accepted_heads_form_a_confidential_cohort_without_the_coordinator(world: World):
    cohort = world.programme.cohort
    assert cohort is not None and cohort.confidential
    members = set(CircleMembership.objects.filter(circle=cohort).values_list("user_id", flat=True))
    assert members == {world.people.head.pk}
    assert not world.people.coordinator.has_perm("families.view_circle", cohort)


def test_matching_runs_in_the_task_worker_and_keeps_the_rules(world: World):
    services.conflict_declare(
        actor=world.people.head,
        participant=world.head,
        other=world.people.teacher,
        kind=Conflict.Kind.LINE_MANAGER,
    )
    run = services.matching_run_start(actor=world.people.coordinator, programme=world.programme)
    run.refresh_from_db()
    assert run.status == MatchingRun.Status.DONE and run.progress == 100
    [pair] = Pair.objects.filter(programme=world.programme)
    # Tom's vision is closest, but Hana declared him her line manager.
    assert (pair.mentee, pair.coach, pair.status) == (world.head, world.coach, "proposed")
    assert run.matched == 1 and run.unmatched == 0


def test_a_second_run_while_one_is_going_is_refused(world: World, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    services.matching_run_start(actor=world.people.coordinator, programme=world.programme)
    with pytest.raises(ValidationError, match="already running"):
        services.matching_run_start(actor=world.people.coordinator, programme=world.programme)


def test_a_locked_proposal_survives_matching_again(world: World):
    locked = services.pair_propose(
        actor=world.people.coordinator, mentee=world.head, coach=world.coach
    )
    assert locked.locked
    services.matching_run_start(actor=world.people.coordinator, programme=world.programme)
    [pair] = Pair.objects.filter(programme=world.programme)
    assert pair.pk == locked.pk and pair.coach == world.coach


def test_a_coordinator_cannot_pair_a_head_with_a_coach_from_their_school(world: World):
    world.coach.school = world.people.school
    world.coach.save()
    with pytest.raises(ValidationError, match="they lead the same school"):
        services.pair_propose(actor=world.people.coordinator, mentee=world.head, coach=world.coach)


def test_publishing_tells_both_and_opens_the_pair_space(world: World):
    pair = publish_pair(world)
    assert pair.published_at is not None
    subjects = sorted((m.to[0], m.subject) for m in mail.outbox)
    assert subjects == [
        (world.people.head.email, "Your coaching pair in New heads 2026–27"),
        (world.people.teacher.email, "Your coaching pair in New heads 2026–27"),
    ]
    assert world.people.head.has_perm("mentoring.view_pair", pair)
    assert not world.people.coordinator.has_perm("mentoring.view_pair", pair)


def test_declining_proposes_the_next_best_coach(world: World):
    pair = publish_pair(world)
    mail.outbox.clear()
    replacement = services.pair_decline(
        actor=world.people.head, pair=pair, reason="We know each other too well"
    )
    pair.refresh_from_db()
    assert pair.status == Pair.Status.DECLINED and pair.decline_reason
    assert replacement is not None and replacement.coach == world.coach
    assert replacement.status == Pair.Status.PROPOSED and replacement.replaces == pair
    recipients = {m.to[0] for m in mail.outbox}
    assert recipients == {world.people.teacher.email, world.people.coordinator.email}
    assert all("too well" not in m.body for m in mail.outbox)


def test_a_decline_needs_a_reason(world: World):
    pair = publish_pair(world)
    with pytest.raises(ValidationError, match="Say why"):
        services.pair_decline(actor=world.people.head, pair=pair, reason="  ")


def test_swapping_checks_the_rules(world: World, people):
    from kinship.accounts.services import user_create
    from kinship.schools.services import school_role_grant

    bea = user_create(email="head@a2.test", display_name="Bea Head", password=None)
    school_role_grant(actor=None, user=bea, school=people.second_school, role="lead")
    second = services.participant_join(
        actor=bea,
        programme=world.programme,
        role="mentee",
        profile=services.Profile(school=people.second_school, headship_year=2),
    )
    services.participant_accept(actor=people.coordinator, participant=second)
    first = services.pair_propose(actor=people.coordinator, mentee=world.head, coach=world.teacher)
    other = services.pair_propose(actor=people.coordinator, mentee=second, coach=world.coach)
    with pytest.raises(ValidationError, match="Unlock a pair"):
        services.pair_swap(actor=people.coordinator, first=first, second=other)
    for pair in (first, other):
        services.pair_lock(actor=people.coordinator, pair=pair, locked=False)
    # Tom works at Bea's school: the swap would break the first rule.
    with pytest.raises(ValidationError, match="Bea Head cannot be paired with Tom Teacher"):
        services.pair_swap(actor=people.coordinator, first=first, second=other)
    world.teacher.school = people.shared_school  # Tom coaches for Cedar now: the swap works
    world.teacher.save()
    swapped_first, swapped_other = services.pair_swap(
        actor=people.coordinator, first=first, second=other
    )
    assert (swapped_first.coach, swapped_other.coach) == (world.coach, world.teacher)
    assert swapped_first.reasons == list(matching_reasons(world, world.head, world.coach))


def matching_reasons(world: World, mentee: Participant, coach: Participant) -> tuple[str, ...]:
    from kinship.mentoring import matching

    problem = selectors.matching_input(world.programme).problem
    return matching.explain(problem, str(mentee.pk), str(coach.pk))[0].reasons


def test_questions_are_kept_ordered_and_ticked_off_at_a_meeting(pair: Pair, world: World):
    head = world.people.head
    first = services.question_add(
        actor=head, pair=pair, text="How do I set a budget?", tags="budget, , finance"
    )
    second = services.question_add(actor=head, pair=pair, text="Who do I call about SEND?")
    assert first.tags == "budget, finance"
    services.question_move(actor=head, question=second, direction="up")
    assert [q.pk for q in selectors.pair_space(pair).open_questions] == [second.pk, first.pk]
    meeting = services.meeting_schedule(
        actor=head,
        pair=pair,
        starts_at=soon(),
        ends_at=soon(hour=17),
        place="coach_school",
        location="Head's office",
    )
    assert [q.pk for q in selectors.meeting_agenda(meeting)] == [second.pk, first.pk]
    services.question_answer(
        actor=world.people.teacher, question=first, answer="Start from last year's", meeting=meeting
    )
    space = selectors.pair_space(pair)
    assert [q.pk for q in space.open_questions] == [second.pk]
    assert [q.pk for q in selectors.meeting_agenda(meeting)] == [second.pk, first.pk]


def test_a_meeting_invitation_carries_time_and_place_but_never_the_agenda(pair: Pair, world: World):
    services.question_add(actor=world.people.head, pair=pair, text="SECRET-QUESTION about staffing")
    mail.outbox.clear()
    services.meeting_schedule(
        actor=world.people.head,
        pair=pair,
        starts_at=soon(),
        ends_at=soon(hour=17),
        place="coach_school",
        agenda_note="SECRET-NOTE",
    )
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert isinstance(message, EmailMultiAlternatives)
        calendar_text = str(message.alternatives[0][0])
        event = Calendar.from_ical(calendar_text).walk("VEVENT")[0]
        assert str(event["SUMMARY"]) == "Coaching: Hana Head and Tom Teacher"
        assert "Birch Primary School" in str(event["LOCATION"])
        everything = str(message.body) + calendar_text
        assert "SECRET" not in everything


def test_a_meeting_cannot_be_held_before_it_starts(pair: Pair, world: World):
    meeting = services.meeting_schedule(
        actor=world.people.head,
        pair=pair,
        starts_at=soon(),
        ends_at=soon(hour=17),
        place="online",
        online_url="https://meet.example.org/a",
    )
    with pytest.raises(ValidationError):
        services.meeting_record(actor=world.people.head, meeting=meeting, notes="", held=True)


def test_an_online_meeting_needs_its_link(pair: Pair, world: World):
    with pytest.raises(ValidationError) as caught:
        services.meeting_schedule(
            actor=world.people.head,
            pair=pair,
            starts_at=soon(),
            ends_at=soon(hour=17),
            place="online",
        )
    assert "online_url" in caught.value.message_dict


def test_actions_belong_to_the_pair(pair: Pair, world: World):
    with pytest.raises(ValidationError):
        services.action_add(
            actor=world.people.head, pair=pair, text="x", owner=world.people.coordinator
        )
    action = services.action_add(
        actor=world.people.head,
        pair=pair,
        text="Draft the budget",
        owner=world.people.head,
        due=date(2027, 1, 15),
    )
    services.action_set_done(actor=world.people.head, action=action, done=True)
    assert action.done_at is not None


def test_only_the_coach_shares_resources(pair: Pair, world: World):
    with pytest.raises(PermissionDenied):
        services.resource_share(actor=world.people.head, pair=pair, title="x", url="https://a.test")
    services.resource_share(
        actor=world.people.teacher,
        pair=pair,
        title="Our budget plan",
        url="https://example.org/plan",
    )


def test_goals_take_progress_notes(pair: Pair, world: World):
    goal = services.goal_add(actor=world.people.head, pair=pair, title="A balanced budget")
    services.goal_progress(
        actor=world.people.teacher, goal=goal, text="First draft done", status="under_way"
    )
    services.goal_progress(actor=world.people.head, goal=goal, text="", status="achieved")
    goal.refresh_from_db()
    assert goal.status == "achieved" and goal.notes.count() == 1


def test_the_journal_is_the_head_s_alone(world: World):
    with pytest.raises(PermissionDenied):
        services.journal_add(actor=world.people.teacher, participant=world.head, title="", body="x")
    entry = services.journal_add(
        actor=world.people.head, participant=world.head, title="", body="Hard week"
    )
    assert entry.participant == world.head


def test_feedback_comments_wait_for_three_answers(world: World, people):
    services.feedback_save(
        actor=people.teacher, participant=world.teacher, rating=4, comment="More visits"
    )
    services.feedback_save(
        actor=world.coach_user, participant=world.coach, rating=5, comment="Good"
    )
    [mentees, coaches] = selectors.feedback_summaries(world.programme)
    assert coaches.responses == 2 and coaches.average == 4.5 and coaches.comments == []
    assert coaches.comments_withheld and coaches.distribution == [0, 0, 0, 1, 1]
    assert mentees.responses == 0


def test_withdrawing_ends_the_pair_and_leaves_the_cohort(pair: Pair, world: World):
    services.participant_withdraw(actor=world.people.coordinator, participant=world.head)
    pair.refresh_from_db()
    assert pair.status == Pair.Status.DECLINED
    assert not CircleMembership.objects.filter(
        circle=world.programme.cohort, user=world.people.head
    ).exists()


def test_the_cohort_proposes_and_votes_on_topics(world: World):
    meeting = services.cohort_meeting_create(
        actor=world.people.coordinator,
        programme=world.programme,
        title="Cohort meeting 1",
        starts_at=soon(20, 9),
        ends_at=soon(20, 12),
        host_school=world.people.school,
    )
    assert [m.to for m in mail.outbox if "Cohort meeting" in m.subject] == [
        [world.people.head.email]
    ]
    topic = services.cohort_topic_propose(actor=world.people.head, meeting=meeting, title="Budgets")
    with pytest.raises(PermissionDenied):
        services.cohort_topic_propose(actor=world.people.coordinator, meeting=meeting, title="x")
    with pytest.raises(PermissionDenied):
        services.cohort_notes_save(actor=world.people.coordinator, meeting=meeting, notes="x")
    [listed] = selectors.cohort_topics(meeting, world.people.head)
    assert listed.pk == topic.pk and listed.vote_count == 1 and listed.mine == 1
    services.cohort_vote(actor=world.people.head, topic=topic, wanted=False)
    assert selectors.cohort_topics(meeting, world.people.head)[0].vote_count == 0


def test_cohort_contacts_follow_each_person_s_choice(world: World, people):
    from kinship.accounts.services import user_profile_update

    user_profile_update(
        user=people.head,
        display_name=people.head.display_name,
        phone="01524 000000",
        phone_visibility="families",
        email_visibility="nobody",
    )
    [member] = selectors.cohort_members(world.programme)
    assert member.phone == "01524 000000" and member.email == ""


def test_the_report_counts_meetings_and_flags_pairs_at_risk(pair: Pair, world: World):
    services.question_add(actor=world.people.head, pair=pair, text="Q")
    report = selectors.programme_report(
        world.programme, today=timezone.localdate() + timedelta(days=200)
    )
    [row] = report.pairs
    assert row.questions_raised == 1 and row.rhythm.held == 0
    assert row.rhythm.at_risk and report.at_risk == [row]
    assert not row.rhythm.from_term_dates  # the test schools have no term dates


def test_reminders_go_the_day_before_once(pair: Pair, world: World):
    from kinship.mentoring.tasks import send_reminders

    services.meeting_schedule(
        actor=world.people.head,
        pair=pair,
        starts_at=soon(1, 10),
        ends_at=soon(1, 11),
        place="head_school",
    )
    mail.outbox.clear()
    assert send_reminders() == 2
    assert send_reminders() == 0
    assert all(m.subject.startswith("Tomorrow: Coaching") for m in mail.outbox)


def test_two_overlapping_reminder_runs_send_each_coaching_reminder_once(
    pair: Pair, world: World, settings
):
    from kinship.mentoring.tasks import send_reminders

    services.meeting_schedule(
        actor=world.people.head,
        pair=pair,
        starts_at=soon(1, 10),
        ends_at=soon(1, 11),
        place="head_school",
    )
    with overlapping(settings, send_reminders):
        send_reminders()
    assert len(mail.outbox) == 2
    assert len({m.to[0] for m in mail.outbox}) == 2


def test_two_overlapping_reminder_runs_send_each_cohort_reminder_once(world: World, settings):
    from kinship.mentoring.tasks import send_reminders

    services.cohort_meeting_create(
        actor=world.people.coordinator,
        programme=world.programme,
        title="Cohort meeting 1",
        starts_at=soon(1, 9),
        ends_at=soon(1, 12),
        host_school=world.people.school,
    )
    with overlapping(settings, send_reminders):
        send_reminders()
    assert [m.to for m in mail.outbox] == [[world.people.head.email]]


def test_nominees_are_told_and_take_their_place_with_their_profile(world: World, people):
    world.teacher.delete()
    mail.outbox.clear()
    nominee = services.participant_nominate(
        actor=people.coordinator,
        programme=world.programme,
        user=people.teacher,
        role=Participant.Role.COACH,
    )
    assert mail.outbox[0].subject == "You have been nominated for New heads 2026–27"
    services.participant_profile_update(
        actor=people.teacher,
        participant=nominee,
        profile=services.Profile(school=people.second_school, capacity=2),
    )
    nominee.refresh_from_db()
    assert nominee.status == Participant.Status.ACCEPTED


def test_a_convener_brings_their_circle_as_the_cohort(people):
    programme = services.programme_create(
        actor=people.coordinator,
        family=people.family,
        fields=services.ProgrammeFields(
            name="Spring intake", starts_on=date(2027, 1, 4), ends_on=date(2027, 12, 18)
        ),
    )
    place = services.participant_join(
        actor=people.head,
        programme=programme,
        role="mentee",
        profile=services.Profile(school=people.school, headship_year=1),
    )
    with pytest.raises(PermissionDenied):
        services.programme_cohort_adopt(
            actor=people.teacher, programme=programme, circle=people.confidential_circle
        )
    with pytest.raises(ValidationError, match="confidential circle"):
        services.programme_cohort_adopt(
            actor=people.head, programme=programme, circle=people.open_circle
        )
    services.programme_cohort_adopt(
        actor=people.head, programme=programme, circle=people.confidential_circle
    )
    services.participant_accept(actor=people.coordinator, participant=place)
    programme.refresh_from_db()
    assert programme.cohort == people.confidential_circle
    assert selectors.circles_to_adopt(people.head, programme).count() == 0
    assert people.head.has_perm("mentoring.view_cohort", programme)
    assert not people.coordinator.has_perm("mentoring.view_cohort", programme)


def test_the_audit_log_does_not_say_who_brought_a_confidential_cohort(people):
    """Finding (issue 15): `/audit/` showed which head adopted a confidential circle as the
    cohort, and so who is in it."""
    programme = services.programme_create(
        actor=people.coordinator,
        family=people.family,
        fields=services.ProgrammeFields(
            name="Spring intake", starts_on=date(2027, 1, 4), ends_on=date(2027, 12, 18)
        ),
    )
    services.participant_join(
        actor=people.head,
        programme=programme,
        role="mentee",
        profile=services.Profile(school=people.school, headship_year=1),
    )
    services.programme_cohort_adopt(
        actor=people.head, programme=programme, circle=people.confidential_circle
    )
    entries = AuditEntry.objects.filter(action__startswith="mentoring.cohort")
    assert entries.exists()
    assert not entries.filter(actor_id=people.head.pk).exists()
    page = signed_in_client(people.admin).get("/audit/").content.decode()
    assert "A confidential circle became the cohort of Spring intake" in page


def test_a_journal_entry_is_corrected_by_its_head_alone(world: World):
    entry = services.journal_add(
        actor=world.people.head, participant=world.head, title="Wek 1", body="Hard week"
    )
    with pytest.raises(PermissionDenied):
        services.journal_update(actor=world.people.teacher, entry=entry, title="", body="x")
    with pytest.raises(ValidationError, match=r"Write something first\."):
        services.journal_update(actor=world.people.head, entry=entry, title="Week 1", body=" ")
    services.journal_update(actor=world.people.head, entry=entry, title=" Week 1 ", body="Better")
    entry.refresh_from_db()
    assert (entry.title, entry.body) == ("Week 1", "Better")
    with pytest.raises(PermissionDenied):
        services.journal_delete(actor=world.people.teacher, entry=entry)


def test_a_goal_is_reworded_and_removed_with_its_notes(pair: Pair, world: World):
    goal = services.goal_add(actor=world.people.head, pair=pair, title="A balanced budgt")
    services.goal_progress(actor=world.people.teacher, goal=goal, text="Draft", status="under_way")
    with pytest.raises(ValidationError, match=r"Name the goal\."):
        services.goal_update(actor=world.people.head, goal=goal, title="  ")
    services.goal_update(
        actor=world.people.teacher, goal=goal, title="A balanced budget", detail="By March"
    )
    goal.refresh_from_db()
    assert (goal.title, goal.detail, goal.notes.count()) == ("A balanced budget", "By March", 1)
    services.goal_delete(actor=world.people.head, goal=goal)
    assert not pair.goals.exists()
    assert not GoalNote.objects.filter(goal_id=goal.pk).exists()


def test_an_action_is_corrected_and_deleted(pair: Pair, world: World):
    action = services.action_add(
        actor=world.people.head, pair=pair, text="Draft the budjet", owner=world.people.head
    )
    with pytest.raises(ValidationError) as caught:
        services.action_update(
            actor=world.people.head, action=action, text="x", owner=world.people.coordinator
        )
    assert "owner" in caught.value.message_dict
    with pytest.raises(ValidationError, match=r"Say what is to be done\."):
        services.action_update(
            actor=world.people.head, action=action, text="", owner=world.people.head
        )
    services.action_update(
        actor=world.people.head,
        action=action,
        text="Draft the budget",
        owner=world.people.teacher,
        due=date(2027, 1, 15),
    )
    action.refresh_from_db()
    assert (action.text, action.owner, action.due) == (
        "Draft the budget",
        world.people.teacher,
        date(2027, 1, 15),
    )
    services.action_delete(actor=world.people.teacher, action=action)
    assert not pair.actions.exists()


def test_removing_a_resource_removes_its_stored_file(pair: Pair, world: World):
    from kinship.core.uploads import check_upload
    from kinship.mentoring.forms import RESOURCE_FILES

    plan = check_upload(b"Our three-year plan", filename="plan.txt", policy=RESOURCE_FILES)
    resource = services.resource_share(
        actor=world.people.teacher, pair=pair, title="Budget plan", file=plan
    )
    storage, name = resource.file.storage, str(resource.file.name)
    assert storage.exists(name)
    with pytest.raises(PermissionDenied):
        services.resource_remove(actor=world.people.head, resource=resource)
    services.resource_remove(actor=world.people.teacher, resource=resource)
    assert not pair.resources.exists()
    assert not storage.exists(name)


def test_a_link_resource_is_removed_too(pair: Pair, world: World):
    resource = services.resource_share(
        actor=world.people.teacher, pair=pair, title="Guide", url="https://example.org/guide"
    )
    services.resource_remove(actor=world.people.teacher, resource=resource)
    assert not pair.resources.exists()


# Term dates for Lancashire (Alder, the head's school, and Birch, the coach's) in 2031-32.
AUTUMN_1, AUTUMN_2 = (date(2031, 9, 3), date(2031, 10, 24)), (date(2031, 11, 3), date(2031, 12, 19))


@pytest.fixture
def term_dates(world: World) -> None:
    from kinship.schools.services import term_calendar_save
    from kinship.schools.term_dates import Closure, ClosureKind, HalfTerm, TermYear

    year = TermYear(
        start_year=2031,
        half_terms=(
            HalfTerm(*AUTUMN_1),
            HalfTerm(*AUTUMN_2),
            HalfTerm(date(2032, 1, 5), date(2032, 2, 13)),
            HalfTerm(date(2032, 2, 23), date(2032, 3, 25)),
            HalfTerm(date(2032, 4, 13), date(2032, 5, 28)),
            HalfTerm(date(2032, 6, 7), date(2032, 7, 21)),
        ),
        closures=(Closure(date(2031, 11, 3), ClosureKind.INSET, "INSET day"),),
    )
    term_calendar_save(actor=None, year=year, la_name="Lancashire")


def on(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=LONDON)


def book(pair: Pair, world: World, day: date, place: str, **extra):
    values = {"online_url": "https://meet.example.org/a"} if place == "online" else {}
    return services.meeting_schedule(
        actor=world.people.head,
        pair=pair,
        starts_at=on(day, 16),
        ends_at=on(day, 17),
        place=place,
        **values,
        **extra,
    )


def test_a_meeting_at_a_school_on_a_day_it_is_closed_is_refused(
    pair: Pair, world: World, term_dates
):
    half_term = date(2031, 10, 28)
    with pytest.raises(ValidationError) as caught:
        book(pair, world, half_term, "coach_school")
    assert caught.value.message_dict["starts_at"] == [
        "Birch Primary School is on holiday on that day: choose another day, "
        "or meet online or somewhere else."
    ]
    with pytest.raises(ValidationError, match=r"Alder Primary School is closed \(INSET day\)"):
        book(pair, world, date(2031, 11, 3), "head_school")
    # Online or elsewhere, no school's calendar matters.
    book(pair, world, half_term, "online")
    book(pair, world, half_term, "elsewhere", location="The library")


def test_moving_a_meeting_onto_a_closed_day_is_refused(pair: Pair, world: World, term_dates):
    meeting = book(pair, world, date(2031, 10, 21), "coach_school")
    with pytest.raises(ValidationError, match="Birch Primary School is on holiday"):
        services.meeting_update(
            actor=world.people.head,
            meeting=meeting,
            starts_at=on(date(2031, 10, 28), 16),
            ends_at=on(date(2031, 10, 28), 17),
            place="coach_school",
        )
    online = book(pair, world, date(2031, 10, 28), "online")
    with pytest.raises(ValidationError, match="Alder Primary School is on holiday"):
        services.meeting_update(
            actor=world.people.head,
            meeting=online,
            starts_at=online.starts_at,
            ends_at=online.ends_at,
            place="head_school",
        )


def test_a_meeting_left_on_its_day_can_still_be_corrected(pair: Pair, world: World):
    # Booked before the school's term dates were known; they then put it in the holidays.
    meeting = book(pair, world, date(2031, 10, 28), "coach_school")
    from kinship.schools.services import term_calendar_save
    from kinship.schools.term_dates import HalfTerm, TermYear

    term_calendar_save(
        actor=None,
        year=TermYear(start_year=2031, half_terms=(HalfTerm(*AUTUMN_1), HalfTerm(*AUTUMN_2))),
        la_name="Lancashire",
    )
    services.meeting_update(
        actor=world.people.head,
        meeting=meeting,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        place="coach_school",
        agenda_note="Bring the plan",
    )
    meeting.refresh_from_db()
    assert meeting.agenda_note == "Bring the plan"
