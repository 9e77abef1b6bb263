"""Read-only queries for programmes, pairs, the cohort and reports.

Reports and the coordinator's pages read counts and dates of the pair spaces, never their
text: the report's rows are built from aggregates only.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, F, Min, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from kinship.accounts.models import ExpertiseTag, User, Visibility
from kinship.families.models import Circle, CircleMembership, Family, FamilyMembership
from kinship.membership import visibility
from kinship.mentoring import matching
from kinship.mentoring.models import (
    CohortMeeting,
    Conflict,
    Feedback,
    Goal,
    GoalNote,
    MatchingRun,
    Pair,
    PairAction,
    PairMeeting,
    Participant,
    Programme,
    Question,
    Rhythm,
)
from kinship.mentoring.rhythm import PairRhythm, pair_rhythm
from kinship.schools.models import School, SchoolRole
from kinship.schools.selectors import calendars_for_schools

ACTIVE = FamilyMembership.Status.ACTIVE
LIVE = (Pair.Status.PROPOSED, Pair.Status.PUBLISHED)
MIN_FEEDBACK_FOR_COMMENTS = 3  # fewer answers than this and a comment could be told apart


def _participants() -> QuerySet[Participant]:
    return Participant.objects.select_related("user", "school").prefetch_related(
        Prefetch("priorities", queryset=ExpertiseTag.objects.order_by("name"))
    )


def programmes_coordinated_by(user: Any) -> QuerySet[Programme]:
    families = visibility.coordinated_family_ids(user)
    return Programme.objects.filter(family_id__in=families).select_related("family")


def families_coordinated_by(user: Any) -> QuerySet[Family]:
    return Family.objects.filter(pk__in=visibility.coordinated_family_ids(user)).order_by("name")


def programmes_open_to(user: Any) -> QuerySet[Programme]:
    """Programmes taking applications in the families where `user` works."""
    families = visibility.staff_family_ids(user)
    return (
        Programme.objects.filter(family_id__in=families, applications_open=True)
        .exclude(participants__user=user)
        .select_related("family")
    )


def places_of(user: Any) -> QuerySet[Participant]:
    """The user's places in programmes, each with its programme and any live pair."""
    return (
        Participant.objects.filter(user=user)
        .exclude(status=Participant.Status.WITHDRAWN)
        .select_related("programme", "programme__family", "school")
        .order_by("-programme__starts_on")
    )


def pairs_of(user: Any) -> QuerySet[Pair]:
    """Published pairs the user is the head or coach of."""
    open_questions = (
        Question.objects.filter(pair=OuterRef("pk"), answered_at__isnull=True)
        .order_by()
        .values("pair")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        Pair.objects.filter(
            Q(mentee__user=user) | Q(coach__user=user), status=Pair.Status.PUBLISHED
        )
        .select_related(
            "programme", "mentee__user", "coach__user", "mentee__school", "coach__school"
        )
        # A counting subquery, not Count(): grouping by every joined column made the
        # dashboard's query slow to plan.
        .annotate(open_questions=Coalesce(Subquery(open_questions), 0))
        .order_by("-programme__starts_on", "pk")
    )


def participants_of(programme: Programme) -> QuerySet[Participant]:
    return _participants().filter(programme=programme).order_by("role", "user__display_name")


def school_choices_for(user: Any, programme: Programme, role: str) -> QuerySet[School]:
    """Member schools of the programme's family the user may take part for: a school they
    lead (to be coached), or one they lead or work at (to coach)."""
    roles = (
        (SchoolRole.Role.LEAD,)
        if role == Participant.Role.MENTEE
        else (SchoolRole.Role.LEAD, SchoolRole.Role.STAFF)
    )
    return (
        School.objects.filter(
            pk__in=visibility.school_ids_of_user(user, roles=roles),
            family_memberships__family_id=programme.family_id,
            family_memberships__status=ACTIVE,
        )
        .distinct()
        .order_by("name")
    )


def circles_to_adopt(user: Any, programme: Programme) -> QuerySet[Circle]:
    """Confidential circles of the programme's family that `user` convenes: what a head in
    a programme without a cohort may bring to it as its cohort."""
    if programme.cohort_id is not None:
        return Circle.objects.none()
    return Circle.objects.filter(
        confidential=True,
        families=programme.family_id,
        pk__in=visibility.member_circle_ids(user).filter(is_convener=True),
    ).distinct()


def place_in(user: Any, programme: Programme) -> Participant | None:
    """The user's place in the programme (any status), if they have one."""
    return Participant.objects.filter(programme=programme, user=user).first()


def pair_for_mentee(participant: Participant) -> Pair | None:
    return (
        Pair.objects.filter(mentee=participant, status__in=LIVE)
        .select_related("coach__user", "coach__school")
        .first()
    )


def pairs_for_review(programme: Programme) -> QuerySet[Pair]:
    return (
        Pair.objects.filter(programme=programme, status__in=LIVE)
        .select_related("mentee__user", "mentee__school", "coach__user", "coach__school")
        .order_by("status", "mentee__user__display_name")
    )


def declined_pairs(programme: Programme) -> QuerySet[Pair]:
    return (
        Pair.objects.filter(programme=programme, status=Pair.Status.DECLINED)
        .select_related("mentee__user", "coach__user", "declined_by")
        .order_by("-declined_at")
    )


def latest_run(programme: Programme) -> MatchingRun | None:
    return programme.runs.order_by("-created_at", "-pk").first()


# Building the matcher's problem


@dataclass
class MatchingInput:
    problem: matching.Problem
    participants: dict[str, Participant]


def school_context(school: School) -> matching.SchoolContext:
    return matching.SchoolContext(
        urn=school.urn,
        phase=school.phase,
        pupils=school.pupils,
        fsm_percent=float(school.fsm_percent) if school.fsm_percent is not None else None,
        urban_rural=school.urban_rural,
        trust=school.trust_name,
        latitude=school.latitude,
        longitude=school.longitude,
    )


def _text_of(participant: Participant) -> str:
    return " ".join(part for part in (participant.vision, participant.priorities_note) if part)


def matching_input(programme: Programme, *, keep: Sequence[Pair] = ()) -> MatchingInput:
    """The programme's accepted heads and coaches as the matcher's problem. Published and
    locked pairs (and `keep`) stay as they are; declined pairs and declared conflicts are
    excluded; line managers and trusts as the programme says."""
    people = list(participants_of(programme).filter(status=Participant.Status.ACCEPTED))
    by_id = {str(p.pk): p for p in people}
    by_user = {p.user_id: p for p in people}
    mentees = tuple(
        matching.Mentee(
            id=str(p.pk),
            school=p.school.urn,
            vision=_text_of(p),
            tags=tuple(t.name for t in p.priorities.all()),
            share_context=p.share_school_context,
        )
        for p in people
        if p.role == Participant.Role.MENTEE
    )
    coaches = tuple(
        matching.Coach(
            id=str(p.pk),
            school=p.school.urn,
            vision=_text_of(p),
            tags=tuple(t.name for t in p.priorities.all()),
            capacity=p.capacity,
            share_context=p.share_school_context,
        )
        for p in people
        if p.role == Participant.Role.COACH
    )
    pairs = list(Pair.objects.filter(programme=programme).select_related("mentee", "coach"))
    exclusions = {(str(p.mentee_id), str(p.coach_id)) for p in pairs if p.status == "declined"}
    line_managers: set[tuple[str, str]] = set()
    conflicts = Conflict.objects.filter(participant__programme=programme).select_related(
        "participant"
    )
    for conflict in conflicts:
        other = by_user.get(conflict.other_id)
        if other is None or other.role == conflict.participant.role:
            continue
        mentee, coach = (
            (conflict.participant, other)
            if conflict.participant.role == Participant.Role.MENTEE
            else (other, conflict.participant)
        )
        target = line_managers if conflict.kind == Conflict.Kind.LINE_MANAGER else exclusions
        target.add((str(mentee.pk), str(coach.pk)))
    keep_ids = {pair.pk for pair in keep}
    fixed = tuple(
        (str(p.mentee_id), str(p.coach_id))
        for p in pairs
        if (
            p.status == Pair.Status.PUBLISHED
            or (p.status == Pair.Status.PROPOSED and p.locked)
            or p.pk in keep_ids
        )
        and str(p.mentee_id) in by_id
        and str(p.coach_id) in by_id
    )
    problem = matching.Problem(
        mentees=mentees,
        coaches=coaches,
        schools={p.school.urn: school_context(p.school) for p in people},
        exclusions=frozenset(exclusions),
        line_managers=frozenset(line_managers),
        avoid_line_managers=programme.avoid_line_managers,
        avoid_same_trust=programme.avoid_same_trust,
        fixed=fixed,
    )
    return MatchingInput(problem=problem, participants=by_id)


# The pair space


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


# Reports: counts and dates only.


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


# The cohort


@dataclass
class CohortMember:
    user: User
    schools: list[str]
    email: str  # "" when they keep it to themselves
    phone: str


def cohort_members(programme: Programme) -> list[CohortMember]:
    """Who is in the cohort and how to reach them, as each has chosen: an address or
    number is shown only when its owner lets people in their families see it."""
    if programme.cohort_id is None:
        return []
    memberships = (
        CircleMembership.objects.filter(circle_id=programme.cohort_id)
        .select_related("user")
        .prefetch_related(
            Prefetch(
                "user__school_roles",
                queryset=SchoolRole.objects.filter(
                    role__in=(SchoolRole.Role.LEAD, SchoolRole.Role.STAFF)
                ).select_related("school"),
            )
        )
        .order_by("user__display_name")
    )
    members = []
    for membership in memberships:
        user = membership.user
        members.append(
            CohortMember(
                user=user,
                schools=sorted({role.school.name for role in user.school_roles.all()}),
                email=user.email if user.email_visibility == Visibility.FAMILIES else "",
                phone=user.phone if user.phone_visibility == Visibility.FAMILIES else "",
            )
        )
    return members


def cohort_meetings_of(programme: Programme) -> QuerySet[CohortMeeting]:
    return programme.cohort_meetings.select_related("host_school").annotate(
        topic_count=Count("topics", distinct=True)
    )


def cohort_topics(meeting: CohortMeeting, user: Any) -> list[Any]:
    """The topics proposed, most votes first: the agenda. Each knows if `user` voted."""
    topics: list[Any] = list(
        meeting.topics.select_related("proposer")
        .annotate(
            vote_count=Count("votes", distinct=True),
            mine=Count("votes", filter=Q(votes__user=user), distinct=True),
        )
        .order_by("-vote_count", "created_at", "pk")
    )
    return topics


# Calendars


def coaching_meetings_of(user: Any) -> QuerySet[PairMeeting]:
    return PairMeeting.objects.filter(
        Q(pair__mentee__user=user) | Q(pair__coach__user=user),
        pair__status=Pair.Status.PUBLISHED,
    ).select_related(
        "pair__mentee__user", "pair__coach__user", "pair__mentee__school", "pair__coach__school"
    )


def cohort_meetings_for(user: Any) -> QuerySet[CohortMeeting]:
    circles = visibility.member_circle_ids(user)
    return CohortMeeting.objects.filter(programme__cohort_id__in=circles).select_related(
        "programme", "host_school"
    )


def next_meeting_dates(pairs: Sequence[Pair]) -> dict[int, Any]:
    now = timezone.now()
    return dict(
        PairMeeting.objects.filter(
            pair__in=[p.pk for p in pairs], cancelled=False, ends_at__gte=now
        )
        .values("pair_id")
        .annotate(first=Min("starts_at"))
        .values_list("pair_id", "first")
    )
