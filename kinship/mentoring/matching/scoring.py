"""Scores for every pair of head and coach, the hard rules, and the words that explain a score.

A score is the sum of four weighted parts, each between 0 and 1 before weighting: vision
(how alike the two vision statements are), needs (the share of the head's priorities the
coach has expertise in), context (how alike the two schools are: phase, size, free school
meals, urban or rural) and distance (closeness, halving every `half_distance_km`). Every
part is worked out as a whole matrix at once, so 2,000 heads by 2,500 coaches take well
under a second, and kept unweighted in single precision or as counts (see ScoreTable).
"""

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import numpy.typing as npt

from kinship.mentoring.matching.text import Matrix, tfidf_similarity, tfidf_similarity32, words
from kinship.mentoring.matching.types import (
    Coach,
    Mentee,
    Problem,
    Proposal,
    SchoolContext,
    Weights,
)

Similarity = Callable[[Sequence[str], Sequence[str]], Matrix]
Mask = npt.NDArray[np.bool_]
PART_NAMES = ("needs", "vision", "distance", "context")
_ALL = slice(None)
EARTH_RADIUS_KM = 6371.0
SIMILAR_SIZE = 0.75  # the smaller school has at least three quarters of the larger's pupils
SIMILAR_FSM_POINTS = 5.0  # free school meals within five percentage points


Rows = slice | npt.NDArray[np.intp]


@dataclass(frozen=True, eq=False)
class ScoreTable:
    """Scores of every pair (rows: heads, columns: coaches) and which pairs are allowed.

    A national programme has 20 million pairs, so the table keeps each part unweighted in
    the narrowest type that holds it exactly (similarities, school likeness and distances
    in single precision, shared priorities as counts) and weighs them only when asked: for
    some rows (`score_rows`, what the solve uses) or one pair (`score_at`, `parts_at`).
    The same operations on the same numbers, so the same scores to the last bit as whole
    matrices would give. `score`, `parts` and `distance_km` are whole matrices, made on
    demand for small problems and tests. `given`: the scores given in the input, if any.
    """

    allowed: Mask
    weights: Weights
    distance: npt.NDArray[np.float32]
    given: Matrix | None = None
    vision: npt.NDArray[np.floating] | None = None
    shared: npt.NDArray[np.integer] | None = None
    priorities: npt.NDArray[np.float64] | None = None
    context: npt.NDArray[np.float32] | None = None

    def weighted_parts(self, rows: Rows, columns: Rows = _ALL) -> dict[str, Matrix]:
        """Each weighted part for these rows and columns (both slices, or both index
        arrays for single pairs); empty when the scores were given."""
        if self.given is not None:
            return {}
        assert self.vision is not None and self.shared is not None
        assert self.priorities is not None and self.context is not None
        weights = self.weights
        counts = self.priorities[rows]
        if isinstance(columns, slice):  # whole rows, not single pairs
            counts = counts[:, None]
        shared = np.asarray(self.shared[rows, columns], dtype=np.float64)
        needs = np.where(counts > 0, shared / np.maximum(counts, 1), 0.0)
        distance = np.asarray(self.distance[rows, columns], dtype=np.float64)
        # Halving every half_distance_km; a school with no position is simply not close.
        closeness = np.nan_to_num(np.exp2(distance / -weights.half_distance_km), nan=0.0)
        return {
            "vision": weights.vision * np.asarray(self.vision[rows, columns], dtype=np.float64),
            "needs": weights.needs * needs,
            "context": weights.context * np.asarray(self.context[rows, columns], np.float64),
            "distance": weights.distance * closeness,
        }

    def score_rows(self, rows: Rows, columns: Rows = _ALL) -> Matrix:
        if self.given is not None:
            return np.asarray(self.given[rows, columns])
        parts = self.weighted_parts(rows, columns)
        return parts["needs"] + parts["vision"] + parts["distance"] + parts["context"]

    def score_at(self, row: int, column: int) -> float:
        return float(self.score_rows(np.array([row]), np.array([column]))[0])

    def parts_at(self, row: int, column: int) -> dict[str, float]:
        parts = self.weighted_parts(np.array([row]), np.array([column]))
        return {name: float(values[0]) for name, values in parts.items()}

    @cached_property
    def score(self) -> Matrix:
        return self.score_rows(_ALL)

    @property
    def parts(self) -> dict[str, Matrix]:
        return self.weighted_parts(_ALL)

    @property
    def distance_km(self) -> Matrix:
        return np.asarray(self.distance, dtype=np.float64)


def tag_key(tag: str) -> str:
    return " ".join(tag.split()).casefold()


def _school_arrays(
    schools: Sequence[SchoolContext | None],
) -> dict[str, npt.NDArray[np.float64]]:
    def number(value: float | None) -> float:
        return math.nan if value is None else float(value)

    return {
        "pupils": np.array([number(s.pupils if s and s.pupils else None) for s in schools]),
        "fsm": np.array([number(s.fsm_percent if s else None) for s in schools]),
        "lat": np.radians(np.array([number(s.latitude if s else None) for s in schools])),
        "lon": np.radians(np.array([number(s.longitude if s else None) for s in schools])),
    }


def _codes(values: Sequence[str]) -> npt.NDArray[np.int64]:
    """Equal non-empty texts get equal codes; an empty text gets a code of its own."""
    seen: dict[str, int] = {}
    codes = []
    for index, value in enumerate(values):
        codes.append(seen.setdefault(value, len(seen)) if value else -1 - index)
    return np.array(codes, dtype=np.int64)


def _same(left: Sequence[str], right: Sequence[str]) -> tuple[Mask, Mask]:
    """(equal, both known) for every pair of texts."""
    codes = _codes([*left, *right])
    a, b = codes[: len(left)], codes[len(left) :]
    known = np.logical_and.outer(a >= 0, b >= 0)
    return np.equal.outer(a, b) & known, known


def settlement(urban_rural: str) -> str:
    """GIAS's urban/rural class, broadly: "urban" or "rural" ("" when unknown)."""
    text = urban_rural.strip().lower()
    return "urban" if text.startswith("urban") else "rural" if text.startswith("rural") else ""


def distances_km(
    left: Sequence[SchoolContext | None], right: Sequence[SchoolContext | None]
) -> Matrix:
    """Great-circle distance between every pair of schools; NaN where one is not placed.
    Worked in single precision (metres do not matter here): half the memory traffic."""
    return np.asarray(_distances_km32(left, right), dtype=np.float64)


def _distances_km32(
    left: Sequence[SchoolContext | None], right: Sequence[SchoolContext | None]
) -> npt.NDArray[np.float32]:
    a, b = _school_arrays(left), _school_arrays(right)
    lat1, lon1 = a["lat"].astype(np.float32)[:, None], a["lon"].astype(np.float32)[:, None]
    lat2, lon2 = b["lat"].astype(np.float32)[None, :], b["lon"].astype(np.float32)[None, :]
    half = np.sin((lat2 - lat1) / 2) ** 2
    half += (np.cos(lat1) * np.cos(lat2)) * np.sin((lon2 - lon1) / 2) ** 2
    np.clip(half, 0, 1, out=half)
    np.sqrt(half, out=half)
    np.arcsin(half, out=half)
    half *= 2 * EARTH_RADIUS_KM
    return half


def _known_outer(left: npt.NDArray[np.float64], right: npt.NDArray[np.float64]) -> Mask:
    return np.asarray(np.logical_and.outer(~np.isnan(left), ~np.isnan(right)))


def _context(
    problem: Problem, left: Sequence[SchoolContext | None], right: Sequence[SchoolContext | None]
) -> npt.NDArray[np.float32]:
    """The mean of the school likenesses both schools have figures for (0 when none).
    Single precision, in place where it can: this is the costliest part of scoring."""
    a, b = _school_arrays(left), _school_arrays(right)
    phase_same, phase_known = _same(
        [s.phase.lower() if s else "" for s in left], [s.phase.lower() if s else "" for s in right]
    )
    place_same, place_known = _same(
        [settlement(s.urban_rural) if s else "" for s in left],
        [settlement(s.urban_rural) if s else "" for s in right],
    )
    total = phase_same.astype(np.float32)
    total += place_same
    counted = phase_known.astype(np.float32)
    counted += place_known
    pupils_known = _known_outer(a["pupils"], b["pupils"])
    pupils_a = np.nan_to_num(a["pupils"], nan=1.0).astype(np.float32)[:, None]
    pupils_b = np.nan_to_num(b["pupils"], nan=1.0).astype(np.float32)[None, :]
    size = np.minimum(pupils_a, pupils_b)
    size /= np.maximum(pupils_a, pupils_b)
    size *= pupils_known
    total += size
    counted += pupils_known
    fsm_known = _known_outer(a["fsm"], b["fsm"])
    fsm_a = np.nan_to_num(a["fsm"]).astype(np.float32)[:, None]
    fsm_b = np.nan_to_num(b["fsm"]).astype(np.float32)[None, :]
    fsm = np.abs(fsm_a - fsm_b)
    fsm /= 20.0
    np.minimum(fsm, 1.0, out=fsm)
    np.subtract(1.0, fsm, out=fsm)
    fsm *= fsm_known
    total += fsm
    counted += fsm_known
    np.maximum(counted, 1.0, out=counted)
    total /= counted
    shares = np.logical_and.outer(
        np.array([m.share_context for m in problem.mentees], dtype=bool),
        np.array([c.share_context for c in problem.coaches], dtype=bool),
    )
    total *= shares
    return total


def _needs(
    mentees: Sequence[Mentee], coaches: Sequence[Coach]
) -> tuple[npt.NDArray[np.integer], npt.NDArray[np.float64]]:
    """How many of each head's priorities each coach has expertise in, as small whole
    numbers, and how many priorities each head has: the share is one over the other."""
    vocabulary: dict[str, int] = {}
    people: list[Mentee | Coach] = [*mentees, *coaches]
    for person in people:
        for tag in person.tags:
            vocabulary.setdefault(tag_key(tag), len(vocabulary))
    # Counts of ones: whole numbers, exact in single precision.
    need = np.zeros((len(mentees), len(vocabulary)), dtype=np.float32)
    offer = np.zeros((len(coaches), len(vocabulary)), dtype=np.float32)
    for row, mentee in enumerate(mentees):
        for tag in mentee.tags:
            need[row, vocabulary[tag_key(tag)]] = 1.0
    for row, coach in enumerate(coaches):
        for tag in coach.tags:
            offer[row, vocabulary[tag_key(tag)]] = 1.0
    shared = (need @ offer.T).astype(np.min_scalar_type(len(vocabulary)))
    return shared, need.sum(axis=1, dtype=np.float64)


def _similarities(
    similarity: Similarity, left: Sequence[str], right: Sequence[str]
) -> npt.NDArray[np.floating]:
    """The vision similarities, in single precision when that holds them exactly (TF-IDF
    is worked in it), else as given."""
    if similarity is tfidf_similarity:
        return tfidf_similarity32(left, right)
    values = similarity(left, right)
    narrow = values.astype(np.float32)
    return narrow if np.array_equal(narrow, values) else values


def allowed_pairs(problem: Problem) -> Mask:
    """The hard rules: never the same school; never the same trust or a line manager when
    the programme says so; never an excluded pair; with given scores, only scored pairs."""
    mentees, coaches = problem.mentees, problem.coaches
    allowed = ~np.equal.outer(
        np.array([m.school for m in mentees], dtype=np.int64),
        np.array([c.school for c in coaches], dtype=np.int64),
    )
    if problem.avoid_same_trust:
        trusts = problem.schools
        same_trust, _ = _same(
            [trusts[m.school].trust.casefold() if m.school in trusts else "" for m in mentees],
            [trusts[c.school].trust.casefold() if c.school in trusts else "" for c in coaches],
        )
        allowed &= ~same_trust
    row = {m.id: index for index, m in enumerate(mentees)}
    column = {c.id: index for index, c in enumerate(coaches)}
    barred = set(problem.exclusions)
    if problem.avoid_line_managers:
        barred |= problem.line_managers
    for mentee, coach in barred:
        if mentee in row and coach in column:
            allowed[row[mentee], column[coach]] = False
    if problem.scores is not None:
        scored = np.zeros_like(allowed)
        for mentee, coach in problem.scores:
            scored[row[mentee], column[coach]] = True
        allowed &= scored
    return np.asarray(allowed)


def score_table(problem: Problem, similarity: Similarity = tfidf_similarity) -> ScoreTable:
    """Every pair's score and parts, and which pairs the rules allow."""
    mentees, coaches = problem.mentees, problem.coaches
    left = [problem.schools.get(m.school) for m in mentees]
    right = [problem.schools.get(c.school) for c in coaches]
    distance = _distances_km32(left, right)
    allowed = allowed_pairs(problem)
    if problem.scores is not None:
        score = np.zeros((len(mentees), len(coaches)))
        row = {m.id: index for index, m in enumerate(mentees)}
        column = {c.id: index for index, c in enumerate(coaches)}
        for (mentee, coach), value in problem.scores.items():
            score[row[mentee], column[coach]] = value
        return ScoreTable(allowed, problem.weights, distance, given=score)
    shared, priorities = _needs(mentees, coaches)
    return ScoreTable(
        allowed,
        problem.weights,
        distance,
        vision=_similarities(similarity, [m.vision for m in mentees], [c.vision for c in coaches]),
        shared=shared,
        priorities=priorities,
        context=_context(problem, left, right),
    )


def barrier(problem: Problem, mentee: Mentee, coach: Coach) -> str:
    """Why the rules forbid this pair, or "" when they allow it."""
    if mentee.school == coach.school:
        return "they lead the same school"
    schools = problem.schools
    if problem.avoid_same_trust and mentee.school in schools and coach.school in schools:
        trust = schools[mentee.school].trust
        if trust and trust.casefold() == schools[coach.school].trust.casefold():
            return f"both schools are in {trust}, and the programme keeps trusts apart"
    if problem.avoid_line_managers and (mentee.id, coach.id) in problem.line_managers:
        return "the coach is the head's line manager"
    if (mentee.id, coach.id) in problem.exclusions:
        return "a conflict was declared, or the pair was declined"
    if problem.scores is not None and (mentee.id, coach.id) not in problem.scores:
        return "no score was given for this pair"
    return ""


class Explainer:
    """Turns a pair's parts into the words shown beside it, matching the score exactly."""

    def __init__(self, problem: Problem, table: ScoreTable) -> None:
        self.problem = problem
        self.table = table
        self.rows = {m.id: index for index, m in enumerate(problem.mentees)}
        self.columns = {c.id: index for index, c in enumerate(problem.coaches)}
        self._rarity: Counter[str] | None = None
        self._words: dict[str, set[str]] = {}
        self._known: dict[tuple[int, int], tuple[float, dict[str, float]]] = {}

    def prepare(self, pairs: Sequence[tuple[Mentee, Coach]]) -> None:
        """Weigh the parts of the pairs about to be explained all at once: the same numbers
        as one by one, without thousands of tiny array operations."""
        if self.table.given is not None or not pairs:
            return
        rows = np.array([self.rows[mentee.id] for mentee, _ in pairs], dtype=np.intp)
        columns = np.array([self.columns[coach.id] for _, coach in pairs], dtype=np.intp)
        parts = self.table.weighted_parts(rows, columns)
        score = parts["needs"] + parts["vision"] + parts["distance"] + parts["context"]
        values = {name: parts[name].tolist() for name in PART_NAMES}
        for index, (row, column) in enumerate(zip(rows.tolist(), columns.tolist(), strict=True)):
            self._known[row, column] = (
                float(score[index]),
                {name: values[name][index] for name in PART_NAMES},
            )

    def rarity(self) -> Counter[str]:
        if self._rarity is None:
            people: list[Mentee | Coach] = [*self.problem.mentees, *self.problem.coaches]
            texts = [person.vision for person in people]
            self._rarity = Counter(word for text in texts for word in set(words(text)))
        return self._rarity

    def words_of(self, key: str, text: str) -> set[str]:
        if key not in self._words:
            self._words[key] = set(words(text))
        return self._words[key]

    def proposal(self, mentee: Mentee, coach: Coach) -> Proposal:
        row, column = self.rows[mentee.id], self.columns[coach.id]
        if self.table.given is not None:
            score = self.table.score_at(row, column)
            return Proposal(
                mentee.id, coach.id, score, ("score given in the input",), (("given", score),)
            )
        known = self._known.get((row, column))
        if known is None:
            score, weighted = self.table.score_at(row, column), self.table.parts_at(row, column)
        else:
            score, weighted = known
        parts = tuple((name, weighted[name]) for name in PART_NAMES)
        ranked = sorted(parts, key=lambda part: -part[1])
        reasons = tuple(
            f"{self.words_for(name, mentee, coach, row, column)} (+{points:.2f})"
            for name, points in ranked
            if points >= 0.005
        )
        return Proposal(mentee.id, coach.id, score, reasons or ("little in common",), parts)

    def words_for(self, name: str, mentee: Mentee, coach: Coach, row: int, column: int) -> str:
        if name == "needs":
            offered = {tag_key(tag) for tag in coach.tags}
            shared = [tag for tag in mentee.tags if tag_key(tag) in offered]
            return f"shared priorities: {', '.join(shared)}"
        if name == "vision":
            common = self.words_of(f"m:{mentee.id}", mentee.vision) & self.words_of(
                f"c:{coach.id}", coach.vision
            )
            rarest = sorted(common, key=lambda word: (self.rarity()[word], word))[:3]
            return "visions alike" + (f": {', '.join(rarest)}" if rarest else "")
        if name == "distance":
            return f"{float(self.table.distance[row, column]):.0f} km apart"
        return "similar schools: " + ", ".join(self.context_words(mentee, coach) or ["partly"])

    def context_words(self, mentee: Mentee, coach: Coach) -> list[str]:
        a, b = self.problem.schools.get(mentee.school), self.problem.schools.get(coach.school)
        if a is None or b is None:
            return []
        alike = []
        if a.phase and a.phase.lower() == b.phase.lower():
            alike.append(f"both {a.phase.lower()}")
        if (
            a.pupils
            and b.pupils
            and min(a.pupils, b.pupils) / max(a.pupils, b.pupils) >= SIMILAR_SIZE
        ):
            alike.append("similar size")
        if (
            a.fsm_percent is not None
            and b.fsm_percent is not None
            and abs(a.fsm_percent - b.fsm_percent) <= SIMILAR_FSM_POINTS
        ):
            alike.append("similar free school meals")
        place = settlement(a.urban_rural)
        if place and place == settlement(b.urban_rural):
            alike.append(f"both {place}")
        return alike
