"""solve: build the model, hint it, run CP-SAT and turn its answer into a Plan.

Also finds which pins clash when no plan is possible, by re-solving without each pin in turn,
since that too needs the model and the solver.
"""

import os
import time
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from datetime import date

from ortools.sat.python import cp_model

from kinship.visits.rota.balance import BALANCE_SHARE, hold_each_score, imbalance_objective
from kinship.visits.rota.checks import _scores, check_problem, explain, show_date
from kinship.visits.rota.model import _build, _Model
from kinship.visits.rota.stability import changes_objective, plan_changes, published_visits
from kinship.visits.rota.start import _hint
from kinship.visits.rota.types import (
    InsetPin,
    Pin,
    PinConflict,
    Plan,
    Problem,
    RotaError,
    SolveProgress,
    Visit,
    VisitPin,
    points_for,
    rank_of,
    weights,
)

Progress = Callable[[SolveProgress], None]


def _solver(time_limit_s: float) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit_s
    solver.parameters.num_workers = os.cpu_count() or 2
    solver.parameters.keep_all_feasible_solutions_in_presolve = True  # so the hint survives
    # Probing in presolve took most of the time once every day of a term was a candidate (as
    # the planner pages give by default) and found nothing the bounds do not already say.
    solver.parameters.cp_model_probing_level = 0
    solver.parameters.max_presolve_iterations = 1
    return solver


def _read_plan(problem: Problem, built: _Model, solver: cp_model.CpSolver) -> list[Visit]:
    """The visits in the solver's answer, with unlisted places given out to whoever is free."""
    visits: list[Visit] = []
    waiting: dict[str, list[str]] = defaultdict(list)  # free staff not yet placed, by school
    for group in built.groups:
        members = iter(group.members)
        for (host, day), count in sorted(group.counts.items()):
            for _ in range(solver.value(count)):
                rank = rank_of(group.preferences, host)
                visits.append(Visit(next(members), host, day, rank))
        if group.pin is None:
            waiting[group.school.id].extend(members)
    was = published_visits(problem)
    if was:  # people whose published visit is lost go first: it changes for them anyway
        for people in waiting.values():
            people.sort(key=lambda person: person not in was)
    preferences = {person.id: person.preferences for person in problem.staff}
    for day in sorted({day for _, day in built.unlisted_from}):
        leaving = [
            person
            for (school, when), count in sorted(built.unlisted_from.items())
            if when == day
            for person in [waiting[school].pop(0) for _ in range(solver.value(count))]
        ]
        for (host, when), count in sorted(built.unlisted_to.items()):
            if when != day:
                continue
            for _ in range(solver.value(count)):
                # a person who listed this host counts it, though an optimal plan never needs to
                person = next((p for p in leaving if host in preferences[p]), leaving[0])
                person = next((p for p in leaving if was.get(p) == (host, day)), person)
                leaving.remove(person)
                visits.append(Visit(person, host, day, rank_of(preferences[person], host)))
    return visits


class _Reporter(cp_model.CpSolverSolutionCallback):
    """Tells `progress` of each better plan the search finds: what it scores, and how far it
    may be from the best bound. Called from the solver's own thread."""

    def __init__(self, built: _Model, progress: Progress, started: float) -> None:
        super().__init__()
        self.progress, self.started = progress, started
        self.busiest = built.busiest
        # Each count of visitors with the points one visit of it scores.
        self.counts = [
            (count, points_for(rank_of(group.preferences, host)))
            for group in built.groups
            for (host, _day), count in group.counts.items()
        ] + [(count, 0) for count in built.unlisted_from.values()]

    def on_solution_callback(self) -> None:
        self.progress(self.heard(self, self.objective_value, self.best_objective_bound))

    def heard(
        self,
        answer: cp_model.CpSolver | cp_model.CpSolverSolutionCallback,
        objective: float,
        bound: float,
        stage: str = "searching",
    ) -> SolveProgress:
        """The progress an answer of the first search (during or after it) makes."""
        values = [(answer.value(count), points) for count, points in self.counts]
        return SolveProgress(
            elapsed_s=time.monotonic() - self.started,
            placed=sum(value for value, _ in values),
            points=sum(value * points for value, points in values),
            busiest=answer.value(self.busiest) if self.busiest is not None else 0,
            gap=max(0.0, (bound - objective) / max(1.0, abs(bound))),
            stage=stage,
        )


def solve(problem: Problem, *, progress: Progress | None = None) -> Plan:
    """Choose every school's INSET days and place its staff.

    `progress`, if given, hears of each better plan found during the search (from another
    thread). Raises PinConflict naming the pins that clash when no plan can hold them all,
    and RotaError when the problem is inconsistent or no plan is found in time.
    """
    started = time.monotonic()
    check_problem(problem)
    pins: list[Pin] = [*problem.pins.inset, *problem.pins.visits]
    built = _build(problem, pins)
    _hint(built)
    # The time limit covers building the model too; the solver always gets a moment.
    later = 2 if problem.published is not None else 1  # stability, then balance
    solver = _solver(_time_for(problem, started, later=later))
    reporter = None if progress is None else _Reporter(built, progress, started)
    status = solver.solve(built.model, reporter)
    if status == cp_model.INFEASIBLE:
        if progress is not None:
            progress(SolveProgress(time.monotonic() - started, 0, 0, 0, 1.0, stage="pins"))
        message, culprits = _pin_conflict(problem, pins)
        raise PinConflict(message, culprits)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise RotaError(
            f"no plan found within time_limit_s ({problem.time_limit_s:g} s); allow more time"
        )
    optimal, bound = status == cp_model.OPTIMAL, solver.best_objective_bound
    if progress is not None and reporter is not None:  # the later searches say no more
        progress(reporter.heard(solver, solver.objective_value, bound, stage="balancing"))
    solver, balance_optimal = _later_stages(problem, built, solver, started, optimal=optimal)
    inset = {
        school.id: tuple(
            day
            for day in sorted(school.inset_candidates)
            if solver.value(built.inset[school.id, day])
        )
        for school in problem.schools
    }
    visits = _read_plan(problem, built, solver)
    return make_plan(
        problem, inset, visits, optimal=optimal, bound=bound, balance_optimal=balance_optimal
    )


def _time_for(problem: Problem, started: float, *, later: int) -> float:
    """A search's share of the time: what is left, less a fifth of the limit or 5 s,
    whichever is less, for each search still to come (the fewest changes, see stability;
    the fairest hosting, see balance). A later search starts from the plan before it, so it
    needs far less: 60 schools and 900 staff take the fewest changes about 4 s."""
    left = problem.time_limit_s - (time.monotonic() - started)
    return max(0.5, left - later * min(0.2 * problem.time_limit_s, 5.0))


def _later_stages(
    problem: Problem, built: _Model, first: cp_model.CpSolver, started: float, *, optimal: bool
) -> tuple[cp_model.CpSolver, bool]:
    """The lexicographic searches after the first: with a published plan, the fewest
    changes to it (stability.py); then the fairest hosting (balance.py). Each holds what
    the searches before it reached, as constraints, and starts from their answer. Returns
    the answer to read the plan from and whether its balance was proved the best."""
    model = built.model
    model.add(built.objective >= round(first.objective_value))
    if optimal:
        hold_each_score(built, first)
    previous = first
    if problem.published is not None:
        _hint_from(built, previous)
        changes = changes_objective(built, previous)
        stable, _ = _search(problem, built, changes, started, later=1)
        if stable is None:  # the first answer stands (it never does, having the hint)
            return first, False
        model.add(changes <= round(stable.objective_value))
        previous = stable
    _hint_from(built, previous)
    imbalance = imbalance_objective(built, previous)
    balanced, proved = _search(problem, built, imbalance, started, later=0)
    return (previous, False) if balanced is None else (balanced, proved)


def _hint_from(built: _Model, previous: cp_model.CpSolver) -> None:
    """Hint every variable with its value in the previous search's answer."""
    model = built.model
    model.clear_hints()  # type: ignore[no-untyped-call]
    for index, value in enumerate(previous.response_proto.solution):
        model.add_hint(model.get_int_var_from_proto_index(index), value)


def _search(
    problem: Problem,
    built: _Model,
    objective: cp_model.LinearExprT,
    started: float,
    *,
    later: int,
) -> tuple[cp_model.CpSolver | None, bool]:
    """Minimise this objective in the time this search may take: the solver (None if it
    found nothing, which having the hint it only could if out of time) and whether it
    proved its answer the best."""
    built.model.minimize(objective)
    time_limit_s = _time_for(problem, started, later=later)
    if later == 0:  # the balance search: see BALANCE_SHARE
        time_limit_s = min(time_limit_s, max(0.5, BALANCE_SHARE * problem.time_limit_s))
    solver = _solver(time_limit_s)
    status = solver.solve(built.model)
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    return (solver if found else None), status == cp_model.OPTIMAL


def make_plan(
    problem: Problem,
    inset: Mapping[str, tuple[date, ...]],
    visits: Sequence[Visit],
    *,
    optimal: bool,
    bound: float,
    balance_optimal: bool = False,
) -> Plan:
    """A Plan with its scores, gap to the solver's bound, explanations and reciprocity."""
    visits = sorted(visits, key=lambda visit: (visit.date, visit.host, visit.staff))
    scores = _scores(problem, visits)
    placed_weight, points_weight = weights(len(problem.staff))
    score = placed_weight * scores.placed + points_weight * scores.points - scores.busiest
    visited = {visit.staff for visit in visits}
    return Plan(
        inset=dict(inset),
        visits=tuple(visits),
        unplaced=tuple(person.id for person in problem.staff if person.id not in visited),
        placed=scores.placed,
        points=scores.points,
        max_hosted_per_day=scores.busiest,
        optimal=optimal,
        gap=0.0 if optimal else max(0.0, (bound - score) / max(1.0, abs(bound))),
        explanations=explain(problem, inset, visits),
        given=scores.given,
        received=scores.received,
        changes=plan_changes(problem.published, inset, visits),
        reschedulable=problem.reschedulable,
        balance_optimal=balance_optimal,
    )


# Pins that cannot all hold: a smallest set found by dropping one pin at a time.


def _holds(problem: Problem, pins: Sequence[Pin]) -> bool:
    """Can these pins hold together? Unknown (out of time) counts as yes, to blame no pin."""
    built = _build(problem, pins, objective=False)
    solver = _solver(min(problem.time_limit_s, 10.0))
    return solver.solve(built.model) != cp_model.INFEASIBLE


def _pin_conflict(problem: Problem, pins: Sequence[Pin]) -> tuple[str, list[Pin]]:
    """Why no plan holds these pins, and a smallest set of them that clashes."""
    culprits = list(pins)
    for pin in pins:
        without = [other for other in culprits if other != pin]
        if not _holds(problem, without):
            culprits = without  # still impossible without it, so it is not needed to show why
    return _conflict_message(problem, culprits), culprits


def _conflict_message(problem: Problem, culprits: Sequence[Pin]) -> str:
    if not culprits:
        return "no plan is possible"
    said = "; ".join(_describe_pin(problem, pin) for pin in culprits)
    hosts = {pin.host if isinstance(pin, VisitPin) else None for pin in culprits}
    host = next(iter(hosts))
    if len(culprits) > 1 and host is not None and len(hosts) == 1:
        capacity = next(school.host_capacity for school in problem.schools if school.id == host)
        if len(culprits) > capacity:
            visitors = "1 visitor" if capacity == 1 else f"{capacity} visitors"
            said += f" ({host} takes at most {visitors} a day)"
    if len(culprits) == 1:
        return f"This pin cannot hold: {said}"
    return f"These pins cannot all hold: {said}"


def _describe_pin(problem: Problem, pin: Pin) -> str:
    """The pin as a person would say it, with the reason it fails when it fails on its own."""
    if isinstance(pin, InsetPin):
        days = " and ".join(show_date(day) for day in pin.dates)
        return f"{pin.school}'s INSET {'day is' if len(pin.dates) == 1 else 'days are'} {days}"
    text = f"{pin.staff} goes to {pin.host}"
    if pin.date is not None:
        text += f" on {show_date(pin.date)}"
    reason = _pin_reason(problem, pin)
    return f"{text} ({reason})" if reason else text


def _pin_reason(problem: Problem, pin: VisitPin) -> str | None:
    schools = {school.id: school for school in problem.schools}
    own = schools[next(person.school for person in problem.staff if person.id == pin.staff)]
    host = schools[pin.host]
    pinned_inset = {inset.school: inset.dates for inset in problem.pins.inset}
    if own.inset_days == 0:
        return f"{own.id} has no INSET day"
    if host.host_capacity == 0:
        return f"{host.id} takes no visitors"
    if pin.date is None:
        return None
    host_inset = pinned_inset.get(host.id, ())
    if host.inset_days == len(host.inset_candidates):
        host_inset = host.inset_candidates  # every candidate is taken
    own_pinned = pinned_inset.get(own.id, ())
    if pin.date not in own.inset_candidates:
        return f"not one of {own.id}'s candidate INSET days"
    if pin.date in host.closed:
        return f"{host.id} is closed that day"
    if pin.date in host_inset:
        return f"{host.id}'s INSET day"
    if len(own_pinned) == own.inset_days and pin.date not in own_pinned:
        return f"not {own.id}'s INSET day"
    return None
