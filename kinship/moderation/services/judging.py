"""Blind grading and comparative judgement: grades, scheduling the comparisons and deciding them."""

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from kinship.accounts.models import User
from kinship.core.audit import audit_log
from kinship.moderation import judgement, selectors
from kinship.moderation.models import Comparison, Grade, Round, RoundPerson, Script


def _judge_school_ids(actor: User, round_: Round) -> set[int]:
    if not round_.people.filter(user=actor, role=RoundPerson.Role.JUDGE).exists():
        raise PermissionDenied("Only the round's judges can grade and compare scripts.")
    return selectors.judge_school_ids(actor.pk, round_.pk)


@transaction.atomic
def grade_record(*, actor: User, script: Script, grade: int) -> Grade:
    round_ = script.round
    if round_.status != Round.Status.JUDGING or not round_.uses_grading:
        raise ValidationError("Blind grading is not open in this round.")
    if script.school_id in _judge_school_ids(actor, round_):
        raise PermissionDenied("Judges do not grade their own school's scripts.")
    if not 0 <= grade < len(round_.levels):
        raise ValidationError("Choose one of the round's levels.")
    recorded, _ = Grade.objects.update_or_create(
        script=script, judge=actor, defaults={"grade": grade, "created_at": timezone.now()}
    )
    return recorded


def _schedule_inputs(round_: Round) -> tuple[list[judgement.Script], list[judgement.Judge]]:
    scripts = [judgement.Script(s.code, str(s.school_id)) for s in round_.scripts.order_by("code")]
    judges = [
        judgement.Judge(
            str(p.user_id),
            str(p.school_id) if p.school_id else None,
            frozenset(str(pk) for pk in selectors.judge_school_ids(p.user_id, round_.pk)),
        )
        for p in round_.people.filter(role=RoundPerson.Role.JUDGE).order_by("user_id")
    ]
    return scripts, judges


@transaction.atomic
def comparisons_schedule(*, actor: User, round_: Round) -> int:
    """Schedule the round's comparisons (the pairs already decided count towards each
    script's target; undecided ones are scheduled again). Returns how many were added."""
    if not round_.uses_judgement or round_.status != Round.Status.JUDGING:
        raise ValidationError("Comparative judgement is not open in this round.")
    scripts, judges = _schedule_inputs(round_)
    if not judges:
        raise ValidationError("Add judges to the round first.")
    round_.comparisons.filter(winner__isnull=True).delete()
    decided = list(round_.comparisons.select_related("left", "right"))
    existing = [judgement.Pair(str(c.judge_id), c.left.code, c.right.code) for c in decided]
    try:
        pairs = judgement.schedule_pairs(
            scripts, judges, round_.judgements_per_script, existing=existing
        )
    except judgement.ScheduleError as error:
        raise ValidationError(f"The comparisons cannot be scheduled: {error}.") from None
    return _save_pairs(actor, round_, pairs, boundary_focus=False)


def _save_pairs(
    actor: User, round_: Round, pairs: Sequence[judgement.Pair], *, boundary_focus: bool
) -> int:
    by_code = {s.code: s for s in round_.scripts.all()}
    start: dict[str, int] = {}
    rows = []
    for pair in pairs:
        position = start.setdefault(pair.judge, _next_position(round_, int(pair.judge)))
        start[pair.judge] = position + 1
        rows.append(
            Comparison(
                round=round_,
                judge_id=int(pair.judge),
                left=by_code[pair.left],
                right=by_code[pair.right],
                position=position,
                boundary_focus=boundary_focus,
            )
        )
    Comparison.objects.bulk_create(rows)
    audit_log(
        actor=actor,
        action="moderation.schedule",
        target=round_,
        summary=f"Scheduled {len(rows)} comparisons"
        f"{' near the grade boundaries' if boundary_focus else ''}",
    )
    return len(rows)


def _next_position(round_: Round, judge_id: int) -> int:
    last = round_.comparisons.filter(judge_id=judge_id).order_by("-position").first()
    return last.position + 1 if last else 0


@transaction.atomic
def comparisons_schedule_boundary(*, actor: User, round_: Round, per_script: int = 4) -> int:
    """Spend extra comparisons on scripts whose grade the scale leaves uncertain; the round's
    reports say so from then on."""
    from kinship.moderation.analysis import current_fit

    if not round_.uses_judgement or round_.status != Round.Status.JUDGING:
        raise ValidationError("Comparative judgement is not open in this round.")
    state = current_fit(round_)
    if state is None or not any(state.boundaries):
        raise ValidationError("Fit the scale with grades on both sides of a boundary first.")
    scripts, judges = _schedule_inputs(round_)
    decided = list(round_.comparisons.select_related("left", "right"))
    existing = [judgement.Pair(str(c.judge_id), c.left.code, c.right.code) for c in decided]
    try:
        pairs = judgement.schedule_boundary_pairs(
            scripts,
            judges,
            state.theta_by_code,
            state.se_by_code,
            state.boundaries,
            per_script=per_script,
            existing=existing,
        )
    except judgement.ScheduleError as error:
        raise ValidationError(f"The comparisons cannot be scheduled: {error}.") from None
    round_.boundary_focus_used = True
    round_.save(update_fields=["boundary_focus_used"])
    return _save_pairs(actor, round_, pairs, boundary_focus=True)


@transaction.atomic
def comparison_decide(
    *, actor: User, comparison: Comparison, chosen: str, seconds: float | None = None
) -> Comparison:
    """The judge chose the `chosen` ("left" or "right") script as the better piece."""
    if comparison.judge_id != actor.pk:
        raise PermissionDenied("This comparison belongs to another judge.")
    if comparison.round.status != Round.Status.JUDGING:
        raise ValidationError("Judging is closed in this round.")
    if chosen not in ("left", "right"):
        raise ValidationError("Choose the left or the right script.")
    if comparison.winner_id is not None:
        raise ValidationError("That pair has already been judged.")
    comparison.winner = comparison.left if chosen == "left" else comparison.right
    now = timezone.now()
    comparison.decided_at = now
    if seconds is None and comparison.shown_at is not None:
        seconds = (now - comparison.shown_at).total_seconds()
    comparison.seconds = None if seconds is None else max(0.0, min(float(seconds), 3600.0))
    comparison.save(update_fields=["winner", "decided_at", "seconds"])
    return comparison
