"""Meetings held against the half-terms: expected, held, and pairs at risk."""

from datetime import date

from kinship.mentoring.rhythm import pair_rhythm

D = date
HALF_TERMS = [
    (D(2026, 9, 2), D(2026, 10, 23)),
    (D(2026, 11, 2), D(2026, 12, 18)),
    (D(2027, 1, 4), D(2027, 2, 12)),
]


def test_a_pair_meeting_every_half_term_is_not_at_risk():
    rhythm = pair_rhythm(
        half_terms=HALF_TERMS, meetings=[D(2026, 10, 1)], start=D(2026, 9, 1), today=D(2026, 12, 1)
    )
    assert (rhythm.expected, rhythm.held, rhythm.at_risk) == (2, 1, False)
    assert rhythm.last_meeting == D(2026, 10, 1) and rhythm.from_term_dates


def test_a_half_term_without_a_meeting_puts_a_pair_at_risk():
    rhythm = pair_rhythm(
        half_terms=HALF_TERMS, meetings=[D(2026, 10, 1)], start=D(2026, 9, 1), today=D(2027, 1, 10)
    )
    assert (rhythm.expected, rhythm.held, rhythm.at_risk) == (3, 1, True)


def test_a_meeting_in_the_holiday_counts_for_the_half_term_before():
    rhythm = pair_rhythm(
        half_terms=HALF_TERMS,
        meetings=[D(2026, 10, 28)],
        start=D(2026, 9, 1),
        today=D(2026, 11, 10),
    )
    assert not rhythm.at_risk


def test_the_first_half_term_is_not_at_risk_until_it_ends():
    rhythm = pair_rhythm(
        half_terms=HALF_TERMS, meetings=[], start=D(2026, 9, 1), today=D(2026, 10, 20)
    )
    assert (rhythm.expected, rhythm.at_risk) == (1, False)


def test_a_termly_rhythm_allows_two_half_terms():
    rhythm = pair_rhythm(
        half_terms=HALF_TERMS,
        meetings=[D(2026, 9, 20)],
        start=D(2026, 9, 1),
        today=D(2026, 12, 1),
        every=2,
    )
    assert (rhythm.expected, rhythm.at_risk) == (1, False)


def test_without_term_dates_seven_week_blocks_stand_in():
    rhythm = pair_rhythm(half_terms=[], meetings=[], start=D(2026, 9, 1), today=D(2026, 12, 1))
    assert not rhythm.from_term_dates
    assert (rhythm.expected, rhythm.at_risk) == (2, True)


def test_a_meeting_earlier_in_the_half_term_the_pair_began_counts():
    rhythm = pair_rhythm(
        half_terms=HALF_TERMS, meetings=[D(2026, 11, 5)], start=D(2026, 11, 20), today=D(2027, 1, 5)
    )
    assert (rhythm.held, rhythm.at_risk) == (1, False)
