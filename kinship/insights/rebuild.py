"""Deriving exchanges from what the feature apps already hold, read-only (issue 22).

Until each app records its exchanges as they happen, `exchanges_rebuild` reads them:
- a visit agreed and due by today: the host school gives to the visitor's school;
- a coaching meeting held in a published pair: the coach's school gives to the head's
  (counted per meeting; nothing the pair wrote is read);
- a judge's grade of another school's script: the judge's school gives to the script's.
Each row's `source` names the object ("visits.visit:42"), so running it twice, or alongside
recording, never doubles a row; rows whose object no longer counts (a visit cancelled) are
removed.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from kinship.insights.models import Exchange
from kinship.mentoring.models import Pair, PairMeeting
from kinship.moderation.models import Grade, RoundPerson
from kinship.visits.models import Visit

DERIVED_PREFIXES = ("visits.visit:", "mentoring.pairmeeting:", "moderation.grade:")


@dataclass(frozen=True)
class RebuildCounts:
    added: int
    removed: int
    kept: int


def _visits(today: date) -> Iterator[Exchange]:
    rows = Visit.objects.filter(status=Visit.Status.ACCEPTED, date__lte=today).values_list(
        "pk", "date", "host_school_id", "visitor_school_id", "family_id"
    )
    for pk, day, host, visitor, family in rows:
        yield Exchange(
            kind=Exchange.Kind.VISIT, date=day, giver_id=host, receiver_id=visitor,
            family_id=family, source=f"visits.visit:{pk}",
        )  # fmt: skip


def _coaching(today: date) -> Iterator[Exchange]:
    rows = PairMeeting.objects.filter(
        held_at__isnull=False, cancelled=False, pair__status=Pair.Status.PUBLISHED
    ).values_list(
        "pk",
        "starts_at",
        "pair__coach__school_id",
        "pair__mentee__school_id",
        "pair__programme__family_id",
    )
    for pk, starts_at, coach_school, head_school, family in rows:
        day = timezone.localdate(starts_at)
        if day <= today:
            yield Exchange(
                kind=Exchange.Kind.COACHING, date=day, giver_id=coach_school,
                receiver_id=head_school, family_id=family, source=f"mentoring.pairmeeting:{pk}",
            )  # fmt: skip


def _moderation(today: date) -> Iterator[Exchange]:
    judge_school = RoundPerson.objects.filter(
        round_id=OuterRef("script__round_id"),
        user_id=OuterRef("judge_id"),
        role=RoundPerson.Role.JUDGE,
    ).values("school_id")[:1]
    rows = (
        Grade.objects.annotate(judge_school=Subquery(judge_school))
        .filter(judge_school__isnull=False)
        .values_list(
            "pk", "created_at", "judge_school", "script__school_id", "script__round__family_id"
        )
    )
    for pk, created_at, giver, receiver, family in rows:
        day = timezone.localdate(created_at)
        if day <= today:
            yield Exchange(
                kind=Exchange.Kind.MODERATION, date=day, giver_id=giver, receiver_id=receiver,
                family_id=family, source=f"moderation.grade:{pk}",
            )  # fmt: skip


def derived_exchanges(today: date) -> list[Exchange]:
    """Every exchange the feature apps' data implies by `today` (unsaved), own school's left
    out."""
    return [
        exchange
        for exchange in (*_visits(today), *_coaching(today), *_moderation(today))
        if exchange.giver_id != exchange.receiver_id
    ]


@transaction.atomic
def exchanges_rebuild(*, today: date | None = None) -> RebuildCounts:
    """Bring the derived exchanges in line with the feature apps' data: add what is missing,
    remove rows whose object no longer counts, leave the rest (and recorded kinds such as
    forum answers) alone. Safe to repeat and to run beside recording."""
    wanted = derived_exchanges(today or timezone.localdate())
    sources = {exchange.source for exchange in wanted}
    derived = Exchange.objects.none()
    for prefix in DERIVED_PREFIXES:
        derived |= Exchange.objects.filter(source__startswith=prefix)
    existing = set(derived.values_list("source", flat=True))
    stale = existing - sources
    removed = 0
    if stale:
        removed, _ = Exchange.objects.filter(source__in=stale).delete()
    missing = [exchange for exchange in wanted if exchange.source not in existing]
    # ignore_conflicts: a row recorded meanwhile by another process stays the one row.
    Exchange.objects.bulk_create(missing, batch_size=1000, ignore_conflicts=True)
    return RebuildCounts(added=len(missing), removed=removed, kept=len(existing) - len(stale))
