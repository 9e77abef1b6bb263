"""A first plan to start the search from: INSET days spread out, then the best visits for them.

CP-SAT proves large families optimal far sooner from a good hint; min-cost flows find one in
milliseconds, so this greedy plan is worked out before the search and given to it as hints.
"""

from collections import Counter
from datetime import date

from ortools.sat.python import cp_model

from kinship.visits.rota.model import _Flow, _Model, _most_hosted
from kinship.visits.rota.types import points_for, rank_of, weights


def _spread_days(built: _Model) -> set[tuple[str, date]]:
    """Each school's best days, on days no other school takes where that costs nothing:
    schools on different days never compete for a host."""
    flow, arcs = _Flow(sum(school.inset_days for school in built.problem.schools)), {}
    # A pinned day outweighs every other choice, so it is always among the days chosen.
    pinned_gain = 2 * max(built.alone.values(), default=0) + 2
    pinned_gain *= 1 + max((school.inset_days for school in built.problem.schools), default=0)
    for school in built.problem.schools:
        flow.arc("source", ("school", school.id), school.inset_days, 0)
        pinned = built.fixed_inset.get(school.id, ())
        days = pinned if len(pinned) == school.inset_days else school.inset_candidates
        for day in days:
            gain = 2 * built.alone.get((school.id, day), 0) + 2  # any day beats none
            gain += pinned_gain if day in pinned else 0
            arcs[school.id, day] = flow.arc(("school", school.id), ("day", day), 1, -gain)
    for key in [key for key in flow.nodes if isinstance(key, tuple) and key[0] == "day"]:
        flow.arc(key, "sink", 1, 0)
        flow.arc(key, "sink", len(built.problem.schools), 1)  # a day shared with another school
    flow.solve()
    return {key for key, arc in arcs.items() if flow.carried(arc)}


def _hint(built: _Model) -> None:
    """Hint the best visits for well-spread INSET days: min-cost flow with the busiest
    host-day held to each limit in turn, keeping the lowest that loses nothing."""
    days = _spread_days(built)
    most = _most_hosted(built.problem)
    best = _visits_flow(built, days, most)
    for limit in range(most):
        flows = _visits_flow(built, days, limit)
        if flows[0] == best[0]:
            best = flows
            break
    for key, chosen in built.inset.items():
        built.model.add_hint(chosen, key in days)
    for variable, value in best[1]:
        built.model.add_hint(variable, value)


def _visits_flow(
    built: _Model, days: set[tuple[str, date]], limit: int
) -> tuple[int, list[tuple[cp_model.IntVar, int]]]:
    """The score of the best visits on these INSET days with at most limit visitors a
    host-day, and the value of every visit variable for them."""
    problem, schools = built.problem, built.schools
    placed_weight, points_weight = weights(len(problem.staff))
    everyone = len(problem.staff)

    def hosting(host: str, day: date) -> bool:
        return day not in schools[host].closed and (host, day) not in days

    flow = _Flow(everyone)
    listed: list[tuple[cp_model.IntVar, int, str, date]] = []
    for index, group in enumerate(built.groups):
        size, own = len(group.members), group.school.id
        flow.arc("source", ("group", index), size, 0)
        if group.pin is None and problem.allow_unlisted:
            flow.arc(("group", index), ("pool", own), size, 0)
        for (host, day), count in group.counts.items():
            if (own, day) in days and hosting(host, day):
                rank = rank_of(group.preferences, host)
                gain = placed_weight * (1 + (everyone if group.pin else 0))  # pins first
                gain += points_weight * points_for(rank)
                arc = flow.arc(("group", index), ("host", host, day), size, -gain)
                listed.append((count, arc, host, day))
    # Unlisted visitors leave their school's pool for a day, then go to any host open that day.
    leaving_arcs = {
        (own, day): flow.arc(("pool", own), ("day", day), everyone, -placed_weight)
        for own, day in built.unlisted_from
        if (own, day) in days
    }
    arriving_arcs = {
        (host, day): flow.arc(("day", day), ("host", host, day), everyone, 0)
        for host, day in built.unlisted_to
        if ("day", day) in flow.nodes and hosting(host, day)
    }
    for key in [key for key in flow.nodes if isinstance(key, tuple) and key[0] == "host"]:
        flow.arc(key, "sink", min(limit, schools[key[1]].host_capacity), 0)
    score = -flow.solve()
    used = {count.index: flow.carried(arc) for count, arc, _, _ in listed}
    load: Counter[tuple[str, date]] = Counter()
    for _, arc, host, day in listed:
        load[host, day] += flow.carried(arc)
    arriving = {key: flow.carried(arc) for key, arc in arriving_arcs.items()}
    load.update(arriving)
    leaving = {key: flow.carried(arc) for key, arc in leaving_arcs.items()}
    values = [
        (count, used.get(count.index, 0))
        for group in built.groups
        for count in group.counts.values()
    ]
    values += [(count, leaving.get(key, 0)) for key, count in built.unlisted_from.items()]
    values += [(count, arriving.get(key, 0)) for key, count in built.unlisted_to.items()]
    busiest = max(load.values(), default=0)
    if built.busiest is not None:
        values.append((built.busiest, busiest))
    values += [(literal, int(busiest >= limit)) for limit, literal in built.at_least.items()]
    return score, values
