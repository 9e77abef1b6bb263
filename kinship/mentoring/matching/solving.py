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
    weight: Matrix,
    allowed: npt.NDArray[np.bool_],
    capacity: npt.NDArray[np.int64],
    objective: Objective,
) -> list[tuple[int, int]]:
    """The best (row, column) pairs with each column used at most `capacity` times and only
    allowed cells. MOST_MATCHED: as many rows matched as possible, then the highest total
    weight; TOTAL_SCORE: the highest total weight (a row may stay unmatched)."""
    rows, columns = weight.shape
    capacity = np.minimum(np.maximum(capacity, 0), rows)
    usable = capacity > 0
    if rows == 0 or not (allowed & usable[None, :]).any():
        return []
    slot_of = np.repeat(np.arange(columns), capacity)
    values = weight[:, slot_of]
    permitted = allowed[:, slot_of]
    if objective == Objective.MOST_MATCHED:
        finite = weight[allowed]
        spread = float(finite.max() - finite.min()) if finite.size else 0.0
        # One more head matched outweighs any difference in total score.
        values = values + (rows * spread + 1.0 + max(0.0, -float(finite.min(initial=0.0))))
    matrix = np.full((rows, len(slot_of) + rows), 0.0)
    matrix[:, : len(slot_of)] = np.where(permitted, values, -np.inf)
    picked_rows, picked_slots = linear_sum_assignment(matrix, maximize=True)
    return [
        (int(row), int(slot_of[slot]))
        for row, slot in zip(picked_rows, picked_slots, strict=True)
        if slot < len(slot_of)
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
    chosen = assign(table.score[free_rows], table.allowed[free_rows], capacity, problem.objective)
    coach_for = dict(fixed)
    for row, column in chosen:
        coach_for[problem.mentees[free_rows[row]].id] = problem.coaches[column].id
    report("explaining", 0.9)
    explainer = Explainer(problem, table)
    mentees = {m.id: m for m in problem.mentees}
    coaches = {c.id: c for c in problem.coaches}
    pairs = tuple(
        explainer.proposal(mentees[m.id], coaches[coach_for[m.id]])
        for m in problem.mentees
        if m.id in coach_for
    )
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
    open_coaches.sort(key=lambda item: (-table.score[row, item[0]], item[1].id))
    return [explainer.proposal(mentee, coach) for _, coach in open_coaches]
