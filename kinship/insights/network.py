"""Who gives to whom: every exchange between schools as one network, and each school's and
each family's figures from it (issue 22).

Pure Python (NumPy, SciPy and NetworkX) with no Django import. Schools are numbered 0..n-1 and
exchanges are three parallel arrays (giver, receiver, day as a proleptic ordinal), so two
million of them cost a few tens of megabytes rather than two million Python objects;
`kinship.insights.network_input` turns the command's JSON into this shape.

Exchanges are first counted per pair of schools; the graph is built from the distinct pairs.
Betweenness is NetworkX's definition, unweighted (how often two schools exchanged is not a
distance) and normalised over the schools that exchanged, computed by the equivalent and
faster `kinship.insights.brandes`. It is exact while the graph is small enough (`exact_limit`
schools); above that it is NetworkX's estimate from `samples` source schools drawn with a
fixed seed, and `Figures.betweenness_sources` says how many were used.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

import networkx as nx
import numpy as np
import numpy.typing as npt

from kinship.insights import brandes

IntArray = npt.NDArray[np.int64]

# Exact Brandes betweenness costs one breadth-first search per school, each over every edge:
# with kinship.insights.brandes about 3 s for 1,100 schools in a busy network, and over ten
# minutes for England's 18,000 (NetworkX's own loop: over an hour); bench/insights.py measures
# both. Above the limit, 256 sampled sources take about 10 s for England; the estimate's error
# against exact is printed there too.
EXACT_LIMIT = 2000
SAMPLES = 256
SEED = 22


@dataclass(frozen=True)
class Network:
    """Schools, their families and the exchanges between them.

    `school_ids[i]` names school i; `families` maps a family's id to the numbers of its
    schools; `giver`, `receiver` and `day` hold one exchange per position (`day` as
    `date.toordinal()`); `window` is the first and last day counted, both included."""

    school_ids: Sequence[str]
    families: Mapping[str, Sequence[int]]
    giver: IntArray
    receiver: IntArray
    day: IntArray
    window: tuple[date, date]


@dataclass(frozen=True)
class SchoolFigures:
    id: str
    given: int
    received: int
    balance: int  # given − received: positive for a school that gives more than it receives
    partners: int  # distinct schools exchanged with, in either direction
    isolated: bool  # no exchange in the window
    inward: bool  # at least one exchange, and every partner shares a family with it
    betweenness: float


@dataclass(frozen=True)
class FamilyFigures:
    id: str
    schools: int  # how many schools the family has
    density: float
    isolated: tuple[str, ...]  # its schools with no exchange in the window, in input order


@dataclass(frozen=True)
class Figures:
    schools: tuple[SchoolFigures, ...]
    families: tuple[FamilyFigures, ...]
    # The distinct pairs that exchanged (lower number first) and how often, for drawing.
    pairs: tuple[tuple[int, int, int], ...]
    betweenness_sources: int | None  # None: exact; else the schools the estimate sampled


@dataclass(frozen=True)
class Term:
    name: str
    first: date
    last: date


def _counted(network: Network) -> tuple[IntArray, IntArray]:
    """Giver and receiver of each exchange inside the window that is not a school's own."""
    first, last = (moment.toordinal() for moment in network.window)
    giver = np.asarray(network.giver, dtype=np.int64)
    receiver = np.asarray(network.receiver, dtype=np.int64)
    day = np.asarray(network.day, dtype=np.int64)
    kept = (day >= first) & (day <= last) & (giver != receiver)
    return giver[kept], receiver[kept]


def pair_counts(network: Network) -> tuple[IntArray, IntArray, IntArray]:
    """The distinct unordered pairs (a < b) that exchanged in the window, and how often."""
    giver, receiver = _counted(network)
    size = max(len(network.school_ids), 1)
    keys = np.minimum(giver, receiver) * size + np.maximum(giver, receiver)
    unique, counts = np.unique(keys, return_counts=True)
    return unique // size, unique % size, counts.astype(np.int64)


def _sharing(network: Network, low: IntArray, high: IntArray) -> npt.NDArray[np.bool_]:
    """For each pair, whether its two schools share a family."""
    member_of: list[set[str]] = [set() for _ in network.school_ids]
    for family, members in network.families.items():
        for school in members:
            member_of[school].add(family)
    return np.fromiter(
        (
            not member_of[a].isdisjoint(member_of[b])
            for a, b in zip(low.tolist(), high.tolist(), strict=True)
        ),
        dtype=np.bool_,
        count=len(low),
    )


def exchange_graph(low: IntArray, high: IntArray) -> "nx.Graph[int]":
    """The undirected graph of the schools that exchanged, one edge per distinct pair."""
    graph: nx.Graph[int] = nx.Graph()
    graph.add_edges_from(zip(low.tolist(), high.tolist(), strict=True))
    return graph


def betweenness(
    graph: "nx.Graph[int]",
    low: IntArray,
    high: IntArray,
    count: int,
    *,
    exact_limit: int = EXACT_LIMIT,
    samples: int = SAMPLES,
) -> tuple[dict[int, float], int | None]:
    """NetworkX's normalised betweenness of each school in `graph` (whose edges are the pairs
    `low`, `high`), computed by `kinship.insights.brandes`: exact up to `exact_limit`
    schools, else estimated from `samples` sources drawn as NetworkX draws them with
    `SEED`; and the sources used (None when exact)."""
    nodes = list(graph.nodes())
    samples = max(samples, 2)  # one source would leave its own figure undefined
    if len(nodes) <= exact_limit or samples >= len(nodes):
        return brandes.betweenness_centrality(nodes, low, high, count), None
    estimate = brandes.betweenness_centrality(nodes, low, high, count, k=samples, seed=SEED)
    return estimate, samples


def _density(members: Sequence[int], graph: "nx.Graph[int]") -> float:
    """NetworkX's density of the exchanges among a family's schools, counting its schools that
    exchanged with nobody as nodes of that graph too."""
    family_graph: nx.Graph[int] = nx.Graph()
    family_graph.add_nodes_from(members)
    family_graph.add_edges_from(graph.subgraph(members).edges())
    return float(nx.density(family_graph))


def figures(network: Network, *, exact_limit: int = EXACT_LIMIT, samples: int = SAMPLES) -> Figures:
    """Every school's and every family's figures for the exchanges in `network.window`.

    Schools come in `network.school_ids` order, families in order of their ids."""
    count = len(network.school_ids)
    giver, receiver = _counted(network)
    given = np.bincount(giver, minlength=count)
    received = np.bincount(receiver, minlength=count)
    low, high, times = pair_counts(network)
    partners = np.bincount(low, minlength=count) + np.bincount(high, minlength=count)
    outside = ~_sharing(network, low, high)
    partners_outside = np.bincount(low[outside], minlength=count) + np.bincount(
        high[outside], minlength=count
    )
    graph = exchange_graph(low, high)
    central, sources = betweenness(
        graph, low, high, count, exact_limit=exact_limit, samples=samples
    )
    schools = tuple(
        SchoolFigures(
            id=school_id,
            given=int(given[index]),
            received=int(received[index]),
            balance=int(given[index]) - int(received[index]),
            partners=int(partners[index]),
            isolated=bool(partners[index] == 0),
            inward=bool(partners[index] > 0 and partners_outside[index] == 0),
            betweenness=float(central.get(index, 0.0)),
        )
        for index, school_id in enumerate(network.school_ids)
    )
    families = tuple(
        FamilyFigures(
            id=family,
            schools=len(set(members)),
            density=_density(members, graph),
            isolated=tuple(
                network.school_ids[school]
                for school in sorted(set(members))
                if not partners[school]
            ),
        )
        for family, members in sorted(network.families.items())
    )
    pairs = tuple(zip(low.tolist(), high.tolist(), times.tolist(), strict=True))
    return Figures(schools=schools, families=families, pairs=pairs, betweenness_sources=sources)


def figures_by_term(
    network: Network,
    terms: Sequence[Term],
    *,
    exact_limit: int = EXACT_LIMIT,
    samples: int = SAMPLES,
) -> dict[str, Figures]:
    """The same figures term by term: each term's days (inside the network's own window)
    stand in for the window."""
    first, last = network.window
    return {
        term.name: figures(
            replace(network, window=(max(first, term.first), min(last, term.last))),
            exact_limit=exact_limit,
            samples=samples,
        )
        for term in terms
    }


def english_terms(year_start: int) -> tuple[Term, ...]:
    """The three terms of the English school year that starts in September of `year_start`,
    split by calendar (autumn to December, spring to March, summer to August) for schools
    whose own term dates are not known: Easter moves, so a school's own dates are better."""
    return (
        Term("Autumn", date(year_start, 9, 1), date(year_start, 12, 31)),
        Term("Spring", date(year_start + 1, 1, 1), date(year_start + 1, 3, 31)),
        Term("Summer", date(year_start + 1, 4, 1), date(year_start + 1, 8, 31)),
    )


def figures_to_json(result: Figures) -> dict[str, list[dict[str, object]]]:
    """The command's output: `schools` and `families` as the issue names them."""
    return {
        "schools": [
            {
                "id": school.id,
                "given": school.given,
                "received": school.received,
                "balance": school.balance,
                "partners": school.partners,
                "isolated": school.isolated,
                "inward": school.inward,
                "betweenness": round(school.betweenness, 6),
            }
            for school in result.schools
        ],
        "families": [
            {
                "id": family.id,
                "schools": family.schools,
                "density": round(family.density, 6),
                "isolated": list(family.isolated),
            }
            for family in result.families
        ],
    }
