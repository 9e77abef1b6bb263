"""Which judge compares which two scripts, and which is shown on the left.

The rules every schedule keeps (and the property tests check):
- a judge is never shown a script of their own school (nor of any other school they work at);
- every script is in `per_script` comparisons, give or take one (counting any already made);
- a judge never gets the same pair twice;
- left and right are random, and balanced: each script is on the left in half its
  comparisons, give or take one;
- the comparison graph is connected, so every school's scripts sit on one scale.

The pairs come from a random multigraph with the wanted degrees (configuration model),
repaired by degree-preserving edge swaps until no edge joins two scripts no judge may see
together and the graph is connected. Judges are then given pairs least-loaded first, and
sides are set along closed walks of the graph (an Euler orientation), which balances them.
"""

import heapq
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from kinship.moderation.judgement.fit import IntArray, components

if TYPE_CHECKING:
    from kinship.moderation.judgement.grading import Boundary

REPAIR_TRIES = 200
ATTEMPTS = 30


class ScheduleError(ValueError):
    """The rules cannot all be met; the message says which and why."""


@dataclass(frozen=True)
class Script:
    code: str
    school: str


@dataclass(frozen=True)
class Judge:
    judge: str
    school: str | None  # None: a judge from no school in the round (an adviser)
    # Other schools they work at, such as an executive head's second school: never shown.
    also_at: frozenset[str] = frozenset()

    @property
    def schools(self) -> frozenset[str]:
        return self.also_at | ({self.school} if self.school else set())


@dataclass(frozen=True)
class Pair:
    judge: str
    left: str
    right: str


class _Round:
    """Scripts and judges as indices, and which school pairs some judge may compare."""

    def __init__(self, scripts: Sequence[Script], judges: Sequence[Judge]) -> None:
        codes = [s.code for s in scripts]
        if len(set(codes)) != len(codes):
            duplicate = next(c for c, k in Counter(codes).items() if k > 1)
            raise ScheduleError(f"script {duplicate!r} is listed twice")
        names = [j.judge for j in judges]
        if len(set(names)) != len(names):
            duplicate = next(c for c, k in Counter(names).items() if k > 1)
            raise ScheduleError(f"judge {duplicate!r} is listed twice")
        if not judges:
            raise ScheduleError("there are no judges")
        schools = sorted({s.school for s in scripts}.union(*(j.schools for j in judges)))
        self.schools = schools
        number = {name: i for i, name in enumerate(schools)}
        self.codes = codes
        self.index = {code: i for i, code in enumerate(codes)}
        self.script_school: IntArray = np.array([number[s.school] for s in scripts], np.int64)
        self.judge_names = names
        self.judge_index = {name: i for i, name in enumerate(names)}
        # works_at[j]: the schools judge j works at, whose scripts they never see.
        self.works_at = [frozenset(number[name] for name in j.schools) for j in judges]
        at = np.zeros((len(judges), len(schools)))  # floats, for a BLAS product; counts stay exact
        for j, where in enumerate(self.works_at):
            at[j, list(where)] = 1
        # Judges free to compare a script of school s with one of school t: those at neither.
        per_school = at.sum(axis=0)
        total = len(judges)
        eligible = total - per_school[:, None] - per_school[None, :] + at.T @ at
        self.allowed: NDArray[np.bool_] = eligible > 0.5
        for s in np.unique(self.script_school):
            if not self.allowed[s, s] and not self.allowed[s].any():
                raise ScheduleError(
                    f"every judge works at {schools[s]}, so nobody may see its scripts"
                )

    def blocked(self) -> str:
        """ "; no judge may compare X with Y, …" for school pairs every judge belongs to."""
        present = np.unique(self.script_school)
        pairs = [
            f"{self.schools[s]} with {self.schools[t]}"
            for s in present
            for t in present
            if s < t and not self.allowed[s, t]
        ]
        if not pairs:
            return ""
        return f"; no judge may compare {', '.join(pairs)} (every judge works at one of the two)"

    def ok(self, a: int, b: int) -> bool:
        return a != b and bool(self.allowed[self.script_school[a], self.script_school[b]])


def _key(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def _draw_edges(
    room: _Round, need: IntArray, rng: np.random.Generator, taken: Counter[tuple[int, int]]
) -> tuple[IntArray, IntArray]:
    """A random multigraph with degree `need`, without self-loops or pairs no judge may see,
    and with as few repeated pairs as swaps can remove."""
    stubs = rng.permutation(np.repeat(np.arange(len(need)), need))
    a, b = stubs[0::2].copy(), stubs[1::2].copy()
    count = Counter(taken)
    count.update(_key(int(x), int(y)) for x, y in zip(a, b, strict=True))
    m = len(a)

    def bad(e: int) -> bool:
        x, y = int(a[e]), int(b[e])
        return not room.ok(x, y) or count[_key(x, y)] > 1

    for e in [e for e in range(m) if bad(e)]:
        for _ in range(REPAIR_TRIES):
            if not bad(e):
                break
            f = int(rng.integers(m))
            if f == e:
                continue
            x, y, u, v = int(a[e]), int(b[e]), int(a[f]), int(b[f])
            if rng.random() < 0.5:
                u, v = v, u
            new1, new2 = _key(x, u), _key(y, v)
            if not (room.ok(x, u) and room.ok(y, v)) or new1 == new2:
                continue
            old1, old2 = _key(x, y), _key(int(a[f]), int(b[f]))
            hard_before = not room.ok(x, y)
            if not hard_before and (count[new1] >= 1 or count[new2] >= 1):
                continue  # only trade a repeat for fresh pairs
            count[old1] -= 1
            count[old2] -= 1
            count[new1] += 1
            count[new2] += 1
            a[e], b[e], a[f], b[f] = x, u, y, v
        if not room.ok(int(a[e]), int(b[e])):
            raise ScheduleError(
                f"the scripts cannot be paired {need.max()} times each{room.blocked()}"
            )
    return a, b


def _connect(
    room: _Round,
    a: IntArray,
    b: IntArray,
    old_a: IntArray,
    old_b: IntArray,
    rng: np.random.Generator,
) -> None:
    """Swap edge ends between separate groups of scripts until the graph is connected."""
    n = len(room.codes)
    for _ in range(REPAIR_TRIES * 5):
        count, labels = components(n, np.concatenate([a, old_a]), np.concatenate([b, old_b]))
        if count == 1:
            return
        if len(a) < 2:
            break
        group = labels[a]
        e = int(rng.choice(np.flatnonzero(group == group[rng.integers(len(a))])))
        others = np.flatnonzero(group != group[e])
        if len(others) == 0:
            break
        f = int(rng.choice(others))
        x, y, u, v = int(a[e]), int(b[e]), int(a[f]), int(b[f])
        if rng.random() < 0.5:
            u, v = v, u
        if room.ok(x, u) and room.ok(y, v):
            a[e], b[e], a[f], b[f] = x, u, y, v
    raise ScheduleError(
        f"the comparisons cannot link every script into one scale{room.blocked()}: "
        "add judges from another school or more comparisons per script"
    )


def _assign_judges(
    room: _Round,
    a: IntArray,
    b: IntArray,
    loads: IntArray,
    used: set[tuple[int, int, int]],
    rng: np.random.Generator,
) -> IntArray:
    """Each pair to the least-loaded judge who may see both scripts and has not had it."""
    heap = [(int(loads[j]), float(rng.random()), j) for j in range(len(room.judge_names))]
    heapq.heapify(heap)
    chosen = np.empty(len(a), np.int64)
    for e in rng.permutation(len(a)):
        x, y = int(a[e]), int(b[e])
        schools = (int(room.script_school[x]), int(room.script_school[y]))
        key = _key(x, y)
        skipped = []
        while heap:
            load, tie, j = heapq.heappop(heap)
            if not room.works_at[j].isdisjoint(schools) or (j, *key) in used:
                skipped.append((load, tie, j))
                continue
            chosen[e] = j
            used.add((j, *key))
            heapq.heappush(heap, (load + 1, float(rng.random()), j))
            break
        else:
            raise ScheduleError(
                f"scripts {room.codes[x]} and {room.codes[y]} are paired more often than there "
                "are judges who may see them: lower the comparisons per script or add judges"
            )
        for item in skipped:
            heapq.heappush(heap, item)
    return chosen


def _balanced_sides(
    n: int, a: IntArray, b: IntArray, rng: np.random.Generator
) -> NDArray[np.bool_]:
    """For each edge, whether to swap it so that every script is on the left in half its
    comparisons (±1): orient the edges along closed walks, after pairing odd-degree scripts
    with a dummy vertex, starting anywhere at random and walking either way."""
    degree = np.bincount(a, minlength=n) + np.bincount(b, minlength=n)
    odd = np.flatnonzero(degree % 2)
    ends_a = np.concatenate([a, odd])
    ends_b = np.concatenate([b, np.full(len(odd), n)])
    edges = len(ends_a)
    incident: list[list[int]] = [[] for _ in range(n + 1)]
    for e in rng.permutation(edges):
        incident[ends_a[e]].append(int(e))
        incident[ends_b[e]].append(int(e))
    used = np.zeros(edges, dtype=bool)
    swap = np.zeros(edges, dtype=bool)
    for start in rng.permutation(n + 1):
        vertex = int(start)
        while incident[vertex]:
            e = incident[vertex].pop()
            if used[e]:
                continue
            used[e] = True
            # Walk from `vertex` along e: its tail goes on the left.
            swap[e] = ends_a[e] != vertex
            vertex = int(ends_b[e] if ends_a[e] == vertex else ends_a[e])
    if rng.random() < 0.5:
        swap = ~swap
    return swap[: len(a)]


def schedule_pairs(
    scripts: Sequence[Script],
    judges: Sequence[Judge],
    per_script: int,
    *,
    seed: int | None = None,
    existing: Sequence[Pair] = (),
) -> list[Pair]:
    """New comparisons so that each script reaches `per_script` (±1), `existing` counted.

    Returns the pairs grouped by judge, each judge's in random order. Raises ScheduleError
    naming the rule that cannot be met.
    """
    if per_script < 1:
        raise ScheduleError("each script needs at least one comparison")
    if len(scripts) < 2:
        raise ScheduleError("at least two scripts are needed")
    if len(scripts) > 2 and per_script < 2:
        raise ScheduleError("at least 2 comparisons per script are needed to link every script")
    room = _Round(scripts, judges)
    rng = np.random.default_rng(seed)
    n = len(room.codes)
    exposure = np.zeros(n, np.int64)
    loads = np.zeros(len(room.judge_names), np.int64)
    used: set[tuple[int, int, int]] = set()
    taken: Counter[tuple[int, int]] = Counter()
    old_a, old_b = [], []
    for pair in existing:
        try:
            x, y, j = room.index[pair.left], room.index[pair.right], room.judge_index[pair.judge]
        except KeyError as error:
            raise ScheduleError(
                f"an earlier comparison names {error.args[0]!r}, not listed"
            ) from None
        exposure[x] += 1
        exposure[y] += 1
        loads[j] += 1
        used.add((j, *_key(x, y)))
        taken[_key(x, y)] += 1
        old_a.append(x)
        old_b.append(y)
    need = np.maximum(per_script - exposure, 0)
    if need.sum() % 2:
        need[int(rng.choice(np.flatnonzero(need)))] -= 1  # one script one short: still ±1
    if need.sum() == 0:
        return []
    # A small round can draw an unlucky graph (a pair repeated more often than there are
    # judges for it): draw again before concluding the rules cannot be met.
    # The error reported is the one from the attempt that got furthest.
    failure, furthest = ScheduleError("no schedule found"), -1
    for _ in range(ATTEMPTS if need.sum() < 20_000 else 2):
        stage = 0
        try:
            a, b = _draw_edges(room, need, rng, taken)
            stage = 1
            _connect(room, a, b, np.array(old_a, np.int64), np.array(old_b, np.int64), rng)
            stage = 2
            judge = _assign_judges(room, a, b, loads, set(used), rng)
            break
        except ScheduleError as error:
            if stage >= furthest:
                failure, furthest = error, stage
    else:
        raise failure
    swap = _balanced_sides(n, a, b, rng)
    left, right = np.where(swap, b, a), np.where(swap, a, b)
    order = np.lexsort((rng.random(len(a)), judge))
    return [
        Pair(room.judge_names[judge[e]], room.codes[left[e]], room.codes[right[e]]) for e in order
    ]


def schedule_boundary_pairs(
    scripts: Sequence[Script],
    judges: Sequence[Judge],
    theta: Mapping[str, float],
    se: Mapping[str, float],
    boundaries: "Sequence[Boundary | None]",
    *,
    per_script: int = 4,
    uncertain_share: float = 0.3,
    existing: Sequence[Pair] = (),
    seed: int | None = None,
) -> list[Pair]:
    """Extra comparisons for the scripts whose grade the scale leaves most uncertain (the
    chance of their likeliest band is lowest), each against up to `per_script` scripts
    nearest it on the scale. Own school, repeats per judge and sides follow the usual rules;
    exposure is uneven on purpose, which is why reports say when this was used."""
    from kinship.moderation.judgement.grading import grade_probabilities

    room = _Round(scripts, judges)
    rng = np.random.default_rng(seed)
    n = len(room.codes)
    values = np.array([theta.get(code, np.nan) for code in room.codes], dtype=np.float64)
    errors = np.array([se.get(code, np.nan) for code in room.codes], dtype=np.float64)
    placed = np.flatnonzero(np.isfinite(values))
    if len(placed) < 3:
        raise ScheduleError("too few scripts are on the scale yet")
    chances = grade_probabilities(values[placed], errors[placed], list(boundaries))
    uncertainty = 1.0 - chances.max(axis=1)
    wanted = max(1, int(uncertain_share * len(placed)))
    focus = placed[np.argsort(-uncertainty, kind="stable")[:wanted]]
    focus = focus[uncertainty[np.searchsorted(placed, focus)] > 0.05]
    if len(focus) == 0:
        raise ScheduleError("no script's grade is uncertain enough to need more comparisons")
    loads = np.zeros(len(room.judge_names), np.int64)
    used: set[tuple[int, int, int]] = set()
    for pair in existing:
        x, y = room.index[pair.left], room.index[pair.right]
        j = room.judge_index[pair.judge]
        loads[j] += 1
        used.add((j, *_key(x, y)))
    chosen: set[tuple[int, int]] = set()
    a_list, b_list = [], []
    for x in focus:
        near = placed[np.argsort(np.abs(values[placed] - values[x]), kind="stable")]
        taken = 0
        for y in near:
            if taken == per_script:
                break
            key = _key(int(x), int(y))
            if y == x or key in chosen or not room.ok(int(x), int(y)):
                continue
            chosen.add(key)
            a_list.append(int(x))
            b_list.append(int(y))
            taken += 1
    a, b = np.array(a_list, np.int64), np.array(b_list, np.int64)
    judge = _assign_judges(room, a, b, loads, used, rng)
    swap = _balanced_sides(n, a, b, rng)
    left, right = np.where(swap, b, a), np.where(swap, a, b)
    order = np.lexsort((rng.random(len(a)), judge))
    return [
        Pair(room.judge_names[judge[e]], room.codes[left[e]], room.codes[right[e]]) for e in order
    ]
