"""A school's term dates edited in two places at once: the later stale save is refused."""

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from kinship.conftest import Personas, signed_in_client
from kinship.core.concurrency import EditConflict, edit_version
from kinship.core.tests.stale import stale_save_is_refused
from kinship.schools import services
from kinship.schools.models import TermCalendar
from kinship.schools.term_dates import HalfTerm, TermYear

pytestmark = pytest.mark.django_db


def _form(autumn_end: str) -> dict[str, Any]:
    return {
        "start_1": "2026-09-02", "end_1": autumn_end,
        "start_2": "2026-11-02", "end_2": "2026-12-18",
        "closures-TOTAL_FORMS": "0", "closures-INITIAL_FORMS": "0",
    }  # fmt: skip


def test_two_stale_term_date_saves_keep_one_and_refuse_the_other(people: Personas) -> None:
    url = reverse("schools:term_calendar_edit", args=[people.school.urn, 2026])
    tab_a, tab_b = signed_in_client(people.head), signed_in_client(people.head)
    # Neither tab saw any dates: the first save is still a change the second must see.
    version = stale_save_is_refused(
        tab_a, tab_b, url, _form("2026-10-23"), _form("2026-10-16"),
        shows="Half-term 1: Wed 2 Sep 2026 to Fri 23 Oct 2026",
    )  # fmt: skip
    calendar = TermCalendar.objects.get(school=people.school, academic_year=2026)
    assert calendar.half_terms.get(number=1).end == date(2026, 10, 23)
    again = tab_b.post(url, {**_form("2026-10-16"), "edit_version": version})
    assert again.status_code == 302
    assert calendar.half_terms.get(number=1).end == date(2026, 10, 16)


def test_the_term_dates_service_refuses_a_stale_version_and_a_script_still_saves(
    people: Personas,
) -> None:
    def year(autumn_end: date) -> TermYear:
        return TermYear(
            start_year=2026,
            half_terms=(HalfTerm(date(2026, 9, 2), autumn_end),),
            closures=(),
        )

    empty = edit_version(
        TermCalendar(school=people.school, academic_year=2026), services.TERM_CALENDAR_EDIT_FIELDS
    )
    save = services.term_calendar_save
    save(actor=people.head, year=year(date(2026, 10, 23)), school=people.school, version=empty)
    with pytest.raises(EditConflict) as raised:
        save(actor=people.head, year=year(date(2026, 10, 16)), school=people.school, version=empty)
    current = raised.value.current
    assert isinstance(current, TermCalendar)
    assert current.term_dates == ["Half-term 1: Wed 2 Sep 2026 to Fri 23 Oct 2026"]
    save(actor=people.head, year=year(date(2026, 10, 16)), school=people.school)  # a script
    calendar = TermCalendar.objects.get(school=people.school)
    assert calendar.half_terms.get().end == date(2026, 10, 16)
