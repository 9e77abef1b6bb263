"""Read-only queries for moderation, with the permission filter applied."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone

from kinship.accounts.models import User
from kinship.accounts.types import Viewer
from kinship.core.models import AuditEntry
from kinship.membership import visibility
from kinship.moderation.models import (
    Comparison,
    Grade,
    Page,
    Round,
    RoundPerson,
    RoundSchool,
    Script,
)
from kinship.schools.models import School, SchoolRole


def rounds_visible_to(user: Viewer) -> QuerySet[Round]:
    """Rounds the user is in, and rounds of families they coordinate (as overviews only)."""
    if not user.is_authenticated:
        return Round.objects.none()
    mine = RoundPerson.objects.filter(user=user).values("round_id")
    coordinated = visibility.coordinated_family_ids(user)
    return (
        Round.objects.filter(Q(pk__in=mine) | Q(family_id__in=coordinated))
        .select_related("family")
        .annotate(script_count=Count("scripts", distinct=True))
        .order_by("-created_at")
    )


def roles_in(user: User, round_: Round) -> set[str]:
    return set(round_.people.filter(user=user).values_list("role", flat=True))


def judge_person(user: User, round_: Round) -> RoundPerson | None:
    return round_.people.filter(user=user, role=RoundPerson.Role.JUDGE).first()


def judge_school_ids(user_id: int, round_id: int) -> set[int]:
    """The round's schools a judge must never see: the one they judge for, and any other
    round school they work at (an executive head of two, a SENCo shared between schools)."""
    judging_for = RoundPerson.objects.filter(
        user_id=user_id, round_id=round_id, role=RoundPerson.Role.JUDGE, school__isnull=False
    ).values_list("school_id", flat=True)
    works_at = SchoolRole.objects.filter(
        user_id=user_id,
        role__in=(SchoolRole.Role.LEAD, SchoolRole.Role.STAFF),
        school__in=RoundSchool.objects.filter(round_id=round_id).values("school_id"),
    ).values_list("school_id", flat=True)
    return set(judging_for) | set(works_at)


VIEW_PUPIL_WORK = "moderation.view_pupil_work"


def pupil_work_view_logged(user_id: int, script: Script, *, since: datetime) -> bool:
    """Whether the audit log has `user_id` viewing `script` since `since`."""
    recent = AuditEntry.objects.filter(
        actor_id=user_id,
        action=VIEW_PUPIL_WORK,
        object_type=Round._meta.label,
        object_id=str(script.round_id),
        at__gte=since,
    ).values_list("detail", flat=True)[:200]
    return any(script.code in (detail or {}).get("scripts", ()) for detail in recent)


def uploader_schools(user: User, round_: Round, *, coordinator: bool) -> QuerySet[School]:
    """Schools the user may upload for: every round school for a coordinator, else theirs."""
    schools = School.objects.filter(pk__in=round_.schools.values("school_id"))
    if coordinator:
        return schools.order_by("name")
    mine = round_.people.filter(user=user, role=RoundPerson.Role.UPLOADER).values("school_id")
    return schools.filter(pk__in=mine).order_by("name")


def scripts_with_pages(queryset: QuerySet[Script]) -> QuerySet[Script]:
    return queryset.select_related("school").prefetch_related(
        Prefetch("pages", queryset=Page.objects.order_by("number"))
    )


def round_scripts_for(user: User, round_: Round, *, coordinator: bool) -> QuerySet[Script]:
    """A coordinator's view of every script; an uploader sees their own schools' only."""
    scripts = round_.scripts.all()
    if not coordinator:
        scripts = scripts.filter(school__in=uploader_schools(user, round_, coordinator=False))
    return (
        scripts_with_pages(scripts)
        .annotate(grade_count=Count("grades"))
        .order_by("school__name", "code")
    )


def next_script_to_grade(person: RoundPerson) -> Script | None:
    """The next script for a judge to grade blind: another school's, not yet graded by them,
    among those with the fewest external grades and still short of the round's target."""
    round_ = person.round
    candidates = (
        round_.scripts.exclude(grades__judge_id=person.user_id)
        .annotate(given=Count("grades"))
        .filter(given__lt=round_.grades_per_script)
    )
    candidates = candidates.exclude(school_id__in=judge_school_ids(person.user_id, round_.pk))
    return scripts_with_pages(candidates).order_by("given", "code").first()  # type: ignore[misc]


@dataclass(frozen=True)
class Progress:
    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100


def grading_progress(person: RoundPerson) -> Progress:
    round_ = person.round
    done = Grade.objects.filter(script__round=round_, judge_id=person.user_id).count()
    return Progress(done, done + (1 if next_script_to_grade(person) else 0))


def judging_queue(
    user: User, round_: Round, *, after: int | None = None, limit: int = 2
) -> list[Comparison]:
    """The judge's next undecided comparisons in order, with both scripts' pages."""
    queue = Comparison.objects.filter(round=round_, judge=user, winner__isnull=True)
    if after is not None:
        queue = queue.exclude(pk=after)
    pages = Prefetch("pages", queryset=Page.objects.order_by("number"))
    return list(
        queue.select_related("left", "right")
        .prefetch_related(
            Prefetch("left__pages", queryset=pages.queryset),
            Prefetch("right__pages", queryset=pages.queryset),
        )
        .order_by("position")[:limit]
    )


def judging_progress(user: User, round_: Round) -> Progress:
    mine = Comparison.objects.filter(round=round_, judge=user)
    counts = mine.aggregate(total=Count("pk"), done=Count("pk", filter=Q(winner__isnull=False)))
    return Progress(counts["done"], counts["total"])


@dataclass(frozen=True)
class RoundProgress:
    scripts_by_school: dict[int, int]
    grades: int
    grades_wanted: int
    comparisons: int
    comparisons_done: int


def round_progress(round_: Round) -> RoundProgress:
    by_school = dict(
        round_.scripts.values("school_id").annotate(n=Count("pk")).values_list("school_id", "n")
    )
    counts = round_.comparisons.aggregate(
        total=Count("pk"), done=Count("pk", filter=Q(winner__isnull=False))
    )
    return RoundProgress(
        scripts_by_school=by_school,
        grades=Grade.objects.filter(script__round=round_).count(),
        grades_wanted=sum(by_school.values()) * round_.grades_per_script,
        comparisons=counts["total"],
        comparisons_done=counts["done"],
    )


@dataclass(frozen=True)
class DashboardRound:
    """A round someone takes part in, as the dashboard tells them: their roles, and while
    judging is open what is left for them (None when the round does not use that method or
    they do not judge)."""

    round: Round
    roles: frozenset[str]
    to_grade: int | None
    to_judge: int | None
    meeting_ahead: bool

    @property
    def uploads(self) -> bool:
        return RoundPerson.Role.UPLOADER in self.roles

    @property
    def judges(self) -> bool:
        return RoundPerson.Role.JUDGE in self.roles


def dashboard_rounds(user: Viewer) -> list[DashboardRound]:
    """The rounds `user` is in that are still under way (open, or closed with the meeting to
    come), soonest deadline first. One query for someone in no round, at most three."""
    if not user.is_authenticated:
        return []
    today = timezone.localdate()
    people = list(
        RoundPerson.objects.filter(user=user)
        .filter(~Q(round__status=Round.Status.CLOSED) | Q(round__meeting_on__gte=today))
        .select_related("round")
    )
    if not people:
        return []
    rounds: dict[int, Round] = {}
    roles: dict[int, set[str]] = {}
    judging_for: dict[int, int | None] = {}
    for person in people:
        rounds[person.round_id] = person.round
        roles.setdefault(person.round_id, set()).add(person.role)
        if person.role == RoundPerson.Role.JUDGE:
            judging_for[person.round_id] = person.school_id
    judging = [
        r for pk, r in rounds.items() if pk in judging_for and r.status == Round.Status.JUDGING
    ]
    to_grade = _scripts_to_grade(user, [r for r in judging if r.uses_grading], judging_for)
    to_judge = _pairs_to_judge(user, [r for r in judging if r.uses_judgement])
    summaries = [
        DashboardRound(
            round=r,
            roles=frozenset(roles[pk]),
            to_grade=to_grade.get(pk, 0) if r in judging and r.uses_grading else None,
            to_judge=to_judge.get(pk, 0) if r in judging and r.uses_judgement else None,
            meeting_ahead=r.meeting_on is not None and r.meeting_on >= today,
        )
        for pk, r in rounds.items()
    ]
    return sorted(summaries, key=lambda s: (_next_date(s.round, today), s.round.title))


def _next_date(round_: Round, today: date) -> date:
    if round_.status == Round.Status.UPLOADING:
        return round_.upload_deadline
    if round_.status == Round.Status.JUDGING:
        return round_.judging_deadline
    return round_.meeting_on or today


def _scripts_to_grade(
    user: User, rounds: list[Round], judging_for: dict[int, int | None]
) -> Counter[int]:
    """For each round, how many scripts `next_script_to_grade` would still offer the judge:
    not their schools' (judge_school_ids, for all the rounds at once), not graded by them,
    short of the round's external grades. One query."""
    if not rounds:
        return Counter()
    works_at = visibility.staff_school_ids(user)
    scripts = (
        Script.objects.filter(round__in=rounds)
        .exclude(school_id__in=works_at)
        .exclude(grades__judge=user)
    )
    for round_ in rounds:
        if (school_id := judging_for.get(round_.pk)) is not None:
            scripts = scripts.exclude(round=round_, school_id=school_id)
    candidates = (
        scripts.annotate(given=Count("grades"))
        .filter(given__lt=F("round__grades_per_script"))
        .values_list("round_id", flat=True)
    )
    return Counter(candidates)


def _pairs_to_judge(user: User, rounds: list[Round]) -> dict[int, int]:
    if not rounds:
        return {}
    waiting = (
        Comparison.objects.filter(round__in=rounds, judge=user, winner__isnull=True)
        .values("round_id")
        .annotate(n=Count("pk"))
        .values_list("round_id", "n")
    )
    return dict(waiting)
