"""The global solve: every head's coach chosen together, not first come, first served.

Each coach is split into as many slots as they have places, each head may also take a
"no coach" slot worth nothing, and SciPy's linear_sum_assignment finds the best
assignment of heads to slots. Forbidden pairs cost infinity, so no rule is ever broken.
"""

from collections import Counter
from collections.abc import Callable, Mapping

import numpy as np
import numpy.typing as npt
from scipy.optimize import linear_sum_assignment

from kinship.mentoring.matching.scoring import Explainer, Similarity, barrier, score_table
from kinship.mentoring.matching.text import Matrix, tfidf_similarity
from kinship.mentoring.matching.types import (
    MatchingError,
    Objective,
    Problem,
    Proposal,
    Result,
)

Progress = Callable[[str, float], None]
# Cells of the expanded matrix filled at a time (its temporaries stay a few MB).
ASSIGN_BLOCK = 2_000_000


def check_problem(problem: Problem) -> None:
    """Ids are unique, every pair named refers to people in the problem, capacities are
    whole numbers and fixed pairs keep the rules; MatchingError says what is wrong."""
    mentee_ids = [m.id for m in problem.mentees]
    coach_ids = [c.id for c in problem.coaches]
    for kind, ids in (("mentee", mentee_ids), ("coach", coach_ids)):
        repeated = sorted(i for i, n in Counter(ids).items() if n > 1)
        if repeated:
            raise MatchingError(f"{kind} id {repeated[0]!r} is used twice")
    for coach in problem.coaches:
        if coach.capacity < 0:
            raise MatchingError(f"coach {coach.id!r}: capacity cannot be negative")
    known_mentees, known_coaches = set(mentee_ids), set(coach_ids)
    named = [*problem.exclusions, *problem.line_managers, *problem.fixed]
    if problem.scores is not None:
        named += list(problem.scores)
    for mentee_id, coach_id in named:
        if mentee_id not in known_mentees:
            raise MatchingError(f"unknown mentee {mentee_id!r}")
        if coach_id not in known_coaches:
            raise MatchingError(f"unknown coach {coach_id!r}")
    _check_fixed(problem)


def _check_fixed(problem: Problem) -> None:
    mentees = {m.id: m for m in problem.mentees}
    coaches = {c.id: c for c in problem.coaches}
    seen: set[str] = set()
    load: Counter[str] = Counter()
    for mentee_id, coach_id in problem.fixed:
        if mentee_id in seen:
            raise MatchingError(f"mentee {mentee_id!r} is fixed to two coaches")
        seen.add(mentee_id)
        load[coach_id] += 1
        why = barrier(problem, mentees[mentee_id], coaches[coach_id])
        if why:
            raise MatchingError(f"the agreed pair {mentee_id}–{coach_id} breaks a rule: {why}")
    for coach_id, taken in load.items():
        if taken > coaches[coach_id].capacity:
            raise MatchingError(
                f"coach {coach_id!r} has {taken} agreed pairs but room for "
                f"{coaches[coach_id].capacity}"
            )


def assign(
    weight: Matrix | Callable[[slice], Matrix],
    allowed: npt.NDArray[np.bool_],
    capacity: npt.NDArray[np.int64],
    objective: Objective,
) -> list[tuple[int, int]]:
    """The best (row, column) pairs with each column used at most `capacity` times and only
    allowed cells. MOST_MATCHED: as many rows matched as possible, then the highest total
    weight; TOTAL_SCORE: the highest total weight (a row may stay unmatched). `weight` is a
    matrix, or gives a slice of its rows (so the whole of it need never be held).

    The expanded matrix (a column per place, and a "no coach" column per row) is the one
    big array here: built once, in float64 as SciPy wants it, a block of rows at a time,
    and already negated so that SciPy need not copy it to maximise (it would negate each
    entry just the same, so the plan is the same)."""
    rows_of = weight if callable(weight) else weight.__getitem__
    rows, columns = allowed.shape
    capacity = np.minimum(np.maximum(capacity, 0), rows)
    usable = capacity > 0
    if rows == 0 or not (allowed & usable[None, :]).any():
        return []
    slot_of = np.repeat(np.arange(columns), capacity)
    slots = len(slot_of)
    cost = np.empty((rows, slots + rows))
    cost[:, slots:] = -0.0  # "no coach" is worth nothing (0.0, negated)
    high, low = -np.inf, np.inf  # the highest and lowest allowed weights
    step = max(1, ASSIGN_BLOCK // max(slots, 1))
    for start in range(0, rows, step):
        values = rows_of(slice(start, start + step))
        permitted = allowed[start : start + step]
        high = max(high, float(np.max(values, where=permitted, initial=-np.inf)))
        low = min(low, float(np.min(values, where=permitted, initial=np.inf)))
        block = cost[start : start + step, :slots]
        np.take(values, slot_of, axis=1, out=block, mode="clip")
        np.negative(block, out=block)
        block[~permitted[:, slot_of]] = np.inf
        del values
    if objective == Objective.MOST_MATCHED:
        spread = high - low if allowed.any() else 0.0
        # One more head matched outweighs any difference in total score.
        lift = rows * spread + 1.0 + max(0.0, -min(low, 0.0))
        # -(weight + lift), exactly: rounding to nearest is symmetric about zero.
        cost[:, :slots] -= lift
    picked_rows, picked_slots = linear_sum_assignment(cost)
    return [
        (int(row), int(slot_of[slot]))
        for row, slot in zip(picked_rows, picked_slots, strict=True)
        if slot < slots
    ]


def solve(
    problem: Problem,
    *,
    similarity: Similarity = tfidf_similarity,
    progress: Progress | None = None,
) -> Result:
    """Propose a coach for each head: fixed pairs stay, the rest are chosen together to
    meet `problem.objective`. Heads left over are `unmatched`."""
    report = progress or (lambda stage, fraction: None)
    check_problem(problem)
    report("scoring", 0.1)
    table = score_table(problem, similarity)
    if not table.allowed.any() and problem.mentees and problem.coaches:
        raise MatchingError("infeasible: the rules and exclusions allow no head–coach pair at all")
    report("solving", 0.6)
    fixed = dict(problem.fixed)
    taken = Counter(fixed.values())
    free_rows = [i for i, m in enumerate(problem.mentees) if m.id not in fixed]
    capacity = np.array(
        [c.capacity - taken[c.id] for c in problem.coaches], dtype=np.int64
    ).reshape(-1)
    if len(free_rows) == len(problem.mentees):
        chosen = assign(table.score_rows, table.allowed, capacity, problem.objective)
    else:
        index = np.array(free_rows, dtype=np.intp)
        chosen = assign(
            lambda part: table.score_rows(index[part]),
            table.allowed[index],
            capacity,
            problem.objective,
        )
    coach_for = dict(fixed)
    for row, column in chosen:
        coach_for[problem.mentees[free_rows[row]].id] = problem.coaches[column].id
    report("explaining", 0.9)
    explainer = Explainer(problem, table)
    coaches = {c.id: c for c in problem.coaches}
    chosen_pairs = [(m, coaches[coach_for[m.id]]) for m in problem.mentees if m.id in coach_for]
    explainer.prepare(chosen_pairs)
    pairs = tuple(explainer.proposal(mentee, coach) for mentee, coach in chosen_pairs)
    unmatched = tuple(m.id for m in problem.mentees if m.id not in coach_for)
    report("done", 1.0)
    return Result(pairs=pairs, unmatched=unmatched, total=sum(p.score for p in pairs))


def explain(
    problem: Problem, mentee_id: str, coach_id: str, *, similarity: Similarity = tfidf_similarity
) -> tuple[Proposal, str]:
    """One pair's score and reasons, and why the rules forbid it ("" when they allow it):
    what the coordinator sees before swapping or moving a head to another coach."""
    check_problem(problem)
    mentee = next((m for m in problem.mentees if m.id == mentee_id), None)
    coach = next((c for c in problem.coaches if c.id == coach_id), None)
    if mentee is None or coach is None:
        raise MatchingError(f"unknown pair {mentee_id}–{coach_id}")
    table = score_table(problem, similarity)
    return Explainer(problem, table).proposal(mentee, coach), barrier(problem, mentee, coach)


def ranked_coaches(
    problem: Problem,
    mentee_id: str,
    load: Mapping[str, int],
    *,
    similarity: Similarity = tfidf_similarity,
) -> list[Proposal]:
    """The coaches this head may still be given, best first: allowed by the rules and with
    a place left after `load` (pairs each coach already has). The first is the next best
    when a pair is declined."""
    check_problem(problem)
    row = next((i for i, m in enumerate(problem.mentees) if m.id == mentee_id), None)
    if row is None:
        raise MatchingError(f"unknown mentee {mentee_id!r}")
    table = score_table(problem, similarity)
    explainer = Explainer(problem, table)
    mentee = problem.mentees[row]
    open_coaches = [
        (column, coach)
        for column, coach in enumerate(problem.coaches)
        if table.allowed[row, column] and load.get(coach.id, 0) < coach.capacity
    ]
    scores = table.score_rows(slice(row, row + 1))[0]
    open_coaches.sort(key=lambda item: (-scores[item[0]], item[1].id))
    return [explainer.proposal(mentee, coach) for _, coach in open_coaches]
