"""Dates for repeating family events, kept to days when every school is open.

Pure Python with no Django import, so the rules can be tested on their own and run from the
expand_series command; the meetings services wrap it for the web pages. One module per part:
the shapes and RRULE reading (model), expanding a rule to dates (expansion), the rule in
words (wording) and the command's JSON spec (spec).
"""

from kinship.meetings.recurrence.expansion import (
    apply_overrides,
    candidate_dates,
    closed_reason,
    expand,
)
from kinship.meetings.recurrence.model import (
    GREGORIAN_CYCLE_YEARS,
    MAX_CANDIDATES,
    MAX_NAMED,
    MAX_YEARS,
    ORDINALS,
    SUB_DAILY,
    WEEKDAY_CODES,
    WEEKDAY_NAMES,
    Dropped,
    Expansion,
    Moved,
    NthWeekdayOfHalfTerm,
    Override,
    Policy,
    RecurrenceError,
    RRuleText,
    Rule,
    SchoolCalendar,
)
from kinship.meetings.recurrence.spec import expand_spec, expansion_to_json, parse_spec
from kinship.meetings.recurrence.wording import describe

__all__ = [
    "GREGORIAN_CYCLE_YEARS",
    "MAX_CANDIDATES",
    "MAX_NAMED",
    "MAX_YEARS",
    "ORDINALS",
    "SUB_DAILY",
    "WEEKDAY_CODES",
    "WEEKDAY_NAMES",
    "Dropped",
    "Expansion",
    "Moved",
    "NthWeekdayOfHalfTerm",
    "Override",
    "Policy",
    "RRuleText",
    "RecurrenceError",
    "Rule",
    "SchoolCalendar",
    "apply_overrides",
    "candidate_dates",
    "closed_reason",
    "describe",
    "expand",
    "expand_spec",
    "expansion_to_json",
    "parse_spec",
]
