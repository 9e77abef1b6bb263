"""Bradley–Terry by maximum likelihood.

P(i beats j) = 1 / (1 + exp(θj − θi)). The log-likelihood is concave; its Hessian is a
weighted graph Laplacian (weight p(1 − p) per comparison), so each Newton step is one sparse
solve by conjugate gradients, and a million comparisons fit in seconds. The scale is fixed by
mean θ = 0, by anchored scripts whose θ is given, or by a normal prior (`prior_sd`).

Without a prior, a script that won (or lost) every comparison with the rest has no finite
estimate; more generally only a strongly connected set of scripts (each reachable from every
other through "beat" links) has one. Such scripts are reported as unbounded, above or below
the scale, and are left out of the fit instead of being given a made-up number.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy import sparse
from scipy.sparse import csgraph
from scipy.sparse.linalg import LinearOperator, cg
from scipy.special import expit, log_expit

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
EXACT_SE_LIMIT = 3000  # scripts: up to here the information matrix is inverted exactly


class FitError(ValueError):
    """The comparisons cannot be fitted (a disconnected graph, too little data)."""


@dataclass(frozen=True)
class Comparisons:
    """Judgements as index arrays into `scripts` (and `judges`)."""

    scripts: tuple[str, ...]
    winner: IntArray
    loser: IntArray
    judges: tuple[str, ...] = ()
    judge: IntArray | None = None

    @classmethod
    def from_codes(
        cls,
        winners: Sequence[str],
        losers: Sequence[str],
        judges: Sequence[str] | None = None,
        scripts: Sequence[str] = (),
    ) -> "Comparisons":
        """Index scripts by code in order of first appearance (`scripts` first, if given)."""
        index: dict[str, int] = {}
        for code in scripts:
            index.setdefault(code, len(index))
        winner = np.fromiter((index.setdefault(c, len(index)) for c in winners), np.int64)
        loser = np.fromiter((index.setdefault(c, len(index)) for c in losers), np.int64)
        judge_index: dict[str, int] = {}
        judge = None
        if judges is not None:
            judge = np.fromiter(
                (judge_index.setdefault(j, len(judge_index)) for j in judges), np.int64
            )
        return cls(tuple(index), winner, loser, tuple(judge_index), judge)

    @property
    def n_scripts(self) -> int:
        return len(self.scripts)

    def subset(self, keep: NDArray[np.bool_]) -> "Comparisons":
        """Only the comparisons where `keep` is true (scripts and judges keep their indices)."""
        judge = self.judge[keep] if self.judge is not None else None
        return Comparisons(self.scripts, self.winner[keep], self.loser[keep], self.judges, judge)


@dataclass(frozen=True)
class Fit:
    """θ and its standard error per script (in `Comparisons.scripts` order).

    `theta` is +inf for a script above the scale (it beat every script it could be linked to),
    -inf below it, and nan when it is neither (linked only sideways); `se` is nan for these.
    """

    theta: FloatArray
    se: FloatArray
    iterations: int
    log_likelihood: float
    exact_se: bool
    prior_sd: float | None
    anchored: NDArray[np.bool_]

    @property
    def bounded(self) -> NDArray[np.bool_]:
        return np.isfinite(self.theta)

    @property
    def unbounded(self) -> IntArray:
        return np.flatnonzero(~self.bounded)


def components(n: int, a: IntArray, b: IntArray) -> tuple[int, IntArray]:
    """Connected components of the undirected comparison graph: (count, label per script)."""
    graph = sparse.coo_matrix((np.ones(len(a)), (a, b)), shape=(n, n)).tocsr()
    count, labels = csgraph.connected_components(graph, directed=False)
    return int(count), labels.astype(np.int64)


def _bounded_set(
    n: int, winner: IntArray, loser: IntArray, anchors: Mapping[int, float]
) -> tuple[NDArray[np.bool_], FloatArray]:
    """Scripts with a finite estimate, and ±inf/nan for the others (see Fit)."""
    beats = sparse.coo_matrix((np.ones(len(winner)), (loser, winner)), shape=(n, n)).tocsr()
    _, labels = csgraph.connected_components(beats, directed=True, connection="strong")
    if anchors:
        bounded = np.isin(labels, labels[list(anchors)])
    else:
        bounded = labels == np.bincount(labels).argmax()
    placed = np.full(n, np.nan)
    placed[bounded] = 0.0
    if bounded.all():
        return bounded, placed
    # Above: reachable from the bounded set along loser→winner links; below: the reverse.
    for graph, value in ((beats, np.inf), (beats.T.tocsr(), -np.inf)):
        source = sparse.coo_matrix(
            (
                np.ones(int(bounded.sum())),
                (np.full(int(bounded.sum()), n), np.flatnonzero(bounded)),
            ),
            shape=(n + 1, n + 1),
        )
        grown = sparse.block_diag([graph, sparse.csr_matrix((1, 1))]).tocsr() + source.tocsr()
        reached = csgraph.breadth_first_order(grown, n, directed=True, return_predecessors=False)
        reached = reached[(reached < n)]
        mark = np.zeros(n, dtype=bool)
        mark[reached] = True
        placed[mark & ~bounded] = value
    return bounded, placed


class _Laplacian:
    """The weighted Laplacian of a fixed comparison graph, rebuilt cheaply for new weights."""

    def __init__(self, n: int, a: IntArray, b: IntArray) -> None:
        self.n, self.a, self.b = n, a, b
        keys = np.concatenate([a * n + b, b * n + a])
        unique, self.slot = np.unique(keys, return_inverse=True)
        rows, cols = unique // n, unique % n
        self.indptr = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=n))])
        self.indices = cols
        self.nnz = len(unique)

    def matrix(self, weights: FloatArray, extra_diagonal: FloatArray) -> sparse.csr_matrix:
        off = -np.bincount(
            self.slot, weights=np.concatenate([weights, weights]), minlength=self.nnz
        )
        offdiag = sparse.csr_matrix((off, self.indices, self.indptr), shape=(self.n, self.n))
        diagonal = (
            np.bincount(self.a, weights=weights, minlength=self.n)
            + np.bincount(self.b, weights=weights, minlength=self.n)
            + extra_diagonal
        )
        return (offdiag + sparse.diags(diagonal)).tocsr()


def _log_likelihood(theta: FloatArray, a: IntArray, b: IntArray, precision: float) -> float:
    return float(log_expit(theta[a] - theta[b]).sum() - 0.5 * precision * (theta @ theta))


def _solve(h: sparse.csr_matrix, rhs: FloatArray, centred: bool, rtol: float) -> FloatArray:
    """Solve h x = rhs by preconditioned CG; `centred`: h is a Laplacian, solve on mean 0."""
    diagonal = h.diagonal() + (1.0 / len(rhs) if centred else 0.0)
    if centred:
        operator = LinearOperator(h.shape, matvec=lambda x: h @ x + x.mean(), dtype=np.float64)
    else:
        operator = LinearOperator(h.shape, matvec=lambda x: h @ x, dtype=np.float64)
    preconditioner = LinearOperator(h.shape, matvec=lambda x: x / diagonal, dtype=np.float64)
    solution, _ = cg(operator, rhs, rtol=rtol, atol=0.0, maxiter=2000, M=preconditioner)
    return np.asarray(solution, dtype=np.float64)


def _standard_errors(h: sparse.csr_matrix, centred: bool) -> tuple[FloatArray, bool]:
    """sqrt of the diagonal of the inverse information (the pseudo-inverse under mean 0).

    Exact up to EXACT_SE_LIMIT scripts. Beyond, the inverse's diagonal is summed along the
    walks that return to each script in up to two steps (Neumann series of D⁻¹A): for the
    sparse random designs comparative judgement uses, longer returns add under 1% (see
    docs/decisions.md and test_fit.py, which checks it against the exact inverse).
    """
    n = h.shape[0]
    if n <= EXACT_SE_LIMIT:
        dense = h.toarray()
        if centred:
            dense += 1.0 / n
        inverse = np.linalg.inv(dense)
        variance = np.diag(inverse) - (1.0 / n if centred else 0.0)
        return np.sqrt(np.maximum(variance, 0.0)), True
    diagonal = h.diagonal()
    walk = sparse.diags(1.0 / diagonal) @ (sparse.diags(diagonal) - h)  # D⁻¹A
    two_step = np.asarray(walk.multiply(walk.T).sum(axis=1)).ravel()  # Σj (D⁻¹A)ij (D⁻¹A)ji
    return np.sqrt((1.0 + two_step) / diagonal), False


def fit_bradley_terry(
    comparisons: Comparisons,
    *,
    anchors: Mapping[int, float] | None = None,
    prior_sd: float | None = None,
    tolerance: float = 1e-8,
    max_iterations: int = 100,
) -> Fit:
    """Maximum-likelihood (with `prior_sd`: maximum a posteriori) θ for every script.

    `anchors` maps script index → fixed θ. Raises FitError for a disconnected graph.
    """
    n = comparisons.n_scripts
    anchors = dict(anchors or {})
    winner, loser = comparisons.winner, comparisons.loser
    if n < 2 or len(winner) == 0:
        raise FitError("there are no comparisons to fit")
    if np.any(winner == loser):
        raise FitError("a script cannot be compared with itself")
    if prior_sd is not None and not prior_sd > 0:
        raise FitError("the prior SD must be positive")
    count, labels = components(n, winner, loser)
    if count > 1:
        sizes = np.bincount(labels)
        raise FitError(
            f"the comparison graph is not connected: {count} separate groups of scripts "
            f"(sizes {', '.join(str(s) for s in sorted(sizes, reverse=True)[:5])}"
            f"{', …' if count > 5 else ''}), so their scales cannot be linked"
        )
    if prior_sd is None:
        bounded, placed = _bounded_set(n, winner, loser, anchors)
    else:
        bounded, placed = np.ones(n, dtype=bool), np.zeros(n)
    keep = bounded[winner] & bounded[loser]
    index = np.cumsum(bounded) - 1
    a, b = index[winner[keep]], index[loser[keep]]
    m = int(bounded.sum())
    anchored_local = np.zeros(m, dtype=bool)
    theta = np.zeros(m)
    for script, value in anchors.items():
        if bounded[script]:
            anchored_local[index[script]] = True
            theta[index[script]] = value
    free = ~anchored_local
    if anchored_local.any():
        theta[free] = float(np.mean([v for s, v in anchors.items() if bounded[s]]))
    precision = 0.0 if prior_sd is None else 1.0 / prior_sd**2
    centred = prior_sd is None and not anchored_local.any()
    laplacian = _Laplacian(m, a, b)
    free_index = np.flatnonzero(free)
    log_likelihood = _log_likelihood(theta, a, b, precision)
    iterations = 0
    for iterations in range(1, max_iterations + 1):  # noqa: B007 - the count is reported
        p = expit(theta[a] - theta[b])
        residual = 1.0 - p
        gradient = (
            np.bincount(a, weights=residual, minlength=m)
            - np.bincount(b, weights=residual, minlength=m)
            - precision * theta
        )[free]
        size = float(np.abs(gradient).max()) if len(gradient) else 0.0
        if size < tolerance:
            break
        h = laplacian.matrix(p * residual, np.full(m, precision))[free_index][:, free_index]
        step = np.zeros(m)
        step[free] = _solve(h, gradient, centred, rtol=max(1e-12, min(1e-2, size)))
        # Newton with step halving: the log-likelihood must never go down.
        scale = 1.0
        while True:
            candidate = theta + scale * step
            value = _log_likelihood(candidate, a, b, precision)
            if value >= log_likelihood - 1e-12 * max(1.0, abs(log_likelihood)) or scale < 1e-6:
                break
            scale /= 2
        theta, log_likelihood = candidate, value
    p = expit(theta[a] - theta[b])
    h = laplacian.matrix(p * (1 - p), np.full(m, precision))[free_index][:, free_index]
    se_free, exact = _standard_errors(h.tocsr(), centred)
    if centred:
        theta -= theta.mean()
    se_local = np.zeros(m)
    se_local[free] = se_free
    full_theta, full_se = placed.copy(), np.full(n, np.nan)
    full_theta[bounded], full_se[bounded] = theta, se_local
    anchored = np.zeros(n, dtype=bool)
    anchored[np.flatnonzero(bounded)[anchored_local]] = True
    return Fit(
        theta=full_theta,
        se=full_se,
        iterations=iterations,
        log_likelihood=log_likelihood,
        exact_se=exact,
        prior_sd=prior_sd,
        anchored=anchored,
    )
