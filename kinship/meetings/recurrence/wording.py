"""A rule in plain English, for organisers and invitations."""

import re
from collections.abc import Mapping
from datetime import date

from kinship.core.dates import uk_date
from kinship.meetings.recurrence.expansion import and_list
from kinship.meetings.recurrence.model import (
    ORDINALS,
    WEEKDAY_CODES,
    WEEKDAY_NAMES,
    NthWeekdayOfHalfTerm,
    Rule,
    one_line,
    rrule_parts,
)


def _every(interval: int, unit: str) -> str:
    return f"every {unit}" if interval == 1 else f"every {interval} {unit}s"


def _describe_rrule(parts: Mapping[str, str]) -> str | None:
    """Common DAILY, WEEKLY and MONTHLY rules in words; None for anything else."""
    if set(parts) - {"FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "COUNT", "UNTIL", "WKST"}:
        return None
    freq, interval = parts.get("FREQ"), int(parts.get("INTERVAL", "1"))
    days = [d for d in parts.get("BYDAY", "").split(",") if d]
    plain = all(d in WEEKDAY_CODES for d in days)
    names = [WEEKDAY_NAMES[WEEKDAY_CODES.index(d)] for d in days] if plain else []
    month_day = parts.get("BYMONTHDAY")
    text = None
    if freq == "DAILY" and not month_day:
        if not days:
            text = _every(interval, "day")
        elif interval == 1 and plain and sorted(days) == sorted(WEEKDAY_CODES[:5]):
            text = "every weekday"
        elif interval == 1 and plain:
            text = f"every {and_list(names)}"
    elif freq == "WEEKLY" and not month_day and plain:
        text = _every(interval, "week") + (f" on {and_list(names)}" if names else "")
    elif freq == "MONTHLY" and not (days and month_day):
        match = re.fullmatch(r"([+-]?\d)(MO|TU|WE|TH|FR|SA|SU)", days[0]) if days else None
        nth = int(match.group(1)) if match else 0
        if not days and not month_day:
            text = _every(interval, "month")
        elif month_day and re.fullmatch(r"-1|[1-9]|[12]\d|3[01]", month_day):
            day_text = "the last day" if month_day == "-1" else f"day {month_day}"
            text = f"{_every(interval, 'month')} on {day_text}"
        elif len(days) == 1 and match and nth in ORDINALS:
            weekday = WEEKDAY_NAMES[WEEKDAY_CODES.index(match.group(2))]
            text = f"the {ORDINALS[nth]} {weekday} of {_every(interval, 'month')}"
    if not text:
        return None
    if "COUNT" in parts:
        text += ", once" if parts["COUNT"] == "1" else f", {parts['COUNT']} times"
    if "UNTIL" in parts:
        until = re.match(r"(\d{4})(\d{2})(\d{2})", parts["UNTIL"])
        if until is None:
            return None
        text += f", until {uk_date(date(*map(int, until.groups())))}"
    return text


def describe(rule: Rule) -> str:
    """The rule in plain English, for organisers and invitations."""
    if isinstance(rule, NthWeekdayOfHalfTerm):
        return f"the {ORDINALS[rule.nth]} {WEEKDAY_NAMES[rule.weekday]} of every half-term"
    try:
        text = _describe_rrule(rrule_parts(rule.text)[1])
    except ValueError:  # RecurrenceError included: unreadable rules are shown as written
        text = None
    return text or f"a custom rule ({one_line(rule.text)})"
