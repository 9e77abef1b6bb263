"""Programme reports and feedback summaries, from counts and dates only."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q
from django.utils import timezone

from kinship.mentoring.models import (
    CohortMeeting,
    Feedback,
    Pair,
    PairMeeting,
    Participant,
    Programme,
    Rhythm,
)
from kinship.mentoring.rhythm import PairRhythm, pair_rhythm
from kinship.schools.models import School
from kinship.schools.selectors import calendars_for_schools

MIN_FEEDBACK_FOR_COMMENTS = 3  # fewer answers than this and a comment could be told apart


@dataclass
class PairReport:
    pair_id: int
    mentee: str
    coach: str
    published_on: date | None
    rhythm: PairRhythm
    questions_raised: int
    questions_answered: int
    actions: int
    actions_done: int


@dataclass
class FeedbackSummary:
    role: str
    label: str
    responses: int
    average: float | None
    distribution: list[int]  # how many gave 1, 2, 3, 4, 5
    comments: list[str] = field(default_factory=list)
    comments_withheld: bool = False


@dataclass
class ProgrammeReport:
    pairs: list[PairReport]
    at_risk: list[PairReport]
    accepted_mentees: int
    accepted_coaches: int
    unmatched: int
    cohort_meetings_held: int
    cohort_meetings_planned: int
    feedback: list[FeedbackSummary]
    term_dates_missing: list[str]


def _half_terms(schools: list[School], year: int) -> dict[int, list[tuple[date, date]]]:
    by_school: dict[int, list[tuple[date, date]]] = {school.pk: [] for school in schools}
    for academic_year in (year - 1, year, year + 1):
        for school_pk, calendar in calendars_for_schools(schools, academic_year).items():
            if calendar is not None:
                by_school[school_pk] += [(h.start, h.end) for h in calendar.half_terms.all()]
    return by_school


def programme_report(programme: Programme, *, today: date | None = None) -> ProgrammeReport:
    """Matched pairs, meetings held against the rhythm, pairs at risk (a half-term, or a
    term, without a meeting, by the head's school's term dates) and feedback in summary."""
    today = today or timezone.localdate()
    pairs = list(
        Pair.objects.filter(programme=programme, status=Pair.Status.PUBLISHED)
        .select_related("mentee__user", "mentee__school", "coach__user")
        .annotate(
            raised=Count("questions", distinct=True),
            answered=Count(
                "questions", filter=Q(questions__answered_at__isnull=False), distinct=True
            ),
            action_count=Count("actions", distinct=True),
            done=Count("actions", filter=Q(actions__done_at__isnull=False), distinct=True),
        )
        .order_by("mentee__user__display_name")
    )
    held: dict[int, list[date]] = {}
    for pair_id, moment in PairMeeting.objects.filter(
        pair__in=[p.pk for p in pairs], held_at__isnull=False, cancelled=False
    ).values_list("pair_id", "starts_at"):
        held.setdefault(pair_id, []).append(timezone.localtime(moment).date())
    schools = list({p.mentee.school.pk: p.mentee.school for p in pairs}.values())
    half_terms = _half_terms(
        schools,
        programme.starts_on.year
        if programme.starts_on.month >= 9
        else programme.starts_on.year - 1,
    )
    every = Rhythm(programme.rhythm).half_terms
    rows = []
    for pair in pairs:
        start = max(
            programme.starts_on,
            timezone.localtime(pair.published_at).date()
            if pair.published_at
            else programme.starts_on,
        )
        rhythm = pair_rhythm(
            half_terms=half_terms.get(pair.mentee.school.pk, []),
            meetings=held.get(pair.pk, []),
            start=start,
            today=min(today, programme.ends_on),
            every=every,
        )
        rows.append(
            PairReport(
                pair_id=pair.pk,
                mentee=pair.mentee.user.display_name,
                coach=pair.coach.user.display_name,
                published_on=timezone.localtime(pair.published_at).date()
                if pair.published_at
                else None,
                rhythm=rhythm,
                questions_raised=pair.raised,
                questions_answered=pair.answered,
                actions=pair.action_count,
                actions_done=pair.done,
            )
        )
    counts = dict(
        Participant.objects.filter(programme=programme, status=Participant.Status.ACCEPTED)
        .values_list("role")
        .annotate(n=Count("pk"))
    )
    cohort = CohortMeeting.objects.filter(programme=programme, cancelled=False)
    return ProgrammeReport(
        pairs=rows,
        at_risk=[row for row in rows if row.rhythm.at_risk],
        accepted_mentees=counts.get(Participant.Role.MENTEE, 0),
        accepted_coaches=counts.get(Participant.Role.COACH, 0),
        unmatched=Participant.objects.filter(
            programme=programme, role=Participant.Role.MENTEE, status=Participant.Status.ACCEPTED
        )
        .exclude(pairs_as_mentee__status=Pair.Status.PUBLISHED)
        .count(),
        cohort_meetings_held=cohort.filter(ends_at__lt=timezone.now()).count(),
        cohort_meetings_planned=cohort.count(),
        feedback=feedback_summaries(programme),
        term_dates_missing=sorted(
            {p.mentee.school.name for p in pairs if not half_terms.get(p.mentee.school.pk)}
        ),
    )


def feedback_summaries(programme: Programme) -> list[FeedbackSummary]:
    """Ratings per role, and comments without names in a fixed order unrelated to who
    wrote them (sorted), shown only once at least three have answered."""
    summaries = []
    for role, label in Participant.Role.choices:
        answers = list(
            Feedback.objects.filter(
                participant__programme=programme, participant__role=role
            ).values_list("rating", "comment")
        )
        ratings = [rating for rating, _ in answers]
        enough = len(answers) >= MIN_FEEDBACK_FOR_COMMENTS
        comments = sorted(c.strip() for _, c in answers if c.strip()) if enough else []
        summaries.append(
            FeedbackSummary(
                role=role,
                label=str(label),
                responses=len(answers),
                average=round(sum(ratings) / len(ratings), 1) if ratings else None,
                distribution=[ratings.count(n) for n in range(1, 6)],
                comments=comments,
                comments_withheld=bool(answers) and not enough,
            )
        )
    return summaries
