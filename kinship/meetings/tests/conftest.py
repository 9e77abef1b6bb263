"""Term dates for the matrix schools in 2031-32, far enough ahead that no date is past.

Alder and Birch follow Lancashire's calendar; Cedar keeps its own, with an INSET day on the
3rd Wednesday of spring 1 (Wed 21 Jan 2032) and its February half-term a week later.
"""

from datetime import date, time
from typing import Any

import pytest

from kinship.conftest import Personas
from kinship.meetings.models import Audience, EventKind
from kinship.meetings.services import SeriesFields
from kinship.schools.services import term_calendar_save
from kinship.schools.tests.term_years import CEDAR, LANCASHIRE

D = date


@pytest.fixture(autouse=True)
def tasks_run_at_once(settings: Any) -> None:
    # Emails are sent by the task worker; here they run as soon as they are enqueued.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def term_dates(people: Personas) -> Personas:
    term_calendar_save(actor=None, year=LANCASHIRE, la_name="Lancashire")
    term_calendar_save(actor=None, year=CEDAR, school=people.shared_school)
    return people


def y6_fields(people: Personas, **changes: Any) -> SeriesFields:
    """The issue's example: the 3rd Wednesday of every half-term, at Alder."""
    values: dict[str, Any] = {
        "title": "Y6 teachers' meeting",
        "kind": EventKind.TEACHER_MEETING,
        "audience": Audience.FAMILY,
        "host_school": people.school,
        "start_time": time(15, 45),
        "end_time": time(17, 0),
        "first_date": D(2031, 9, 1),
        "until": D(2032, 7, 21),
        "rule": {"per": "half-term", "nth": 3, "weekday": "WE"},
        "reference_school": people.school,
    }
    values.update(changes)
    return SeriesFields(**values)
