"""Demo term dates and events for the Kaizen Network, added by `seed_demo`.

Lancashire publishes one calendar its schools share; two Kaizen schools keep their own, so
the demo shows what Kinship is for: a "3rd Wednesday of every half-term" that lands on an
INSET day at Carnforth moves to the next day all five schools are open.
"""

from datetime import date, time

from django.db import transaction

from kinship.accounts.models import User
from kinship.families.models import Family
from kinship.meetings.models import Audience, EventKind, Series
from kinship.meetings.services import SeriesFields, series_create
from kinship.schools.models import School, TermCalendar
from kinship.schools.services import term_calendar_save
from kinship.schools.term_dates import Closure, ClosureKind, HalfTerm, TermYear

D = date

LANCASHIRE_2026 = TermYear(
    start_year=2026,
    half_terms=(
        HalfTerm(D(2026, 9, 2), D(2026, 10, 23)),
        HalfTerm(D(2026, 11, 2), D(2026, 12, 18)),
        HalfTerm(D(2027, 1, 4), D(2027, 2, 12)),
        HalfTerm(D(2027, 2, 22), D(2027, 3, 25)),
        HalfTerm(D(2027, 4, 12), D(2027, 5, 28)),
        HalfTerm(D(2027, 6, 7), D(2027, 7, 22)),
    ),
    closures=(
        Closure(D(2026, 9, 2), ClosureKind.INSET, "INSET day"),
        Closure(D(2026, 11, 2), ClosureKind.INSET, "INSET day"),
        Closure(D(2027, 1, 4), ClosureKind.INSET, "INSET day"),
        Closure(D(2027, 5, 3), ClosureKind.BANK_HOLIDAY, "Early May bank holiday"),
        Closure(D(2027, 6, 7), ClosureKind.INSET, "INSET day"),
        Closure(D(2027, 7, 22), ClosureKind.INSET, "INSET day"),
    ),
)

# Carnforth moved a training day onto the 3rd Wednesday of spring 1.
CARNFORTH_2026 = TermYear(
    start_year=2026,
    half_terms=LANCASHIRE_2026.half_terms,
    closures=(
        *(c for c in LANCASHIRE_2026.closures if c.date != D(2027, 1, 4)),
        Closure(D(2027, 1, 20), ClosureKind.INSET, "INSET day: whole-school writing training"),
    ),
)

# Brookfield takes its February half-term a week later.
BROOKFIELD_2026 = TermYear(
    start_year=2026,
    half_terms=(
        *LANCASHIRE_2026.half_terms[:2],
        HalfTerm(D(2027, 1, 4), D(2027, 2, 19)),
        HalfTerm(D(2027, 3, 1), D(2027, 3, 25)),
        *LANCASHIRE_2026.half_terms[4:],
    ),
    closures=LANCASHIRE_2026.closures,
)

MEETING_TITLE = "Kaizen network meeting"


@transaction.atomic
def seed_demo_meetings(*, coordinator: User, family: Family) -> None:
    """Term dates for 2026-27 and a network meeting series. Running it twice changes nothing."""
    if not TermCalendar.objects.filter(la_name="Lancashire", academic_year=2026).exists():
        term_calendar_save(
            actor=None, year=LANCASHIRE_2026, la_name="Lancashire", source="Kinship demo"
        )
    for urn, year in ((990103, CARNFORTH_2026), (990102, BROOKFIELD_2026)):
        school = School.objects.get(urn=urn)
        if not TermCalendar.objects.filter(school=school, academic_year=2026).exists():
            term_calendar_save(actor=None, year=year, school=school, source="Kinship demo")
    if Series.objects.filter(family=family, title=MEETING_TITLE).exists():
        return
    series_create(
        actor=coordinator,
        family=family,
        fields=SeriesFields(
            title=MEETING_TITLE,
            kind=EventKind.NETWORK_MEETING,
            description="Heads and deputies: shared priorities, moderation dates, visits.",
            audience=Audience.FAMILY,
            host_school=School.objects.get(urn=990101),
            room="Staff room",
            start_time=time(15, 45),
            end_time=time(17, 15),
            first_date=D(2026, 9, 2),
            until=D(2027, 7, 21),
            rule={"per": "half-term", "nth": 2, "weekday": "TU"},
            reference_school=School.objects.get(urn=990101),
            capacity=20,
        ),
    )
