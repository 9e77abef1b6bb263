"""The issue's walk-through: a moderation round across three demo schools. The lead opens
it and adds three Year 6 teachers; each uploads scripts (typed and a photographed page);
they grade blind and compare pairs of other schools' scripts (keyboard, with the next pair
preloaded); the lead closes judging and reads the fitted scale, the bias chart and the
meeting agenda, and records an outcome. Every page gets an axe scan.

The demo moderation people sign in with a second factor (demo secret from
kinship.demo.moderation); each signs in once, in a browser context of their own, since a
TOTP code is good only once."""

import io
import random
import re
import uuid

from PIL import Image
from playwright.sync_api import expect

from e2e.helpers import sign_in, totp_code
from e2e.test_accessibility import serious_violations
from kinship.demo.moderation import DEMO_TOTP_SECRET

LEAD = "moderation@demo.kinship.test"
TEACHERS = {
    "y6.ashworth@demo.kinship.test": "Ashworth Primary School (990101)",
    "y6.carnforth@demo.kinship.test": "Carnforth Hill Primary School (990103)",
    "y6.dolphinholme@demo.kinship.test": "Dolphinholme Lane Primary School (990104)",
}


def signed_in(browser, server, email: str):
    context = browser.new_context(
        base_url=server.url, locale="en-GB", viewport={"width": 1024, "height": 768}
    )  # a tablet
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, email)
    expect(page.get_by_role("heading", name="Enter your code")).to_be_visible()
    page.get_by_label("Six-digit code").fill(totp_code(DEMO_TOTP_SECRET))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name=re.compile("Hello"))).to_be_visible()
    return context, page


def photographed_page() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (600, 800), (250, 250, 245)).save(buffer, format="PNG")
    return buffer.getvalue()


def check(page) -> None:
    assert serious_violations(page) == [], page.url


def test_a_moderation_round_from_opening_to_the_meeting(browser, server) -> None:
    title = f"Y6 persuasive letters {uuid.uuid4().hex[:6]}"
    lead_context, lead = signed_in(browser, server, LEAD)
    lead.get_by_role("link", name="Moderation", exact=True).click()
    check(lead)
    lead.get_by_role("link", name="Open a round for Kaizen Network").click()
    lead.get_by_label("Title").fill(title)
    lead.get_by_label("Genre or task").fill("Persuasive letter to the council")
    lead.get_by_label("Comparisons per script").fill("4")
    lead.get_by_label("Samples in by").fill("2027-01-15")
    lead.get_by_label("Judging closes").fill("2027-01-29")
    lead.get_by_label("Moderation meeting").fill("2027-02-04")
    for school in TEACHERS.values():
        lead.get_by_label(school, exact=True).check()
    check(lead)
    lead.get_by_role("button", name="Open the round").click()
    expect(lead.get_by_role("heading", name=title)).to_be_visible()
    round_url = lead.url
    for email in TEACHERS:
        for role in ("Uploads samples", "Judge"):
            lead.get_by_label("Email address").fill(email)
            lead.get_by_label("Role").select_option(label=role)
            lead.get_by_role("button", name="Add to the round").click()
            expect(lead.locator(".alert-success")).to_contain_text("second factor")
    check(lead)

    teachers = {email: signed_in(browser, server, email) for email in TEACHERS}
    for n, (_context, page) in enumerate(teachers.values()):
        page.goto(round_url)
        page.get_by_role("link", name="Upload scripts").click()
        page.get_by_label("The school's grade").select_option(label=["WTS", "EXS", "GDS"][n])
        page.get_by_label("Or the typed text").fill(
            "Dear Councillor,\n\nOur park needs new swings because the old ones are broken."
        )
        page.get_by_role("button", name="Upload").click()
        expect(page.locator(".alert-success")).to_contain_text("is in")
        page.get_by_label("The school's grade").select_option(label="EXS")
        page.get_by_label("Pages (PDF, photos or scans)").set_input_files(
            [{"name": "page-1.png", "mimeType": "image/png", "buffer": photographed_page()}]
        )
        page.get_by_role("button", name="Upload").click()
        expect(page.locator(".alert-success")).to_contain_text("1 page")
        check(page)

    lead.goto(round_url)
    lead.get_by_label("State").select_option(label="Grading and judging")
    lead.get_by_role("button", name="Change state").click()
    expect(lead.locator("#round-status")).to_have_text("Grading and judging")
    lead.get_by_role("button", name="Schedule comparisons").click()
    expect(lead.locator(".alert-success")).to_contain_text("comparisons scheduled")

    swaps = []
    choices = random.Random(2026)  # judges who disagree now and then, as real ones do
    for email, (_context, page) in teachers.items():
        school = TEACHERS[email].rsplit(" (", 1)[0]
        page.goto(round_url)
        page.get_by_role("link", name="Grade scripts blind").click()
        check(page)
        while page.get_by_role("button", name="Save and show the next").count():
            assert school not in page.content()  # blind: no school shown
            page.get_by_label(choices.choice(["WTS", "EXS", "GDS"])).check()
            with page.expect_navigation():
                page.get_by_role("button", name="Save and show the next").click()
        expect(page.get_by_text("Nothing left for you to grade")).to_be_visible()
        page.goto(round_url)
        page.get_by_role("link", name="Compare scripts").click()
        check(page)
        # A locator, not wait_for_function: a string expression is eval'd, and the page's
        # CSP (no 'unsafe-eval') refuses it whenever the first check comes back false.
        expect(page.locator("body")).to_have_attribute("data-judging-ready", "1")
        while page.locator("#judge-done").count() == 0:
            before = page.locator("#judge-comparison").input_value()
            page.keyboard.press(choices.choice(["ArrowLeft", "ArrowRight", "a", "l"]))
            page.wait_for_function(
                "(before) => document.getElementById('judge-done') || "
                "document.getElementById('judge-comparison').value !== before",
                arg=before,
            )
            if page.evaluate("document.body.dataset.lastSwapMs") is not None:
                swaps.append(float(page.evaluate("document.body.dataset.lastSwapMs")))
            page.wait_for_timeout(150)  # let the decision save before the next key
        expect(page.locator("#judge-done")).to_be_visible()
    assert swaps and max(swaps) < 200, swaps

    lead.goto(round_url)
    lead.get_by_label("State").select_option(label="Closed")
    lead.get_by_role("button", name="Change state").click()
    lead.get_by_role("link", name="Reports").click()
    expect(lead.locator("#scale-figures")).to_contain_text("Scale separation reliability")
    expect(lead.locator("#scale-chart")).to_be_visible()
    expect(lead.locator("#bias-chart")).to_be_visible()
    expect(lead.locator("#bias-table tbody tr").first).to_be_visible()
    expect(lead.locator("#agreement-table")).to_contain_text("Fleiss' kappa")
    check(lead)
    lead.get_by_role("link", name=title).click()
    lead.get_by_role("link", name="Meeting agenda").click()
    first = lead.locator("#agenda > li").first
    expect(first).to_contain_text("External grades")
    expect(first).to_contain_text("Position on the scale")
    first.get_by_label("Notes").fill("Discussed the use of rhetorical questions.")
    first.get_by_label("Outcome").select_option(label="School grade agreed")
    first.get_by_role("button", name=re.compile("Save")).click()
    expect(lead.locator("#agenda > li").first).to_contain_text("School grade agreed")
    check(lead)
    for context, _page in teachers.values():
        context.close()
    lead_context.close()
