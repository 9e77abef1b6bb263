"""Read-only queries for moderation, with the permission filter applied."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from kinship.core.models import AuditEntry
from kinship.families.models import FamilyRole
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


def rounds_visible_to(user: Any) -> QuerySet[Round]:
    """Rounds the user is in, and rounds of families they coordinate (as overviews only)."""
    if not user.is_authenticated:
        return Round.objects.none()
    mine = RoundPerson.objects.filter(user=user).values("round_id")
    coordinated = FamilyRole.objects.filter(user=user, role=FamilyRole.Role.COORDINATOR).values(
        "family_id"
    )
    return (
        Round.objects.filter(Q(pk__in=mine) | Q(family_id__in=coordinated))
        .select_related("family")
        .annotate(script_count=Count("scripts", distinct=True))
        .order_by("-created_at")
    )


def roles_in(user: Any, round_: Round) -> set[str]:
    return set(round_.people.filter(user=user).values_list("role", flat=True))


def judge_person(user: Any, round_: Round) -> RoundPerson | None:
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


def uploader_schools(user: Any, round_: Round, *, coordinator: bool) -> QuerySet[School]:
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


def round_scripts_for(user: Any, round_: Round, *, coordinator: bool) -> QuerySet[Script]:
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
    user: Any, round_: Round, *, after: int | None = None, limit: int = 2
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


def judging_progress(user: Any, round_: Round) -> Progress:
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
