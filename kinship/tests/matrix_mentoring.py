"""Permission matrix rows for coaching programmes.

The matrix's programme runs in Kaizen: Hana Head (Alder) is coached by Tom Teacher (Birch),
their pair published; Bea Head (Birch) has applied; Chris Coach (Cedar) coaches too. The
pair space is Hana's and Tom's alone (404 for everyone else, coordinators and admins
included); Hana's journal is hers alone; the cohort (Hana) meets, and its coordinators may
change a meeting's date but never read its topics or notes.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone

from kinship.accounts.models import User
from kinship.accounts.services import user_create
from kinship.conftest import Personas
from kinship.core.uploads import check_upload
from kinship.mentoring import services
from kinship.mentoring.forms import RESOURCE_FILES
from kinship.mentoring.models import (
    CohortMeeting,
    CohortTopic,
    Conflict,
    Goal,
    JournalEntry,
    MatchingRun,
    Pair,
    PairAction,
    PairMeeting,
    Participant,
    Programme,
    Question,
)
from kinship.schools.services import school_role_grant
from kinship.tests.matrix import FAMILY_HIDDEN, NOT_FOR_PUPILS, OK, Case, Expect, expect

NAME = "Matrix new heads"
MANAGERS: dict[str, Expect] = dict(admin=OK, coordinator=OK, **FAMILY_HIDDEN)
BOTH: dict[str, Expect] = dict(head=OK, teacher=OK)


@dataclass
class MentoringWorld:
    programme: Programme
    open_programme: Programme
    pair: Pair
    proposal: Pair
    applicant: Participant
    head: Participant
    question: Question
    meeting: PairMeeting
    action: PairAction
    goal: Goal
    entry: JournalEntry
    conflict: Conflict
    run: MatchingRun
    cohort_meeting: CohortMeeting
    topic: CohortTopic
    coach_user: User


def _at(days: int, hour: int) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, tzinfo=timezone.get_default_timezone())


def world(p: Personas) -> MentoringWorld:
    """The programme and everything in it (made once per test)."""
    programme = Programme.objects.filter(name=NAME).first()
    if programme is None:
        _build(p)
        programme = Programme.objects.get(name=NAME)
    pair = Pair.objects.get(programme=programme, status=Pair.Status.PUBLISHED)
    return MentoringWorld(
        programme=programme,
        open_programme=Programme.objects.get(name=f"{NAME}, second intake"),
        pair=pair,
        proposal=Pair.objects.get(
            programme=programme, status=Pair.Status.PROPOSED, mentee__user__email="head@c3.test"
        ),
        applicant=Participant.objects.get(programme=programme, status=Participant.Status.APPLIED),
        head=pair.mentee,
        question=pair.questions.get(),
        meeting=pair.meetings.get(),
        action=pair.actions.get(),
        goal=pair.goals.get(),
        entry=pair.mentee.journal.get(),
        conflict=Conflict.objects.get(participant=pair.mentee),
        run=programme.runs.get(),
        cohort_meeting=programme.cohort_meetings.get(),
        topic=CohortTopic.objects.get(meeting__programme=programme),
        coach_user=User.objects.get(email="coach@a3.test"),
    )


def _build(p: Personas) -> None:
    fields = services.ProgrammeFields(
        name=NAME, starts_on=date(2026, 9, 1), ends_on=date(2027, 7, 21)
    )
    programme = services.programme_create(actor=p.coordinator, family=p.family, fields=fields)
    services.programme_create(
        actor=p.coordinator,
        family=p.family,
        fields=services.ProgrammeFields(
            name=f"{NAME}, second intake", starts_on=date(2027, 1, 4), ends_on=date(2027, 12, 18)
        ),
    )
    coach_user = user_create(email="coach@a3.test", display_name="Chris Coach", password=None)
    school_role_grant(actor=None, user=coach_user, school=p.shared_school, role="lead")
    bea = user_create(email="head@a2.test", display_name="Bea Head", password=None)
    school_role_grant(actor=None, user=bea, school=p.second_school, role="lead")
    head = services.participant_join(
        actor=p.head,
        programme=programme,
        role="mentee",
        profile=services.Profile(school=p.school, headship_year=1),
    )
    tom = services.participant_join(
        actor=p.teacher,
        programme=programme,
        role="coach",
        profile=services.Profile(school=p.second_school),
    )
    chris = services.participant_join(
        actor=coach_user,
        programme=programme,
        role="coach",
        profile=services.Profile(school=p.shared_school, capacity=2),
    )
    for participant in (head, tom, chris):
        services.participant_accept(actor=p.coordinator, participant=participant)
    services.participant_join(
        actor=bea,
        programme=programme,
        role="mentee",
        profile=services.Profile(school=p.second_school, headship_year=2),
    )
    services.pair_propose(actor=p.coordinator, mentee=head, coach=tom)
    services.matching_publish(actor=p.coordinator, programme=programme)
    pair = Pair.objects.get(mentee=head)
    # A second head, to leave a proposal for the coordinator to review.
    dee = user_create(email="head@c3.test", display_name="Dee Head", password=None)
    school_role_grant(actor=None, user=dee, school=p.shared_school, role="lead")
    dee_place = services.participant_join(
        actor=dee,
        programme=programme,
        role="mentee",
        profile=services.Profile(school=p.shared_school, headship_year=1),
    )
    services.participant_accept(actor=p.coordinator, participant=dee_place)
    MatchingRun.objects.create(
        programme=programme,
        requested_by=p.coordinator,
        status=MatchingRun.Status.DONE,
        progress=100,
    )
    Pair.objects.create(programme=programme, mentee=dee_place, coach=tom, score=0.2)
    services.question_add(actor=p.head, pair=pair, text="How do I plan the budget?")
    services.meeting_schedule(
        actor=p.head, pair=pair, starts_at=_at(10, 16), ends_at=_at(10, 17), place="coach_school"
    )
    services.action_add(actor=p.head, pair=pair, text="Send the plan", owner=p.head)
    services.goal_add(actor=p.head, pair=pair, title="A balanced budget")
    plan = check_upload(b"Our three-year plan", filename="plan.txt", policy=RESOURCE_FILES)
    services.resource_share(actor=p.teacher, pair=pair, title="Budget plan", file=plan)
    services.journal_add(actor=p.head, participant=head, title="Week one", body="A long week.")
    services.conflict_declare(actor=p.head, participant=head, other=coach_user, kind="other")
    meeting = services.cohort_meeting_create(
        actor=p.coordinator,
        programme=programme,
        title="Cohort meeting 1",
        starts_at=_at(20, 9),
        ends_at=_at(20, 12),
        host_school=p.school,
    )
    services.cohort_topic_propose(actor=p.head, meeting=meeting, title="First budgets")


def second_proposal(p: Personas) -> tuple[Participant, Participant]:
    """Ivy Head (Alder's co-head) proposed to Gus Coach (Birch, room for two): with Dee's
    proposal, two pairs to swap, and a head and coach to propose by hand."""
    programme = world(p).programme
    ivy = user_create(email="cohead@a1.test", display_name="Ivy Head", password=None)
    school_role_grant(actor=None, user=ivy, school=p.school, role="lead")
    gus = user_create(email="cohead@a2.test", display_name="Gus Coach", password=None)
    school_role_grant(actor=None, user=gus, school=p.second_school, role="lead")
    mentee = services.participant_join(
        actor=ivy,
        programme=programme,
        role="mentee",
        profile=services.Profile(school=p.school, headship_year=1),
    )
    coach = services.participant_join(
        actor=gus,
        programme=programme,
        role="coach",
        profile=services.Profile(school=p.second_school, capacity=2),
    )
    for participant in (mentee, coach):
        services.participant_accept(actor=p.coordinator, participant=participant)
    Pair.objects.create(programme=programme, mentee=mentee, coach=coach, score=0.3)
    return mentee, coach


def _pair_case(name: str, expected: Mapping[str, Expect], extra: Any = None, **kwargs: Any) -> Case:
    def args(p: Personas) -> list[Any]:
        w = world(p)
        return [w.pair.pk, *(extra(w) if extra else [])]

    return Case(f"mentoring:{name}", expect(404, **expected), args=args, **kwargs)


def _cohort_case(name: str, expected: Mapping[str, Expect], **kwargs: Any) -> Case:
    return Case(
        f"mentoring:{name}",
        expect(404, **expected),
        args=lambda p: [world(p).cohort_meeting.pk],
        **kwargs,
    )


MEMBERS_ONLY: dict[str, Expect] = dict(head=OK, admin=403, coordinator=403)
SCHEDULERS: dict[str, Expect] = dict(head=403, admin=OK, coordinator=OK)
PROGRAMME = lambda p: [world(p).programme.pk]  # noqa: E731

MENTORING_CASES: list[Case] = [
    Case("mentoring:home", expect(OK, partner=403, pupil=NOT_FOR_PUPILS)),
    Case("mentoring:programme_create", expect(403, **MANAGERS), args=lambda p: [p.family.slug]),
    Case("mentoring:programme_detail", expect(OK, **FAMILY_HIDDEN), args=PROGRAMME),
    Case("mentoring:programme_edit", expect(403, **MANAGERS), args=PROGRAMME),
    Case(
        "mentoring:join",
        expect(403, head=OK, teacher=OK, **FAMILY_HIDDEN),
        args=lambda p: [world(p).open_programme.pk, "mentee"],
    ),
    Case(
        "mentoring:join",
        expect(403, **FAMILY_HIDDEN),
        args=lambda p: [world(p).programme.pk, "coach"],
        label="already in it",
    ),
    Case("mentoring:profile", expect(404, **BOTH), args=PROGRAMME),
    Case(
        "mentoring:cohort_adopt",
        expect(403, head=OK, **FAMILY_HIDDEN),
        args=lambda p: [world(p).open_programme.pk],
        method="post",
        data=lambda p: {"circle": p.confidential_circle.pk},
        setup=lambda p: services.participant_join(
            actor=p.head,
            programme=world(p).open_programme,
            role="mentee",
            profile=services.Profile(school=p.school, headship_year=1),
        ),
    ),
    Case(
        "mentoring:nominate",
        expect(403, **MANAGERS),
        args=PROGRAMME,
        method="post",
        setup=lambda p: school_role_grant(
            actor=None,
            user=user_create(email="nominee@a2.test", display_name="Nia Nominee", password=None),
            school=p.second_school,
            role="lead",
        ),
        data=lambda p: {"email": "nominee@a2.test", "role": "coach"},
    ),
    Case(
        "mentoring:conflict_add",
        expect(403, **BOTH, **FAMILY_HIDDEN),
        args=PROGRAMME,
        method="post",
        data=lambda p: {"other": world(p).coach_user.pk, "kind": "line_manager"},
    ),
    Case(
        "mentoring:conflict_remove",
        expect(404, head=OK),
        args=lambda p: [world(p).conflict.pk],
        method="post",
    ),
    Case(
        "mentoring:participant_accept",
        expect(404, admin=OK, coordinator=OK),
        args=lambda p: [world(p).applicant.pk],
        method="post",
    ),
    Case(
        "mentoring:participant_withdraw",
        expect(404, admin=OK, coordinator=OK, head=OK),
        args=lambda p: [world(p).head.pk],
        method="post",
    ),
    Case("mentoring:journal", expect(403, head=OK, **FAMILY_HIDDEN), args=PROGRAMME),
    Case(
        "mentoring:journal_edit",
        expect(403, head=OK, **FAMILY_HIDDEN),
        args=lambda p: [world(p).programme.pk, world(p).entry.pk],
    ),
    Case(
        "mentoring:journal_delete",
        expect(403, head=OK, **FAMILY_HIDDEN),
        args=lambda p: [world(p).programme.pk, world(p).entry.pk],
        method="post",
    ),
    Case("mentoring:feedback", expect(403, **BOTH, **FAMILY_HIDDEN), args=PROGRAMME),
    Case("mentoring:report", expect(403, **MANAGERS), args=PROGRAMME),
    Case("mentoring:matching", expect(403, **MANAGERS), args=PROGRAMME),
    Case("mentoring:matching_run", expect(403, **MANAGERS), args=PROGRAMME, method="post"),
    Case("mentoring:matching_publish", expect(403, **MANAGERS), args=PROGRAMME, method="post"),
    Case(
        "mentoring:pair_swap",
        expect(403, **MANAGERS),
        args=PROGRAMME,
        method="post",
        setup=second_proposal,
        data=lambda p: {
            "first": world(p).proposal.pk,
            "second": Pair.objects.get(mentee__user__email="cohead@a1.test").pk,
        },
    ),
    Case(
        "mentoring:pair_propose",
        expect(403, **MANAGERS),
        args=PROGRAMME,
        method="post",
        setup=second_proposal,
        data=lambda p: {
            "mentee": Participant.objects.get(user__email="cohead@a1.test").pk,
            "coach": Participant.objects.get(user__email="cohead@a2.test").pk,
        },
    ),
    Case("mentoring:run_progress", expect(403, **MANAGERS), args=lambda p: [world(p).run.pk]),
    Case(
        "mentoring:pair_lock",
        expect(404, admin=OK, coordinator=OK),
        args=lambda p: [world(p).proposal.pk],
        method="post",
    ),
    _pair_case("pair_detail", BOTH),
    _pair_case("pair_decline", BOTH),
    _pair_case(
        "question_add",
        dict(head=OK, teacher=403),
        method="post",
        data=lambda p: {"text": "Another question"},
    ),
    _pair_case("question_edit", dict(head=OK, teacher=403), lambda w: [w.question.pk]),
    _pair_case(
        "question_move",
        dict(head=OK, teacher=403),
        lambda w: [w.question.pk],
        method="post",
        data=lambda p: {"direction": "down"},
    ),
    _pair_case(
        "question_answer",
        BOTH,
        lambda w: [w.question.pk],
        method="post",
        data=lambda p: {"answer": "Start from last year's"},
    ),
    _pair_case(
        "question_reopen",
        BOTH,
        lambda w: [w.question.pk],
        method="post",
        setup=lambda p: services.question_answer(
            actor=p.head, question=world(p).question, answer=""
        ),
    ),
    _pair_case(
        "question_delete", dict(head=OK, teacher=403), lambda w: [w.question.pk], method="post"
    ),
    _pair_case("meeting_new", BOTH),
    _pair_case("meeting_detail", BOTH, lambda w: [w.meeting.pk]),
    _pair_case("meeting_edit", BOTH, lambda w: [w.meeting.pk]),
    _pair_case("meeting_notes", BOTH, lambda w: [w.meeting.pk]),
    _pair_case("meeting_cancel", BOTH, lambda w: [w.meeting.pk], method="post"),
    _pair_case("meeting_ics", BOTH, lambda w: [w.meeting.pk]),
    _pair_case(
        "action_add", BOTH, method="post", data=lambda p: {"text": "Call", "owner": p.head.pk}
    ),
    _pair_case("action_done", BOTH, lambda w: [w.action.pk], method="post"),
    _pair_case("action_edit", BOTH, lambda w: [w.action.pk]),
    _pair_case("action_delete", BOTH, lambda w: [w.action.pk], method="post"),
    _pair_case("goals", BOTH),
    _pair_case(
        "goal_progress",
        BOTH,
        lambda w: [w.goal.pk],
        method="post",
        data=lambda p: {"text": "On track", "status": "under_way"},
    ),
    _pair_case("goal_edit", BOTH, lambda w: [w.goal.pk]),
    _pair_case("goal_delete", BOTH, lambda w: [w.goal.pk], method="post"),
    _pair_case(
        "resource_add",
        dict(head=403, teacher=OK),
        method="post",
        data=lambda p: {"title": "Budget plan", "url": "https://example.org/plan"},
    ),
    _pair_case("reflection", BOTH),
    _pair_case("resource_download", BOTH, lambda w: [w.pair.resources.get().pk]),
    _pair_case(
        "resource_remove",
        dict(head=403, teacher=OK),
        lambda w: [w.pair.resources.get().pk],
        method="post",
    ),
    Case("mentoring:cohort", expect(403, head=OK, **FAMILY_HIDDEN), args=PROGRAMME),
    Case("mentoring:cohort_meeting_new", expect(403, **MANAGERS), args=PROGRAMME),
    _cohort_case("cohort_meeting", MEMBERS_ONLY),
    _cohort_case("cohort_meeting_edit", SCHEDULERS),
    _cohort_case("cohort_meeting_cancel", SCHEDULERS, method="post"),
    _cohort_case(
        "cohort_topic_add", MEMBERS_ONLY, method="post", data=lambda p: {"title": "Ofsted"}
    ),
    _cohort_case("cohort_notes", MEMBERS_ONLY),
    _cohort_case("cohort_meeting_ics", MEMBERS_ONLY),
    Case(
        "mentoring:cohort_vote",
        expect(404, **MEMBERS_ONLY),
        args=lambda p: [world(p).topic.pk],
        method="post",
        data=lambda p: {"wanted": "0"},
    ),
    Case("mentoring:feed_settings", expect(OK, partner=403, pupil=NOT_FOR_PUPILS)),
    Case("mentoring:feed_reset", expect(OK, partner=403, pupil=NOT_FOR_PUPILS), method="post"),
    Case(
        "mentoring:feed",
        expect(OK, anonymous=OK),
        args=lambda p: [services.coaching_feed_of(p.head).token],
    ),
    Case(
        "mentoring:feed",
        expect(404, anonymous=404),
        args=lambda p: ["not-a-real-token-at-all"],
        label="bad token",
    ),
]
