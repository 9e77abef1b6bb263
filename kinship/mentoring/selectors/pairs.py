"""The pair space: its page, its members' profiles and a meeting's agenda."""

from dataclasses import dataclass
from typing import Any

from django.db.models import F, Prefetch, Q
from django.utils import timezone

from kinship.accounts.models import User
from kinship.mentoring.models import (
    Goal,
    GoalNote,
    Pair,
    PairAction,
    PairMeeting,
    Participant,
    Question,
)
from kinship.mentoring.selectors.programmes import _participants


@dataclass
class PairSpace:
    open_questions: list[Question]
    answered_questions: list[Question]
    upcoming: list[PairMeeting]
    past: list[PairMeeting]
    actions: list[PairAction]
    goals: list[Goal]
    resources: list[Any]


def pair_space(pair: Pair) -> PairSpace:
    now = timezone.now()
    questions = list(pair.questions.select_related("answered_in"))
    meetings = list(pair.meetings.filter(cancelled=False))
    return PairSpace(
        open_questions=[q for q in questions if q.answered_at is None],
        answered_questions=sorted(
            (q for q in questions if q.answered_at is not None),
            key=lambda q: q.answered_at or now,
            reverse=True,
        ),
        upcoming=[m for m in meetings if m.ends_at >= now and m.held_at is None],
        past=[m for m in meetings if m.ends_at < now or m.held_at is not None][::-1],
        actions=list(pair.actions.select_related("owner", "meeting")),
        goals=list(
            pair.goals.prefetch_related(
                Prefetch("notes", queryset=GoalNote.objects.select_related("author"))
            )
        ),
        resources=list(pair.resources.select_related("shared_by")),
    )


def pair_profiles(pair: Pair) -> list[Participant]:
    """The head's and the coach's profiles, head first, with their priorities."""
    people = {p.pk: p for p in _participants().filter(pk__in=[pair.mentee_id, pair.coach_id])}
    return [people[pair.mentee_id], people[pair.coach_id]]


def meeting_agenda(meeting: PairMeeting) -> list[Question]:
    """A meeting's agenda: the questions still open, then those ticked off at it."""
    questions = meeting.pair.questions.filter(
        Q(answered_at__isnull=True) | Q(answered_in=meeting)
    ).order_by(F("answered_at").asc(nulls_first=True), "position", "pk")
    return list(questions)


def pair_members(pair: Pair) -> list[User]:
    return [pair.mentee.user, pair.coach.user]
