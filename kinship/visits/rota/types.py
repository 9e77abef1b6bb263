"""The rota's vocabulary: schools, staff, pins, problems, visits and plans, and how a visit scores.

Every other module of the package speaks in these frozen dataclasses, so they live apart from
the code that reads, models, solves and checks them; rank_of, points_for and weights are here
because the model, the starting plan and the checks must all score a visit the same way.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

MAX_PREFERENCES = 3
OptionalDate = date | None  # a named alias: fields called date hide the class in their own body


class RotaError(ValueError):
    """A problem that cannot be read or planned; the message is one line for a person."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))  # ids from a file may hold line breaks


@dataclass(frozen=True)
class School:
    """A school: the dates it may take INSET on, how many it takes, visitors it can host a day."""

    id: str
    inset_candidates: tuple[date, ...]
    inset_days: int
    host_capacity: int
    closed: frozenset[date] = frozenset()  # other days without pupils: it cannot host then


@dataclass(frozen=True)
class Staff:
    """A member of staff who may visit, with the schools they would like, best first."""

    id: str
    school: str
    preferences: tuple[str, ...] = ()


@dataclass(frozen=True)
class InsetPin:
    """INSET days a school has already fixed: all of its days, or some of them."""

    school: str
    dates: tuple[date, ...]


@dataclass(frozen=True)
class VisitPin:
    """A visit already agreed: this person goes to this host, on this date if given."""

    staff: str
    host: str
    date: OptionalDate = None


@dataclass(frozen=True)
class Pins:
    inset: tuple[InsetPin, ...] = ()
    visits: tuple[VisitPin, ...] = ()


Pin = InsetPin | VisitPin


class PinConflict(RotaError):
    """Pins that cannot all hold: `pins` is a smallest set of them that clashes, so a page can
    point at exactly those and none is dropped without the coordinator knowing."""

    def __init__(self, message: str, pins: Sequence[Pin]) -> None:
        super().__init__(message)
        self.pins = tuple(pins)


@dataclass(frozen=True)
class SolveProgress:
    """How the search is going, for a progress bar: the best plan found so far and how far it
    may be from the best possible. stage is "searching", then "pins" while clashing pins are
    looked for (when no plan can hold them all), or "balancing" once the first search is
    over, for the fewest changes to a published plan and the fairest hosting."""

    elapsed_s: float
    placed: int
    points: int
    busiest: int
    gap: float
    stage: str = "searching"


@dataclass(frozen=True)
class SchoolDates:
    """Some dates of one school: its published INSET days, or those that may move."""

    school: str
    dates: tuple[date, ...]


@dataclass(frozen=True)
class PublishedVisit:
    staff: str
    host: str
    date: date


@dataclass(frozen=True)
class Published:
    """The plan schools have already told parents about: a new plan changes as little of it
    as it can without placing fewer people, giving fewer their choices or crowding a host."""

    inset: tuple[SchoolDates, ...] = ()
    visits: tuple[PublishedVisit, ...] = ()


@dataclass(frozen=True)
class Problem:
    schools: tuple[School, ...]
    staff: tuple[Staff, ...]
    allow_unlisted: bool = True  # may a person go to a school they did not list?
    time_limit_s: float = 30.0
    pins: Pins = field(default_factory=Pins)
    published: Published | None = None
    reschedulable: tuple[SchoolDates, ...] = ()  # reported back; the plan does not use it


@dataclass(frozen=True)
class InsetChange:
    school: str
    removed: tuple[date, ...]
    added: tuple[date, ...]


@dataclass(frozen=True)
class VisitChange:
    """change is "moved", "new" or "cancelled"; before and after are (host, date) or None."""

    staff: str
    change: str
    before: tuple[str, date] | None
    after: tuple[str, date] | None


@dataclass(frozen=True)
class Changes:
    """What a plan changes of the published one; empty when nothing was published."""

    inset: tuple[InsetChange, ...] = ()
    visits: tuple[VisitChange, ...] = ()


@dataclass(frozen=True)
class Visit:
    staff: str
    host: str
    date: date
    rank: int | None  # 1 to 3 for a listed school, None for one they did not list


@dataclass(frozen=True)
class Plan:
    """The chosen INSET days and visits, the scores, and why people missed their first choice.

    optimal says the solver proved nothing better exists; gap is how far the weighted score
    (placed, then points, then the busiest host-day) may be from the best, as a fraction.
    given counts each school's staff placed, received the visitors it hosts. changes says
    what it changes of the problem's published plan. balance_optimal says the solver proved
    no plan as good on everything before (and as stable) has a smaller imbalance.
    """

    inset: dict[str, tuple[date, ...]]
    visits: tuple[Visit, ...]
    unplaced: tuple[str, ...]
    placed: int
    points: int
    max_hosted_per_day: int
    optimal: bool
    gap: float
    explanations: tuple[str, ...]
    given: dict[str, int]
    received: dict[str, int]
    changes: Changes = field(default_factory=Changes)
    reschedulable: tuple[SchoolDates, ...] = ()
    balance_optimal: bool = False

    @property
    def balance(self) -> dict[str, int]:
        """Each school's visits given less those received: above 0, it sends more."""
        return {school: self.given[school] - self.received.get(school, 0) for school in self.given}

    @property
    def imbalance(self) -> int:
        """The sum over schools of |given - received|, which the plan keeps as low as it can
        after everything else (see rota.balance)."""
        return sum(abs(difference) for difference in self.balance.values())


def rank_of(preferences: Sequence[str], host: str) -> int | None:
    """1 for a first choice, 2 and 3 for the next, None for a school not listed."""
    return preferences.index(host) + 1 if host in preferences else None


def points_for(rank: int | None) -> int:
    """3 for a first choice, 2 for a second, 1 for a third, 0 for a school not listed."""
    return 0 if rank is None else MAX_PREFERENCES + 1 - rank


def weights(staff_count: int) -> tuple[int, int]:
    """Weights on placed and points so each level outweighs everything below it."""
    points_weight = staff_count + 1  # the busiest host-day takes at most every visitor
    return 3 * staff_count * points_weight + points_weight, points_weight
