"""The family calendar page and a person's feed, for a family of 50 schools and a busy year.

    python -m bench.calendar [--schools 50] [--occurrences 2000] [--repeat 50]

Builds, through the services: 50 member schools, 40 on their authority's term dates and 10
with their own (a later February half-term, an INSET day of their own); then weekly series
across 2026-27 until there are about 2,000 occurrences, half of them for the whole family
and half for chosen schools. Times, in-process through Django's test client:

| figure | target |
|---|---|
| the family calendar page (a month of events, the 50 schools' terms side by side) | < 150 ms |
| the same page when the term-dates grid is not cached (after a calendar changes) | shown |
| a teacher's feed of about 1,000 events | < 300 ms |

It prints the median and 95th percentile of each, the query counts, and how long planning
the series took (each series is checked against all 50 calendars).
"""

import argparse
import math
import os
import statistics
import time
from collections.abc import Callable
from datetime import date

from bench.database import fresh_database

D = date


def percentiles(timings: list[float]) -> str:
    timings = sorted(timings)
    p95 = timings[min(len(timings), math.ceil(len(timings) * 0.95)) - 1]
    return f"median {statistics.median(timings):.1f} ms, 95th percentile {p95:.1f} ms"


def timed(call: Callable[[], object], repeat: int) -> list[float]:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--schools", type=int, default=50)
    parser.add_argument("--occurrences", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    # Invitation emails would go to the task queue: not what is measured here.
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"

    with fresh_database("calendar") as vendor:
        from datetime import time as clock

        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext, setup_test_environment

        from kinship.accounts.services import user_create
        from kinship.demo.meetings import LANCASHIRE_2026
        from kinship.families.models import Family
        from kinship.families.services import family_create, family_school_add
        from kinship.meetings.models import Audience, Event, EventKind
        from kinship.meetings.services import SeriesFields, calendar_settings_of, series_create
        from kinship.schools.models import School, SchoolRole
        from kinship.schools.services import school_role_grant, term_calendar_save
        from kinship.schools.term_dates import Closure, ClosureKind, HalfTerm, TermYear

        setup_test_environment()
        coordinator = user_create(email="coordinator@bench.test", display_name="Co", password=None)
        teacher = user_create(email="teacher@bench.test", display_name="Teacher", password=None)
        family = family_create(
            actor=coordinator, name="Bench family", kind=Family.Kind.OTHER, coordinator=coordinator
        )
        schools = []
        for n in range(args.schools):
            school = School.objects.create(
                urn=500000 + n, name=f"School {n:02d}", phase="Primary", la_name="Lancashire"
            )
            family_school_add(actor=coordinator, family=family, school=school)
            schools.append(school)
        school_role_grant(actor=None, user=teacher, school=schools[0], role=SchoolRole.Role.STAFF)
        term_calendar_save(actor=None, year=LANCASHIRE_2026, la_name="Lancashire")
        own = TermYear(
            2026,
            (
                *LANCASHIRE_2026.half_terms[:2],
                HalfTerm(D(2027, 1, 4), D(2027, 2, 19)),
                HalfTerm(D(2027, 3, 1), D(2027, 3, 25)),
                *LANCASHIRE_2026.half_terms[4:],
            ),
            (*LANCASHIRE_2026.closures, Closure(D(2027, 3, 1), ClosureKind.INSET, "Training")),
        )
        for school in schools[-10:]:
            term_calendar_save(actor=None, year=own, school=school)

        started = time.perf_counter()
        weekdays = ("MO", "TU", "WE", "TH", "FR")
        made, series_count = 0, 0
        while made < args.occurrences:
            for_family = series_count % 2 == 0
            series = series_create(
                actor=coordinator,
                family=family,
                fields=SeriesFields(
                    title=f"Meeting {series_count}",
                    kind=EventKind.TEACHER_MEETING,
                    audience=Audience.FAMILY if for_family else Audience.SCHOOLS,
                    schools=()
                    if for_family
                    else schools[1 + series_count % max(1, len(schools) - 3) :][:3],
                    host_school=schools[series_count % args.schools],
                    start_time=clock(15, 45),
                    end_time=clock(17, 0),
                    first_date=D(2026, 9, 1),
                    until=D(2027, 7, 21),
                    rule={"rrule": f"FREQ=WEEKLY;BYDAY={weekdays[series_count % 5]}"},
                    reference_school=None,  # the host school
                ),
            )
            made += series.events.count()
            series_count += 1
        planning = time.perf_counter() - started
        invited = Event.objects.filter(series__audience=Audience.FAMILY).count()

        client = Client()
        client.force_login(teacher)
        page = f"/meetings/families/{family.slug}/calendar/?month=2027-01"
        feed = f"/meetings/feed/{calendar_settings_of(teacher).feed_token}.ics"
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as page_queries:
            response = client.get(page)
        assert response.status_code == 200, response.status_code
        page_query_count = len(page_queries)  # read now: it is a view onto the log
        connection.queries_log.clear()  # a full log (9,000 entries) would count nothing
        with CaptureQueriesContext(connection) as feed_queries:
            response = client.get(feed)
        assert response.status_code == 200
        feed_query_count = len(feed_queries)
        in_feed = response.content.count(b"BEGIN:VEVENT")

        print(f"database: {vendor}")
        print(
            f"set-up: {args.schools} schools, {series_count} weekly series, {made} occurrences, "
            f"planned and saved in {planning:.1f} s ({planning / series_count * 1000:.0f} ms "
            f"a series of ~{made // series_count} dates against {args.schools} calendars)"
        )
        print(
            f"family calendar page (January 2027, {args.schools} schools' terms), "
            f"{page_query_count} queries, over {args.repeat} runs: "
            f"{percentiles(timed(lambda: client.get(page), args.repeat))} (target < 150 ms)"
        )
        from django.core.cache import cache

        def cold_page() -> None:
            cache.clear()  # the term-dates grid worked out and drawn afresh
            client.get(page)

        print(
            f"  the same page with the term-dates grid not cached, over {args.repeat} runs: "
            f"{percentiles(timed(cold_page, args.repeat))}"
        )
        print(
            f"feed of {in_feed} events ({invited} invited), {feed_query_count} queries, over "
            f"{args.repeat} runs: {percentiles(timed(lambda: client.get(feed), args.repeat))} "
            f"(target < 300 ms)"
        )


if __name__ == "__main__":
    main()
