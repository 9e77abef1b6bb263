"""The plain data the matcher takes and returns.

Ids are text (a participant's id in Kinship, or whatever a JSON file names them); schools
are URNs. Nothing here imports Django.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class MatchingError(ValueError):
    """The problem is malformed or cannot be solved; the message says why, in one line."""


@dataclass(frozen=True)
class SchoolContext:
    """What GIAS says about a school, as far as matching uses it."""

    urn: int
    phase: str = ""
    pupils: int | None = None
    fsm_percent: float | None = None
    urban_rural: str = ""
    trust: str = ""
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True)
class Mentee:
    """A head to be coached. `tags` are their priorities (what they need help with);
    `share_context`: whether their school's figures may count towards the match."""

    id: str
    school: int
    vision: str = ""
    tags: tuple[str, ...] = ()
    share_context: bool = True


@dataclass(frozen=True)
class Coach:
    """An experienced head offering to coach up to `capacity` heads; `tags`: expertise."""

    id: str
    school: int
    vision: str = ""
    tags: tuple[str, ...] = ()
    capacity: int = 1
    share_context: bool = True


class Objective(StrEnum):
    # As many heads as possible get a coach; among those plans, the highest total score.
    MOST_MATCHED = "most_matched"
    # The highest total score, even if that leaves someone without a coach.
    TOTAL_SCORE = "total_score"


@dataclass(frozen=True)
class Weights:
    """How much each part of a match counts; the parts are each between 0 and 1."""

    vision: float = 0.35
    needs: float = 0.35
    context: float = 0.15
    distance: float = 0.15
    # Closeness falls to half at this distance: a visit across a county is still possible.
    half_distance_km: float = 25.0

    def total(self) -> float:
        return self.vision + self.needs + self.context + self.distance


@dataclass(frozen=True)
class Problem:
    """Everything one matching run needs.

    `exclusions`: (mentee, coach) pairs that must not be made (declared conflicts, pairs
    declined earlier). `line_managers`: (mentee, coach) pairs where the coach manages the
    head, excluded when `avoid_line_managers`. `avoid_same_trust`: never pair two schools of
    one trust. `scores`, when given, replaces the built-in scoring and any pair it leaves out
    is not allowed. `fixed`: pairs already agreed (locked or published): kept as they are,
    using up their coach's capacity.
    """

    mentees: tuple[Mentee, ...]
    coaches: tuple[Coach, ...]
    schools: Mapping[int, SchoolContext] = field(default_factory=dict)
    exclusions: frozenset[tuple[str, str]] = frozenset()
    line_managers: frozenset[tuple[str, str]] = frozenset()
    avoid_line_managers: bool = True
    avoid_same_trust: bool = False
    scores: Mapping[tuple[str, str], float] | None = None
    fixed: tuple[tuple[str, str], ...] = ()
    weights: Weights = field(default_factory=Weights)
    objective: Objective = Objective.MOST_MATCHED


@dataclass(frozen=True)
class Proposal:
    """A proposed pair, its score and why. `parts` are the score's parts (name, points) and
    add up to `score`; `reasons` say the same in words, largest part first."""

    mentee: str
    coach: str
    score: float
    reasons: tuple[str, ...]
    parts: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class Result:
    pairs: tuple[Proposal, ...]
    unmatched: tuple[str, ...]
    total: float
