"""Is a pair keeping its rhythm? Meetings held against the half-terms that have passed.

Pure Python with no Django import. Half-terms come from the head's school's term dates;
a school without them gets seven-week blocks from the pair's start instead, and the result
says so. Each window runs from the start of one (group of) half-term(s) to the start of the
next, so a meeting in the holiday counts towards the half-term just ended.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

SEVEN_WEEKS = timedelta(weeks=7)


@dataclass(frozen=True)
class PairRhythm:
    expected: int  # windows begun so far: the meetings the rhythm asks for by today
    held: int  # meetings held since the pair began
    last_meeting: date | None
    at_risk: bool  # the last window that has ended passed without a meeting
    from_term_dates: bool  # False: seven-week blocks stood in for half-terms


def _window_starts(
    half_terms: Sequence[tuple[date, date]], start: date, today: date, every: int
) -> tuple[list[date], date | None, bool]:
    """The start of each window from the pair's start, and when the last one closes."""
    terms = sorted(term for term in half_terms if term[1] >= start)
    if not terms:
        blocks = []
        moment = start
        while moment <= today:
            blocks.append(moment)
            moment += SEVEN_WEEKS
        return blocks, None, False
    grouped = [terms[index : index + every] for index in range(0, len(terms), every)]
    starts = [min(group[0][0], start) if n == 0 else group[0][0] for n, group in enumerate(grouped)]
    return starts, grouped[-1][-1][1], True


def pair_rhythm(
    *,
    half_terms: Sequence[tuple[date, date]],
    meetings: Sequence[date],
    start: date,
    today: date,
    every: int = 1,
) -> PairRhythm:
    """`half_terms`: (first day, last day) of the head's school's half-terms; `meetings`:
    days meetings were held; `start`: when the pair began; `every`: half-terms allowed
    between meetings (1 for every half-term, 2 for every term)."""
    starts, last_close, from_terms = _window_starts(half_terms, start, today, max(every, 1))
    # The half-term a pair began in counts whole: a meeting in it counts, even before the
    # day the pair was published (a coordinator who publishes late in the half-term).
    opening = starts[0] if starts else start
    held_days = sorted(day for day in meetings if opening <= day <= today)
    begun = [moment for moment in starts if moment <= today]
    closes = [*starts[1:], (last_close + timedelta(days=1)) if last_close else None]
    if not from_terms:
        closes = [moment + SEVEN_WEEKS for moment in starts]
    ended = [
        (opening, closing)
        for opening, closing in zip(starts, closes, strict=True)
        if closing is not None and closing <= today
    ]
    at_risk = False
    if ended:
        window_open, window_close = ended[-1]
        at_risk = not any(window_open <= day < window_close for day in held_days)
    return PairRhythm(
        expected=len(begun),
        held=len(held_days),
        last_meeting=held_days[-1] if held_days else None,
        at_risk=at_risk,
        from_term_dates=from_terms,
    )
