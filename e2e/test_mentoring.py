"""A year of coaching in brief, in Kaizen Network: the coordinator sets up a second
programme, two new heads apply and a head volunteers to coach, matching proposes pairs and
they are published, a head adds the questions saved up since the last visit, a meeting is
held and the questions are ticked off, an action is completed, and the cohort meets. The
coordinator's report shows counts and never a question. Axe scans every page on the way."""

import re
from datetime import date, timedelta

from playwright.sync_api import expect

from e2e.helpers import sign_in
from e2e.test_accessibility import serious_violations

PROGRAMME = "Spring coaching 2027"
SARAH, PRIYA = "coordinator@demo.kinship.test", "head.ashworth@demo.kinship.test"
# Helen, not Claire: the accounts browser test locks Claire out on purpose.
JOANNE, HELEN = "head.edenvale@demo.kinship.test", "head.carnforth@demo.kinship.test"
QUESTIONS = ("How do I plan the first governors' meeting?", "Who checks my SEF before Ofsted?")


def sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_label("Email address")).to_be_visible()


def accessible(page) -> None:
    assert serious_violations(page) == [], page.url


def open_programme(page) -> None:
    page.get_by_role("link", name="Coaching", exact=True).first.click()
    page.get_by_role("link", name=PROGRAMME).first.click()


def apply(page, email: str, role: str, vision: str, tags: list[str], year: str = "") -> None:
    sign_in(page, email)
    open_programme(page)
    page.get_by_role(
        "link", name="Apply to be coached" if role == "mentee" else "Volunteer to coach"
    ).click()
    if year:
        page.get_by_label("Year of headship").select_option(label=year)
    else:
        page.get_by_label("How many heads you can coach").fill("2")
    page.get_by_label("Your vision, in a few sentences").fill(vision)
    page.get_by_label(
        "Priorities" if role == "mentee" else "Expertise you can offer", exact=True
    ).select_option(label=tags)
    accessible(page)
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("the coordinators will confirm your place").first).to_be_visible()
    sign_out(page)


def test_a_year_of_coaching_in_brief(page, server) -> None:
    # The last school day before today: schools are closed at the weekend, and the form says so.
    day = date.today() - timedelta(days=1)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    yesterday = day.isoformat()
    # Sarah, who coordinates Kaizen, sets up the programme and the cohort's first date.
    sign_in(page, SARAH)
    page.get_by_role("link", name="Coaching", exact=True).first.click()
    accessible(page)
    page.get_by_role("link", name="New programme in Kaizen Network").click()
    page.get_by_label("Name").fill(PROGRAMME)
    page.get_by_label("Starts").fill("2027-01-04")
    page.get_by_label("Ends").fill("2027-12-17")
    accessible(page)
    page.get_by_role("button", name="Create the programme").click()
    expect(page.get_by_text("is open for applications")).to_be_visible()
    sign_out(page)

    # Two new heads apply; an experienced head volunteers to coach both.
    apply(
        page,
        PRIYA,
        "mentee",
        "Early reading and a love of books for every child, with SEND provision that works.",
        ["Early reading", "SEND"],
        year="First year",
    )
    apply(
        page,
        JOANNE,
        "mentee",
        "Every child attends, every day, and reads well.",
        ["Phonics", "Attendance"],
        year="Second year",
    )
    apply(
        page,
        HELEN,
        "coach",
        "Early reading and phonics so that every child reads by seven.",
        ["Phonics", "Early reading"],
    )

    # Sarah accepts them, sets a cohort date, proposes pairs and publishes them.
    sign_in(page, SARAH)
    open_programme(page)
    for name in ("Priya Shah", "Joanne Pike", "Helen Brooks"):
        page.get_by_role("button", name=f"Accept {name}").click()
        expect(page.get_by_text(f"{name} takes part.")).to_be_visible()
    accessible(page)
    page.get_by_role("link", name="Set a cohort meeting date").click()
    page.get_by_label("Title").fill("Cohort meeting 1")
    page.get_by_label("Date").fill(yesterday)
    page.get_by_label("Host school").select_option(label="Ashworth Primary School (990101)")
    accessible(page)
    page.get_by_role("button", name="Save and invite the cohort").click()
    programme_url = page.url
    page.get_by_role("link", name="Matching").first.click()
    page.get_by_role("button", name="Propose pairs").click()
    expect(page.locator("#run-summary")).to_contain_text("2 heads paired, 0 without a coach")
    proposed = page.locator("#proposed")
    expect(proposed).to_contain_text("Priya Shah")
    expect(proposed).to_contain_text("shared priorities: Early reading")
    accessible(page)
    page.get_by_role("button", name=re.compile("Publish 2 pairs")).click()
    expect(page.get_by_text("Published 2 pair(s)")).to_be_visible()
    expect(page.locator("#published")).to_contain_text("Priya Shah with Helen Brooks")
    sign_out(page)

    # Priya adds the questions he has been saving up for his coach.
    sign_in(page, PRIYA)
    page.get_by_role("link", name="Coaching", exact=True).first.click()
    page.get_by_role("link", name="With my coach, Helen Brooks").click()
    pair_url = page.url
    for question in QUESTIONS:
        page.get_by_label(re.compile("^Question")).fill(question)
        page.get_by_role("button", name="Add the question").click()
        expect(page.locator("#open-questions")).to_contain_text(question)
    accessible(page)
    sign_out(page)

    # Helen records yesterday's visit: the questions are ticked off, notes and an action.
    sign_in(page, HELEN)
    page.goto(pair_url)
    page.get_by_role("link", name="Book a meeting").click()
    page.get_by_label("Date").fill(yesterday)
    page.get_by_label("Starts").fill("13:30")
    page.get_by_label("Ends").fill("15:00")
    page.get_by_label("At the coach's school (a visit)").check()
    accessible(page)
    page.get_by_role("button", name="Book and send invitations").click()
    agenda = page.locator("#agenda")
    for question in QUESTIONS:
        expect(agenda).to_contain_text(question)
    accessible(page)
    for question in QUESTIONS:
        item = agenda.locator("li", has_text=question)
        item.get_by_role("textbox").fill("We talked it through.")
        item.get_by_role("button", name=re.compile("^Tick off")).click()
        expect(page.locator("#agenda li", has_text=question)).to_contain_text("Ticked off")
    page.get_by_role("link", name="Write the notes").click()
    page.get_by_label("Notes").fill("A walk round at lunchtime; governors' calendar drafted.")
    page.get_by_role("button", name="Save notes").click()
    expect(page.locator("#held")).to_have_text("Yes")
    actions = page.locator("#actions")
    actions.get_by_label("Action").fill("Send the governors' calendar to Helen")
    actions.get_by_label("Who").select_option(label="Priya Shah")
    page.get_by_role("button", name="Record action").click()
    expect(page.locator("#actions")).to_contain_text("Send the governors' calendar to Helen")
    sign_out(page)

    # Priya completes the action, then the cohort meets: topics, votes and notes.
    sign_in(page, PRIYA)
    page.goto(pair_url)
    expect(page.locator("#open-questions")).to_contain_text("No open questions.")
    page.get_by_role("button", name=re.compile("^Mark done.*Send the governors")).click()
    expect(page.get_by_text("Marked done.")).to_be_visible()
    page.goto(programme_url)
    page.get_by_role("link", name="The cohort").click()
    expect(page.locator("#cohort-members")).to_contain_text("Joanne Pike")
    accessible(page)
    page.get_by_role("link", name="Cohort meeting 1").click()
    page.get_by_label("What would you like to discuss?").fill("Our first Ofsted call")
    page.get_by_role("button", name="Propose the topic").click()
    expect(page.locator("#agenda")).to_contain_text("1 vote")
    accessible(page)
    page.get_by_role("link", name="Write the notes").click()
    page.get_by_label("Notes").fill("We compared our first-term budgets.")
    page.get_by_role("button", name="Save notes").click()
    expect(page.locator("#notes")).to_contain_text("We compared our first-term budgets.")
    sign_out(page)

    # Sarah's report: the pairs and their meetings counted, nothing of what was said.
    sign_in(page, SARAH)
    page.goto(programme_url)
    page.get_by_role("link", name="Report").first.click()
    table = page.locator("#pairs-table")
    expect(table).to_contain_text("Priya Shah")
    expect(table.locator("tr", has_text="Priya Shah")).to_contain_text("2 / 2")
    body = page.content()
    assert all(question not in body for question in QUESTIONS)
    assert "first-term budgets" not in body and "Ofsted call" not in body
    accessible(page)
    response = page.goto(pair_url)
    assert response is not None and response.status == 404


def test_coaching_pages_are_accessible(page) -> None:
    sign_in(page, "head.ashworth@demo.kinship.test")
    page.get_by_role("link", name="Coaching", exact=True).first.click()
    page.get_by_role("link", name="With my coach, David Okafor").click()
    pair_url = page.url
    for path in (
        pair_url,
        f"{pair_url}goals/",
        f"{pair_url}reflection/",
        f"{pair_url}meetings/new/",
        "/mentoring/",
        "/mentoring/calendar/",
        "/",
    ):
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        accessible(page)
    page.goto(pair_url)
    page.locator("#meetings").get_by_role("link").nth(1).click()
    accessible(page)
    page.goto("/mentoring/")
    page.get_by_role("link", name="New heads 2026–27", exact=True).first.click()
    for name in ("My private journal", "The cohort", "Feedback to the programme"):
        page.get_by_role("link", name=name).first.click()
        accessible(page)
        page.go_back()
    page.get_by_role("link", name="Your profile").click()
    accessible(page)
    sign_out(page)
    sign_in(page, "coordinator@demo.kinship.test")
    page.get_by_role("link", name="Coaching", exact=True).first.click()
    page.get_by_role("link", name="New heads 2026–27").first.click()
    accessible(page)
    for name in ("Matching", "Report"):
        page.get_by_role("link", name=name).first.click()
        accessible(page)
        page.go_back()
