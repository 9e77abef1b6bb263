"""The journeys a new person takes: invitation to sign-up, two-factor, and a lockout."""

import re

from playwright.sync_api import expect

from e2e.helpers import sign_in, totp_code

LINK = re.compile(r"http://127\.0\.0\.1:\d+(/accounts/invitations/[^/\s]+/)")


def test_invitation_sign_up_join_school_and_see_family(page, server):
    sign_in(page, "head.ashworth@demo.kinship.test")
    page.goto("/accounts/invitations/")
    page.get_by_label("Email address").fill("new.teacher@demo.kinship.test")
    page.get_by_label("School").select_option(label="Ashworth Primary School (990101)")
    page.get_by_label("Role").select_option(label="Staff member")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_text("new.teacher@demo.kinship.test").first).to_be_visible()
    page.get_by_role("button", name="Sign out").click()

    emails = [e for e in server.emails() if "new.teacher@demo.kinship.test" in e]
    assert emails, "the invitation email was not sent"
    link = LINK.search(emails[-1])
    assert link is not None
    page.goto(link.group(1))
    expect(page.get_by_text("Ashworth Primary School").first).to_be_visible()
    page.get_by_label("Your name").fill("Nadia Newcomer")
    page.get_by_label("Password", exact=True).fill("a-long-and-unusual-passphrase")
    page.get_by_label("Password again").fill("a-long-and-unusual-passphrase")
    page.get_by_role("button", name="Create account and accept").click()

    expect(page.get_by_role("heading", name="My families")).to_be_visible()
    page.get_by_role("link", name="Kaizen Network").first.click()
    expect(page.get_by_role("heading", name="Kaizen Network")).to_be_visible()
    expect(page.get_by_role("link", name="Ashworth Primary School").first).to_be_visible()

    # The link is single-use.
    response = page.goto(link.group(1))
    assert response is not None and response.status == 410


def test_admin_enrols_two_factor_then_signs_in_with_a_code(page):
    sign_in(page, "admin@demo.kinship.test")
    # Platform admins must enrol before they can open anything else.
    page.wait_for_url(re.compile(r"/accounts/two-factor/"))
    secret = page.locator("#totp-secret").inner_text()
    expect(page.locator("svg").first).to_be_visible()  # the QR code
    page.get_by_label("Six-digit code").fill(totp_code(secret))
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    page.goto("/audit/")
    expect(page.get_by_role("heading", name="Audit log")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, "admin@demo.kinship.test")
    page.wait_for_url(re.compile(r"/accounts/two-factor/verify/"))
    page.goto("/audit/")  # still blocked without the code
    assert "/accounts/two-factor/verify/" in page.url
    wrong = "000000" if totp_code(secret, step_ahead=1) != "000000" else "111111"
    page.get_by_label("Six-digit code").fill(wrong)
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".invalid-feedback, .alert-danger").first).to_be_visible()
    page.wait_for_timeout(1100)  # django-otp delays a retry after a wrong code
    page.get_by_label("Six-digit code").fill(totp_code(secret, step_ahead=1))
    page.get_by_role("button", name="Continue").click()
    # The code opens the page that was asked for. (A pattern such as "/$" would match the
    # verify page's own "?next=/audit/" and move on before the code had been checked.)
    page.wait_for_url(re.compile(r"^https?://[^/?]+/audit/$"))
    expect(page.get_by_role("heading", name="Audit log")).to_be_visible()
    expect(page.get_by_text("auth.2fa_enrol").first).to_be_visible()


def test_five_wrong_passwords_lock_the_account(page):
    paused = page.get_by_role("heading", name="Sign-in is paused for this account")
    for _ in range(4):
        sign_in(page, "head.garstang@demo.kinship.test", password="not-the-password")
        expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
        expect(page.get_by_role("alert")).to_be_visible()
    sign_in(page, "head.garstang@demo.kinship.test", password="not-the-password")
    expect(paused).to_be_visible()
    sign_in(page, "head.garstang@demo.kinship.test")  # the right password, too late
    expect(paused).to_be_visible()
    expect(page.get_by_role("link", name="Reset your password")).to_be_visible()
