"""Grade boundaries on the scale, the chance a school grade is wrong, and school bias."""

import numpy as np

from kinship.moderation.judgement import (
    grade_boundaries,
    grade_probabilities,
    misgrade_probability,
    school_bias,
)


def graded_scale(seed: int = 3, n: int = 600):
    rng = np.random.default_rng(seed)
    theta = rng.normal(0, 1.5, n)
    # The family's consensus: WTS below -1, GDS above +1.2, with some noise near each.
    noisy = theta + rng.normal(0, 0.3, n)
    consensus = np.digitize(noisy, [-1.0, 1.2])
    return theta, consensus, rng


def test_boundaries_are_found_where_the_consensus_changes_grade() -> None:
    theta, consensus, _ = graded_scale()
    lower, upper = grade_boundaries(theta, consensus, 3)
    assert lower is not None and upper is not None
    assert abs(lower.position + 1.0) < 3 * lower.se + 0.05
    assert abs(upper.position - 1.2) < 3 * upper.se + 0.05
    assert lower.se < 0.2 and lower.slope > 2


def test_a_boundary_needs_scripts_on_both_sides() -> None:
    theta = np.array([-1.0, 0.0, 1.0])
    assert grade_boundaries(theta, np.array([0, 0, 0]), 3) == [None, None]


def test_misgrade_probability_is_high_far_from_the_band_and_low_inside_it() -> None:
    theta, consensus, _ = graded_scale()
    boundaries = grade_boundaries(theta, consensus, 3)
    scripts = np.array([-3.0, 0.1, 3.0])
    se = np.array([0.3, 0.3, 0.3])
    wrong = misgrade_probability(scripts, se, boundaries, np.array([2, 1, 2]))
    assert wrong[0] > 0.99 and wrong[1] < 0.05 and wrong[2] < 0.01
    probabilities = grade_probabilities(scripts, se, boundaries)
    assert np.allclose(probabilities.sum(axis=1), 1.0)
    assert np.isnan(misgrade_probability(np.array([np.inf]), se[:1], boundaries, np.array([1])))[0]


def test_a_generous_school_is_shown_above_zero_and_a_fair_one_near_it() -> None:
    theta, consensus, rng = graded_scale()
    boundaries = grade_boundaries(theta, consensus, 3)
    school = rng.integers(0, 2, len(theta))
    # School 0 grades like the family; school 1 awards EXS and GDS 0.8 logits too early.
    own = np.where(school == 1, np.digitize(theta, [-1.8, 0.4]), consensus)
    shifts = {
        (s.school, s.lower): s
        for s in school_bias(theta, school, ["Fair", "Kind"], own, boundaries)
    }
    for lower in (0, 1):
        fair, kind = shifts[("Fair", lower)], shifts[("Kind", lower)]
        assert fair.low < 0 < fair.high
        assert kind.low > 0.3 and abs(kind.shift - 0.8) < 0.3
