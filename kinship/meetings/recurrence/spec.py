"""The JSON spec read by the expand_series command. Errors name the field at fault."""

import re
from datetime import date
from itertools import pairwise
from typing import Any

from kinship.core.json_input import json_object
from kinship.meetings.recurrence.expansion import expand
from kinship.meetings.recurrence.model import (
    ORDINALS,
    WEEKDAY_CODES,
    Expansion,
    NthWeekdayOfHalfTerm,
    Policy,
    RecurrenceError,
    RRuleText,
    Rule,
    SchoolCalendar,
    is_int,
    one_line,
    parse_rrule,
)


def _object(value: object, where: str, required: set[str], optional: set[str]) -> dict[str, Any]:
    return json_object(value, where, required, optional, RecurrenceError)


def _date(value: object, where: str) -> date:
    if not isinstance(value, str) or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        raise RecurrenceError(f"{where}: {value!r} is not a date written YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise RecurrenceError(f"{where}: {value} is not a real date") from None


def _half_terms(value: object, where: str) -> tuple[tuple[date, date], ...]:
    if not isinstance(value, list) or not value:
        raise RecurrenceError(f"{where}: must be a non-empty list of [start, end] pairs")
    spans: list[tuple[date, date, int]] = []
    for index, pair in enumerate(value):
        here = f"{where}[{index}]"
        if not isinstance(pair, list) or len(pair) != 2:
            raise RecurrenceError(f"{here}: must be a pair [start, end]")
        first, last = _date(pair[0], f"{here}[0]"), _date(pair[1], f"{here}[1]")
        if last < first:
            raise RecurrenceError(f"{here}: end {last} is before start {first}")
        spans.append((first, last, index))
    spans.sort()
    for (_, before_end, before), (first, last, index) in pairwise(spans):
        if first <= before_end:
            raise RecurrenceError(
                f"{where}[{index}]: {first}..{last} overlaps half_terms[{before}], "
                f"which ends {before_end}"
            )
    return tuple((first, last) for first, last, _ in spans)


def _closed(value: object, where: str) -> dict[date, str]:
    if isinstance(value, list):
        return {_date(day, f"{where}[{index}]"): "closed" for index, day in enumerate(value)}
    if isinstance(value, dict):
        closed = {}
        for key, label in value.items():
            if not isinstance(label, str) or not label.strip():
                raise RecurrenceError(f"{where}.{key}: the label must be non-empty text")
            closed[_date(key, f"{where}.{key}")] = one_line(label)
        return closed
    raise RecurrenceError(f"{where}: must be a list of dates or an object of date: label")


def _calendars(value: object) -> list[SchoolCalendar]:
    if not isinstance(value, dict) or not value:
        raise RecurrenceError("calendars: must be a non-empty object of name: calendar")
    calendars = []
    for name, body in value.items():
        where = f"calendars.{name}"
        if not name.strip():
            raise RecurrenceError(f"{where}: a calendar needs a name")
        fields = _object(body, where, {"half_terms"}, {"closed"})
        half_terms = _half_terms(fields["half_terms"], f"{where}.half_terms")
        closed = _closed(fields.get("closed", []), f"{where}.closed")
        calendars.append(SchoolCalendar(name, half_terms, closed))
    return calendars


def _rule(value: object, start: date) -> Rule:
    if isinstance(value, dict) and "rrule" in value:
        text = _object(value, "rule", {"rrule"}, set())["rrule"]
        if not isinstance(text, str):
            raise RecurrenceError("rule.rrule: must be RRULE text")
        try:
            parse_rrule(text, start)
        except RecurrenceError as error:
            raise RecurrenceError(f"rule.rrule: {error}") from None
        return RRuleText(text)
    fields = _object(value, "rule", {"per", "nth", "weekday"}, set())
    if fields["per"] != "half-term":
        raise RecurrenceError(f"rule.per: must be 'half-term', not {fields['per']!r}")
    nth, weekday = fields["nth"], fields["weekday"]
    if not is_int(nth) or nth not in ORDINALS:
        raise RecurrenceError(f"rule.nth: must be 1, 2, 3, 4, 5 or -1 (last), not {nth!r}")
    if weekday not in WEEKDAY_CODES[:5]:
        raise RecurrenceError(f"rule.weekday: must be one of MO, TU, WE, TH, FR, not {weekday!r}")
    return NthWeekdayOfHalfTerm(nth, WEEKDAY_CODES.index(weekday))


def parse_spec(data: object) -> tuple[Rule, list[SchoolCalendar], str, date, date]:
    """The rule, calendars, reference school's name, start and until from a JSON spec."""
    spec = _object(data, "", {"calendars", "reference", "rule", "start", "until"}, {"policy"})
    start, until = _date(spec["start"], "start"), _date(spec["until"], "until")
    if until < start:
        raise RecurrenceError(f"until: {until} is before start {start}")
    calendars = _calendars(spec["calendars"])
    reference = spec["reference"]
    if not isinstance(reference, str) or reference not in spec["calendars"]:
        names = ", ".join(c.name for c in calendars)
        raise RecurrenceError(f"reference: no calendar named {reference!r} (calendars: {names})")
    return _rule(spec["rule"], start), calendars, reference, start, until


def _policy(data: object) -> Policy:
    value = data.get("policy", "move") if isinstance(data, dict) else "move"
    if value not in tuple(Policy):
        raise RecurrenceError(f"policy: must be 'move' or 'drop', not {value!r}")
    return Policy(value)


def expand_spec(data: object) -> Expansion:
    """Expand a JSON spec, as read by the expand_series command."""
    rule, calendars, reference, start, until = parse_spec(data)
    return expand(rule, calendars, reference, start, until, _policy(data))


def expansion_to_json(expansion: Expansion) -> dict[str, Any]:
    return {
        "dates": [day.isoformat() for day in expansion.dates],
        "moved": [
            {"from": m.from_date.isoformat(), "to": m.to_date.isoformat(), "reason": m.reason}
            for m in expansion.moved
        ],
        "dropped": [{"date": d.date.isoformat(), "reason": d.reason} for d in expansion.dropped],
    }
