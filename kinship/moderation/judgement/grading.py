"""Grades on the fitted scale: where each boundary lies, how likely each script's school grade
is wrong, and how far each school's grading sits from the family's at each boundary.

Grades are level indices 0..K−1 (for the KS2 writing TAF, 0 WTS, 1 EXS, 2 GDS); -1 is "none".
Boundary g lies between level g and level g + 1.
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.special import expit
from scipy.stats import norm

from kinship.moderation.judgement.fit import FloatArray, IntArray

SLOPE_PRIOR_SD = 5.0  # keeps a boundary finite when the grades split the scale cleanly
BIAS_PRIOR_SD = 2.0  # a school shift of 2 logits is already a whole grade or more
Z95 = 1.959963984540054


@dataclass(frozen=True)
class Boundary:
    """Between level `lower` and `lower + 1`: θ where either grade is equally likely."""

    lower: int
    position: float
    se: float
    slope: float  # how sharply the grade changes there, per logit
    scripts: int


def _newton(
    gradient_hessian: Callable[[FloatArray], tuple[FloatArray, FloatArray]], start: FloatArray
) -> tuple[FloatArray, FloatArray]:
    x = start.copy()
    for _ in range(100):
        gradient, hessian = gradient_hessian(x)
        step = np.linalg.solve(hessian, gradient)
        x = x - step
        if np.abs(step).max() < 1e-10:
            break
    _, hessian = gradient_hessian(x)
    return x, np.asarray(np.linalg.inv(hessian), dtype=np.float64)


def fit_boundary(theta: FloatArray, above: NDArray[np.bool_], lower: int) -> Boundary | None:
    """Logistic regression of "graded above the boundary" on θ, P = σ(slope · (θ − position)),
    with a normal prior on the slope; the position's SE by the delta method. None unless
    scripts lie on both sides."""
    use = np.isfinite(theta)
    x, y = theta[use], above[use].astype(np.float64)
    if y.sum() == 0 or y.sum() == len(y):
        return None

    def negative_log_posterior(params: FloatArray) -> tuple[FloatArray, FloatArray]:
        intercept, slope = params
        p = expit(intercept + slope * x)
        weight = p * (1 - p)
        gradient = np.array([np.sum(p - y), np.sum((p - y) * x) + slope / SLOPE_PRIOR_SD**2])
        hessian = np.array(
            [
                [weight.sum() + 1e-9, np.sum(weight * x)],
                [np.sum(weight * x), np.sum(weight * x * x) + 1 / SLOPE_PRIOR_SD**2],
            ]
        )
        return gradient, hessian

    (intercept, slope), covariance = _newton(negative_log_posterior, np.array([0.0, 1.0]))
    if slope <= 0:
        return None  # higher grades lower on the scale: no boundary to speak of
    position = -intercept / slope
    gradient = np.array([-1 / slope, intercept / slope**2])
    se = float(np.sqrt(max(gradient @ covariance @ gradient, 0.0)))
    return Boundary(lower, float(position), se, float(slope), len(x))


def grade_boundaries(theta: FloatArray, grades: IntArray, levels: int) -> list[Boundary | None]:
    """Each boundary from the scripts with a grade (anchor grades, or the consensus of the
    external grades): one per pair of adjacent levels."""
    graded = grades >= 0
    return [
        fit_boundary(theta[graded], grades[graded] > lower, lower) for lower in range(levels - 1)
    ]


def grade_probabilities(
    theta: FloatArray, se: FloatArray, boundaries: list[Boundary | None]
) -> FloatArray:
    """P(level) per script from θ ~ N(θ̂, SE² + boundary SE²): shape (scripts, levels).
    Unknown boundaries leave their two levels merged (all the chance on the lower)."""
    n, levels = len(theta), len(boundaries) + 1
    cumulative = np.ones((n, levels + 1))  # P(level ≥ k)
    cumulative[:, levels] = 0.0
    for k, boundary in enumerate(boundaries, start=1):
        if boundary is None:
            cumulative[:, k] = 0.0
            continue
        spread = np.sqrt(np.nan_to_num(se, nan=0.0) ** 2 + boundary.se**2)
        spread = np.maximum(spread, 1e-9)
        cumulative[:, k] = norm.cdf((theta - boundary.position) / spread)
    cumulative[:, 1:levels] = np.minimum.accumulate(cumulative[:, 1:levels], axis=1)
    return np.clip(cumulative[:, :-1] - cumulative[:, 1:], 0.0, 1.0)


def misgrade_probability(
    theta: FloatArray, se: FloatArray, boundaries: list[Boundary | None], school_grade: IntArray
) -> FloatArray:
    """P(the school's grade is not the band the script's θ falls in); nan without a θ or grade."""
    probabilities = grade_probabilities(np.where(np.isfinite(theta), theta, 0.0), se, boundaries)
    result = np.full(len(theta), np.nan)
    known = np.isfinite(theta) & (school_grade >= 0)
    rows = np.flatnonzero(known)
    result[rows] = 1.0 - probabilities[rows, school_grade[rows]]
    return result


@dataclass(frozen=True)
class SchoolShift:
    """How far a school's own grades sit from the family's at one boundary, on the scale.

    `shift` > 0: the school awards the higher grade to work that far (in logits) below the
    family's boundary (generous); < 0: it asks for work above it (severe). The interval is
    95%, from the school's scripts, the boundary's own SE and a weak normal prior.
    """

    school: str
    lower: int
    shift: float
    low: float
    high: float
    scripts: int  # scripts of the school with a θ and an own grade
    information: float  # how much its scripts near the boundary say; small: little evidence


def school_bias(
    theta: FloatArray,
    school: IntArray,
    schools: list[str],
    own_grade: IntArray,
    boundaries: list[Boundary | None],
) -> list[SchoolShift]:
    """Per school and boundary: the shift δ maximising
    Σ log P(own grade above | θ) with P = σ(slope · (θ − position + δ)), δ ~ N(0, 2²)."""
    results = []
    for s, name in enumerate(schools):
        mine = (school == s) & np.isfinite(theta) & (own_grade >= 0)
        for boundary in boundaries:
            if boundary is None:
                continue
            x = theta[mine] - boundary.position
            y = (own_grade[mine] > boundary.lower).astype(np.float64)
            delta, information = 0.0, 0.0
            for _ in range(100):
                p = expit(boundary.slope * (x + delta))
                information = float(np.sum(boundary.slope**2 * p * (1 - p)))
                gradient = float(np.sum(boundary.slope * (y - p))) - delta / BIAS_PRIOR_SD**2
                step = gradient / (information + 1 / BIAS_PRIOR_SD**2)
                delta += step
                if abs(step) < 1e-10:
                    break
            spread = float(np.sqrt(1 / (information + 1 / BIAS_PRIOR_SD**2) + boundary.se**2))
            results.append(
                SchoolShift(
                    school=name,
                    lower=boundary.lower,
                    shift=delta,
                    low=delta - Z95 * spread,
                    high=delta + Z95 * spread,
                    scripts=int(mine.sum()),
                    information=information,
                )
            )
    return results
