"""Term dates: the model, the checks against England's expectations, CSV and iCalendar."""

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinship.schools.term_dates import (
    HALF_TERM_NAMES,
    CheckReport,
    Closure,
    ClosureKind,
    HalfTerm,
    TermDatesError,
    TermYear,
    academic_year_of,
    check,
    england_bank_holidays,
    parse_csv,
    parse_ical,
    to_csv,
)

FIXTURES = Path(__file__).parent / "fixtures"
D = date
INSET, BANK, CLOSURE = ClosureKind.INSET, ClosureKind.BANK_HOLIDAY, ClosureKind.CLOSURE

LANCASHIRE_HALF_TERMS = (
    HalfTerm(D(2026, 9, 2), D(2026, 10, 23)),
    HalfTerm(D(2026, 11, 2), D(2026, 12, 18)),
    HalfTerm(D(2027, 1, 4), D(2027, 2, 12)),
    HalfTerm(D(2027, 2, 22), D(2027, 3, 25)),
    HalfTerm(D(2027, 4, 12), D(2027, 5, 28)),
    HalfTerm(D(2027, 6, 7), D(2027, 7, 22)),
)
LANCASHIRE_CLOSURES = (
    (D(2026, 9, 2), INSET),
    (D(2026, 11, 2), INSET),
    (D(2027, 1, 4), INSET),
    (D(2027, 5, 3), BANK),
    (D(2027, 6, 7), INSET),
    (D(2027, 7, 22), INSET),
)
LANCASHIRE = TermYear(
    start_year=2026,
    half_terms=LANCASHIRE_HALF_TERMS,
    closures=tuple(Closure(day, kind, "Closed") for day, kind in LANCASHIRE_CLOSURES),
)


def closures_of(year: TermYear) -> tuple[tuple[date, ClosureKind], ...]:
    return tuple((c.date, c.kind) for c in year.closures)


def assert_lancashire(year: TermYear) -> None:
    assert year.start_year == 2026
    assert year.half_terms == LANCASHIRE_HALF_TERMS
    assert closures_of(year) == LANCASHIRE_CLOSURES
    assert check(year) == CheckReport(errors=(), warnings=(), pupil_days=190, inset_days=5)


def ics(*events: str, prodid: str = "-//Test Council//Term Dates//EN") -> bytes:
    """A calendar of events written as "SUMMARY|DTSTART|DTEND" (all-day, DTEND exclusive)."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{prodid}"]
    for number, event in enumerate(events):
        summary, start, *rest = event.split("|")
        lines += ["BEGIN:VEVENT", f"UID:event-{number}@test", "DTSTAMP:20260101T000000Z"]
        lines.append(f"DTSTART;VALUE=DATE:{start}" if len(start) == 8 else f"DTSTART:{start}")
        if rest:
            end = rest[0]
            lines.append(f"DTEND;VALUE=DATE:{end}" if len(end) == 8 else f"DTEND:{end}")
        lines += [f"SUMMARY:{summary}", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


# --- The model ---------------------------------------------------------------------------


def test_term_year_basics():
    assert LANCASHIRE.label == "2026–27"
    assert TermYear(1999, ()).label == "1999–00"
    assert LANCASHIRE.first_day == D(2026, 9, 1)
    assert LANCASHIRE.last_day == D(2027, 8, 31)
    assert LANCASHIRE.pupil_days == 190
    assert LANCASHIRE.inset_days == 5


@pytest.mark.parametrize(
    ("day", "is_open"),
    [
        (D(2026, 9, 1), False),  # before term
        (D(2026, 9, 2), False),  # INSET day
        (D(2026, 9, 3), True),
        (D(2026, 9, 5), False),  # Saturday
        (D(2026, 10, 28), False),  # half term
        (D(2027, 5, 3), False),  # bank holiday
        (D(2027, 7, 21), True),
    ],
)
def test_is_open(day, is_open):
    assert LANCASHIRE.is_open(day) is is_open


def test_inset_days_outside_term_do_not_count():
    year = replace(
        LANCASHIRE,
        closures=(
            *LANCASHIRE.closures,
            Closure(D(2026, 10, 28), INSET),
            Closure(D(2026, 9, 5), INSET),
        ),
    )
    assert year.inset_days == 5
    assert year.pupil_days == 190


@pytest.mark.parametrize(
    ("day", "year"),
    [(D(2026, 9, 1), 2026), (D(2026, 8, 31), 2025), (D(2027, 1, 4), 2026), (D(2026, 12, 31), 2026)],
)
def test_academic_year_of(day, year):
    assert academic_year_of(day) == year


def test_error_carries_its_errors_and_line():
    error = TermDatesError(errors=["line 2: one", "line 5: two"], line=2)
    assert str(error) == "line 2: one; line 5: two"
    assert error.line == 2
    single = TermDatesError("Nothing here")
    assert single.errors == ["Nothing here"]
    assert single.line is None
    assert isinstance(single, ValueError)


# --- Bank holidays -----------------------------------------------------------------------


def test_bank_holidays_2026():
    assert england_bank_holidays(2026) == {
        D(2026, 1, 1): "New Year's Day",
        D(2026, 4, 3): "Good Friday",
        D(2026, 4, 6): "Easter Monday",
        D(2026, 5, 4): "Early May bank holiday",
        D(2026, 5, 25): "Spring bank holiday",
        D(2026, 8, 31): "Summer bank holiday",
        D(2026, 12, 25): "Christmas Day",
        D(2026, 12, 28): "Boxing Day (substitute day)",
    }


def test_bank_holidays_2027():
    assert england_bank_holidays(2027) == {
        D(2027, 1, 1): "New Year's Day",
        D(2027, 3, 26): "Good Friday",
        D(2027, 3, 29): "Easter Monday",
        D(2027, 5, 3): "Early May bank holiday",
        D(2027, 5, 31): "Spring bank holiday",
        D(2027, 8, 30): "Summer bank holiday",
        D(2027, 12, 27): "Christmas Day (substitute day)",
        D(2027, 12, 28): "Boxing Day (substitute day)",
    }


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (D(2022, 1, 3), "New Year's Day (substitute day)"),  # Saturday
        (D(2023, 1, 2), "New Year's Day (substitute day)"),  # Sunday
        (D(2022, 12, 26), "Boxing Day"),  # Christmas on a Sunday
        (D(2022, 12, 27), "Christmas Day (substitute day)"),
        (D(2021, 12, 27), "Christmas Day (substitute day)"),  # Christmas on a Saturday
        (D(2021, 12, 28), "Boxing Day (substitute day)"),
    ],
)
def test_bank_holiday_substitutes(day, name):
    assert england_bank_holidays(day.year)[day] == name


def test_every_year_has_eight_weekday_bank_holidays_and_more_in_the_one_off_years():
    one_off_years = {2002: 9, 2011: 9, 2012: 9, 2022: 10, 2023: 9}  # jubilees, a wedding...
    for year in range(2000, 2100):
        holidays = england_bank_holidays(year)
        assert len(holidays) == one_off_years.get(year, 8), year
        assert all(day.weekday() < 5 and day.year == year for day in holidays)


# --- check() -----------------------------------------------------------------------------


def test_lancashire_passes_check():
    assert check(LANCASHIRE) == CheckReport((), (), 190, 5)
    assert check(LANCASHIRE).ok


def test_overlap_names_both_half_terms():
    halves = list(LANCASHIRE_HALF_TERMS)
    halves[1] = HalfTerm(D(2026, 10, 19), D(2026, 12, 18))
    report = check(replace(LANCASHIRE, half_terms=tuple(halves)))
    assert not report.ok
    assert report.errors == (
        "Autumn 2 (Mon 19 Oct 2026 – Fri 18 Dec 2026) overlaps "
        "Autumn 1 (Wed 2 Sep 2026 – Fri 23 Oct 2026)",
    )


def test_out_of_order():
    halves = list(LANCASHIRE_HALF_TERMS)
    halves[0], halves[1] = halves[1], halves[0]
    report = check(replace(LANCASHIRE, half_terms=tuple(halves)))
    assert report.errors == (
        "Autumn 2 (Wed 2 Sep 2026 – Fri 23 Oct 2026) comes before "
        "Autumn 1 (Mon 2 Nov 2026 – Fri 18 Dec 2026); list the half-terms in date order",
    )


def test_outside_the_year():
    halves = list(LANCASHIRE_HALF_TERMS)
    halves[2] = HalfTerm(D(2027, 1, 4), D(2027, 9, 6))
    halves = halves[:3]
    report = check(replace(LANCASHIRE, half_terms=tuple(halves), closures=()))
    assert report.errors == (
        "Spring 1 ends on Mon 6 Sep 2027, outside the 2026–27 academic year "
        "(Tue 1 Sep 2026 to Tue 31 Aug 2027)",
    )


def test_end_before_start():
    halves = list(LANCASHIRE_HALF_TERMS)
    halves[0] = HalfTerm(D(2026, 10, 23), D(2026, 9, 2))
    report = check(replace(LANCASHIRE, half_terms=tuple(halves)))
    assert report.errors == (
        "Autumn 1 ends on Wed 2 Sep 2026, before it starts on Fri 23 Oct 2026",
    )


def test_seven_half_terms():
    halves = (*LANCASHIRE_HALF_TERMS, HalfTerm(D(2027, 8, 2), D(2027, 8, 6)))
    report = check(replace(LANCASHIRE, half_terms=halves))
    assert report.errors == ("7 half-terms; a year has at most 6",)


def test_no_half_terms():
    report = check(TermYear(2026, ()))
    assert report.errors == ("There are no half-terms; a year needs at least one",)
    assert report.pupil_days == 0


def test_duplicate_closure():
    closures = (*LANCASHIRE.closures, Closure(D(2027, 1, 4), CLOSURE, "Snow"))
    report = check(replace(LANCASHIRE, closures=closures))
    assert report.errors == ("Mon 4 Jan 2027 is listed as a closure more than once",)


def test_closure_outside_the_year():
    closures = (*LANCASHIRE.closures, Closure(D(2027, 9, 3), INSET))
    report = check(replace(LANCASHIRE, closures=closures))
    assert report.errors == (
        "The INSET day on Fri 3 Sep 2027 is outside the 2026–27 academic year "
        "(Tue 1 Sep 2026 to Tue 31 Aug 2027)",
    )


def test_warns_about_189_pupil_days():
    closures = (*LANCASHIRE.closures, Closure(D(2027, 5, 6), CLOSURE, "Polling day"))
    report = check(replace(LANCASHIRE, closures=closures))
    assert report.ok
    assert report.pupil_days == 189
    assert report.warnings == ("189 pupil days; schools in England are expected to open for 190",)


def test_warns_about_4_inset_days():
    closures = tuple(
        replace(c, kind=CLOSURE) if c.date == D(2027, 1, 4) else c for c in LANCASHIRE.closures
    )
    report = check(replace(LANCASHIRE, closures=closures))
    assert report.ok
    assert (report.pupil_days, report.inset_days) == (190, 4)
    assert report.warnings == ("4 INSET days; schools in England usually have 5",)


def test_warns_about_fewer_half_terms():
    year = TermYear(2026, LANCASHIRE_HALF_TERMS[:5], LANCASHIRE.closures[:4])
    assert "Only 5 half-terms; schools in England usually have 6" in check(year).warnings


def test_warns_about_closures_that_do_not_count():
    closures = (
        *LANCASHIRE.closures,
        Closure(D(2026, 9, 5), INSET),
        Closure(D(2026, 10, 28), CLOSURE),
    )
    report = check(replace(LANCASHIRE, closures=closures))
    assert report.ok
    assert report.warnings == (
        "The INSET day on Sat 5 Sep 2026 is at a weekend, so it does not count",
        "The closure on Wed 28 Oct 2026 is outside every half-term, so it does not count",
    )


def test_warns_about_an_unlisted_bank_holiday():
    halves = list(LANCASHIRE_HALF_TERMS)
    halves[3] = HalfTerm(D(2027, 2, 22), D(2027, 3, 26))
    halves[5] = HalfTerm(D(2027, 6, 7), D(2027, 7, 21))
    closures = tuple(c for c in LANCASHIRE.closures if c.date != D(2027, 7, 22))
    closures += (Closure(D(2027, 7, 21), INSET),)
    report = check(TermYear(2026, tuple(halves), closures))
    assert report.warnings == (
        "Good Friday (Fri 26 Mar 2027) falls in Spring 2 but is not listed as a closure, "
        "so it is counted as a pupil day",
    )
    assert report.pupil_days == 190


# --- CSV ---------------------------------------------------------------------------------


def test_lancashire_csv():
    year = parse_csv((FIXTURES / "lancashire-2026-27.csv").read_text())
    assert_lancashire(year)
    assert year.closures[1].label == "Teacher training day"


def test_csv_round_trip():
    text = to_csv(LANCASHIRE)
    assert text.splitlines()[:2] == [
        "kind,start,end,label",
        "half_term,2026-09-02,2026-10-23,Autumn 1",
    ]
    assert parse_csv(text) == LANCASHIRE


def test_csv_date_formats_header_case_bom_and_whitespace():
    text = (
        "\ufeff Kind , START,End ,Label\r\n"
        "half_term, 2/9/2026 ,23/10/2026,Autumn 1\r\n"
        "\r\n"
        "Half-Term,2026-11-02,18/12/2026,\r\n"
        "INSET,02/09/2026,,\r\n"
    )
    year = parse_csv(text)
    assert year == TermYear(
        2026,
        (HalfTerm(D(2026, 9, 2), D(2026, 10, 23)), HalfTerm(D(2026, 11, 2), D(2026, 12, 18))),
        (Closure(D(2026, 9, 2), INSET, ""),),
    )


def test_csv_sorts_half_terms_and_expands_closure_ranges():
    text = (
        "kind,start,end,label\n"
        "half_term,2027-01-04,2027-02-12,Spring 1\n"
        "half_term,2026-11-02,2026-12-18,Autumn 2\n"
        'closure,2027-01-08,2027-01-12,"Heating broken, sorry"\n'
    )
    year = parse_csv(text)
    assert year.start_year == 2026
    assert [h.start for h in year.half_terms] == [D(2026, 11, 2), D(2027, 1, 4)]
    assert year.closures == (
        Closure(D(2027, 1, 8), CLOSURE, "Heating broken, sorry"),
        Closure(D(2027, 1, 11), CLOSURE, "Heating broken, sorry"),
        Closure(D(2027, 1, 12), CLOSURE, "Heating broken, sorry"),
    )


def test_bad_csv_reports_every_bad_line():
    text = (
        "kind,start,end,label\n"
        "half_term,2026-09-02,2026-10-23,Autumn 1\n"
        "holiday,2026-10-26,2026-10-30,Half term\n"
        "half_term,31/13/2026,18/12/2026,Autumn 2\n"
        "inset,,,INSET\n"
        "half_term,2027-01-04,,Spring 1\n"
        "closure,2027-01-12,2027-01-08,Backwards\n"
        "inset,2027-01-04,,INSET,extra\n"
        "bank_holiday,2027-05-03,,May Day\n"
    )
    with pytest.raises(TermDatesError) as caught:
        parse_csv(text)
    assert caught.value.errors == [
        "line 3: unknown kind 'holiday' (use half_term, inset, bank_holiday or closure)",
        "line 4: '31/13/2026' is not a date",
        "line 5: the start date is missing",
        "line 6: a half_term needs an end date",
        "line 7: the end date '2027-01-08' is before the start date '2027-01-12'",
        "line 8: there are more cells than the header has columns "
        "(put a label that contains a comma in double quotes)",
    ]
    assert caught.value.line == 3
    assert str(caught.value) == "; ".join(caught.value.errors)


def test_csv_missing_column():
    with pytest.raises(TermDatesError, match=r"line 1: the header has no 'end' column") as caught:
        parse_csv("kind,start,label\nhalf_term,2026-09-02,Autumn 1\n")
    assert caught.value.line == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "The file is empty"),
        ("\ufeff \n\n", "The file is empty"),
        ("kind,start,end,label\n", "The file has no half_term rows"),
        ("kind,start,end,label\ninset,2026-09-02,,\n", "The file has no half_term rows"),
    ],
)
def test_csv_without_half_terms(text, message):
    with pytest.raises(TermDatesError, match=message):
        parse_csv(text)


def _years() -> st.SearchStrategy[TermYear]:
    """Valid years: sorted half-terms and closures, all inside the academic year."""

    @st.composite
    def build(draw: st.DrawFn) -> TermYear:
        start_year = draw(st.integers(2000, 2090))
        first = D(start_year, 9, 1)
        length = (D(start_year + 1, 8, 31) - first).days
        offsets = draw(st.lists(st.integers(0, length), min_size=2, max_size=12, unique=True))
        offsets.sort()
        days = [first + timedelta(days=o) for o in offsets]
        halves = tuple(HalfTerm(a, b) for a, b in zip(days[::2], days[1::2], strict=False))
        labels = st.text(
            st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp")), max_size=30
        ).map(str.strip)
        closure_offsets = draw(st.lists(st.integers(0, length), max_size=10))
        closures = tuple(
            Closure(first + timedelta(days=o), draw(st.sampled_from(ClosureKind)), draw(labels))
            for o in sorted(closure_offsets)
        )
        return TermYear(start_year, halves, closures)

    return build()


@settings(max_examples=200, deadline=None)
@given(_years())
def test_csv_round_trips_any_year(year):
    assert parse_csv(to_csv(year)) == year


# --- iCalendar ---------------------------------------------------------------------------


def test_lancashire_ics():
    year = parse_ical((FIXTURES / "lancashire-2026-27.ics").read_bytes())
    assert_lancashire(year)
    assert [c.label for c in year.closures] == [
        "INSET day",
        "Teacher training day",
        "Staff development day",
        "May Day bank holiday",
        "INSET day",
        "INSET day",
    ]


def test_lancashire_ics_matches_csv():
    from_ics = parse_ical((FIXTURES / "lancashire-2026-27.ics").read_bytes())
    from_csv = parse_csv((FIXTURES / "lancashire-2026-27.csv").read_text())
    assert from_ics == from_csv


def test_term_spans_ics():
    year = parse_ical((FIXTURES / "term-spans.ics").read_bytes())
    assert_lancashire(year)
    assert year.closures[0].label == "INSET Day - school closed to pupils"


def test_ics_year_argument():
    data = (FIXTURES / "lancashire-2026-27.ics").read_bytes()
    assert parse_ical(data, year=2026) == parse_ical(data)
    with pytest.raises(TermDatesError, match="No term dates for 2030–31"):
        parse_ical(data, year=2030)


def test_ics_ignores_unrelated_events():
    holidays = (
        "Summer holidays|20260722|20260903",
        "October half term|20261026|20261031",
        "Christmas holidays|20261219|20270104",
    )
    unrelated = (
        "Parents' evening|20261007T160000Z|20261007T190000Z",
        "Sports day|20260918|20260919",
        "Year 6 residential trip|20261005|20261010",
        "Christmas jumper day|20261211|20261212",
        "Autumn term open evening|20261001|20261002",
    )
    plain = parse_ical(ics(*holidays))
    assert parse_ical(ics(*holidays, *unrelated)) == plain
    assert plain.half_terms == (
        HalfTerm(D(2026, 9, 3), D(2026, 10, 23)),
        HalfTerm(D(2026, 11, 2), D(2026, 12, 18)),
        HalfTerm(D(2027, 1, 4), D(2027, 8, 31)),  # the calendar stops at Christmas
    )


def test_ics_whole_terms_from_start_and_end_events():
    data = ics(
        "Autumn term starts|20260903",
        "Parents evening|20260910T170000Z|20260910T190000Z",
        "Autumn half term|20261026|20261031",
        "Autumn term ends|20261218",
        "First day of spring term|20270105",
        "Spring half term|20270215|20270220",
        "Last day of spring term|20270325",
        "Summer term begins|20270412",
        "Whitsun holiday|20270531|20270605",
        "Good Friday|20270326",
        "Early May bank holiday|20270503",
        "Schools break up for summer|20270723",
        "Polling day - school closed|20270506",
    )
    year = parse_ical(data)
    assert year.half_terms == (
        HalfTerm(D(2026, 9, 3), D(2026, 10, 23)),
        HalfTerm(D(2026, 11, 2), D(2026, 12, 18)),
        HalfTerm(D(2027, 1, 5), D(2027, 2, 12)),
        HalfTerm(D(2027, 2, 22), D(2027, 3, 25)),
        HalfTerm(D(2027, 4, 12), D(2027, 5, 28)),
        HalfTerm(D(2027, 6, 7), D(2027, 7, 23)),
    )
    assert closures_of(year) == ((D(2027, 5, 3), BANK), (D(2027, 5, 6), CLOSURE))


def test_ics_half_term_names():
    data = ics(
        "Term 1|20260902|20261024",
        "Term 2|20261102|20261219",
        "Spring term first half|20270104|20270213",
        "Spring 2|20270222|20270326",
        "Summer Term 1st half|20270412|20270529",
        "Summer Term 2nd half|20270607|20270723",
        "Half term|20261026|20261031",
        "INSET days|20260902|20260904",
    )
    year = parse_ical(data)
    assert year.half_terms == LANCASHIRE_HALF_TERMS
    assert closures_of(year) == ((D(2026, 9, 2), INSET), (D(2026, 9, 3), INSET))


def test_ics_whole_terms_split_by_holidays_and_half_terms_preferred():
    data = ics(
        "Autumn Term|20260902|20261219",
        "October half term|20261026|20261031",
        "Spring Term|20270104|20270326",
        "Spring Term 1|20270104|20270213",
        "Spring Term 2|20270222|20270326",
    )
    assert parse_ical(data).half_terms == LANCASHIRE_HALF_TERMS[:4]


def test_ics_without_last_summer_starts_on_the_first_inset_day():
    data = ics(
        "INSET day|20260902",
        "October half term|20261026|20261031",
        "Christmas holidays|20261221|20270102",
    )
    year = parse_ical(data)
    assert year.half_terms[0] == HalfTerm(D(2026, 9, 2), D(2026, 10, 23))


def test_ics_holidays_with_a_term_start_event():
    data = ics(
        "Autumn term starts|20260903",
        "October half term|20261026|20261031",
        "Christmas holidays start|20261219",
        "Christmas holidays end|20270103",
        "Spring 2 starts|20270222",
        "Summer holidays|20270723|20270901",
    )
    assert parse_ical(data).half_terms == (
        HalfTerm(D(2026, 9, 3), D(2026, 10, 23)),
        HalfTerm(D(2026, 11, 2), D(2026, 12, 18)),
        HalfTerm(D(2027, 1, 4), D(2027, 7, 22)),
    )


def test_ics_in_utf16_and_with_a_broken_event():
    data = (FIXTURES / "lancashire-2026-27.ics").read_bytes()
    assert parse_ical(data.decode().encode("utf-16")) == parse_ical(data)
    broken = data.replace(b"DTSTART;VALUE=DATE:20270607", b"DTSTART;VALUE=DATE:2027XX07")
    assert D(2027, 6, 7) not in {c.date for c in parse_ical(broken).closures}


def test_ics_picks_the_year_with_most_events():
    data = ics(
        "Summer holidays|20250723|20250902",
        "Christmas holidays|20251222|20260102",
        "Summer holidays|20260723|20260902",
        "October half term|20261026|20261031",
        "Christmas holidays|20261221|20270102",
        "Easter holidays|20270326|20270410",
    )
    assert parse_ical(data).start_year == 2026
    assert parse_ical(data, year=2025).half_terms[0] == HalfTerm(D(2025, 9, 2), D(2025, 12, 19))


def test_ics_timed_events_count_on_their_day_in_england():
    # 23:00 UTC on 1 September is midnight on 2 September in London (BST).
    data = ics(
        "Autumn term 1|20260901T230000Z|20261023T230000Z",
        "Autumn term 2|20261102T000000Z|20261218T153000Z",
    )
    assert parse_ical(data).half_terms == LANCASHIRE_HALF_TERMS[:2]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x00\xff\xfe garbage \x89PNG", "it does not begin with BEGIN:VCALENDAR"),
        (b"", "it is empty"),
        (b"<!DOCTYPE html><html><body>Term dates</body></html>", "it looks like a web page"),
        (b"BEGIN:VCALENDAR\r\n\x00\x01 not a line\r\n", "it could not be read"),
    ],
)
def test_ics_that_is_not_icalendar(data, reason):
    with pytest.raises(TermDatesError, match=r"That file is not an iCalendar file \(") as caught:
        parse_ical(data)
    assert reason in str(caught.value)


def test_ics_without_term_dates():
    with pytest.raises(TermDatesError, match="No term dates found in that calendar"):
        parse_ical(ics("Parents' evening|20261007", "Sports day|20270618"))
    with pytest.raises(TermDatesError, match="No term dates found"):
        parse_ical(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n")


def test_half_term_names_are_the_usual_six():
    assert HALF_TERM_NAMES == (
        "Autumn 1",
        "Autumn 2",
        "Spring 1",
        "Spring 2",
        "Summer 1",
        "Summer 2",
    )


def test_events_from_another_era_are_ignored_quickly() -> None:
    data = (FIXTURES / "lancashire-2026-27.ics").read_bytes()
    stray = (
        b"BEGIN:VEVENT\r\nUID:stray\r\nSUMMARY:Half term\r\nDTSTART:00010101T000000Z\r\n"
        b"DTEND:99991231T000000Z\r\nEND:VEVENT\r\nEND:VCALENDAR"
    )
    year = parse_ical(data.replace(b"END:VCALENDAR", stray))
    assert year.pupil_days == 190


HALF_TERM_ROWS = "kind,start,end,label\nhalf_term,2026-09-02,2026-10-23,\n"


def test_a_term_dates_csv_with_dates_out_of_range_is_refused_with_a_message():
    text = HALF_TERM_ROWS + "closure,0001-01-01,9999-12-31,x\n"
    with pytest.raises(TermDatesError) as caught:
        parse_csv(text)
    assert "line 3: '0001-01-01' is outside the years" in str(caught.value.errors)


def test_a_closure_over_years_is_refused_rather_than_making_millions_of_days():
    text = HALF_TERM_ROWS + "closure,2026-09-01,2099-12-30,x\n"
    with pytest.raises(TermDatesError) as caught:
        parse_csv(text)
    assert "longer than a year" in str(caught.value.errors)


def test_bank_holidays_include_the_one_off_days_of_2022_and_2023():
    days_2022 = england_bank_holidays(2022)
    assert days_2022[D(2022, 6, 2)] == "Spring bank holiday"
    assert "Jubilee" in days_2022[D(2022, 6, 3)]
    assert "Funeral" in days_2022[D(2022, 9, 19)]
    assert days_2022[D(2022, 1, 3)] == "New Year's Day (substitute day)"
    assert D(2022, 1, 1) not in days_2022  # a Saturday
    assert "Coronation" in england_bank_holidays(2023)[D(2023, 5, 8)]
    assert D(2020, 5, 4) not in england_bank_holidays(2020)  # moved to VE Day, 8 May
    assert D(2020, 5, 8) in england_bank_holidays(2020)
