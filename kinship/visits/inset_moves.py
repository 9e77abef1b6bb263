"""Moving INSET days, never adding them: how a school's year takes the days a visit plan gives
it while keeping its count of INSET days and pupil days (5 and 190 in England).

Pure Python (no Django), so it can be checked on its own. A day the plan gives that is an
INSET day already costs nothing. Any other day first fills a day still to be decided (a
year with fewer INSET days than schools take), then replaces one of the school's own INSET
days that its lead said may move: the one nearest in date, so each term keeps its length.
That day becomes a pupil day again.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from kinship.core.dates import uk_date
from kinship.schools.term_dates import EXPECTED_INSET_DAYS, Closure, ClosureKind, TermYear


@dataclass(frozen=True)
class InsetMoves:
    added: tuple[date, ...]  # the plan's days that become INSET days
    moved: tuple[tuple[date, date], ...]  # (own INSET day that becomes a pupil day, new day)
    filled: tuple[date, ...]  # plan's days that fill INSET days still to be decided
    problem: str = ""  # why the year cannot take the plan's days without adding any

    @property
    def moved_days(self) -> list[date]:
        return sorted(old for old, _new in self.moved)

    def describe(self) -> list[str]:
        """Each change in words: "Wed 21 Jan 2032 moves to Tue 2 Mar 2032"."""
        lines = [f"{uk_date(old)} moves to {uk_date(new)}" for old, new in self.moved]
        lines += [
            f"{uk_date(day)} is one of the INSET days still to be decided" for day in self.filled
        ]
        return lines


def with_moves(year: TermYear, moves: InsetMoves) -> TermYear:
    """The year once the moves are made: the plan's days on, the moved days off."""
    moved = set(moves.moved_days)
    kept = tuple(closure for closure in year.closures if closure.date not in moved)
    return replace(year, closures=kept + tuple(Closure(d, ClosureKind.INSET) for d in moves.added))


def own_inset_days(year: TermYear) -> list[date]:
    """The year's INSET days that take a pupil day (those a plan could move), in order."""
    return sorted(
        c.date
        for c in year.closures
        if c.kind is ClosureKind.INSET
        and c.date.weekday() < 5
        and any(h.start <= c.date <= h.end for h in year.half_terms)
    )


def plan_moves(
    year: TermYear,
    wanted: Iterable[date],
    reschedulable: Sequence[date],
    *,
    after: date,
    name: str = "The school",
) -> InsetMoves:
    """Which of `reschedulable` (the school's own INSET days its lead lets move) give way to
    the `wanted` days; only days after `after` (today) may move."""
    wanted_days = set(wanted)
    inset = set(own_inset_days(year))
    added = tuple(sorted(day for day in wanted_days if day not in inset))
    undecided = max(0, EXPECTED_INSET_DAYS - len(inset))
    filled, replacing = added[:undecided], added[undecided:]
    movable = sorted(
        {day for day in reschedulable if day in inset and day not in wanted_days and day > after}
    )
    if len(movable) < len(replacing):
        return InsetMoves(
            added, (), filled,
            f"{name} would need {_days(len(replacing))} of its own to move to take the "
            f"plan's, and its lead has let {len(movable) or 'none'} move: its lead chooses "
            "which on the school's part of the plan.",
        )  # fmt: skip
    moved: list[tuple[date, date]] = []
    for day in replacing:
        nearest = min(movable, key=lambda own: (abs((own - day).days), own))
        movable.remove(nearest)
        moved.append((nearest, day))
    return InsetMoves(added, tuple(sorted(moved)), filled)


def _days(count: int) -> str:
    return "1 INSET day" if count == 1 else f"{count} INSET days"
