"""Small steps the browser tests share."""

import base64
import re
import time

from django_otp.oath import totp

DEMO_PASSWORD = "kinship-demo-2026"


# The browser tests run in one process on one demo database: a person who set up a second
# factor in one test gives its code when signing in in the next.
_SECRETS: dict[str, str] = {}
_LAST_STEP: dict[str, int] = {}


def sign_in(page, email: str, password: str = DEMO_PASSWORD) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()
    page.wait_for_load_state()
    if email in _SECRETS and "/accounts/two-factor/verify/" in page.url:
        give_code(page, email)


def _next_code(email: str) -> str:
    # A code once used is refused (replay protection); the server accepts one step ahead.
    step = int(time.time() // 30)
    ahead = 1 if _LAST_STEP.get(email, -1) >= step else 0
    _LAST_STEP[email] = step + ahead
    return totp_code(_SECRETS[email], step_ahead=ahead)


def give_code(page, email: str) -> None:
    page.get_by_label("Six-digit code").fill(_next_code(email))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()


def set_up_second_factor(page, email: str) -> None:
    """On the set-up page: read the secret as a person would from the page, and turn it on."""
    _SECRETS[email] = page.locator("#totp-secret").inner_text()
    page.get_by_label("Six-digit code").fill(_next_code(email))
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    page.wait_for_load_state()


def goto_past_second_factor(page, email: str, path: str):
    """Open a page that asks for a second factor first (pupils' held posts), setting one up
    the first time; returns the page's response."""
    response = page.goto(path)
    if "/accounts/two-factor/verify/" in page.url:
        give_code(page, email)
    elif "/accounts/two-factor/" in page.url:
        set_up_second_factor(page, email)
    else:
        return response
    return page.goto(path)


def totp_code(secret: str, *, step_ahead: int = 0) -> str:
    """The six-digit code for a base32 secret, as an authenticator app shows it.

    `step_ahead=1` gives the next 30-second code: a code once used is refused (replay
    protection), and the server accepts one step of clock drift.
    """
    compact = re.sub(r"\s", "", secret).upper()
    key = base64.b32decode(compact + "=" * (-len(compact) % 8))
    return f"{totp(key, drift=step_ahead):06d}"
