"""Agreement statistics against published and hand-worked results."""

import numpy as np
import pytest

from kinship.moderation.agreement import (
    OWN,
    Grade,
    agreement_estimate,
    analyse_grades,
    cohen_kappa,
    fleiss_kappa,
    kappa_estimate,
    krippendorff_alpha,
    lower_median,
)


def test_cohens_kappa_of_the_two_readers_of_fifty_proposals() -> None:
    # Both say yes to 20, only A to 5, only B to 10, both no to 15 (the textbook example):
    # observed agreement (20 + 15) / 50 = 0.7; by chance 0.5·0.6 + 0.5·0.4 = 0.5; so
    # kappa = (0.7 − 0.5) / (1 − 0.5) = 0.4.
    a = [1] * 20 + [1] * 5 + [0] * 10 + [0] * 15
    b = [1] * 20 + [0] * 5 + [1] * 10 + [0] * 15
    assert cohen_kappa(a, b, 2) == pytest.approx(0.4)


def test_weighted_kappa_worked_by_hand() -> None:
    # A: 0 0 1 1 2 2; B: 0 1 1 2 2 2. Observed cells (0,0) (0,1) (1,1) (1,2) (2,2)×2.
    # Unweighted: observed 4/6, chance (2·1 + 2·2 + 2·3)/36 = 1/3, kappa = (2/3 − 1/3)/(2/3) = 0.5.
    # Quadratic weights (i − j)²/4: Σ w·O = 0.25 + 0.25 = 0.5; expected cells are
    # rowA·colB/6 = [1/3, 2/3, 1] in every row, Σ w·E = 2.0; kappa = 1 − 0.5/2 = 0.75.
    a, b = [0, 0, 1, 1, 2, 2], [0, 1, 1, 2, 2, 2]
    assert cohen_kappa(a, b, 3) == pytest.approx(0.5)
    assert cohen_kappa(a, b, 3, "quadratic") == pytest.approx(0.75)


def test_fleiss_kappa_of_fourteen_raters_and_ten_subjects() -> None:
    # Fleiss' worked example (as in Wikipedia's "Fleiss' kappa"): P̄ = 0.378, P̄e = 0.213,
    # kappa = 0.210.
    counts = np.array(
        [
            [0, 0, 0, 0, 14],
            [0, 2, 6, 4, 2],
            [0, 0, 3, 5, 6],
            [0, 3, 9, 2, 0],
            [2, 2, 8, 1, 1],
            [7, 7, 0, 0, 0],
            [3, 2, 6, 3, 0],
            [2, 5, 3, 2, 2],
            [6, 5, 2, 1, 0],
            [0, 2, 2, 3, 7],
        ]
    )
    assert round(fleiss_kappa(counts), 3) == 0.210


def test_krippendorffs_alpha_of_his_own_example_with_missing_values() -> None:
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four
    # observers, twelve units, values 1-5 with gaps; nominal 0.743, ordinal 0.815,
    # interval 0.849.
    observers = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
        [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
    ]
    counts = np.zeros((12, 5))
    for row in observers:
        for unit, value in enumerate(row):
            if value is not None:
                counts[unit, value - 1] += 1
    assert round(krippendorff_alpha(counts, "nominal"), 3) == 0.743
    assert round(krippendorff_alpha(counts, "ordinal"), 3) == 0.815
    assert round(krippendorff_alpha(counts, "interval"), 3) == 0.849


def test_bootstrap_intervals_hold_the_value_and_narrow_with_more_scripts() -> None:
    rng = np.random.default_rng(0)
    truth = rng.integers(0, 3, 400)
    noisy = np.clip(truth + rng.choice([-1, 0, 0, 0, 1], 400), 0, 2)
    small = kappa_estimate(truth[:40], noisy[:40], 3, "quadratic", samples=500, seed=1)
    large = kappa_estimate(truth, noisy, 3, "quadratic", samples=500, seed=1)
    assert small.low <= small.value <= small.high and large.low <= large.value <= large.high
    assert large.high - large.low < small.high - small.low
    exact = agreement_estimate(truth, noisy, within=0, samples=500, seed=1)
    assert exact.value == pytest.approx(np.mean(truth == noisy))


def test_consensus_is_the_lower_median() -> None:
    assert lower_median([2, 1]) == 1
    assert lower_median([0, 2, 2]) == 2
    assert lower_median([0, 1, 1, 2]) == 1


def test_a_rounds_grades_give_the_confusion_matrix_and_every_figure() -> None:
    rows = [
        # script, school, (own, judge grades)
        ("S1", "Ashworth", 1, {"amy": 1, "ben": 1}),
        ("S2", "Ashworth", 2, {"amy": 1, "cat": 1}),
        ("S3", "Brookfield", 0, {"ben": 0, "cat": 1}),
        ("S4", "Brookfield", 1, {"amy": 2, "cat": 2}),
    ]
    grades = []
    for script, school, own, external in rows:
        grades.append(Grade(script, school, OWN, own))
        grades += [Grade(script, school, judge, g) for judge, g in external.items()]
    report = analyse_grades(grades, ["WTS", "EXS", "GDS"], samples=200)
    assert report.consensus == {"S1": 1, "S2": 1, "S3": 0, "S4": 2}
    assert report.confusion == [[1, 0, 0], [0, 1, 1], [0, 1, 0]]
    assert report.school_exact.value == pytest.approx(0.5)
    assert report.judges_exact.value == pytest.approx(0.75)  # 3 of the 4 pairs agree
    assert {j.judge: j.scripts for j in report.per_judge} == {"amy": 3, "ben": 2, "cat": 3}
    ashworth_exs = next(s for s in report.per_school if s.school == "Ashworth" and s.lower == 1)
    assert ashworth_exs.difference.value == pytest.approx(0.5)  # S2 given GDS, consensus EXS
