"""The issue's walk-through: a coordinator sets up "Y6 teachers' meeting, 3rd Wednesday of
every half-term" across three schools with different term dates, sees why one date moved,
a teacher replies and proposes an agenda item, the coordinator records minutes and an
action, the action reaches the teacher's dashboard and the series reaches their feed."""

import re

from playwright.sync_api import expect

from e2e.helpers import sign_in
from e2e.test_accessibility import serious_violations

TITLE = "Y6 teachers' meeting"
SCHOOLS = (
    "Ashworth Primary School (990101)",
    "Brookfield Church of England Primary School (990102)",
    "Carnforth Hill Primary School (990103)",
)


def sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()


def test_a_termly_teacher_meeting_from_set_up_to_the_feed(page, server) -> None:
    sign_in(page, "coordinator@demo.kinship.test")
    page.goto("/meetings/families/kaizen-network/calendar/")
    expect(page.get_by_role("heading", name=re.compile("Term dates side by side"))).to_be_visible()
    page.get_by_role("link", name="New event").click()

    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Kind of event").select_option(label="Teacher meeting")
    page.get_by_label("Staff of chosen schools").check()
    for school in SCHOOLS:
        page.get_by_label(school, exact=True).check()
    page.get_by_label("Host school").select_option(label=SCHOOLS[0])
    page.get_by_label("Room").fill("Year 6 classroom")
    page.get_by_label("Date (first date of a series)").fill("2026-09-01")
    page.get_by_label("Starts").fill("15:45")
    page.get_by_label("Ends").fill("17:00")
    page.get_by_label("Repeats").select_option(value="half_term")
    page.get_by_label("Which").select_option(label="3rd")
    page.get_by_label("Weekday").select_option(label="Wednesday")
    page.get_by_label("Repeat until").fill("2027-07-21")
    page.get_by_label("Count half-terms by the term dates of").select_option(label=SCHOOLS[0])
    page.get_by_role("button", name="Preview dates").click()

    plan = page.locator("#plan")
    expect(plan).to_contain_text("6 dates: the 3rd Wednesday of every half-term")
    moved = plan.locator("li", has_text="moved from Wed 20 Jan 2027")
    expect(moved).to_contain_text("Thu 21 Jan 2027")
    expect(moved).to_contain_text("Carnforth Hill Primary School is closed (INSET day")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Save and send invitations").click()
    expect(page.get_by_text("is in the calendar; invitations are on their way")).to_be_visible()
    sign_out(page)

    # Tom, a Year 6 teacher at Brookfield, replies to the next date and proposes an item.
    sign_in(page, "teacher.brookfield@demo.kinship.test")
    page.get_by_role("link", name="Calendar", exact=True).first.click()
    page.get_by_role("link", name=TITLE).first.click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(page.get_by_text("Thu 21 Jan 2027").first).to_be_visible()
    event_url = page.url
    page.get_by_role("button", name="Going", exact=True).click()
    expect(page.locator("#my-reply")).to_contain_text("Going")
    page.get_by_label("What would you like to discuss?").fill("Greater depth exemplars")
    page.get_by_role("button", name="Add to the agenda").click()
    expect(page.locator("#agenda")).to_contain_text("Greater depth exemplars")
    assert serious_violations(page) == []
    sign_out(page)

    # The coordinator writes the minutes and gives Tom an action.
    sign_in(page, "coordinator@demo.kinship.test")
    page.goto(event_url)
    expect(page.locator("#going")).to_contain_text("Tom Fairclough")
    page.get_by_role("link", name="Write the minutes").click()
    page.get_by_label("Minutes").fill("We compared three greater-depth pieces.")
    page.get_by_role("button", name="Save minutes").click()
    expect(page.locator("#minutes")).to_contain_text("We compared three greater-depth pieces.")
    actions = page.locator("#actions")
    actions.get_by_label(re.compile(r"^Action")).fill("Bring two moderated GDS scripts")
    actions.get_by_label("Who").select_option(label="Tom Fairclough")
    page.get_by_role("button", name="Record action").click()
    expect(page.locator("#actions")).to_contain_text("Bring two moderated GDS scripts")
    sign_out(page)

    # The action waits on Tom's dashboard, and his feed carries every date of the series.
    sign_in(page, "teacher.brookfield@demo.kinship.test")
    expect(page.get_by_text("Bring two moderated GDS scripts")).to_be_visible()
    page.goto("/meetings/settings/")
    feed_url = page.locator("#feed-url").input_value()
    feed = page.request.get(feed_url)
    assert feed.ok and feed.headers["content-type"].startswith("text/calendar")
    body = feed.text()
    assert body.count(f"SUMMARY:{TITLE}") == 6
    assert "DTSTART;TZID=Europe/London:20270121T154500" in body


def test_calendar_pages_are_accessible(page) -> None:
    sign_in(page, "head.ashworth@demo.kinship.test")
    for path in (
        "/meetings/",
        "/meetings/settings/",
        "/meetings/families/kaizen-network/calendar/?month=2027-01",
        "/meetings/families/kaizen-network/events/new/",
        "/meetings/families/kaizen-network/polls/new/",
        "/schools/990101/terms/2026/",
        "/schools/990101/terms/2026/edit/",
        "/schools/990101/terms/2026/import/",
    ):
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        assert serious_violations(page) == [], path
