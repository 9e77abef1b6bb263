"""The pupils' side (issue 14): a pupil signs in with four pictures and cannot change their
name; staff name pupils, and the filter refuses a name with a phone number; five wrong tries
lock one device only, and the teacher unlocks. Alfie (Ashworth, class code ASH2026) is the
demo pupil; Priya, Ashworth's head, looks after his group."""

import re

from playwright.sync_api import expect

from e2e.helpers import sign_in
from e2e.test_accessibility import serious_violations

ALFIE = ("cat", "sun", "tree", "rocket")
WRONG = ("dog", "moon", "star", "car")
ORDINALS = ("1st", "2nd", "3rd", "4th")
GROUP = "School council 2026–27"


def pupil_sign_in(page, code: str, login: str, pictures: tuple[str, ...]) -> None:
    page.goto("/forums/pupils/sign-in/")
    page.get_by_label("Class code").fill(code)
    page.get_by_label("Your login name").fill(login)
    for ordinal, picture in zip(ORDINALS, pictures, strict=True):
        group = page.get_by_role("group", name=f"{ordinal} picture")
        group.get_by_label(picture, exact=True).check()
    page.get_by_role("button", name="Sign in").click()


def sign_out(page) -> None:
    page.locator("nav").get_by_role("button", name="Sign out").click()


def open_alfies_group(page) -> None:
    page.goto("/forums/schools/990101/pupils/")
    page.get_by_role("link", name=GROUP).click()
    expect(page.locator("#class-code")).to_have_text("ASH2026")


def rename_alfie(page, first_name: str, initial: str) -> None:
    row = page.locator("#pupils tr", has_text="alfie")
    details = row.locator("details", has_text="Change the name shown")
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    details.get_by_label("First name").fill(first_name)
    details.get_by_label("Initial of their surname").fill(initial)
    details.get_by_role("button", name="Save the name").click()


def test_a_pupil_signs_in_with_four_pictures_and_cannot_change_their_name(page) -> None:
    page.goto("/forums/pupils/sign-in/")
    assert serious_violations(page) == []
    # The pictures are images, each with its name, and load on any device.
    first = page.get_by_role("group", name="1st picture")
    expect(first.get_by_role("img", name="rocket")).to_be_visible()
    widths = first.locator("img").evaluate_all("imgs => imgs.map(i => i.naturalWidth)")
    assert len(widths) == 16 and all(width > 0 for width in widths)

    pupil_sign_in(page, "ASH2026", "alfie", ALFIE)
    expect(page.get_by_role("heading", name="Pupil forum")).to_be_visible()
    page.get_by_role("link", name="My account").click()
    expect(page.get_by_role("heading", name="My account")).to_be_visible()
    name = page.locator("#pupil-name").inner_text()
    expect(page.get_by_role("textbox")).to_have_count(0)
    assert serious_violations(page) == []

    # The profile page is not for pupils, and a forged POST to it changes nothing.
    page.goto("/accounts/profile/")
    expect(page).to_have_url(re.compile(r"/forums/pupils/me/$"))
    token = page.locator("input[name=csrfmiddlewaretoken]").first.input_value()
    forged = page.request.post(
        "/accounts/profile/",
        form={
            "csrfmiddlewaretoken": token,
            "display_name": "Alfie Johnson snap me alfie_2015 07700900123",
        },
    )
    assert forged.ok
    page.reload()
    expect(page.locator("#pupil-name")).to_have_text(name)
    assert page.request.get("/accounts/two-factor/").status == 403
    assert page.request.get("/schools/990101/").status == 403


def test_staff_name_a_pupil_and_the_filter_refuses_a_phone_number(page) -> None:
    pupil_sign_in(page, "ASH2026", "alfie", ALFIE)
    page.get_by_role("link", name="School councils: making playtimes better").click()
    page.get_by_label("Title").fill("Name test (e2e)")
    page.get_by_label("Message").fill("Could we have a quiet corner at lunch?")
    page.get_by_role("button", name="Post the thread").click()
    expect(page.get_by_text("A teacher will check it before others see it.")).to_be_visible()
    thread_url = page.url
    sign_out(page)

    sign_in(page, "head.ashworth@demo.kinship.test")
    page.goto("/forums/review/")
    page.locator("#approvals li", has_text="quiet corner at lunch").get_by_role(
        "button", name="Approve", exact=True
    ).click()
    open_alfies_group(page)
    rename_alfie(page, "Alfie", "T")
    expect(page.get_by_text("Saved: others see Alfie T.")).to_be_visible()

    rename_alfie(page, "Alfie 07700900123", "J")
    expect(page.locator("#form-errors")).to_contain_text("A first name only")
    rename_alfie(page, "07700900123", "J")
    expect(page.locator("#form-errors")).to_contain_text("A first name only")
    assert serious_violations(page) == []

    rename_alfie(page, "Alfie", "J")
    expect(page.get_by_text("Saved: others see Alfie J.")).to_be_visible()
    page.goto(thread_url)
    expect(page.locator("#posts")).to_contain_text("Alfie J., Ashworth Primary School")
    assert "07700" not in page.content()


def test_five_wrong_tries_lock_one_device_and_the_teacher_unlocks(browser, server) -> None:
    devices = [browser.new_context(base_url=server.url, locale="en-GB") for _ in range(3)]
    classmate, alfies, teachers = (context.new_page() for context in devices)
    try:
        for tries in range(1, 6):
            pupil_sign_in(classmate, "ASH2026", "alfie", WRONG)
            if tries < 5:
                expect(classmate.get_by_text("That did not match")).to_be_visible()
        locked = classmate.get_by_text(
            re.compile(
                r"Too many tries on this device\. Ask your teacher, or try again at \d\d:\d\d\."
            )
        )
        expect(locked).to_be_visible()
        pupil_sign_in(classmate, "ASH2026", "alfie", ALFIE)  # even the right pictures
        expect(locked).to_be_visible()

        # Alfie's own device is not locked: a classmate cannot lock him out.
        pupil_sign_in(alfies, "ASH2026", "alfie", ALFIE)
        expect(alfies.get_by_role("heading", name="Pupil forum")).to_be_visible()

        # His teacher sees the lock on the class page and unlocks.
        sign_in(teachers, "head.ashworth@demo.kinship.test")
        open_alfies_group(teachers)
        row = teachers.locator("#pupils tr", has_text="alfie")
        expect(row).to_contain_text("Locked on a device: too many wrong tries")
        assert serious_violations(teachers) == []
        row.get_by_role("button", name=re.compile("Unlock")).click()
        expect(teachers.get_by_text(re.compile("can sign in again"))).to_be_visible()
        expect(teachers.locator("#pupils")).not_to_contain_text("Locked on a device")

        pupil_sign_in(classmate, "ASH2026", "alfie", ALFIE)
        expect(classmate.get_by_role("heading", name="Pupil forum")).to_be_visible()
    finally:
        for context in devices:
            context.close()
