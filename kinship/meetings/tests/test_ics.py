"""Calendar files: valid iCalendar that round-trips through the icalendar library."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinship.meetings.ics import IcsEvent, Method, Person, build_calendar

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def an_event(**changes: object) -> IcsEvent:
    values: dict[str, object] = {
        "uid": "event-abc@kinship",
        "sequence": 0,
        "summary": "Y6 teachers' meeting",
        "starts_at": datetime(2027, 1, 21, 15, 45, tzinfo=LONDON),
        "ends_at": datetime(2027, 1, 21, 17, 0, tzinfo=LONDON),
        "location": "Staff room, Ashworth Primary School, Lancaster, LA1 1AA",
        "url": "https://kinship.example/meetings/events/1/",
        "description": "Moved: Carnforth Primary School is closed (INSET day).",
        "organiser": Person("coordinator@example.org", "Cath Coordinator"),
    }
    values.update(changes)
    return IcsEvent(**values)  # type: ignore[arg-type]


def parse(data: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(data)


def test_round_trips_through_icalendar() -> None:
    event = an_event(
        sequence=3,
        attendees=(Person("tom@example.org", "Tom Fairclough"),),
        categories=("Teacher meeting",),
        related_to="series-xyz@kinship",
        last_modified=NOW,
    )
    calendar = parse(build_calendar([event], method=Method.REQUEST, name="Y6", now=NOW))
    assert calendar["method"] == "REQUEST"
    assert calendar["x-wr-calname"] == "Y6"
    [vevent] = calendar.walk("VEVENT")
    assert vevent["uid"] == event.uid
    assert vevent.decoded("sequence") == 3
    assert vevent["summary"] == event.summary
    assert vevent.decoded("dtstart") == event.starts_at
    assert vevent.decoded("dtend") == event.ends_at
    assert vevent.decoded("dtstart").tzinfo.key == "Europe/London"
    assert vevent["location"] == event.location
    assert vevent["description"] == event.description
    assert vevent["status"] == "CONFIRMED"
    assert str(vevent["organizer"]) == "mailto:coordinator@example.org"
    assert vevent["organizer"].params["CN"] == "Cath Coordinator"
    assert str(vevent["attendee"]) == "mailto:tom@example.org"
    assert vevent["attendee"].params["RSVP"] == "TRUE"
    assert vevent.decoded("dtstamp") == NOW
    assert vevent.decoded("last-modified") == NOW
    assert vevent["related-to"] == "series-xyz@kinship"
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]


def test_output_is_stable_for_the_same_events() -> None:
    events = [an_event(), an_event(uid="event-def@kinship")]
    first = build_calendar(events, method=Method.PUBLISH, name="Feed", now=NOW)
    assert first == build_calendar(events, method=Method.PUBLISH, name="Feed", now=NOW)


def test_times_either_side_of_the_clock_change_keep_their_london_hour() -> None:
    winter = an_event(starts_at=datetime(2027, 3, 26, 15, 45, tzinfo=LONDON))
    summer = an_event(
        uid="event-summer@kinship",
        starts_at=datetime(2027, 3, 29, 15, 45, tzinfo=LONDON),
        ends_at=datetime(2027, 3, 29, 17, 0, tzinfo=LONDON),
    )
    calendar = parse(build_calendar([winter, summer], method=Method.PUBLISH, name="x", now=NOW))
    starts = [v.decoded("dtstart") for v in calendar.walk("VEVENT")]
    assert [s.hour for s in starts] == [15, 15]
    assert [s.utcoffset() for s in starts] == [timedelta(0), timedelta(hours=1)]


def test_cancellation_marks_every_event_cancelled() -> None:
    calendar = parse(build_calendar([an_event()], method=Method.CANCEL, name="x", now=NOW))
    assert calendar["method"] == "CANCEL"
    assert calendar.walk("VEVENT")[0]["status"] == "CANCELLED"


def test_long_and_non_ascii_lines_are_folded_within_75_octets() -> None:
    description = "Çà et là — Ysgol Gymraeg, Ffordd y Môr; " * 10
    data = build_calendar([an_event(description=description)], method=Method.PUBLISH, name="x")
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    assert parse(data).walk("VEVENT")[0]["description"] == description


def test_an_empty_calendar_is_still_valid() -> None:
    calendar = parse(build_calendar([], method=Method.PUBLISH, name="Nothing yet", now=NOW))
    assert calendar.walk("VEVENT") == []


@settings(max_examples=60, deadline=None)
@given(
    summary=st.text(min_size=1, max_size=120).filter(lambda s: s.strip() == s and "\r" not in s),
    location=st.text(max_size=80).filter(lambda s: "\r" not in s),
    name=st.text(min_size=1, max_size=40).filter(lambda s: "\r" not in s and '"' not in s),
)
def test_any_text_survives_the_round_trip(summary: str, location: str, name: str) -> None:
    summary, location = summary.replace("\x00", ""), location.replace("\x00", "")
    if not summary:
        return
    event = an_event(
        summary=summary, location=location, organiser=Person("a@example.org", name.strip() or "A")
    )
    vevent = parse(build_calendar([event], method=Method.PUBLISH, name="x")).walk("VEVENT")[0]
    assert vevent["summary"] == summary
    if location:
        assert vevent["location"] == location


@pytest.mark.parametrize("method", list(Method))
def test_every_method_names_itself(method: Method) -> None:
    data = build_calendar([an_event()], method=method, name="x", now=NOW)
    assert f"METHOD:{method.value}".encode() in data


def test_a_line_break_in_a_name_cannot_add_a_property() -> None:
    organiser = Person("a@example.org", "Eve\r\nATTACH:http://evil.example/x")
    data = build_calendar([an_event(organiser=organiser)], method=Method.REQUEST, name="x")
    assert b"\r\nATTACH" not in data
    assert "ATTACH" not in parse(data).walk("VEVENT")[0]
