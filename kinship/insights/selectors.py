"""Reading the exchange network for the insights pages (issue 22)."""

from dataclasses import dataclass
from datetime import date

import numpy as np
from django.db.models import Count, Q

from kinship.families.models import Family
from kinship.insights.models import Exchange
from kinship.insights.network import Figures, Network, figures
from kinship.membership import visibility
from kinship.schools.models import School


@dataclass(frozen=True)
class FamilyNetwork:
    family: Family
    window: tuple[date, date]
    schools: list[School]  # the family's, then the partners outside it, by name
    members: set[int]  # ids of the family's schools
    figures: Figures  # in the order of `schools`; families: this one only
    kinds: list[tuple[str, int]]  # (kind's label, exchanges of it touching the family)


def academic_year(today: date) -> tuple[date, date]:
    """The school year (1 September to 31 August) that `today` falls in."""
    start = today.year if today.month >= 9 else today.year - 1
    return date(start, 9, 1), date(start + 1, 8, 31)


def family_network(family: Family, window: tuple[date, date]) -> FamilyNetwork:
    """The exchanges in `window` that touch the family's schools, with the partners they
    reach outside it: each school's figures (betweenness within this neighbourhood of the
    network, not the whole country) and the family's density and isolated schools."""
    members = list(visibility.active_member_schools([family.pk]).order_by("name"))
    member_ids = {school.pk for school in members}
    touching = Exchange.objects.filter(
        Q(giver_id__in=member_ids) | Q(receiver_id__in=member_ids),
        date__gte=window[0],
        date__lte=window[1],
    )
    rows = list(touching.values_list("giver_id", "receiver_id", "date"))
    kinds = [
        (str(Exchange.Kind(kind).label), count)
        for kind, count in touching.values_list("kind").annotate(count=Count("pk")).order_by("kind")
    ]
    partner_ids = {school for row in rows for school in row[:2]} - member_ids
    partners = list(School.objects.filter(pk__in=partner_ids).order_by("name"))
    schools = members + partners
    number = {school.pk: index for index, school in enumerate(schools)}
    families_of = visibility.family_ids_by_school(list(number))
    family_members: dict[str, list[int]] = {}
    for school in schools:
        for family_id in families_of.get(school.pk, set()):
            family_members.setdefault(str(family_id), []).append(number[school.pk])
    network = Network(
        school_ids=[str(school.pk) for school in schools],
        families=family_members,
        giver=np.array([number[row[0]] for row in rows], dtype=np.int64),
        receiver=np.array([number[row[1]] for row in rows], dtype=np.int64),
        day=np.array([row[2].toordinal() for row in rows], dtype=np.int64),
        window=window,
    )
    result = figures(network)
    own = tuple(item for item in result.families if item.id == str(family.pk))
    return FamilyNetwork(
        family=family,
        window=window,
        schools=schools,
        members=member_ids,
        figures=Figures(
            schools=result.schools,
            families=own,
            pairs=result.pairs,
            betweenness_sources=result.betweenness_sources,
        ),
        kinds=kinds,
    )


@dataclass(frozen=True)
class Totals:
    exchanges: int
    schools_giving: int
    schools_receiving: int
    by_kind: list[tuple[str, int]]  # (kind's label, exchanges)


def exchange_totals(window: tuple[date, date]) -> Totals:
    """Platform-wide counts, naming no school: what platform admins see."""
    inside = Exchange.objects.filter(date__gte=window[0], date__lte=window[1])
    return Totals(
        exchanges=inside.count(),
        schools_giving=inside.values("giver_id").distinct().count(),
        schools_receiving=inside.values("receiver_id").distinct().count(),
        by_kind=[
            (str(Exchange.Kind(kind).label), count)
            for kind, count in inside.values_list("kind")
            .annotate(count=Count("pk"))
            .order_by("kind")
        ],
    )
