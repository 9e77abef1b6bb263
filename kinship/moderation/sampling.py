"""How many scripts a school should send: at least 5, or 15% of the year group, with more
drawn from near the grade boundaries, where schools' judgements differ most. Pure Python."""

import math
from dataclasses import dataclass

MINIMUM = 5
SHARE = 0.15
NEAR_BOUNDARY_SHARE = 0.4  # of the sample, scripts just either side of a boundary


@dataclass(frozen=True)
class Suggestion:
    total: int
    near_boundaries: int  # how many of them should be borderline
    extra: int  # asked for on top by the coordinator


def suggested_sample(cohort: int | None, extra: int = 0) -> Suggestion:
    """`cohort`: pupils in the year group (None when not given); `extra`: the coordinator's
    widening for a disputed standard, all of it near the boundaries."""
    base = max(MINIMUM, math.ceil(SHARE * cohort)) if cohort else MINIMUM
    near = max(2, math.ceil(NEAR_BOUNDARY_SHARE * base)) + extra
    return Suggestion(total=base + extra, near_boundaries=min(near, base + extra), extra=extra)
