"""Series dates kept to days when every school is open: examples, then properties."""

from collections import Counter
from datetime import date, datetime, timedelta

import pytest
from dateutil.rrule import rrulestr
from hypothesis import given, settings
from hypothesis import strategies as st

from kinship.meetings.recurrence import (
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
    apply_overrides,
    candidate_dates,
    closed_reason,
    describe,
    expand,
    expand_spec,
    expansion_to_json,
    parse_spec,
)

MO, TU, WE, TH, FR = range(5)
HALF_TERMS_2026_27 = (
    (date(2026, 9, 2), date(2026, 10, 23)),
    (date(2026, 11, 2), date(2026, 12, 18)),
    (date(2027, 1, 4), date(2027, 2, 12)),
    (date(2027, 2, 22), date(2027, 3, 26)),
    (date(2027, 4, 12), date(2027, 5, 28)),
    (date(2027, 6, 7), date(2027, 7, 21)),
)
THIRD_WEDNESDAYS = [
    date(2026, 9, 16),
    date(2026, 11, 18),
    date(2027, 1, 20),
    date(2027, 3, 10),
    date(2027, 4, 28),
    date(2027, 6, 23),
]
START, UNTIL = date(2026, 9, 1), date(2027, 7, 31)
ASHWORTH = SchoolCalendar(
    "Ashworth Academy",
    HALF_TERMS_2026_27,
    {date(2026, 9, 2): "INSET day", date(2027, 5, 3): "Early May bank holiday"},
)
CARNFORTH = SchoolCalendar(
    "Carnforth Primary School",
    HALF_TERMS_2026_27,
    {date(2027, 1, 20): "INSET day: writing training"},
)
THIRD_WEDNESDAY = NthWeekdayOfHalfTerm(3, WE)


def test_third_wednesday_of_each_half_term():
    assert candidate_dates(THIRD_WEDNESDAY, ASHWORTH, START, UNTIL) == THIRD_WEDNESDAYS
    expansion = expand(THIRD_WEDNESDAY, [ASHWORTH], ASHWORTH.name, START, UNTIL, Policy.MOVE)
    assert expansion == Expansion(tuple(THIRD_WEDNESDAYS), (), ())


def test_nth_counts_from_a_half_term_starting_on_that_weekday():
    # 2 September 2026 is a Wednesday: it is the 1st Wednesday of the half-term.
    dates = candidate_dates(NthWeekdayOfHalfTerm(1, WE), ASHWORTH, START, UNTIL)
    assert dates[0] == date(2026, 9, 2)


def test_candidates_keep_to_start_and_until():
    dates = candidate_dates(THIRD_WEDNESDAY, ASHWORTH, date(2026, 9, 17), date(2027, 3, 10))
    assert dates == THIRD_WEDNESDAYS[1:4]


def test_a_fifth_weekday_missing_from_a_half_term_is_skipped():
    # Only the 7-week half-terms have a 5th Monday after their start.
    dates = candidate_dates(NthWeekdayOfHalfTerm(5, MO), ASHWORTH, START, UNTIL)
    assert dates == [
        date(2026, 10, 5),
        date(2026, 11, 30),
        date(2027, 2, 1),
        date(2027, 3, 22),
        date(2027, 5, 10),
        date(2027, 7, 5),
    ]
    short = SchoolCalendar("Short", ((date(2026, 9, 2), date(2026, 9, 25)),))
    assert candidate_dates(NthWeekdayOfHalfTerm(5, MO), short, START, UNTIL) == []


def test_last_friday_of_each_half_term():
    dates = candidate_dates(NthWeekdayOfHalfTerm(-1, FR), ASHWORTH, START, UNTIL)
    assert dates == [
        date(2026, 10, 23),
        date(2026, 12, 18),
        date(2027, 2, 12),
        date(2027, 3, 26),
        date(2027, 5, 28),
        date(2027, 7, 16),
    ]


def test_inset_day_at_a_second_school_moves_the_date_to_the_next_day():
    expansion = expand(
        THIRD_WEDNESDAY, [ASHWORTH, CARNFORTH], ASHWORTH.name, START, UNTIL, Policy.MOVE
    )
    assert date(2027, 1, 20) not in expansion.dates
    assert date(2027, 1, 21) in expansion.dates
    assert len(expansion.dates) == 6
    assert expansion.dropped == ()
    [moved] = expansion.moved
    assert (moved.from_date, moved.to_date) == (date(2027, 1, 20), date(2027, 1, 21))
    assert moved.reason == "Carnforth Primary School is closed (INSET day: writing training)"


def test_drop_policy_leaves_the_date_out():
    expansion = expand(
        THIRD_WEDNESDAY, [ASHWORTH, CARNFORTH], ASHWORTH.name, START, UNTIL, Policy.DROP
    )
    assert expansion.dates == tuple(d for d in THIRD_WEDNESDAYS if d != date(2027, 1, 20))
    assert expansion.moved == ()
    assert expansion.dropped == (
        Dropped(
            date(2027, 1, 20), "Carnforth Primary School is closed (INSET day: writing training)"
        ),
    )


def test_the_reason_names_every_closed_school():
    both = SchoolCalendar("Both Hill", HALF_TERMS_2026_27, {date(2027, 1, 20): "Snow"})
    expansion = expand(THIRD_WEDNESDAY, [ASHWORTH, CARNFORTH, both], ASHWORTH.name, START, UNTIL)
    [moved] = expansion.moved
    assert moved.reason == (
        "Carnforth Primary School is closed (INSET day: writing training); "
        "Both Hill is closed (Snow)"
    )


def test_a_move_stays_in_the_half_term_or_the_date_is_dropped():
    # The last Friday of the autumn half-term is its last day: nowhere later to go.
    closing = SchoolCalendar("Closing", HALF_TERMS_2026_27, {date(2026, 10, 23): "INSET day"})
    expansion = expand(
        NthWeekdayOfHalfTerm(-1, FR), [ASHWORTH, closing], ASHWORTH.name, START, date(2026, 10, 31)
    )
    assert expansion.dates == ()
    assert expansion.dropped == (
        Dropped(
            date(2026, 10, 23),
            "Closing is closed (INSET day), and no later day in that half-term suits every school",
        ),
    )


def test_a_move_skips_days_closed_anywhere_and_other_dates_of_the_rule():
    closed_two_days = SchoolCalendar(
        "Two days",
        HALF_TERMS_2026_27,
        {date(2027, 1, 19): "INSET day", date(2027, 1, 20): "INSET day"},
    )
    weekly = RRuleText("FREQ=WEEKLY;BYDAY=TU,TH")
    expansion = expand(
        weekly, [ASHWORTH, closed_two_days], ASHWORTH.name, date(2027, 1, 18), date(2027, 1, 22)
    )
    # Tuesday 19th cannot go to Wednesday 20th (closed) or Thursday 21st (already a date).
    assert expansion.moved == (
        Moved(date(2027, 1, 19), date(2027, 1, 22), "Two days is closed (INSET day)"),
    )
    assert expansion.dates == (date(2027, 1, 21), date(2027, 1, 22))


def test_fortnightly_rrule_keeps_only_term_time_dates():
    rule = RRuleText("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU")
    candidates = candidate_dates(rule, ASHWORTH, START, UNTIL)
    assert candidates[:3] == [date(2026, 9, 1), date(2026, 9, 15), date(2026, 9, 29)]
    assert all(day.weekday() == TU for day in candidates)
    expansion = expand(rule, [ASHWORTH], ASHWORTH.name, START, UNTIL, Policy.DROP)
    assert date(2026, 9, 1) not in expansion.dates  # before the autumn term starts
    assert date(2026, 10, 27) not in expansion.dates  # half-term holiday
    assert expansion.dates and all(ASHWORTH.is_school_day(day) for day in expansion.dates)
    assert {d.date for d in expansion.dropped} == set(candidates) - set(expansion.dates)
    assert Dropped(date(2026, 10, 27), "Ashworth Academy is on holiday") in expansion.dropped
    # Moving instead leaves holiday dates out all the same: no extra meeting next term.
    moving = expand(rule, [ASHWORTH], ASHWORTH.name, START, UNTIL, Policy.MOVE)
    assert moving.moved == () and moving.dates == expansion.dates


def test_rrule_with_prefix_count_and_until():
    a_term = date(2026, 9, 7)
    counted = candidate_dates(
        RRuleText("RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=3"), ASHWORTH, a_term, UNTIL
    )
    assert counted == [date(2026, 9, 7), date(2026, 9, 14), date(2026, 9, 21)]
    ended = RRuleText("FREQ=WEEKLY;BYDAY=MO;UNTIL=20260921T000000Z")
    assert candidate_dates(ended, ASHWORTH, a_term, UNTIL) == counted
    # The rule's own end never reaches past until.
    assert candidate_dates(ended, ASHWORTH, a_term, date(2026, 9, 14)) == counted[:2]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "FREQ=SOMETIMES",
        "FREQ=WEEKLY;BYDAY=XX",
        "not a rule",
        "FREQ=WEEKLY;INTERVAL=0",
        "FREQ=HOURLY",
        "FREQ=WEEKLY;COUNT=2;UNTIL=20270101",
        "DTSTART:20260901\nRRULE:FREQ=DAILY",
        "FREQ=WEEKLY;UNTIL=tomorrow",
    ],
)
def test_a_bad_rrule_raises_a_one_line_error(text):
    with pytest.raises(RecurrenceError) as raised:
        RRuleText(text)
    assert "\n" not in str(raised.value)
    assert str(raised.value)


def test_a_rule_with_no_dates_is_quick():
    # dateutil alone would search on to the year 9999 for 30 February.
    never = RRuleText("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30")
    assert candidate_dates(never, ASHWORTH, START, UNTIL) == []


def test_range_and_size_guards():
    with pytest.raises(RecurrenceError, match="before start"):
        candidate_dates(THIRD_WEDNESDAY, ASHWORTH, UNTIL, START)
    with pytest.raises(RecurrenceError, match="1000"):
        candidate_dates(RRuleText("FREQ=DAILY"), ASHWORTH, date(2026, 1, 1), date(2029, 12, 31))
    with pytest.raises(RecurrenceError, match="Nowhere"):
        expand(THIRD_WEDNESDAY, [ASHWORTH], "Nowhere", START, UNTIL, Policy.MOVE)


@pytest.mark.parametrize(
    ("nth", "weekday"), [(0, WE), (6, WE), (-2, WE), (1, 5), (1, -1), (True, 1)]
)
def test_nth_weekday_is_checked(nth, weekday):
    with pytest.raises(RecurrenceError):
        NthWeekdayOfHalfTerm(nth, weekday)


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        (THIRD_WEDNESDAY, "the 3rd Wednesday of every half-term"),
        (NthWeekdayOfHalfTerm(1, MO), "the 1st Monday of every half-term"),
        (NthWeekdayOfHalfTerm(-1, FR), "the last Friday of every half-term"),
        (RRuleText("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"), "every 2 weeks on Tuesday"),
        (
            RRuleText("RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR"),
            "every week on Monday, Wednesday and Friday",
        ),
        (RRuleText("FREQ=DAILY"), "every day"),
        (RRuleText("FREQ=DAILY;INTERVAL=3"), "every 3 days"),
        (RRuleText("FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR"), "every weekday"),
        (RRuleText("FREQ=MONTHLY;BYDAY=-1FR"), "the last Friday of every month"),
        (
            RRuleText("FREQ=MONTHLY;INTERVAL=2;BYDAY=1TH;COUNT=4"),
            "the 1st Thursday of every 2 months, 4 times",
        ),
        (
            RRuleText("FREQ=MONTHLY;BYMONTHDAY=15;UNTIL=20270721"),
            "every month on day 15, until Wed 21 Jul 2027",
        ),
        (RRuleText("FREQ=YEARLY;BYMONTH=9"), "a custom rule (FREQ=YEARLY;BYMONTH=9)"),
    ],
)
def test_describe(rule, words):
    assert describe(rule) == words


def test_why_closed_reads_after_the_school_name():
    assert ASHWORTH.why_closed(date(2026, 9, 3)) is None
    assert ASHWORTH.why_closed(date(2026, 9, 5)) == "closed at the weekend"
    assert ASHWORTH.why_closed(date(2026, 10, 28)) == "on holiday"
    assert ASHWORTH.why_closed(date(2026, 9, 2)) == "closed (INSET day)"
    assert ASHWORTH.why_closed(date(2027, 5, 3)) == "closed (Early May bank holiday)"
    assert ASHWORTH.half_term_index(date(2026, 9, 5)) == 0
    assert ASHWORTH.half_term_index(date(2026, 10, 28)) is None
    assert not ASHWORTH.is_school_day(date(2026, 9, 2))
    assert ASHWORTH.is_school_day(date(2026, 9, 3))


def test_apply_overrides_changes_only_the_edited_occurrence():
    dates = THIRD_WEDNESDAYS
    moved = Override(date(2026, 11, 18), date(2026, 11, 19))
    cancelled = Override(date(2027, 3, 10), None)
    unknown = Override(date(2026, 12, 1), date(2026, 12, 2))
    assert apply_overrides(dates, [moved, cancelled, unknown]) == [
        date(2026, 9, 16),
        date(2026, 11, 19),
        date(2027, 1, 20),
        date(2027, 4, 28),
        date(2027, 6, 23),
    ]


SPEC: dict[str, object] = {
    "calendars": {
        "Ashworth": {"half_terms": [[a.isoformat(), b.isoformat()] for a, b in HALF_TERMS_2026_27]},
        "Carnforth": {
            "half_terms": [[a.isoformat(), b.isoformat()] for a, b in HALF_TERMS_2026_27],
            "closed": {"2027-01-20": "INSET day"},
        },
    },
    "reference": "Ashworth",
    "rule": {"per": "half-term", "nth": 3, "weekday": "WE"},
    "start": "2026-09-01",
    "until": "2027-07-31",
}


def test_expand_spec_to_json():
    assert expansion_to_json(expand_spec(SPEC)) == {
        "dates": [
            "2026-09-16",
            "2026-11-18",
            "2027-01-21",
            "2027-03-10",
            "2027-04-28",
            "2027-06-23",
        ],
        "moved": [
            {"from": "2027-01-20", "to": "2027-01-21", "reason": "Carnforth is closed (INSET day)"}
        ],
        "dropped": [],
    }
    dropped = expand_spec(
        {**SPEC, "policy": "drop", "rule": {"rrule": "FREQ=MONTHLY;BYMONTHDAY=20"}}
    )
    assert dropped.dropped[0] == Dropped(
        date(2026, 9, 20), "Ashworth and Carnforth are closed at the weekend"
    )


def test_parse_spec_reads_a_list_of_closures():
    calendars = {"A": {"half_terms": [["2026-09-02", "2026-10-23"]], "closed": ["2026-09-03"]}}
    rule, [calendar], reference, start, until = parse_spec(
        {**SPEC, "calendars": calendars, "reference": "A"}
    )
    assert (rule, reference, start, until) == (THIRD_WEDNESDAY, "A", START, UNTIL)
    assert calendar.why_closed(date(2026, 9, 3)) == "closed"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"reference": "Nowhere"}, "reference: no calendar named 'Nowhere'"),
        ({"rule": {"per": "half-term", "nth": 3, "weekday": "SA"}}, "rule.weekday: "),
        ({"rule": {"per": "half-term", "nth": 7, "weekday": "WE"}}, "rule.nth: "),
        ({"rule": {"per": "term", "nth": 1, "weekday": "WE"}}, "rule.per: "),
        ({"rule": {"rrule": "FREQ=NEVER"}}, "rule.rrule: "),
        ({"rule": {"per": "half-term", "nth": 1}}, "rule.weekday: required"),
        ({"until": "2026-08-01"}, "until: 2026-08-01 is before start 2026-09-01"),
        ({"start": "1 Sept 2026"}, "start: '1 Sept 2026' is not a date"),
        ({"start": "2026-02-30"}, "start: 2026-02-30 is not a real date"),
        ({"policy": "shuffle"}, "policy: "),
        ({"extra": 1}, "extra: unknown field"),
        ({"calendars": {}}, "calendars: "),
        (
            {"calendars": {"Ashworth": {"half_terms": [["2026-10-20", "2026-10-01"]]}}},
            "calendars.Ashworth.half_terms[0]: end 2026-10-01 is before start 2026-10-20",
        ),
        (
            {
                "calendars": {
                    "Ashworth": {
                        "half_terms": [["2026-09-01", "2026-10-23"], ["2026-10-20", "2026-12-18"]]
                    }
                }
            },
            "calendars.Ashworth.half_terms[1]: 2026-10-20..2026-12-18 overlaps half_terms[0]",
        ),
        (
            {"calendars": {"Ashworth": {"half_terms": [["2026-09-01"]]}}},
            "calendars.Ashworth.half_terms[0]: must be a pair",
        ),
        (
            {
                "calendars": {
                    "Ashworth": {"half_terms": [["2026-09-01", "2026-10-23"]], "closed": 3}
                }
            },
            "calendars.Ashworth.closed: ",
        ),
        (
            {
                "calendars": {
                    "Ashworth": {
                        "half_terms": [["2026-09-01", "2026-10-23"]],
                        "closed": ["2026-09-31"],
                    }
                }
            },
            "calendars.Ashworth.closed[0]: 2026-09-31 is not a real date",
        ),
    ],
)
def test_a_malformed_spec_names_the_field(change, message):
    with pytest.raises(RecurrenceError) as raised:
        expand_spec({**SPEC, **change})
    assert str(raised.value).startswith(message)
    assert "\n" not in str(raised.value)


def test_a_spec_must_be_an_object():
    with pytest.raises(RecurrenceError, match="input: must be a JSON object"):
        parse_spec([1, 2])


# Properties, over random schools' calendars, rules and ranges.

YEAR_START = date(2026, 9, 1)


@st.composite
def school_calendar(draw: st.DrawFn, name: str) -> SchoolCalendar:
    """A year of half-terms, random or near the 2026-27 ones, with random closures."""
    if draw(st.booleans()):
        cuts = sorted(draw(st.sets(st.integers(0, 364), min_size=2, max_size=12)))
        spans = [
            (YEAR_START + timedelta(first), YEAR_START + timedelta(last))
            for first, last in zip(cuts[::2], cuts[1::2], strict=False)
        ]
    else:  # schools in one area mostly share term dates, give or take a few days
        shifts = st.integers(-4, 4).map(timedelta)
        spans = [(first + draw(shifts), last + draw(shifts)) for first, last in HALF_TERMS_2026_27]
    closures = draw(st.sets(st.integers(0, 364), max_size=20))
    label = draw(st.sampled_from(["INSET day", "Bank holiday", "closed", "Polling station"]))
    closed = {YEAR_START + timedelta(day): label for day in closures}
    return SchoolCalendar(name, tuple(spans), closed)


calendar_lists = st.integers(1, 4).flatmap(
    lambda count: st.tuples(*(school_calendar(f"School {i}") for i in range(count)))
)
nth_rules = st.builds(NthWeekdayOfHalfTerm, st.sampled_from([1, 2, 3, 4, 5, -1]), st.integers(0, 4))
weekday_sets = st.sets(st.sampled_from(["MO", "TU", "WE", "TH", "FR"]), min_size=1).map(
    lambda days: ",".join(sorted(days))
)
rrule_texts = st.one_of(
    st.builds("FREQ=WEEKLY;INTERVAL={};BYDAY={}".format, st.integers(1, 3), weekday_sets),
    st.builds("FREQ=DAILY;INTERVAL={}".format, st.integers(1, 5)),
    st.builds("FREQ=MONTHLY;BYDAY={}{}".format, st.sampled_from([1, 2, 3, -1]), weekday_sets),
    st.builds("FREQ=WEEKLY;BYDAY={};COUNT={}".format, weekday_sets, st.integers(1, 30)),
)
rules: st.SearchStrategy[Rule] = st.one_of(nth_rules, rrule_texts.map(RRuleText))
ranges = st.tuples(st.integers(0, 380), st.integers(0, 380)).map(
    lambda pair: (YEAR_START + timedelta(min(pair)), YEAR_START + timedelta(max(pair)))
)


@settings(max_examples=100, deadline=None)
@given(calendar_lists, st.data(), rules, ranges, st.sampled_from(Policy))
def test_expansion_properties(calendars, data, rule, window, policy):
    start, until = window
    reference = data.draw(st.sampled_from(calendars))
    expansion = expand(rule, calendars, reference.name, start, until, policy)
    dates = list(expansion.dates)

    # Every date suits every school, falls in range, once, in order.
    assert all(c.is_school_day(day) for day in dates for c in calendars)
    assert all(start <= day <= until for day in dates)
    assert dates == sorted(set(dates))

    # Every date the rule gave is kept, moved or dropped: exactly one of them.
    candidates = candidate_dates(rule, reference, start, until)
    moved_to = [m.to_date for m in expansion.moved]
    kept = [day for day in dates if day not in moved_to]
    accounted = kept + [m.from_date for m in expansion.moved] + [d.date for d in expansion.dropped]
    assert sorted(accounted) == candidates
    assert set(moved_to) <= set(dates)
    assert len(dates) == len(kept) + len(moved_to)

    # Moves go later, within the reference half-term; a date in its holidays is left out.
    for move in expansion.moved:
        assert move.from_date < move.to_date
        index = reference.half_term_index(move.from_date)
        assert index is not None
        assert reference.half_term_index(move.to_date) == index
        assert move.reason
    assert all(drop.reason for drop in expansion.dropped)
    if policy == Policy.DROP:
        assert expansion.moved == ()


@settings(max_examples=100, deadline=None)
@given(rrule_texts, ranges)
def test_rrule_candidates_match_dateutil(text, window):
    """Working in a later 400-year cycle (to keep dateutil quick) gives the same dates."""
    start, until = window
    direct = rrulestr(text, dtstart=datetime.combine(start, datetime.min.time()))
    expected = (
        [moment.date() for moment in direct if moment.date() <= until]
        if "COUNT" in text
        else [
            moment.date()
            for moment in direct.between(
                datetime.combine(start, datetime.min.time()),
                datetime.combine(until, datetime.max.time()),
                inc=True,
            )
        ]
    )
    assert candidate_dates(RRuleText(text), SchoolCalendar("Any", ()), start, until) == expected


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.dates(date(2026, 9, 1), date(2027, 7, 31)), max_size=30, unique=True).map(sorted),
    st.data(),
    st.one_of(st.none(), st.dates(date(2026, 9, 1), date(2027, 7, 31))),
)
def test_editing_one_occurrence_never_changes_another(dates, data, new_date):
    if not dates:
        assert apply_overrides(dates, [Override(date(2026, 9, 2), new_date)]) == []
        return
    edited = data.draw(st.sampled_from(dates))
    others = Counter(day for day in dates if day != edited)
    result = Counter(apply_overrides(dates, [Override(edited, new_date)]))
    expected = others + Counter([new_date] if new_date else [])
    assert result == expected
    assert apply_overrides(dates, [Override(edited, new_date)]) == sorted(expected.elements())


@settings(max_examples=100, deadline=None)
@given(calendar_lists, rules, ranges, st.data())
def test_editing_one_expanded_occurrence_leaves_the_rest(calendars, rule, window, data):
    start, until = window
    expansion = expand(rule, calendars, calendars[0].name, start, until, Policy.MOVE)
    if not expansion.dates:
        return
    edited = data.draw(st.sampled_from(expansion.dates))
    new_date = data.draw(st.one_of(st.none(), st.dates(start, until)))
    result = apply_overrides(expansion.dates, [Override(edited, new_date)])
    rest = [day for day in expansion.dates if day != edited]
    assert Counter(result) - Counter([new_date]) == Counter(rest)


def test_many_closed_schools_are_counted_not_listed():
    calendars = [
        SchoolCalendar(f"School {n:02d}", ((date(2026, 9, 2), date(2026, 10, 23)),), {})
        for n in range(40)
    ] + [
        SchoolCalendar(
            "Carnforth", ((date(2026, 9, 2), date(2026, 10, 23)),), {date(2026, 10, 26): "x"}
        )
    ]
    reason = closed_reason(calendars, date(2026, 10, 26))
    assert reason == "School 00, School 01 and 39 other schools are on holiday"
    reason = closed_reason(calendars[:3], date(2026, 10, 24))
    assert reason == "School 00, School 01 and School 02 are closed at the weekend"
