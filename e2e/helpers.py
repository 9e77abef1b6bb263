"""Small steps the browser tests share."""

import base64
import re

from django_otp.oath import totp

DEMO_PASSWORD = "kinship-demo-2026"


def sign_in(page, email: str, password: str = DEMO_PASSWORD) -> None:  # type: ignore[no-untyped-def]
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()


def totp_code(secret: str, *, step_ahead: int = 0) -> str:
    """The six-digit code for a base32 secret, as an authenticator app shows it.

    `step_ahead=1` gives the next 30-second code: a code once used is refused (replay
    protection), and the server accepts one step of clock drift.
    """
    compact = re.sub(r"\s", "", secret).upper()
    key = base64.b32decode(compact + "=" * (-len(compact) % 8))
    return f"{totp(key, drift=step_ahead):06d}"
