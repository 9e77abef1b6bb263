"""Agreement between graders, pure NumPy: exact and adjacent agreement, Cohen's kappa (plain
and quadratic-weighted), Fleiss' kappa, Krippendorff's alpha, percentile bootstrap intervals
over scripts, and the confusion matrix of school grades against the external consensus.

Grades are level indices 0..K−1 in order (WTS 0, EXS 1, GDS 2). Each statistic is written
as a sum of per-script parts, so a bootstrap resample is one matrix product: a (B × scripts)
matrix of how often each script was drawn, times the scripts' parts.
"""

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
Grades = Sequence[int] | NDArray[np.int64]  # level indices, one per script
OWN = "own"  # the judge name of a school's own grade in a grades table
BOOTSTRAP_SAMPLES = 1000


@dataclass(frozen=True)
class Grade:
    script: str
    school: str
    judge: str  # OWN for the school's own grade
    grade: int


@dataclass(frozen=True)
class Estimate:
    """A statistic with its 95% percentile-bootstrap interval (nan when it is undefined)."""

    value: float
    low: float
    high: float
    n: int  # the scripts it rests on


def lower_median(grades: Sequence[int]) -> int:
    """The consensus of several grades: their median, the lower of the two middle grades
    when they split evenly (a standard is awarded only when the evidence is secure)."""
    ordered = sorted(grades)
    return ordered[(len(ordered) - 1) // 2]


def _multiplicities(items: int, samples: int, seed: int) -> FloatArray:
    """How often each item is drawn in each of `samples` resamples with replacement."""
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, items, size=(samples, items))
    flat = (draws + np.arange(samples)[:, None] * items).ravel()
    return np.bincount(flat, minlength=samples * items).reshape(samples, items).astype(float)


def _estimate(
    parts: FloatArray, statistic: Callable[[FloatArray], FloatArray], samples: int, seed: int
) -> Estimate:
    """`statistic` maps summed parts (rows: resamples) to values; parts is (items × k)."""
    items = len(parts)
    if items == 0:
        return Estimate(float("nan"), float("nan"), float("nan"), 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        value = float(statistic(parts.sum(axis=0)[None, :])[0])
        resampled = statistic(_multiplicities(items, samples, seed) @ parts)
    finite = resampled[np.isfinite(resampled)]
    if len(finite) < samples // 2:
        return Estimate(value, float("nan"), float("nan"), items)
    low, high = np.percentile(finite, [2.5, 97.5])
    return Estimate(value, float(low), float(high), items)


# Two raters on the same scripts


def _pair_parts(a: NDArray[np.int64], b: NDArray[np.int64], levels: int) -> FloatArray:
    """One row per script: the one-hot cell (a, b) of the levels × levels table."""
    parts = np.zeros((len(a), levels * levels))
    parts[np.arange(len(a)), a * levels + b] = 1.0
    return parts


def _weights(levels: int, kind: str) -> FloatArray:
    i, j = np.indices((levels, levels))
    if kind == "quadratic":
        return np.asarray((i - j) ** 2 / max(levels - 1, 1) ** 2, dtype=np.float64)
    return np.asarray(i != j, dtype=np.float64)


def _kappa_from_tables(tables: FloatArray, levels: int, kind: str) -> FloatArray:
    """Cohen's kappa 1 − Σ w·O / Σ w·E for each flattened table (rows of `tables`)."""
    observed = tables.reshape(-1, levels, levels)
    total = observed.sum(axis=(1, 2))[:, None, None]
    expected = observed.sum(axis=2)[:, :, None] * observed.sum(axis=1)[:, None, :] / total
    weights = _weights(levels, kind)
    kappa = 1.0 - (weights * observed).sum(axis=(1, 2)) / (weights * expected).sum(axis=(1, 2))
    return np.asarray(kappa, dtype=np.float64)


def cohen_kappa(a: Grades, b: Grades, levels: int, kind: str = "unweighted") -> float:
    """Cohen's kappa of two raters' grades of the same scripts; `kind` "quadratic" weights a
    disagreement by the square of its size."""
    table = _pair_parts(np.asarray(a), np.asarray(b), levels).sum(axis=0)[None, :]
    with np.errstate(invalid="ignore", divide="ignore"):
        return float(_kappa_from_tables(table, levels, kind)[0])


def kappa_estimate(
    a: Grades, b: Grades, levels: int, kind: str, *, samples: int, seed: int
) -> Estimate:
    parts = _pair_parts(np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64), levels)
    return _estimate(parts, lambda t: _kappa_from_tables(t, levels, kind), samples, seed)


def agreement_estimate(a: Grades, b: Grades, *, within: int, samples: int, seed: int) -> Estimate:
    """Share of scripts where two grades differ by at most `within` levels (0: exact)."""
    close = (np.abs(np.asarray(a) - np.asarray(b)) <= within).astype(float)
    parts = np.column_stack([close, np.ones(len(close))])
    return _estimate(parts, lambda t: t[:, 0] / t[:, 1], samples, seed)


# Many raters


def fleiss_kappa(counts: FloatArray) -> float:
    """Fleiss' kappa from an items × levels table of how many raters chose each level;
    items may have different numbers of raters (those with fewer than two are ignored)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        return float(
            _fleiss(_fleiss_parts(np.asarray(counts, dtype=float)).sum(axis=0)[None, :])[0]
        )


def _fleiss_parts(counts: FloatArray) -> FloatArray:
    raters = counts.sum(axis=1)
    counts = counts[raters >= 2]
    raters = raters[raters >= 2]
    agreement = ((counts**2).sum(axis=1) - raters) / (raters * (raters - 1))
    return np.column_stack([agreement, np.ones(len(raters)), counts])


def _fleiss(totals: FloatArray) -> FloatArray:
    observed = totals[:, 0] / totals[:, 1]
    share = totals[:, 2:] / totals[:, 2:].sum(axis=1, keepdims=True)
    chance = (share**2).sum(axis=1)
    return np.asarray((observed - chance) / (1 - chance), dtype=np.float64)


def _alpha_parts(counts: FloatArray) -> FloatArray:
    """Each unit's coincidences n_uc n_uk / (m_u − 1), off the diagonal n_uc(n_uc − 1)/(m_u−1)."""
    pairable = counts.sum(axis=1)
    counts = counts[pairable >= 2]
    pairable = pairable[pairable >= 2]
    outer = counts[:, :, None] * counts[:, None, :]
    levels = np.arange(counts.shape[1])
    outer[:, levels, levels] -= counts  # a value is not paired with itself
    return np.asarray((outer / (pairable - 1)[:, None, None]).reshape(len(counts), -1))


def _alpha(coincidences: FloatArray, levels: int, metric: str) -> FloatArray:
    o = coincidences.reshape(-1, levels, levels)
    n_c = o.sum(axis=2)
    total = n_c.sum(axis=1)
    c, k = np.indices((levels, levels))
    if metric == "nominal":
        delta = np.broadcast_to((c != k).astype(float), o.shape)
    elif metric == "interval":
        delta = np.broadcast_to(((c - k) ** 2).astype(float), o.shape)
    else:  # ordinal: the marginals between the two levels
        cumulative = np.cumsum(n_c, axis=1)
        lo, hi = np.minimum(c, k), np.maximum(c, k)
        between = cumulative[:, hi] - cumulative[:, lo] + n_c[:, lo]
        delta = (between - (n_c[:, c] + n_c[:, k]) / 2) ** 2
    disagreement = (o * delta).sum(axis=(1, 2))
    expected = (n_c[:, :, None] * n_c[:, None, :] * delta).sum(axis=(1, 2)) / (total - 1)
    return np.asarray(1.0 - disagreement / expected, dtype=np.float64)


def krippendorff_alpha(counts: FloatArray, metric: str = "ordinal") -> float:
    """Krippendorff's alpha from a units × levels table of how many raters chose each level
    (any number of raters per unit; units with one rating are not pairable and are ignored).
    `metric`: "nominal", "ordinal" or "interval"."""
    counts = np.asarray(counts, dtype=float)
    levels = counts.shape[1]
    with np.errstate(invalid="ignore", divide="ignore"):
        return float(_alpha(_alpha_parts(counts).sum(axis=0)[None, :], levels, metric)[0])


# A round's grades


@dataclass(frozen=True)
class JudgeAgreement:
    judge: str
    scripts: int
    exact: Estimate
    adjacent: Estimate
    kappa: Estimate
    weighted_kappa: Estimate


@dataclass(frozen=True)
class SchoolGrading:
    """At boundary `lower`|`lower + 1`: the school's share of scripts graded above it minus
    the consensus's share, on the same scripts (> 0: more generous than the family)."""

    school: str
    lower: int
    difference: Estimate


@dataclass
class AgreementReport:
    levels: list[str]
    scripts: int
    external_grades: int
    scripts_short_of_two: list[str]
    judges_exact: Estimate  # pairs of external grades of one script that agree exactly
    judges_adjacent: Estimate
    school_exact: Estimate  # school grade against the external consensus
    school_adjacent: Estimate
    school_weighted_kappa: Estimate
    fleiss: Estimate
    alpha: Estimate  # Krippendorff's alpha, ordinal
    per_judge: list[JudgeAgreement]
    confusion: list[list[int]]  # rows: school grade; columns: consensus
    consensus: dict[str, int] = field(default_factory=dict)
    own: dict[str, int] = field(default_factory=dict)
    per_school: list[SchoolGrading] = field(default_factory=list)


def analyse_grades(
    grades: Sequence[Grade],
    levels: Sequence[str],
    *,
    samples: int = BOOTSTRAP_SAMPLES,
    seed: int = 0,
) -> AgreementReport:
    """Every agreement figure of a round from its grades table (see Grade)."""
    k = len(levels)
    external: dict[str, dict[str, int]] = defaultdict(dict)
    own: dict[str, int] = {}
    school_of: dict[str, str] = {}
    for row in grades:
        if not 0 <= row.grade < k:
            raise ValueError(f"grade {row.grade} of script {row.script} is not a level")
        school_of.setdefault(row.script, row.school)
        if row.judge == OWN:
            own[row.script] = row.grade
        else:
            external[row.script][row.judge] = row.grade
    scripts = sorted(school_of)
    consensus = {s: lower_median(list(external[s].values())) for s in scripts if external[s]}
    counts = np.zeros((len(scripts), k))
    pair_parts = []
    for i, script in enumerate(scripts):
        given = list(external[script].values())
        for grade in given:
            counts[i, grade] += 1
        if len(given) >= 2:
            diffs = np.abs(np.subtract.outer(given, given))[np.triu_indices(len(given), 1)]
            pair_parts.append([(diffs == 0).sum(), (diffs <= 1).sum(), len(diffs)])
    pairs = np.array(pair_parts, dtype=float).reshape(-1, 3)

    def share(column: int) -> Callable[[FloatArray], FloatArray]:
        return lambda t: t[:, column] / t[:, 2]

    compared = [s for s in scripts if s in own and s in consensus]
    school_grades = [own[s] for s in compared]
    consensus_grades = [consensus[s] for s in compared]
    confusion = np.zeros((k, k), dtype=int)
    for a, b in zip(school_grades, consensus_grades, strict=True):
        confusion[a, b] += 1
    seeded = {"samples": samples, "seed": seed}
    return AgreementReport(
        levels=list(levels),
        scripts=len(scripts),
        external_grades=int(counts.sum()),
        scripts_short_of_two=[s for s in scripts if len(external[s]) < 2],
        judges_exact=_estimate(pairs, share(0), samples, seed),
        judges_adjacent=_estimate(pairs, share(1), samples, seed),
        school_exact=agreement_estimate(school_grades, consensus_grades, within=0, **seeded),
        school_adjacent=agreement_estimate(school_grades, consensus_grades, within=1, **seeded),
        school_weighted_kappa=kappa_estimate(
            school_grades, consensus_grades, k, "quadratic", **seeded
        ),
        fleiss=_estimate(_fleiss_parts(counts), _fleiss, samples, seed),
        alpha=_estimate(_alpha_parts(counts), lambda t: _alpha(t, k, "ordinal"), samples, seed),
        per_judge=_per_judge(external, k, samples, seed),
        confusion=confusion.tolist(),
        consensus=consensus,
        own=own,
        per_school=_per_school(compared, school_of, own, consensus, k, samples, seed),
    )


def _per_judge(
    external: dict[str, dict[str, int]], k: int, samples: int, seed: int
) -> list[JudgeAgreement]:
    """Each judge against the panel: the consensus of the other external grades."""
    theirs: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for given in external.values():
        for judge, grade in given.items():
            others = [g for j, g in given.items() if j != judge]
            if others:
                theirs[judge].append((grade, lower_median(others)))
    rows = []
    for judge in sorted(theirs):
        mine, panel = zip(*theirs[judge], strict=True)
        seeded = {"samples": samples, "seed": seed}
        rows.append(
            JudgeAgreement(
                judge=judge,
                scripts=len(mine),
                exact=agreement_estimate(mine, panel, within=0, **seeded),
                adjacent=agreement_estimate(mine, panel, within=1, **seeded),
                kappa=kappa_estimate(mine, panel, k, "unweighted", **seeded),
                weighted_kappa=kappa_estimate(mine, panel, k, "quadratic", **seeded),
            )
        )
    return rows


def _per_school(
    compared: list[str],
    school_of: dict[str, str],
    own: dict[str, int],
    consensus: dict[str, int],
    k: int,
    samples: int,
    seed: int,
) -> list[SchoolGrading]:
    rows = []
    for school in sorted({school_of[s] for s in compared}):
        mine = [s for s in compared if school_of[s] == school]
        for lower in range(k - 1):
            parts = np.array(
                [[float(own[s] > lower) - float(consensus[s] > lower), 1.0] for s in mine]
            )
            estimate = _estimate(parts, lambda t: t[:, 0] / t[:, 1], samples, seed)
            rows.append(SchoolGrading(school, lower, estimate))
    return rows
