"""The Bradley–Terry fit against a published result, an independent computation of its
standard errors, and simulated data whose true values are known."""

import warnings

import numpy as np
import pytest

from kinship.moderation.judgement import (
    Comparisons,
    FitError,
    fit_bradley_terry,
    judge_misfit,
    scale_separation_reliability,
    script_infit,
    split_half_reliability,
)
from kinship.moderation.judgement import fit as fit_module

# The 1987 American League East, 13 games between each pair of teams: wins of the row team
# against the column team. Agresti, "Categorical Data Analysis" (2nd ed., Wiley 2002),
# section 10.6, fits Bradley–Terry by maximum likelihood and reports, with Baltimore at 0:
# Milwaukee 1.58, Detroit 1.44, Toronto 1.29, New York 1.25, Boston 1.11, Cleveland 0.68.
# (The same data ship with the R package BradleyTerry2 as `baseball`.)
TEAMS = ("Milwaukee", "Detroit", "Toronto", "New York", "Boston", "Cleveland", "Baltimore")
WINS = (
    (0, 7, 9, 7, 7, 9, 11),
    (6, 0, 7, 5, 11, 9, 9),
    (4, 6, 0, 7, 7, 8, 12),
    (6, 8, 6, 0, 6, 7, 10),
    (6, 2, 6, 7, 0, 7, 12),
    (4, 4, 5, 6, 6, 0, 6),
    (2, 4, 1, 3, 1, 7, 0),
)
AGRESTI = (1.58, 1.44, 1.29, 1.25, 1.11, 0.68, 0.00)


def baseball() -> Comparisons:
    winners, losers = [], []
    for i, row in enumerate(WINS):
        for j, wins in enumerate(row):
            winners += [TEAMS[i]] * wins
            losers += [TEAMS[j]] * wins
    return Comparisons.from_codes(winners, losers, scripts=TEAMS)


def simulated(n: int, per_script: int, sd: float = 1.5, seed: int = 1, judges: int = 10):
    rng = np.random.default_rng(seed)
    true = rng.normal(0, sd, n)
    a = np.concatenate([rng.permutation(n) for _ in range(per_script // 2)])
    b = np.concatenate([np.roll(p, 1) for p in np.split(a, per_script // 2)])
    won = rng.random(len(a)) < 1 / (1 + np.exp(-(true[a] - true[b])))
    judge = rng.integers(0, judges, len(a))
    comparisons = Comparisons(
        tuple(f"S{i}" for i in range(n)),
        np.where(won, a, b),
        np.where(won, b, a),
        tuple(f"J{j}" for j in range(judges)),
        judge,
    )
    return comparisons, true


def test_it_reproduces_agrestis_baseball_estimates_to_two_decimals() -> None:
    fit = fit_bradley_terry(baseball(), anchors={TEAMS.index("Baltimore"): 0.0})
    assert np.round(fit.theta, 2).tolist() == list(AGRESTI)
    assert fit.se[-1] == 0.0 and fit.anchored[-1]


def test_without_anchors_the_mean_is_zero_and_differences_are_the_same() -> None:
    free = fit_bradley_terry(baseball())
    assert abs(free.theta.mean()) < 1e-12
    assert np.round(free.theta - free.theta[-1], 2).tolist() == list(AGRESTI)


def test_standard_errors_are_the_inverse_information_computed_independently() -> None:
    comparisons = baseball()
    fit = fit_bradley_terry(comparisons, anchors={6: 0.0})
    information = np.zeros((7, 7))
    for w, lost in zip(comparisons.winner, comparisons.loser, strict=True):
        p = 1 / (1 + np.exp(fit.theta[lost] - fit.theta[w]))
        information[[w, lost], [w, lost]] += p * (1 - p)
        information[w, lost] -= p * (1 - p)
        information[lost, w] -= p * (1 - p)
    expected = np.sqrt(np.diag(np.linalg.inv(information[:6, :6])))
    assert np.allclose(fit.se[:6], expected, atol=1e-8)


def test_a_script_that_won_everything_is_unbounded_not_a_number() -> None:
    # A beat everyone it met, D lost to everyone; only B and C beat each other.
    winners = ["A", "A", "B", "C", "B", "C"]
    losers = ["B", "C", "C", "B", "D", "D"]
    fit = fit_bradley_terry(Comparisons.from_codes(winners, losers))
    order = Comparisons.from_codes(winners, losers).scripts
    assert fit.theta[order.index("A")] == np.inf
    assert np.isfinite(fit.theta[[order.index(s) for s in "BC"]]).all()
    assert fit.theta[order.index("D")] == -np.inf
    assert np.isnan(fit.se[order.index("A")])
    finite = fit.bounded
    assert abs(fit.theta[finite].mean()) < 1e-12


def test_a_prior_places_every_script_with_mean_zero() -> None:
    winners = ["A", "A", "B", "C", "B", "D", "C"]
    losers = ["B", "C", "C", "B", "D", "C", "D"]
    comparisons = Comparisons.from_codes(winners, losers)
    fit = fit_bradley_terry(comparisons, prior_sd=1.5)
    assert fit.bounded.all()
    assert abs(fit.theta.mean()) < 1e-9
    assert fit.theta[0] == fit.theta.max() and fit.theta[3] == fit.theta.min()


def test_a_disconnected_comparison_graph_is_an_error() -> None:
    comparisons = Comparisons.from_codes(["A", "B", "C", "D"], ["B", "A", "D", "C"])
    with pytest.raises(FitError, match="not connected: 2 separate groups"):
        fit_bradley_terry(comparisons)


def test_ssr_matches_the_reliability_of_simulated_data() -> None:
    comparisons, true = simulated(1500, 20)
    fit = fit_bradley_terry(comparisons)
    use = fit.bounded
    reliability = np.corrcoef(fit.theta[use], true[use])[0, 1] ** 2
    assert abs(scale_separation_reliability(fit) - reliability) < 0.03
    split = split_half_reliability(comparisons, splits=3)
    assert split is not None and abs(split.reliability - reliability) < 0.03


def test_a_half_that_cannot_tell_its_scripts_apart_is_left_out_of_split_half() -> None:
    # Ann's decisions go round in a circle (every script equal); Ben's put A over B over C.
    comparisons = Comparisons.from_codes(
        ["A", "B", "C", "A", "B", "A"],
        ["B", "C", "A", "B", "C", "C"],
        judges=["ann", "ann", "ann", "ben", "ben", "ben"],
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no division by a zero spread
        assert split_half_reliability(comparisons, splits=4) is None


def test_large_rounds_use_two_step_standard_errors_within_one_percent(monkeypatch) -> None:
    comparisons, _ = simulated(1200, 20, seed=4)
    exact = fit_bradley_terry(comparisons)
    monkeypatch.setattr(fit_module, "EXACT_SE_LIMIT", 100)
    approximate = fit_bradley_terry(comparisons)
    assert exact.exact_se and not approximate.exact_se
    ratio = approximate.se[exact.bounded] / exact.se[exact.bounded]
    assert abs(ratio.mean() - 1) < 0.01 and ratio.min() > 0.9 and ratio.max() <= 1.0 + 1e-9


def test_a_judge_who_decides_against_the_scale_is_flagged() -> None:
    comparisons, true = simulated(300, 20, seed=7, judges=6)
    # Judge J0 picks the worse script every time.
    worse = (comparisons.judge == 0) & (true[comparisons.winner] > true[comparisons.loser])
    winner = np.where(worse, comparisons.loser, comparisons.winner)
    loser = np.where(worse, comparisons.winner, comparisons.loser)
    flipped = Comparisons(comparisons.scripts, winner, loser, comparisons.judges, comparisons.judge)
    fit = fit_bradley_terry(flipped)
    seconds = np.full(len(winner), 30.0)
    rows = judge_misfit(fit, flipped, seconds=seconds, chose_left=np.zeros(len(winner), bool))
    assert rows[0].judge == "J0" and rows[0].flagged and rows[0].infit > 1.3
    assert not any(row.flagged for row in rows[1:])
    assert rows[1].median_seconds == 30.0 and rows[1].left_share == 0.0
    infit = script_infit(fit, flipped)
    assert np.nanmean(infit) == pytest.approx(1.0, abs=0.25)
