"""Reading the exchange network for the insights pages (issue 22)."""

from dataclasses import dataclass
from datetime import date

import numpy as np
from django.db.models import Count, Q

from kinship.accounts.types import Viewer
from kinship.families.models import Family
from kinship.insights.models import Exchange
from kinship.insights.network import Figures, Network, english_terms, figures, figures_by_term
from kinship.membership import visibility
from kinship.schools.models import School, SchoolRole


@dataclass(frozen=True)
class Neighbourhood:
    """Some schools (a family's, or one school) and the partners they exchanged with."""

    window: tuple[date, date]
    schools: list[School]  # the schools asked about, then the partners outside them, by name
    members: set[int]  # ids of the schools asked about
    figures: Figures  # in the order of `schools`; families: the one asked about, if any
    kinds: list[tuple[str, int]]  # (kind's label, exchanges of it touching the schools)
    # Each term's name and, for each school asked about, (given, received) in it.
    terms: list[tuple[str, list[tuple[int, int]]]]


def academic_year(today: date) -> tuple[date, date]:
    """The school year (1 September to 31 August) that `today` falls in."""
    start = today.year if today.month >= 9 else today.year - 1
    return date(start, 9, 1), date(start + 1, 8, 31)


def _neighbourhood(
    members: list[School], window: tuple[date, date], family_id: int | None
) -> Neighbourhood:
    """The exchanges in `window` that touch `members`, with the partners they reach: each
    school's figures (betweenness within this part of the network, not the whole country;
    a partner's exchanges with other outside schools are not counted)."""
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
    schools = members + list(School.objects.filter(pk__in=partner_ids).order_by("name"))
    number = {school.pk: index for index, school in enumerate(schools)}
    family_members: dict[str, list[int]] = {}
    for school_id, family_ids in visibility.family_ids_by_school(list(number)).items():
        for family in family_ids:
            family_members.setdefault(str(family), []).append(number[school_id])
    network = Network(
        school_ids=[str(school.pk) for school in schools],
        families=family_members,
        giver=np.array([number[row[0]] for row in rows], dtype=np.int64),
        receiver=np.array([number[row[1]] for row in rows], dtype=np.int64),
        day=np.array([row[2].toordinal() for row in rows], dtype=np.int64),
        window=window,
    )
    result = figures(network)
    by_term = figures_by_term(network, english_terms(window[0].year))
    terms = [
        (name, [(school.given, school.received) for school in term.schools[: len(members)]])
        for name, term in by_term.items()
    ]
    return Neighbourhood(
        window=window,
        schools=schools,
        members=member_ids,
        figures=Figures(
            schools=result.schools,
            families=tuple(item for item in result.families if item.id == str(family_id)),
            pairs=result.pairs,
            betweenness_sources=result.betweenness_sources,
        ),
        kinds=kinds,
        terms=terms,
    )


def family_network(family: Family, window: tuple[date, date]) -> Neighbourhood:
    """The family's schools and their partners, with the family's density and isolated
    schools."""
    members = list(visibility.active_member_schools([family.pk]).order_by("name"))
    return _neighbourhood(members, window, family.pk)


def school_network(school: School, window: tuple[date, date]) -> Neighbourhood:
    """One school and the schools it exchanged with."""
    return _neighbourhood([school], window, None)


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


def families_coordinated_by(user: Viewer) -> list[Family]:
    return list(
        Family.objects.filter(pk__in=visibility.coordinated_family_ids(user)).order_by("name")
    )


def schools_led_by(user: Viewer) -> list[School]:
    return list(visibility.schools_of_user(user, roles=(SchoolRole.Role.LEAD,)).order_by("name"))
