"""Fair hosting: each school's visits given and received as even as the earlier goals allow.

Reciprocity is the point of the visits, so a plan should not have one school hosting six and
sending two while another is visited by nobody. Balance is the last step of a lexicographic
search, as stability is (see stability.py): the earlier objectives are held at the values
their searches reached, as constraints, and only then is the imbalance minimised, so it can
never cost a placement, a choice, the busiest host-day or a change to a published plan.

The imbalance is the sum over schools of |given - received|, not the largest one: every
visit not returned counts, at every school, where a largest-term objective would stop
caring about all but the worst school (and a max is slow to prove, its LP bound being weak).
The sum is always even, since every visit is given by one school and received by another.

Small families are balanced exactly (the tests check it against an exhaustive search). For
large ones CP-SAT improves the balance quickly but proves little (20 schools and 300 staff
still had a bound far below its best after 10 s), so the balance search takes at most
BALANCE_SHARE of the time limit, and the plan says whether its balance was proved the best.
"""

from ortools.sat.python import cp_model

from kinship.visits.rota.model import _Model
from kinship.visits.rota.types import points_for, rank_of

BALANCE_SHARE = 0.3  # of time_limit_s at most, so a plan proved best early comes back soon


def given_and_received(
    built: _Model,
) -> tuple[dict[str, cp_model.LinearExpr], dict[str, cp_model.LinearExpr]]:
    """Each school's visits given (its staff placed) and received (visitors it hosts), as
    the model counts them: by group and by school and day for unlisted visits."""
    total = cp_model.LinearExpr.sum
    given: dict[str, list[cp_model.IntVar]] = {school.id: [] for school in built.problem.schools}
    received: dict[str, list[cp_model.IntVar]] = {school.id: [] for school in built.problem.schools}
    for group in built.groups:
        given[group.school.id].extend(group.counts.values())
    for (school, _day), count in built.unlisted_from.items():
        given[school].append(count)
    for (host, _day), counts in built.load.items():
        received[host].extend(counts)
    return (
        {school: total(counts) for school, counts in given.items()},
        {school: total(counts) for school, counts in received.items()},
    )


def imbalance_objective(built: _Model, previous: cp_model.CpSolver) -> cp_model.LinearExprT:
    """The sum over schools of |given - received|, with each school's term as a variable
    (hinted from the `previous` search's answer, like every other variable)."""
    model, most = built.model, len(built.problem.staff)
    given, received = given_and_received(built)
    apart: list[cp_model.IntVar] = []
    for school in built.problem.schools:
        difference = given[school.id] - received[school.id]
        term = model.new_int_var(0, most, f"imbalance {school.id}")
        model.add(term >= difference)
        model.add(term >= -difference)
        model.add_hint(term, abs(previous.value(difference)))
        apart.append(term)
    return cp_model.LinearExpr.sum(apart)


def hold_each_score(built: _Model, first: cp_model.CpSolver) -> None:
    """Hold placed, points and the busiest host-day each at the first search's values, when
    it proved them the best. The weighted objective held at its optimum implies all three
    (each weight outweighs everything below it), so no plan is lost; held one by one they
    tighten the LP relaxation, which one constraint with weights in the tens of thousands
    leaves loose. (It helps a little: 20 schools and 300 staff are still not proved.)"""
    model, total = built.model, cp_model.LinearExpr.weighted_sum
    counts: list[cp_model.IntVar] = []
    points: list[int] = []
    for group in built.groups:
        for (host, _day), count in group.counts.items():
            counts.append(count)
            points.append(points_for(rank_of(group.preferences, host)))
    counts += built.unlisted_from.values()
    points += [0] * len(built.unlisted_from)
    model.add(total(counts, [1] * len(counts)) == sum(first.value(count) for count in counts))
    model.add(
        total(counts, points)
        == sum(value * first.value(count) for count, value in zip(counts, points, strict=True))
    )
    if built.busiest is not None:
        model.add(built.busiest <= first.value(built.busiest))
