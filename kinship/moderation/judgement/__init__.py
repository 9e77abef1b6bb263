"""Comparative judgement, pure NumPy/SciPy: pair scheduling, the Bradley–Terry fit and its
reliability, grade boundaries on the scale and each school's shift at each boundary."""

from kinship.moderation.judgement.fit import (
    EXACT_SE_LIMIT,
    Comparisons,
    Fit,
    FitError,
    fit_bradley_terry,
)
from kinship.moderation.judgement.grading import (
    Boundary,
    SchoolShift,
    grade_boundaries,
    grade_probabilities,
    misgrade_probability,
    school_bias,
)
from kinship.moderation.judgement.reliability import (
    JudgeFit,
    SplitHalf,
    judge_misfit,
    scale_separation_reliability,
    script_infit,
    split_half_reliability,
)
from kinship.moderation.judgement.scheduling import (
    Judge,
    Pair,
    ScheduleError,
    Script,
    schedule_boundary_pairs,
    schedule_pairs,
)

__all__ = [
    "EXACT_SE_LIMIT",
    "Boundary",
    "Comparisons",
    "Fit",
    "FitError",
    "Judge",
    "JudgeFit",
    "Pair",
    "ScheduleError",
    "SchoolShift",
    "Script",
    "SplitHalf",
    "fit_bradley_terry",
    "grade_boundaries",
    "grade_probabilities",
    "judge_misfit",
    "misgrade_probability",
    "scale_separation_reliability",
    "schedule_boundary_pairs",
    "schedule_pairs",
    "school_bias",
    "script_infit",
    "split_half_reliability",
]
