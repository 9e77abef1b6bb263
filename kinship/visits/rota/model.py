"""The CP-SAT model of a rota: INSET days, visits, host capacity and the bounds that prove it.

Interchangeable staff (same school, same list) share integer counts, and visits to schools
nobody listed are counted per school and day rather than per person: a school's staff visit
only on its own INSET days, when it cannot host, so any unlisted visitor on a day may fill any
free place that day. The min-cost flow helper _Flow lives here too: the bounds use it, and so
does the starting plan in start.py.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from ortools.graph.python.min_cost_flow import (  # type: ignore[import-untyped]
    SimpleMinCostFlow,
)
from ortools.sat.python import cp_model

from kinship.visits.rota.types import (
    InsetPin,
    Pin,
    Problem,
    School,
    VisitPin,
    points_for,
    rank_of,
    weights,
)


@dataclass
class _Group:
    """Staff of one school with the same list (and the same published visit, `was`, when a
    plan was published), or one person with a pinned visit."""

    school: School
    preferences: tuple[str, ...]
    members: list[str]
    pin: VisitPin | None = None
    was: tuple[str, date] | None = None  # the (host, date) its members were published to visit
    counts: dict[tuple[str, date], cp_model.IntVar] = field(default_factory=dict)


@dataclass
class _Model:
    problem: Problem
    model: cp_model.CpModel
    fixed_inset: dict[str, tuple[date, ...]]
    groups: list[_Group]
    inset: dict[tuple[str, date], cp_model.IntVar] = field(default_factory=dict)
    unlisted_from: dict[tuple[str, date], cp_model.IntVar] = field(default_factory=dict)
    unlisted_to: dict[tuple[str, date], cp_model.IntVar] = field(default_factory=dict)
    load: dict[tuple[str, date], list[cp_model.IntVar]] = field(
        default_factory=lambda: defaultdict(list)
    )
    score_of: dict[str, list[tuple[int, cp_model.IntVar]]] = field(
        default_factory=lambda: defaultdict(list)
    )  # the terms of W1 * placed + W2 * points for each school's staff
    alone: dict[tuple[str, date], int] = field(default_factory=dict)  # see _add_bounds
    busiest: cp_model.IntVar | None = None
    at_least: dict[int, cp_model.IntVar] = field(default_factory=dict)  # busiest >= key
    objective: cp_model.LinearExprT = 0  # W1 * placed + W2 * points - busiest

    @property
    def schools(self) -> dict[str, School]:
        return {school.id: school for school in self.problem.schools}


def _groups(problem: Problem, visit_pins: Iterable[VisitPin]) -> list[_Group]:
    schools = {school.id: school for school in problem.schools}
    pinned = {pin.staff: pin for pin in visit_pins}
    published = (
        {}
        if problem.published is None
        else {visit.staff: (visit.host, visit.date) for visit in problem.published.visits}
    )
    shared: dict[tuple[str, tuple[str, ...], tuple[str, date] | None], _Group] = {}
    groups = []
    for person in problem.staff:
        school, was = schools[person.school], published.get(person.id)
        if person.id in pinned:
            groups.append(_Group(school, person.preferences, [person.id], pinned[person.id], was))
            continue
        key = (person.school, person.preferences, was)
        if key not in shared:
            shared[key] = _Group(school, person.preferences, [], was=was)
            groups.append(shared[key])
        shared[key].members.append(person.id)
    return groups


def _hosts(problem: Problem, group: _Group) -> tuple[str, ...]:
    """The hosts a group's counts are kept for: its pin's, or its list and, so it can be
    kept, the school of its published visit when unlisted schools are allowed (that
    visit then scores as any unlisted one does)."""
    if group.pin is not None:
        return (group.pin.host,)
    if group.was is None or not problem.allow_unlisted:
        return group.preferences
    host = group.was[0]
    if host in group.preferences or host == group.school.id:
        return group.preferences
    return (*group.preferences, host)


def _build(problem: Problem, pins: Sequence[Pin], *, objective: bool = True) -> _Model:
    """The model with these pins held; the objective is W1*placed + W2*points - busiest."""
    built = _Model(
        problem,
        cp_model.CpModel(),
        {pin.school: pin.dates for pin in pins if isinstance(pin, InsetPin)},
        _groups(problem, [pin for pin in pins if isinstance(pin, VisitPin)]),
    )
    _add_inset_days(built)
    _add_listed_visits(built)
    if problem.allow_unlisted:
        _add_unlisted_visits(built)
    busiest = _add_capacity(built)
    if objective:  # the bounds only help to prove a plan optimal
        _add_bounds(built, busiest)
        built.objective = (
            sum(weight * count for terms in built.score_of.values() for weight, count in terms)
            - busiest
        )
        built.model.maximize(built.objective)
    return built


def _add_inset_days(built: _Model) -> None:
    for school in built.problem.schools:
        chosen = [
            built.model.new_bool_var(f"inset {school.id} {day}") for day in school.inset_candidates
        ]
        built.inset.update(
            zip(((school.id, day) for day in school.inset_candidates), chosen, strict=True)
        )
        built.model.add(sum(chosen) == school.inset_days)
    for school_id, days in built.fixed_inset.items():
        for day in days:
            built.model.add(built.inset[school_id, day] == 1)


def _most_hosted(problem: Problem) -> int:
    return max((school.host_capacity for school in problem.schools), default=0)


def _hosting(host: School, day: date) -> bool:
    return host.host_capacity > 0 and day not in host.closed


def _add_listed_visits(built: _Model) -> None:
    """Counts of each group at each host it may visit on each of its candidate days."""
    model, schools = built.model, built.schools
    placed_weight, points_weight = weights(len(built.problem.staff))
    between: dict[tuple[str, str, date], list[tuple[cp_model.IntVar, int]]] = defaultdict(list)
    for group in built.groups:
        size, own = len(group.members), group.school
        for host_id in _hosts(built.problem, group):
            host = schools[host_id]
            rank = rank_of(group.preferences, host_id)
            for day in own.inset_candidates:
                if not _hosting(host, day) or (group.pin and group.pin.date not in (None, day)):
                    continue
                most = min(size, host.host_capacity)
                count = model.new_int_var(0, most, f"{own.id} {rank} {host_id} {day}")
                group.counts[host_id, day] = count
                built.load[host_id, day].append(count)
                built.score_of[own.id].append(
                    (placed_weight + points_weight * points_for(rank), count)
                )
                between[own.id, host_id, day].append((count, most))
        for day in own.inset_candidates:
            on_day = [count for (_, when), count in group.counts.items() if when == day]
            if on_day:
                model.add(sum(on_day) <= size * built.inset[own.id, day])
        if own.inset_days > 1:
            model.add(sum(group.counts.values()) <= size)
        if group.pin is not None:
            model.add(sum(group.counts.values()) == 1)
    # One school's visitors to one host in a day need the visitors' INSET day and the host in
    # session, and fit its capacity. Implied, but it keeps the LP bound close.
    for (own_id, host_id, day), bounded in between.items():
        most = min(schools[host_id].host_capacity, sum(bound for _, bound in bounded))
        total = sum(count for count, _ in bounded)
        if len(bounded) > 1:  # a single count is bounded like this already
            model.add(total <= most * built.inset[own_id, day])
        if (host_id, day) in built.inset:
            model.add(total + most * built.inset[host_id, day] <= most)


def _add_unlisted_visits(built: _Model) -> None:
    """How many of each school's free staff go unlisted each day, and where they arrive."""
    model, placed_weight = built.model, weights(len(built.problem.staff))[0]
    for school in built.problem.schools:
        free = [group for group in built.groups if group.school is school and group.pin is None]
        free_count = sum(len(group.members) for group in free)
        if free_count == 0 or school.inset_days == 0:
            continue
        for day in school.inset_candidates:
            count = model.new_int_var(0, free_count, f"unlisted from {school.id} {day}")
            model.add(count <= free_count * built.inset[school.id, day])
            built.unlisted_from[school.id, day] = count
            built.score_of[school.id].append((placed_weight, count))
        listed = [count for group in free for count in group.counts.values()]
        unlisted = [built.unlisted_from[school.id, day] for day in school.inset_candidates]
        model.add(sum(listed) + sum(unlisted) <= free_count)
    for day in sorted({day for _, day in built.unlisted_from}):
        for host in built.problem.schools:
            if _hosting(host, day):
                count = model.new_int_var(0, host.host_capacity, f"unlisted to {host.id} {day}")
                built.unlisted_to[host.id, day] = count
                built.load[host.id, day].append(count)
        arriving = [count for (_, when), count in built.unlisted_to.items() if when == day]
        leaving = [count for (_, when), count in built.unlisted_from.items() if when == day]
        model.add(sum(leaving) == sum(arriving))


def _add_capacity(built: _Model) -> cp_model.IntVar:
    """Hosts take no more than their capacity, and none on their own INSET days."""
    model, schools = built.model, built.schools
    most = _most_hosted(built.problem)
    busiest = built.busiest = model.new_int_var(0, most, "busiest host-day")
    for (host_id, day), counts in built.load.items():
        capacity = schools[host_id].host_capacity
        if (host_id, day) in built.inset:
            model.add(sum(counts) + capacity * built.inset[host_id, day] <= capacity)
        else:
            model.add(sum(counts) <= capacity)
        model.add(busiest >= sum(counts))
    return busiest


def _add_bounds(built: _Model, busiest: cp_model.IntVar) -> None:
    """Each school's staff score no more on a day than with every host to themselves, nor
    more than that with every host held to the busiest host-day. Implied, but without it the
    LP spreads a school over its candidate days to dodge crowded hosts, and the bound is too
    loose to prove a plan optimal."""
    model, inset = built.model, built.inset
    most = _most_hosted(built.problem)
    at_least = {limit: model.new_bool_var(f"busiest >= {limit}") for limit in range(1, most + 1)}
    built.at_least = at_least
    for limit, literal in at_least.items():
        model.add(busiest >= limit).only_enforce_if(literal)
        model.add(busiest < limit).only_enforce_if(~literal)
    for school in built.problem.schools:
        if not built.score_of[school.id]:
            continue
        days = school.inset_candidates
        best = _best_alone(built, school, most)
        built.alone.update({(school.id, day): best[day, most] for day in days})
        score = sum(weight * count for weight, count in built.score_of[school.id])
        model.add(score <= sum(best[day, most] * inset[school.id, day] for day in days))
        for limit in range(1, most):
            lost = max(best[day, most] - best[day, limit] for day in days)
            if lost > 0:
                held = sum(best[day, limit] * inset[school.id, day] for day in days)
                model.add(score <= held + school.inset_days * lost * at_least[limit + 1])


def _best_alone(built: _Model, school: School, most: int) -> dict[tuple[date, int], int]:
    """The most W1 * placed + W2 * points the school's staff could score on each candidate
    day if no other school visited and no host took more than each limit: min-cost flows."""
    problem = built.problem
    groups = [group for group in built.groups if group.school is school]
    placed_weight, points_weight = weights(len(problem.staff))
    flow = _Flow(sum(len(group.members) for group in groups))
    for index, group in enumerate(groups):
        size = len(group.members)
        flow.arc("source", ("group", index), size, 0)
        for host_id in [*group.preferences, *([group.pin.host] if group.pin else [])]:
            rank = rank_of(group.preferences, host_id)
            gain = placed_weight + points_weight * points_for(rank)
            flow.arc(("group", index), ("host", host_id), size, -gain)
        if problem.allow_unlisted:
            flow.arc(("group", index), "anywhere", size, 0)
    for host in problem.schools:
        if problem.allow_unlisted and host is not school:
            flow.arc("anywhere", ("host", host.id), len(problem.staff), -placed_weight)
    hosts = [host for host in problem.schools if ("host", host.id) in flow.nodes]
    exits = [flow.arc(("host", host.id), "sink", 0, 0) for host in hosts]
    best = {}
    for day in school.inset_candidates:
        for limit in range(most + 1):
            for host, arc in zip(hosts, exits, strict=True):
                pinned_away = day in built.fixed_inset.get(host.id, ())
                forced = host.inset_days == len(host.inset_candidates)
                shut = (
                    day in host.closed or pinned_away or (forced and day in host.inset_candidates)
                )
                flow.capacity(arc, 0 if shut else min(limit, host.host_capacity))
            best[day, limit] = -flow.solve()
    return best


class _Flow:
    """A min-cost flow of supply units from "source" to "sink" over nodes named by any
    hashable key; units may stay at the source, so the flow is as cheap as it can be."""

    def __init__(self, supply: int) -> None:
        self.flow = SimpleMinCostFlow()
        self.nodes: dict[object, int] = {"source": 0, "sink": 1}
        self.arc("source", "sink", supply, 0)
        self.flow.set_node_supply(0, supply)
        self.flow.set_node_supply(1, -supply)

    def arc(self, tail: object, head: object, capacity: int, cost: int) -> int:
        ends = [self.nodes.setdefault(end, len(self.nodes)) for end in (tail, head)]
        return int(self.flow.add_arc_with_capacity_and_unit_cost(*ends, capacity, cost))

    def capacity(self, arc: int, capacity: int) -> None:
        self.flow.set_arc_capacity(arc, capacity)

    def solve(self) -> int:
        """The least cost; RuntimeError should the solver fail, which it cannot here."""
        if self.flow.solve() != SimpleMinCostFlow.OPTIMAL:
            raise RuntimeError("min-cost flow failed")  # pragma: no cover
        return int(self.flow.optimal_cost())

    def carried(self, arc: int) -> int:
        return int(self.flow.flow(arc))
