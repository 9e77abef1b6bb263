"""Permission matrix rows for term calendars: anyone who may see a school sees its term
dates; its leads (and platform admins) keep them."""

from kinship.conftest import Personas
from kinship.tests.matrix import NOT_FOR_PUPILS, OK, Case, expect

KEEPERS = dict(admin=OK, head=OK)


def _year(p: Personas) -> list[object]:
    return [p.school.urn, 2026]


def _valid_dates(p: Personas) -> dict[str, str]:
    return {
        "start_1": "2026-09-02",
        "end_1": "2026-10-23",
        "closures-TOTAL_FORMS": "0",
        "closures-INITIAL_FORMS": "0",
    }


TERM_CALENDAR_CASES: list[Case] = [
    Case("schools:term_calendar", expect(OK), args=_year),
    Case(
        "schools:term_calendar",
        expect(OK, partner=404, pupil=NOT_FOR_PUPILS),
        args=lambda p: [p.other_school.urn, 2026],
        label="school outside the family",
    ),
    Case("schools:term_calendar_edit", expect(403, **KEEPERS), args=_year),
    Case(
        "schools:term_calendar_edit",
        expect(403, **KEEPERS),
        args=_year,
        method="post",
        data=_valid_dates,
        label="save",
    ),
    Case("schools:term_calendar_import", expect(403, **KEEPERS), args=_year),
    # What parents see: public, as schools publish their term dates on their websites.
    Case("schools:public_term_dates", expect(OK, anonymous=OK), args=lambda p: [p.school.urn]),
    Case("schools:public_term_dates_feed", expect(OK, anonymous=OK), args=lambda p: [p.school.urn]),
]
