"""The issue's walk-through: Kaizen's coordinator plans the spring term with one common and
one staggered INSET day per school; a school lead says how many visitors it takes; staff
say where they would like to go (a school, or a subject the planner turns into schools);
the plan is solved and published; each head accepts the change to their school's term dates,
which keep 190 pupil days and 5 INSET days; the visitor sees the visit in their calendar; the
host school prints its sign-in sheet; a pin and a re-solve move only the school's day and the
visit it forces, which the school's head agrees to; the visitor writes up a visit they have
made. Axe scans every visits page on the way.

It makes its own plan, with its own title, and relies on no global counts.
"""

import re
from datetime import date, datetime, timedelta

from playwright.sync_api import expect

from e2e.helpers import sign_in
from e2e.test_accessibility import serious_violations

TITLE = "Spring term visits 2027 (walk-through)"


def uk_date(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


CARNFORTH = "Carnforth Hill Primary School"
KAIZEN_URNS = (990101, 990102, 990103, 990104, 990105)
KAIZEN_HEADS = [
    f"head.{name}@demo.kinship.test"
    for name in ("ashworth", "brookfield", "carnforth", "dolphinholme", "edenvale")
]


def sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()


def accessible(page) -> None:
    assert serious_violations(page) == [], page.url


def test_a_spring_term_plan_from_set_up_to_the_sign_in_sheet(page, server) -> None:
    csp_errors: list[str] = []
    page.on(
        "console",
        lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None,
    )

    # The coordinator sets up the plan: the spring term, its common INSET day, one staggered day.
    sign_in(page, "coordinator@demo.kinship.test")
    page.get_by_role("link", name="Visits", exact=True).click()
    accessible(page)
    page.get_by_role("link", name="New visit plan for Kaizen Network").click()
    accessible(page)
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("First day of the window").fill("2027-01-04")
    page.get_by_label("Last day of the window").fill("2027-03-25")
    page.get_by_label("Common INSET day").fill("2027-01-04")
    page.get_by_label("Staggered INSET days each school takes").fill("1")
    page.get_by_label("Seconds the planner may search").fill("5")
    page.get_by_role("button", name="Create the plan").click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    schools = page.locator("table", has_text="Candidate days")
    expect(schools).to_contain_text(CARNFORTH)
    expect(schools).to_contain_text("Lancashire's")
    plan_url = page.url
    accessible(page)
    # A plan's INSET days move schools' own, never add to them: for each school, the
    # coordinator (or its lead) says which of its INSET days may move; here its last two.
    changes = schools.get_by_role("link", name=re.compile("^Change "))
    for index in range(changes.count()):
        page.goto(plan_url)
        changes.nth(index).click()
        movable = page.get_by_role("group", name="Our INSET days the plan may move")
        boxes = movable.get_by_role("checkbox")
        for box in range(max(0, boxes.count() - 2), boxes.count()):
            boxes.nth(box).check()
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_text("part in the plan is saved")).to_be_visible()
    sign_out(page)

    # Carnforth's head says it can take two visitors a day and keeps all its candidate days.
    sign_in(page, "head.carnforth@demo.kinship.test")
    page.goto(plan_url)
    page.get_by_role("link", name=f"Change {CARNFORTH}").click()
    expect(page.get_by_role("group", name=re.compile("Week of Mon 4 Jan 2027"))).to_be_visible()
    accessible(page)
    page.get_by_label("Visitors it can take a day").fill("2")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text(f"{CARNFORTH}'s part in the plan is saved")).to_be_visible()
    sign_out(page)

    # Tom, at Brookfield, would most like to go to Carnforth.
    sign_in(page, "teacher.brookfield@demo.kinship.test")
    page.goto(plan_url)
    page.get_by_role("link", name="Say where you would like to visit").click()
    accessible(page)
    page.get_by_label("Yes, I will visit").check()
    page.get_by_label("First choice").select_option(label=CARNFORTH)
    page.get_by_role("button", name="Save my answer").click()
    expect(page.get_by_text("Thank you: your answer is saved.")).to_be_visible()
    sign_out(page)

    # Aisha, at Carnforth, would rather see phonics in Year 1, wherever it is.
    sign_in(page, "eyfs.carnforth@demo.kinship.test")
    page.goto(plan_url)
    page.get_by_role("link", name="Say where you would like to visit").click()
    page.get_by_label("Yes, I will visit").check()
    page.get_by_label("Or a subject I would like to see").select_option(
        label="Early reading and phonics"
    )
    page.get_by_label("Or a year group").select_option(label="Year 1")
    page.get_by_role("button", name="Save my answer").click()
    expect(page.locator("#your-choices")).to_contain_text("Eden Vale Primary School")
    accessible(page)
    sign_out(page)

    # The coordinator solves (a background task; the page shows how it went) and publishes.
    sign_in(page, "coordinator@demo.kinship.test")
    page.goto(plan_url)
    page.get_by_role("button", name="Solve the plan").click()
    expect(page.locator("#optimality")).to_contain_text("The best plan possible")
    expect(page.locator("#plan-summary")).to_contain_text(
        "2 of 2 staff placed, 2 at their first choice"
    )
    rota = page.locator("section", has=page.get_by_role("heading", name="Who goes where"))
    expect(rota.get_by_role("row", name=re.compile(f"^{CARNFORTH}"))).to_contain_text(
        "Tom Fairclough"
    )
    expect(page.locator("#inset-days")).to_contain_text("Eden Vale Primary School")
    accessible(page)
    page.get_by_role("link", name="Publish this plan…").click()
    expect(page.get_by_text("follows Lancashire's shared term dates").first).to_be_visible()
    accessible(page)
    page.get_by_role("button", name="Publish: ask the heads and update calendars").click()
    expect(page.get_by_text("heads asked to accept new term dates")).to_be_visible()
    sign_out(page)

    # Each head agrees to the change to their school's term dates, from the dashboard.
    for head in KAIZEN_HEADS:
        sign_in(page, head)
        page.get_by_role("link", name=re.compile("^Accept or decline the change to")).click()
        expect(page.locator("#proposal-lines")).to_contain_text("INSET day")
        accessible(page)
        page.get_by_role("button", name="Accept the change").click()
        expect(page.get_by_text("Accepted:")).to_be_visible()
        # No school gained an INSET day or lost a pupil day: no term-date warning about either.
        expect(page.get_by_text("INSET days; schools in England usually have")).to_have_count(0)
        expect(page.get_by_text("schools in England are expected to open")).to_have_count(0)
        sign_out(page)
    # What parents see: still 190 pupil days and 5 INSET days at every school.
    for urn in KAIZEN_URNS:
        page.goto(f"/schools/{urn}/term-dates/")
        year = page.locator("section", has=page.locator("#year-2026"))
        expect(year).to_contain_text("190 days with pupils; 5 INSET")
    accessible(page)

    # Tom sees the visit in his calendar.
    sign_in(page, "teacher.brookfield@demo.kinship.test")
    page.get_by_role("link", name="Calendar", exact=True).first.click()
    brookfield = "Brookfield Church of England Primary School"
    entry = page.get_by_role(
        "link", name=f"Classroom visit: Tom Fairclough ({brookfield}) at {CARNFORTH}"
    )
    expect(entry).to_be_visible()
    sign_out(page)

    # Carnforth's head has him among the visitors coming, and prints the day's sign-in sheet.
    sign_in(page, "head.carnforth@demo.kinship.test")
    page.get_by_role("link", name="Visits", exact=True).click()
    coming = page.locator("section", has=page.get_by_role("heading", name="Visitors coming to you"))
    coming.get_by_role("link", name=re.compile("Tom Fairclough from Brookfield")).click()
    expect(page).to_have_url(re.compile(r"/visits/\d+/$"))
    accessible(page)
    page.get_by_role("link", name="The host school's sign-in sheet for the day").click()
    sheet = page.locator("table.sign-in-sheet")
    expect(sheet.get_by_role("rowheader", name="Tom Fairclough")).to_be_visible()
    expect(sheet).to_contain_text("Brookfield Church of England Primary School")
    expect(page.get_by_role("button", name="Print the sign-in sheet")).to_be_visible()  # with JS
    accessible(page)
    page.emulate_media(media="print")
    expect(page.locator("header")).to_be_hidden()
    expect(page.get_by_role("button", name="Print the sign-in sheet")).to_be_hidden()
    expect(sheet.get_by_role("rowheader", name="Tom Fairclough")).to_be_visible()
    assert page.pdf(format="A4", landscape=True).startswith(b"%PDF")
    page.emulate_media(media="screen")
    page.goto("/visits/schools/990103/reciprocity/")
    expect(page.locator("canvas[data-chart]")).to_be_visible()
    accessible(page)
    page.goto("/visits/schools/990103/clearances/")
    accessible(page)
    sign_out(page)

    # A late change: Brookfield's staggered day must move a week. The coordinator pins it and
    # solves again; only Brookfield's day and Tom's visit change, and Brookfield's head agrees.
    sign_in(page, "coordinator@demo.kinship.test")
    page.goto(plan_url)
    page.get_by_role("link", name="The published plan").click()
    row = page.locator("#inset-days tr", has_text="Brookfield")
    was = datetime.strptime(row.locator("td").first.inner_text().strip(), "%a %d %b %Y").date()
    week = timedelta(days=7)
    moved = was + week if was + week <= date(2027, 2, 12) else was - week  # before half-term
    page.goto(plan_url)
    pins = page.locator("form", has=page.get_by_role("heading", name="Pin a school's INSET day"))
    pins.get_by_label("School").select_option(label="Brookfield Church of England Primary School")
    pins.get_by_label("Its INSET day").fill(moved.isoformat())
    pins.get_by_role("button", name="Pin the INSET day").click()
    expect(page.locator("#pins")).to_contain_text(f"INSET day on {uk_date(moved)}")
    page.get_by_role("button", name="Solve again").click()
    expect(page.locator("#optimality")).to_contain_text("The best plan possible")
    page.get_by_role("link", name="Publish this plan…").click()
    visits = page.locator("table", has_text="What publishing does to each visit")
    expect(visits.get_by_role("row", name=re.compile("^Tom Fairclough"))).to_contain_text(
        "Moved from"
    )
    expect(visits.get_by_role("row", name=re.compile("^Aisha"))).to_contain_text("No change")
    page.get_by_role("button", name="Publish: ask the heads and update calendars").click()
    expect(page.get_by_text("1 school's head asked to accept new term dates")).to_be_visible()
    sign_out(page)
    sign_in(page, "head.brookfield@demo.kinship.test")
    page.get_by_role("link", name=re.compile("^Accept or decline the change to")).click()
    expect(page.locator("#proposal-lines")).to_contain_text(
        f"{uk_date(moved)}: now a staggered INSET day"
    )
    expect(page.locator("#proposal-lines")).to_contain_text(f"{uk_date(was)}: a pupil day again")
    page.get_by_role("button", name="Accept the change").click()
    expect(page.get_by_text("Accepted:")).to_be_visible()
    sign_out(page)
    sign_in(page, "teacher.brookfield@demo.kinship.test")
    page.get_by_role("link", name="Visits", exact=True).click()
    expect(page.locator("main")).to_contain_text(uk_date(moved))
    sign_out(page)

    # Tom writes up the visit he has already made to Carnforth's Year 2 phonics.
    sign_in(page, "teacher.brookfield@demo.kinship.test")
    page.get_by_role("link", name="Visits", exact=True).click()
    page.get_by_role("link", name=re.compile("Write your reflection")).first.click()
    accessible(page)
    page.get_by_label("What I saw").fill("Every child said every sound, then read in pairs.")
    page.get_by_label("What I will try").fill("Same-day keep-up groups for six children.")
    page.get_by_label("What I can offer back").fill("Our Year 6 reading-fluency routine.")
    page.get_by_role("button", name="Save and thank the host").click()
    expect(page.get_by_text("the host has been thanked")).to_be_visible()
    expect(page.locator("#reflection")).to_contain_text("Same-day keep-up groups")
    accessible(page)
    page.get_by_role("button", name="I agree to share it with the family library").click()
    expect(page.locator("#sharing")).to_contain_text("agrees")
    assert csp_errors == []


def test_the_visits_pages_are_accessible(page) -> None:
    sign_in(page, "head.ashworth@demo.kinship.test")
    for path in (
        "/visits/",
        "/visits/open-classrooms/",
        "/visits/open-classrooms/?subject=early_reading",
        "/visits/open-classrooms/new/",
        "/visits/record/",
        "/visits/schools/990101/clearances/",
        "/visits/schools/990101/sign-in/",
        "/visits/schools/990101/reciprocity/",
    ):
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        accessible(page)
    page.goto("/visits/open-classrooms/")
    page.get_by_role("link", name=re.compile("Y2 phonics, Tue and Thu mornings")).click()
    accessible(page)
    page.get_by_label("Day you would like to come").fill("2000-01-01")
    page.get_by_label("What would you like to find out?").fill("Pace")
    page.get_by_role("button", name="Ask to visit").click()
    expect(page.get_by_text("Choose a day after today.").first).to_be_visible()
    accessible(page)


def test_a_coordinator_proposes_a_common_inset_day_and_parents_see_term_dates(page) -> None:
    """Issue 18: the family calendar lists the common INSET days and leads to proposing one;
    a day when a school is closed is refused with its name; parents read a school's term
    dates without an account."""
    sign_in(page, "coordinator@demo.kinship.test")
    page.goto("/meetings/families/kaizen-network/calendar/?month=2027-03")
    expect(page.locator("#common-insets")).to_be_visible()
    page.get_by_role("link", name="Propose a common INSET day to the heads").click()
    accessible(page)
    page.get_by_label("The common INSET day").fill("2027-02-16")  # the February half-term
    page.get_by_role("button", name="Ask the heads").click()
    expect(page.get_by_text("is closed on Tue 16 Feb 2027 already").first).to_be_visible()
    accessible(page)
    sign_out(page)
    response = page.goto("/schools/990103/term-dates/")
    assert response is not None and response.status == 200
    expect(
        page.get_by_role("heading", name="Carnforth Hill Primary School: term dates")
    ).to_be_visible()
    accessible(page)
    feed = page.request.get("/schools/990103/term-dates.ics")
    assert feed.ok and feed.headers["content-type"].startswith("text/calendar")
