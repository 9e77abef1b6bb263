"""Issue 14, the DSL's side: a pupil's disclosure is held, the DSL's queue shows it first
with the pupil's name, the DSL records what was done, and no unsubscribe link (nor turning
emails off) stops the next safeguarding alert email. Uses its own titles, so it shares the
demo database with the other browser tests."""

import re

from playwright.sync_api import expect

from e2e.helpers import set_up_second_factor, sign_in
from e2e.test_accessibility import serious_violations
from e2e.test_sharing import pupil_sign_in, sign_out

PLAYTIME_BOARD = "School councils: making playtimes better"
DSL = "head.brookfield@demo.kinship.test"  # David Okafor, Brookfield's head and DSL
DISCLOSURE = "my step dad hurts me when mum is out"


def maya_posts(page, title: str, message: str) -> None:
    page.get_by_role("link", name=PLAYTIME_BOARD).click()
    page.get_by_label("Title").fill(title)
    page.get_by_label("Message").fill(message)
    page.get_by_role("button", name="Post the thread").click()
    expect(page.get_by_text("A trusted adult at your school will read it soon")).to_be_visible()
    page.goto("/forums/")


def emails_to(server, person: str, since: int) -> list[str]:
    return [mail for mail in server.emails()[since:] if f"To: {person}" in mail]


def test_a_disclosure_is_first_in_the_dsl_queue_and_alerts_cannot_be_unsubscribed(
    page, server
) -> None:
    # Tom mentions David, so David has an ordinary email with unsubscribe links.
    start = len(server.emails())
    sign_in(page, "teacher.brookfield@demo.kinship.test")
    page.goto("/forums/")
    page.get_by_role("link", name="Kaizen: staffroom").click()
    page.get_by_label("Title").fill("Playground duty rota (e2e)")
    page.get_by_label("Message").fill("@David Okafor could we swap duties on Thursday?")
    page.get_by_role("button", name="Post the thread").click()
    expect(page.get_by_text("Posted.")).to_be_visible()
    sign_out(page)
    [mention] = emails_to(server, DSL, start)
    assert "List-Unsubscribe:" in mention

    # Maya posts a phone number (held, medium), then a disclosure (held, high).
    before_alerts = len(server.emails())
    pupil_sign_in(page, "BRK2026", "maya", password="tiger42")
    maya_posts(page, "Ring me (e2e)", "my number is 07700 900 123 ring me after school")
    maya_posts(page, "At home (e2e)", DISCLOSURE)
    sign_out(page)
    alerts = emails_to(server, DSL, before_alerts)
    assert len(alerts) == 2
    for alert in alerts:
        assert "Brookfield" in alert and "/forums/safeguarding/" in alert
        assert "List-Unsubscribe" not in alert and "/notifications/unsubscribe/" not in alert
        assert "Stop emails like this one" not in alert
        assert "step dad" not in alert and "07700" not in alert and "Maya" not in alert

    # David follows the "stop all emails" link of the mention email.
    link = re.search(r"Stop all emails from Kinship: (\S+)", mention)
    assert link is not None
    page.goto(link.group(1))
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.locator("#unsubscribed")).to_be_visible()
    expect(page.get_by_text("Safeguarding alerts, if you are a safeguarding lead")).to_be_visible()

    # The queue: the disclosure first, named, although it was held after the phone number.
    # Pupils' held posts are shown only after a second factor: David sets his up on the way.
    sign_in(page, DSL)
    page.goto("/forums/safeguarding/")
    expect(page.get_by_text("held posts are shown only to people who sign in")).to_be_visible()
    set_up_second_factor(page, DSL)
    page.wait_for_url(re.compile(r"/forums/safeguarding/$"))
    first = page.locator("#open-alerts tbody tr").first
    expect(first).to_contain_text("Maya")
    expect(first).to_contain_text("maya")
    expect(first).to_contain_text("Brookfield")
    expect(first).to_contain_text("School council 2026–27")
    expect(first).to_contain_text("Abuse")
    expect(first).to_contain_text("High")
    expect(page.locator("#open-alerts")).to_contain_text("Personal details or contact")
    assert serious_violations(page) == []
    first.get_by_role("link", name="Maya").click()
    expect(page.locator("#held-post")).to_contain_text(DISCLOSURE)
    assert serious_violations(page) == []
    page.get_by_label("Spoke to the pupil").check()
    page.get_by_role("textbox", name=re.compile("^Note")).fill(
        "Spoke to Maya with her class teacher at break; logged on the school's system."
    )
    page.get_by_role("button", name="Add to the record").click()
    expect(page.get_by_text("Added to the record.")).to_be_visible()
    expect(page.locator("#record")).to_contain_text("Spoke to the pupil")
    expect(page.locator("#record")).to_contain_text("David Okafor")
    page.get_by_label("Kept hidden", exact=True).check()
    page.get_by_role("button", name="Close the alert").click()
    expect(page.get_by_text("Alert closed.")).to_be_visible()
    expect(page.locator("#closed-alerts")).to_contain_text("Maya")

    # David also turns every email off; the page says safeguarding alerts still come.
    page.goto("/notifications/settings/")
    expect(page.locator("#duties")).to_be_visible()
    page.get_by_label("Send me emails from Kinship").uncheck()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Email choices saved.")).to_be_visible()
    assert serious_violations(page) == []
    sign_out(page)

    # The next held post still reaches him by email.
    before_next = len(server.emails())
    pupil_sign_in(page, "BRK2026", "maya", password="tiger42")
    maya_posts(page, "Come round (e2e)", "come to my house at 12 Mill Lane after school")
    sign_out(page)
    [next_alert] = emails_to(server, DSL, before_next)
    assert "Brookfield" in next_alert and "Mill Lane" not in next_alert
    assert "List-Unsubscribe" not in next_alert
