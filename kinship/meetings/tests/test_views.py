"""Meetings from the browser's side: previewing and saving a series, the feed, .ics files,
replies, agendas, minutes and actions, and the dashboard panel."""

import re
from datetime import date, time, timedelta

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kinship.conftest import Personas, signed_in_client
from kinship.meetings import services
from kinship.meetings.models import DatePoll, Event, Series
from kinship.meetings.tests.conftest import y6_fields
from kinship.schools.services import term_calendar_save
from kinship.schools.term_dates import Closure, ClosureKind, HalfTerm, TermYear, academic_year_of

pytestmark = pytest.mark.django_db
D = date


def series_form(people: Personas, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "Y6 teachers' meeting",
        "kind": "teacher_meeting",
        "audience": "schools",
        "schools": [people.school.pk, people.second_school.pk, people.shared_school.pk],
        "host_school": people.school.pk,
        "first_date": "2031-09-01",
        "start_time": "15:45",
        "end_time": "17:00",
        "repeat": "half_term",
        "nth": "3",
        "weekday": "WE",
        "until": "2032-07-21",
        "reference_school": people.school.pk,
        "policy": "move",
    }
    data.update(changes)
    return data


def test_preview_explains_a_moved_date_before_anything_is_saved(term_dates: Personas) -> None:
    client = signed_in_client(term_dates.coordinator)
    url = reverse("meetings:series_create", args=[term_dates.family.slug])
    response = client.post(url, {**series_form(term_dates), "preview": "1"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Thu 22 Jan 2032" in page and "Wed 21 Jan 2032" in page
    assert "Cedar Primary School is closed (INSET day: writing training)" in page
    assert not Series.objects.exists()
    response = client.post(url, {**series_form(term_dates), "save": "1"})
    series = Series.objects.get()
    assert response.status_code == 302 and response["Location"] == series.get_absolute_url()
    assert series.events.count() == 6


def test_an_impossible_rule_is_a_form_error_not_a_500(term_dates: Personas) -> None:
    client = signed_in_client(term_dates.coordinator)
    url = reverse("meetings:series_create", args=[term_dates.family.slug])
    response = client.post(url, {**series_form(term_dates, repeat="rrule", rrule="FREQ=NEVER")})
    assert response.status_code == 200
    assert "Please check the form" in response.content.decode()
    assert not Series.objects.exists()


def test_the_feed_holds_everything_the_person_is_invited_to(people: Personas) -> None:
    soon = timezone.localdate() + timedelta(days=30)
    series = services.series_create(
        actor=people.coordinator,
        family=people.family,
        fields=y6_fields(
            people,
            first_date=soon,
            until=soon + timedelta(days=60),
            rule={"rrule": "FREQ=WEEKLY;INTERVAL=2"},
            reference_school=None,
        ),
    )
    token = services.calendar_settings_of(people.teacher).feed_token
    response = signed_in_client(None).get(reverse("meetings:feed", args=[token]))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    uids = {str(v["uid"]) for v in calendar.walk("VEVENT")}
    assert len(uids) == 5
    assert uids == {f"event-{e.uid}@kinship" for e in series.events.all()}
    # The outsider's feed has none of them.
    other = services.calendar_settings_of(people.outsider).feed_token
    response = signed_in_client(None).get(reverse("meetings:feed", args=[other]))
    assert icalendar.Calendar.from_ical(response.content).walk("VEVENT") == []


def test_resetting_the_feed_turns_the_old_address_off(term_dates: Personas) -> None:
    old = services.calendar_settings_of(term_dates.teacher).feed_token
    client = signed_in_client(term_dates.teacher)
    client.post(reverse("meetings:feed_reset"))
    assert signed_in_client(None).get(reverse("meetings:feed", args=[old])).status_code == 404
    new = services.calendar_settings_of(term_dates.teacher).feed_token
    assert new != old
    page = client.get(reverse("meetings:calendar_settings")).content.decode()
    assert new in page


def test_one_event_downloads_as_a_valid_ics(term_dates: Personas) -> None:
    series = services.series_create(
        actor=term_dates.coordinator, family=term_dates.family, fields=y6_fields(term_dates)
    )
    event = series.events.get(date=D(2032, 1, 22))
    response = signed_in_client(term_dates.teacher).get(
        reverse("meetings:event_ics", args=[event.pk])
    )
    [vevent] = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert vevent.decoded("dtstart").date() == D(2032, 1, 22)
    assert "Moved: " in str(vevent["description"])


def test_reply_agenda_minutes_and_action_from_the_pages(term_dates: Personas) -> None:
    series = services.series_create(
        actor=term_dates.coordinator, family=term_dates.family, fields=y6_fields(term_dates)
    )
    event = series.events.get(date=D(2031, 11, 19))
    teacher = signed_in_client(term_dates.teacher)
    teacher.post(reverse("meetings:event_rsvp", args=[event.pk]), {"status": "going"})
    teacher.post(reverse("meetings:agenda_add", args=[event.pk]), {"title": "Greater depth"})
    coordinator = signed_in_client(term_dates.coordinator)
    coordinator.post(
        reverse("meetings:minutes_edit", args=[event.pk]), {"minutes": "We agreed the rota."}
    )
    coordinator.post(
        reverse("meetings:action_add", args=[event.pk]),
        {"text": "Send exemplars", "owner": term_dates.teacher.pk, "due": "2031-12-01"},
    )
    page = teacher.get(reverse("meetings:event_detail", args=[event.pk])).content.decode()
    for text in ("Greater depth", "We agreed the rota.", "Send exemplars"):
        assert text in page
    assert "https://www.openstreetmap.org/?mlat=54.04000&amp;mlon=-2.80000" in page  # the host
    event.refresh_from_db()
    assert event.rsvps.get().user == term_dates.teacher
    dashboard = teacher.get(reverse("families:dashboard")).content.decode()
    assert "Send exemplars" in dashboard


def test_an_action_for_someone_not_invited_is_a_form_error(term_dates: Personas) -> None:
    event = _event(term_dates)
    response = signed_in_client(term_dates.coordinator).post(
        reverse("meetings:action_add", args=[event.pk]),
        {"text": "Send exemplars", "owner": term_dates.outsider.pk},
    )
    assert response.status_code in (200, 302, 400)
    assert not event.actions.exists()


def _event(people: Personas) -> Event:
    series = services.series_create(
        actor=people.coordinator,
        family=people.family,
        fields=y6_fields(people, rule=None, until=None, first_date=D(2031, 9, 17)),
    )
    return series.events.get()


def test_the_family_calendar_page_stays_within_a_query_budget(term_dates: Personas) -> None:
    services.series_create(
        actor=term_dates.coordinator, family=term_dates.family, fields=y6_fields(term_dates)
    )
    client = signed_in_client(term_dates.head)
    url = reverse("meetings:family_calendar", args=[term_dates.family.slug]) + "?month=2032-01"
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    page = response.content.decode()
    assert "Y6 teachers&#x27; meeting" in page or "Y6 teachers' meeting" in page
    assert "Every school in" in page
    # The month grid: Cedar's INSET day, and the Christmas holidays for everyone.
    assert re.search(r"Wed 21 Jan</div>\s*<div class=\"small\">Not in: Cedar Primary School", page)
    assert re.search(r"Fri 2 Jan</div>\s*<div class=\"small\">No school in", page)
    assert len(queries) <= 30, [q["sql"] for q in queries]


def test_the_dashboard_panel_adds_few_queries(term_dates: Personas) -> None:
    client = signed_in_client(term_dates.teacher)
    client.get(reverse("families:dashboard"))
    with CaptureQueriesContext(connection) as before:
        client.get(reverse("families:dashboard"))
    services.series_create(
        actor=term_dates.coordinator, family=term_dates.family, fields=y6_fields(term_dates)
    )
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("families:dashboard")).content.decode()
    assert "Wed 17 Sep 2031" in page
    # A series of a dozen dates costs the panel no more queries than an empty calendar.
    assert len(queries) <= len(before)


def test_a_time_ending_before_it_starts_is_refused(term_dates: Personas) -> None:
    fields = y6_fields(term_dates, start_time=time(17), end_time=time(16))
    with pytest.raises(Exception, match="end after it starts"):
        services.plan_series(family=term_dates.family, fields=fields)


def test_moving_one_date_onto_a_closed_day_is_refused_on_the_page(term_dates: Personas) -> None:
    series = services.series_create(
        actor=term_dates.coordinator, family=term_dates.family, fields=y6_fields(term_dates)
    )
    event = series.events.get(date=D(2032, 1, 22))
    client = signed_in_client(term_dates.coordinator)
    url = reverse("meetings:event_edit", args=[event.pk])
    form = {
        **series_form(term_dates, audience="family", schools=[]),
        "first_date": "2032-01-21",
        "scope": "one",
        "save": "1",
    }
    response = client.post(url, form)
    assert response.status_code == 200
    assert (
        "Cedar Primary School is closed (INSET day: writing training)" in response.content.decode()
    )
    event.refresh_from_db()
    assert event.date == D(2032, 1, 22) and event.sequence == 0
    response = client.post(url, {**form, "first_date": "2032-01-23"})
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.date == D(2032, 1, 23) and event.edited and event.sequence == 1
    others = series.events.exclude(pk=event.pk).values_list("sequence", flat=True)
    assert set(others) == {0}


def test_finding_a_date_from_the_pages(term_dates: Personas) -> None:
    coordinator = signed_in_client(term_dates.coordinator)
    response = coordinator.post(
        reverse("meetings:poll_create", args=[term_dates.family.slug]),
        {"title": "Summer moderation", "slots": "21/01/2032 15:45-17:00\n2032-01-22 15:45-17:00"},
    )
    poll = DatePoll.objects.get()
    assert response.status_code == 302 and response["Location"] == poll.get_absolute_url()
    inset, thursday = poll.slots.order_by("date")
    teacher = signed_in_client(term_dates.teacher)
    teacher.post(
        poll.get_absolute_url(), {f"slot-{inset.pk}": "yes", f"slot-{thursday.pk}": "maybe"}
    )
    page = coordinator.get(poll.get_absolute_url()).content.decode()
    ranking = page[page.index('id="ranking-heading"') :]
    # The Thursday ranks first: Cedar is closed on the Wednesday, whatever the votes.
    assert ranking.index("Thu 22 Jan 2032") < ranking.index("Wed 21 Jan 2032")
    assert "Cedar Primary School is closed (INSET day: writing training)" in page
    response = coordinator.post(
        reverse("meetings:poll_close", args=[poll.pk]),
        {"slot": thursday.pk, "host_school": term_dates.school.pk},
    )
    series = Series.objects.get()
    assert response["Location"] == series.get_absolute_url()
    assert series.events.get().date == D(2032, 1, 22)


def test_slots_that_cannot_be_read_are_named(term_dates: Personas) -> None:
    response = signed_in_client(term_dates.coordinator).post(
        reverse("meetings:poll_create", args=[term_dates.family.slug]),
        {"title": "Summer moderation", "slots": "next tuesday\n2032-01-22 15:45-17:00"},
    )
    assert response.status_code == 200
    assert "Not understood: line 1 (next tuesday)" in response.content.decode()
    assert not DatePoll.objects.exists()


def test_my_calendar_lists_my_dates_and_polls_only(term_dates: Personas) -> None:
    soon = timezone.localdate() + timedelta(days=20)
    services.series_create(
        actor=term_dates.coordinator,
        family=term_dates.family,
        fields=y6_fields(term_dates, rule=None, until=None, first_date=soon, title="Soon"),
    )
    services.poll_create(
        actor=term_dates.coordinator,
        family=term_dates.family,
        title="Kaizen moderation day",
        slots=[(soon, time(9), time(12)), (soon + timedelta(days=1), time(9), time(12))],
    )
    teacher = signed_in_client(term_dates.teacher).get(reverse("meetings:my_calendar"))
    assert "Soon" in teacher.content.decode()
    assert "Kaizen moderation day" in teacher.content.decode()
    outsider = signed_in_client(term_dates.outsider).get(reverse("meetings:my_calendar"))
    assert "Kaizen moderation day" not in outsider.content.decode()
    assert "Soon" not in outsider.content.decode()


def test_odd_months_and_next_addresses_are_handled_safely(term_dates: Personas) -> None:
    client = signed_in_client(term_dates.coordinator)
    url = reverse("meetings:family_calendar", args=[term_dates.family.slug])
    for month in ("9999-12", "0001-01", "2027-13", "soon"):
        assert client.get(f"{url}?month={month}").status_code == 200
    event = _event(term_dates)
    action = services.action_add(
        actor=term_dates.coordinator, event=event, text="Send", owner=term_dates.teacher
    )
    done = reverse("meetings:action_done", args=[action.pk])
    response = signed_in_client(term_dates.teacher).post(done, {"next": "/\\evil.example"})
    assert response["Location"] == f"{event.get_absolute_url()}#actions"


def test_the_feed_holds_the_days_the_persons_own_school_is_closed(people: Personas) -> None:
    """Issue 18: a head's accepted change of INSET day reaches every feed: each of the
    person's own schools' INSET and closure days is an all-day entry there."""
    today = timezone.localdate()
    start = today - timedelta(days=today.weekday())  # a Monday
    inset = start + timedelta(days=15)  # a Wednesday
    year = TermYear(
        academic_year_of(start),
        (HalfTerm(start, start + timedelta(days=40)),),
        (Closure(inset, ClosureKind.INSET, "Staff training"),),
    )
    term_calendar_save(actor=None, year=year, school=people.second_school)  # Tom's school
    token = services.calendar_settings_of(people.teacher).feed_token
    response = signed_in_client(None).get(reverse("meetings:feed", args=[token]))
    [entry] = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert entry.decoded("dtstart") == inset and entry.decoded("dtend") == inset + timedelta(1)
    assert str(entry["summary"]) == f"INSET day: {people.second_school.name}"
    assert str(entry["uid"]) == f"closed-{inset:%Y%m%d}-{people.second_school.urn}@kinship"
    assert "ORGANIZER" not in entry
    # Someone who works elsewhere does not get another school's days.
    other = services.calendar_settings_of(people.outsider).feed_token
    response = signed_in_client(None).get(reverse("meetings:feed", args=[other]))
    assert icalendar.Calendar.from_ical(response.content).walk("VEVENT") == []
