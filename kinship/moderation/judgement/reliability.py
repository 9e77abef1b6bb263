"""How far a fitted scale can be trusted: SSR, split-half reliability, infit per script and
per judge, and each judge's median decision time and share of left-hand choices."""

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from kinship.moderation.judgement.fit import (
    Comparisons,
    Fit,
    FitError,
    FloatArray,
    IntArray,
    components,
    fit_bradley_terry,
)

MISFIT_MIN_DECISIONS = 20  # fewer decisions say too little about a judge to flag them
MISFIT_LIMIT = 1.3
# Halves are fitted with at least this weak prior: a script that won all its comparisons in
# one half would otherwise drop out, shrinking the range and understating the reliability.
HALF_PRIOR_SD = 5.0


def scale_separation_reliability(fit: Fit) -> float:
    """SSR = (var(θ) − mean(SE²)) / var(θ), over the scripts with a finite, free estimate."""
    use = fit.bounded & ~fit.anchored
    if use.sum() < 2:
        return float("nan")
    observed = float(np.var(fit.theta[use], ddof=1))
    if observed <= 0:
        return float("nan")
    return (observed - float(np.mean(fit.se[use] ** 2))) / observed


def _residuals(
    fit: Fit, comparisons: Comparisons
) -> tuple[FloatArray, FloatArray, NDArray[np.bool_]]:
    """Per comparison: squared residual (1 − p)², information p(1 − p), and whether both
    scripts have finite θ. p is the fitted chance of the recorded winner winning."""
    winner, loser = comparisons.winner, comparisons.loser
    usable = fit.bounded[winner] & fit.bounded[loser]
    difference = np.zeros(len(winner))
    difference[usable] = fit.theta[winner[usable]] - fit.theta[loser[usable]]
    p = 1.0 / (1.0 + np.exp(-difference))
    return (1.0 - p) ** 2, p * (1.0 - p), usable


def script_infit(fit: Fit, comparisons: Comparisons) -> FloatArray:
    """Σ(x − p)² / Σp(1 − p) over each script's comparisons; nan where θ is not finite."""
    squared, information, usable = _residuals(fit, comparisons)
    n = comparisons.n_scripts
    top = np.zeros(n)
    bottom = np.zeros(n)
    for side in (comparisons.winner, comparisons.loser):
        top += np.bincount(side[usable], weights=squared[usable], minlength=n)
        bottom += np.bincount(side[usable], weights=information[usable], minlength=n)
    with np.errstate(invalid="ignore", divide="ignore"):
        infit = top / bottom
    infit[~fit.bounded] = np.nan
    return infit


@dataclass(frozen=True)
class JudgeFit:
    judge: str
    decisions: int
    infit: float
    flagged: bool
    median_seconds: float | None = None
    left_share: float | None = None


def judge_misfit(
    fit: Fit,
    comparisons: Comparisons,
    *,
    seconds: FloatArray | None = None,
    chose_left: NDArray[np.bool_] | None = None,
) -> list[JudgeFit]:
    """Infit per judge over their decisions between scripts with finite θ, flagged from
    MISFIT_MIN_DECISIONS decisions at ≥ 1.3 or above the judges' mean + 2 SD. `seconds` (time
    per decision) and `chose_left` (the winner was shown on the left) add the judge's median
    decision time and share of left-hand choices. Sorted by infit, worst first."""
    if comparisons.judge is None:
        return []
    squared, information, usable = _residuals(fit, comparisons)
    judges = len(comparisons.judges)
    judge = comparisons.judge
    decisions = np.bincount(judge, minlength=judges)
    top = np.bincount(judge[usable], weights=squared[usable], minlength=judges)
    bottom = np.bincount(judge[usable], weights=information[usable], minlength=judges)
    with np.errstate(invalid="ignore", divide="ignore"):
        infit = top / bottom
    enough = (decisions >= MISFIT_MIN_DECISIONS) & np.isfinite(infit)
    limit = MISFIT_LIMIT
    if enough.sum() >= 2:
        limit = min(MISFIT_LIMIT, float(infit[enough].mean() + 2 * infit[enough].std(ddof=1)))
    rows = []
    for j, name in enumerate(comparisons.judges):
        mine = judge == j
        median = None
        if seconds is not None and mine.any():
            median = float(np.median(seconds[mine]))
        left = None
        if chose_left is not None and mine.any():
            left = float(chose_left[mine].mean())
        rows.append(
            JudgeFit(
                judge=name,
                decisions=int(decisions[j]),
                infit=float(infit[j]),
                flagged=bool(enough[j] and infit[j] >= limit),
                median_seconds=median,
                left_share=left,
            )
        )
    return sorted(rows, key=lambda row: -row.infit if np.isfinite(row.infit) else 0.0)


@dataclass(frozen=True)
class SplitHalf:
    reliability: float  # Spearman–Brown corrected, the mean over the splits
    lowest: float
    highest: float
    splits: int


def split_half_reliability(
    comparisons: Comparisons, *, splits: int = 10, seed: int = 0, prior_sd: float | None = None
) -> SplitHalf | None:
    """Split the judges at random into two halves, fit each half's judgements alone and
    correlate the two scales (Spearman–Brown corrected: 2r / (1 + r)), `splits` times.

    Each half is fitted on its largest connected group of scripts, with `prior_sd` or else a
    weak N(0, 5²) prior (HALF_PRIOR_SD); the correlation uses the scripts placed in both.
    None when there are fewer than two judges.
    """
    if comparisons.judge is None or len(comparisons.judges) < 2:
        return None
    rng = np.random.default_rng(seed)
    judges = len(comparisons.judges)
    values = []
    for _ in range(splits):
        half = rng.permutation(judges) < judges // 2
        thetas = []
        for side in (True, False):
            part = comparisons.subset(half[comparisons.judge] == side)
            theta = _fit_largest_group(part, prior_sd or HALF_PRIOR_SD)
            if theta is None:
                break
            thetas.append(theta)
        if len(thetas) < 2:
            continue
        both = np.isfinite(thetas[0]) & np.isfinite(thetas[1])
        if both.sum() < 3:
            continue
        # A half that could not tell its scripts apart (all equal) has no correlation to give.
        if np.ptp(thetas[0][both]) < 1e-12 or np.ptp(thetas[1][both]) < 1e-12:
            continue
        r = float(np.corrcoef(thetas[0][both], thetas[1][both])[0, 1])
        values.append(2 * r / (1 + r) if r > -1 else float("nan"))
    if not values:
        return None
    return SplitHalf(float(np.mean(values)), float(min(values)), float(max(values)), len(values))


def _fit_largest_group(part: Comparisons, prior_sd: float | None) -> FloatArray | None:
    n = part.n_scripts
    if len(part.winner) == 0:
        return None
    seen = np.zeros(n, dtype=bool)
    seen[part.winner] = seen[part.loser] = True
    _, labels = components(n, part.winner, part.loser)
    labels = np.where(seen, labels, -1)
    counts = np.bincount(labels[seen])
    biggest = int(counts.argmax())
    members = labels == biggest
    keep = members[part.winner]
    scripts: IntArray = np.flatnonzero(members)
    index = np.full(n, -1)
    index[scripts] = np.arange(len(scripts))
    local = Comparisons(
        tuple(part.scripts[i] for i in scripts), index[part.winner[keep]], index[part.loser[keep]]
    )
    try:
        fit = fit_bradley_terry(local, prior_sd=prior_sd)
    except FitError:
        return None
    theta = np.full(n, np.nan)
    theta[scripts] = fit.theta
    return theta
