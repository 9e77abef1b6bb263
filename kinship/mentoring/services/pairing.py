"""Matching heads with coaches: runs in the task worker, the coordinator's review (lock,
swap, move), publishing, and a member declining with the next best proposed."""

from collections import Counter
from datetime import timedelta
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kinship.accounts.models import User
from kinship.core.audit import audit_log
from kinship.core.queue import enqueue_with_change
from kinship.mentoring import matching, selectors
from kinship.mentoring.matching.scoring import Similarity
from kinship.mentoring.models import MatchingRun, Pair, Participant, Programme

STAGES = {
    "scoring": "Comparing vision statements, priorities and schools",
    "solving": "Choosing the best pairs for everyone together",
    "explaining": "Writing down why each pair fits",
    "done": "Done",
}
STALE_AFTER_S = 600  # a run stuck this long (a worker that died) no longer blocks a new one


@lru_cache(maxsize=1)
def _embedder(model_dir: str) -> matching.Embedder | None:
    return matching.load_sentence_embedder(model_dir)


def vision_similarity() -> Similarity:
    """Sentence embeddings when MENTORING_EMBEDDING_MODEL names a model folder on this
    machine and sentence-transformers is installed; TF-IDF otherwise."""
    embed = _embedder(settings.MENTORING_EMBEDDING_MODEL)
    if embed is None:
        return matching.tfidf_similarity
    return lambda left, right: matching.embedding_similarity(embed, left, right)


@transaction.atomic
def matching_run_start(*, actor: User, programme: Programme) -> MatchingRun:
    """Queue a matching run; the task worker does the work and the page shows progress."""
    recent = timezone.now() - timedelta(seconds=STALE_AFTER_S)
    busy = programme.runs.filter(
        status__in=(MatchingRun.Status.QUEUED, MatchingRun.Status.RUNNING), created_at__gte=recent
    )
    if busy.exists():
        raise ValidationError("Matching is already running for this programme.")
    accepted = programme.participants.filter(status=Participant.Status.ACCEPTED)
    if not accepted.filter(role=Participant.Role.MENTEE).exists():
        raise ValidationError("Accept at least one head to be coached before matching.")
    if not accepted.filter(role=Participant.Role.COACH).exists():
        raise ValidationError("Accept at least one coach before matching.")
    run = MatchingRun.objects.create(programme=programme, requested_by=actor)
    audit_log(
        actor=actor,
        action="mentoring.match",
        target=programme,
        summary=f"Started matching for {programme.name}",
    )
    from kinship.mentoring.tasks import run_matching

    transaction.on_commit(lambda: run_matching.enqueue(run.pk))
    return run


def _progress(run: MatchingRun, **values: object) -> None:
    # Written at once, outside any transaction, so the page polling it sees each step.
    MatchingRun.objects.filter(pk=run.pk).update(**values)


def matching_run_execute(*, run_id: int) -> MatchingRun:
    """Do a queued run: solve, then replace the unlocked proposals in one transaction."""
    run = MatchingRun.objects.select_related("programme").get(pk=run_id)
    # RUNNING too: a retry after its worker died starts again (proposals are replaced in
    # one transaction, so a second go leaves no half of the first).
    if run.status not in (MatchingRun.Status.QUEUED, MatchingRun.Status.RUNNING):
        return run
    _progress(
        run,
        status=MatchingRun.Status.RUNNING,
        stage="Reading profiles",
        progress=5,
        started_at=timezone.now(),
    )
    data = selectors.matching_input(run.programme)

    def report(stage: str, fraction: float) -> None:
        _progress(run, stage=STAGES.get(stage, stage), progress=int(5 + 90 * fraction))

    try:
        result = matching.solve(data.problem, similarity=vision_similarity(), progress=report)
    except matching.MatchingError as error:
        _progress(
            run,
            status=MatchingRun.Status.FAILED,
            error=str(error)[:300],
            finished_at=timezone.now(),
        )
        run.refresh_from_db()
        return run
    _save_proposals(run, data, result)
    run.refresh_from_db()
    return run


@transaction.atomic
def _save_proposals(
    run: MatchingRun, data: selectors.MatchingInput, result: matching.Result
) -> None:
    programme = run.programme
    Pair.objects.filter(programme=programme, status=Pair.Status.PROPOSED, locked=False).delete()
    kept = {
        (str(p.mentee_id), str(p.coach_id)): p
        for p in Pair.objects.filter(programme=programme, status__in=selectors.LIVE)
    }
    for proposal in result.pairs:
        existing = kept.get((proposal.mentee, proposal.coach))
        if existing is not None:
            existing.score, existing.reasons = proposal.score, list(proposal.reasons)
            existing.save(update_fields=["score", "reasons"])
            continue
        Pair.objects.create(
            programme=programme,
            mentee=data.participants[proposal.mentee],
            coach=data.participants[proposal.coach],
            score=proposal.score,
            reasons=list(proposal.reasons),
            run=run,
        )
    _progress(
        run,
        status=MatchingRun.Status.DONE,
        stage=STAGES["done"],
        progress=100,
        matched=len(result.pairs),
        unmatched=len(result.unmatched),
        total_score=result.total,
        finished_at=timezone.now(),
    )


def _check_reviewable(pair: Pair) -> None:
    if pair.status != Pair.Status.PROPOSED:
        raise ValidationError(
            "Only a proposed pair can be changed; a published one can be declined."
        )


@transaction.atomic
def pair_lock(*, actor: User, pair: Pair, locked: bool) -> Pair:
    """A locked proposal stays as it is when matching runs again."""
    _check_reviewable(pair)
    pair.locked = locked
    pair.save(update_fields=["locked"])
    return pair


def _explained(programme: Programme, mentee: Participant, coach: Participant) -> matching.Proposal:
    problem = selectors.matching_input(programme).problem
    proposal, why = matching.explain(
        problem, str(mentee.pk), str(coach.pk), similarity=vision_similarity()
    )
    if why:
        raise ValidationError(f"{mentee.user} cannot be paired with {coach.user}: {why}.")
    return proposal


@transaction.atomic
def pair_swap(*, actor: User, first: Pair, second: Pair) -> tuple[Pair, Pair]:
    """Swap the coaches of two proposals, if the rules allow both new pairs."""
    for pair in (first, second):
        _check_reviewable(pair)
        if pair.locked:
            raise ValidationError("Unlock a pair before swapping it.")
    if first.pk == second.pk or first.programme_id != second.programme_id:
        raise ValidationError("Choose two different pairs of this programme.")
    new_first = _explained(first.programme, first.mentee, second.coach)
    new_second = _explained(first.programme, second.mentee, first.coach)
    first.coach, second.coach = second.coach, first.coach
    for pair, proposal in ((first, new_first), (second, new_second)):
        pair.score, pair.reasons = proposal.score, list(proposal.reasons)
        pair.save(update_fields=["coach", "score", "reasons"])
    return first, second


@transaction.atomic
def pair_propose(*, actor: User, mentee: Participant, coach: Participant) -> Pair:
    """The coordinator's own choice of coach for a head (moved or still unmatched): checked
    against the rules and the coach's capacity, and locked."""
    if mentee.role != Participant.Role.MENTEE or coach.role != Participant.Role.COACH:
        raise ValidationError("Choose a head and a coach.")
    accepted = Participant.Status.ACCEPTED
    if mentee.status != accepted or coach.status != accepted:
        raise ValidationError("Both must have been accepted onto the programme.")
    current = Pair.objects.filter(mentee=mentee, status__in=selectors.LIVE).first()
    if current is not None and current.status == Pair.Status.PUBLISHED:
        raise ValidationError(f"{mentee.user} already has a published coach.")
    load = Pair.objects.filter(coach=coach, status__in=selectors.LIVE).exclude(mentee=mentee)
    if load.count() >= coach.capacity:
        raise ValidationError(f"{coach.user} has no place left (room for {coach.capacity}).")
    proposal = _explained(mentee.programme, mentee, coach)
    if current is None:
        current = Pair(programme=mentee.programme, mentee=mentee)
    current.coach, current.locked = coach, True
    current.score, current.reasons = proposal.score, list(proposal.reasons)
    current.save()
    return current


@transaction.atomic
def matching_publish(*, actor: User, programme: Programme) -> int:
    """Publish every proposal: each head and coach is told, and their pair space opens."""
    proposals = list(
        Pair.objects.select_for_update().filter(programme=programme, status=Pair.Status.PROPOSED)
    )
    if not proposals:
        raise ValidationError("There are no proposed pairs to publish.")
    now = timezone.now()
    for pair in proposals:
        pair.status, pair.published_at, pair.locked = Pair.Status.PUBLISHED, now, False
    Pair.objects.bulk_update(proposals, ["status", "published_at", "locked"])
    if programme.published_at is None:
        programme.published_at = now
        programme.save(update_fields=["published_at"])
    audit_log(
        actor=actor,
        action="mentoring.publish",
        target=programme,
        summary=f"Published {len(proposals)} pair(s) in {programme.name}",
    )
    from kinship.mentoring.tasks import send_pair_notice

    ids = [pair.pk for pair in proposals]
    enqueue_with_change(send_pair_notice, "published", ids)
    return len(proposals)


@transaction.atomic
def pair_decline(*, actor: User, pair: Pair, reason: str) -> Pair | None:
    """A head or coach declines a published pair, saying why (for the coordinators). The
    head's next best coach with a place left is proposed, for the coordinators to publish.
    Returns that proposal, or None when no coach is left."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why, so the coordinator can find a better match."})
    if pair.status != Pair.Status.PUBLISHED:
        raise ValidationError("Only a published pair can be declined.")
    pair.status, pair.declined_at, pair.declined_by = Pair.Status.DECLINED, timezone.now(), actor
    pair.decline_reason = reason
    pair.save(update_fields=["status", "declined_at", "declined_by", "decline_reason"])
    audit_log(
        actor=actor,
        action="mentoring.decline",
        target=pair,
        summary=f"A pair in {pair.programme.name} was declined",
    )
    replacement = _next_best(pair)
    from kinship.mentoring.tasks import send_pair_notice

    enqueue_with_change(send_pair_notice, "declined", [pair.pk])
    return replacement


def _next_best(declined: Pair) -> Pair | None:
    if declined.mentee.status != Participant.Status.ACCEPTED:
        return None
    data = selectors.matching_input(declined.programme)
    load = Counter(
        str(coach_id)
        for coach_id in Pair.objects.filter(
            programme=declined.programme, status__in=selectors.LIVE
        ).values_list("coach_id", flat=True)
    )
    try:
        ranked = matching.ranked_coaches(
            data.problem, str(declined.mentee_id), load, similarity=vision_similarity()
        )
    except matching.MatchingError:
        return None
    if not ranked:
        return None
    best = ranked[0]
    return Pair.objects.create(
        programme=declined.programme,
        mentee=declined.mentee,
        coach=data.participants[best.coach],
        score=best.score,
        reasons=list(best.reasons),
        replaces=declined,
    )
