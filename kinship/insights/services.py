"""Recording exchanges between schools, each at most once (issue 22)."""

from datetime import date

from django.db import IntegrityError, transaction

from kinship.families.models import Family
from kinship.insights.models import Exchange
from kinship.schools.models import School


def exchange_record(
    *,
    kind: str,
    on: date,
    giver: School,
    receiver: School,
    source: str,
    family: Family | None = None,
) -> Exchange | None:
    """Record that `giver` gave `receiver` something of `kind` on `on`, derived from `source`
    ("visits.visit:42"). Recording the same source again returns the first row unchanged; a
    school giving to itself is not an exchange (None)."""
    if giver.pk == receiver.pk:
        return None
    existing = Exchange.objects.filter(source=source).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return Exchange.objects.create(
                kind=kind, date=on, giver=giver, receiver=receiver, family=family, source=source
            )
    except IntegrityError:
        # Another process recorded the same source between our read and our insert.
        return Exchange.objects.get(source=source)
