"""A form posted twice (a double click, a retry on a slow line) makes one thing, not two.

Every POST form carries a one-time token (`{% submission_token %}`, a fresh random value on
each render). `SubmissionMiddleware` claims the token before the view runs by inserting a
`Submission` row, in its own transaction, under a unique constraint on (owner, token):

- the view answers with a redirect (the POST-redirect-GET success): its address is kept,
  and the same token posted again is sent there with a 303 and "That was already sent";
- the view answers anything else (the form again with errors, a 4xx, a 500): the claim is
  given back, so the corrected or retried form goes through;
- a second POST that finds the first still running waits a few seconds for it, then sends
  the person where the first went, or answers 409 if it is still not done.

htmx requests are replayed only when the view answered with `HX-Redirect` or `HX-Location`
(or a redirect); a partial is not kept, since it cannot say whether it shows a success or
the form's errors, so its claim is given back. A POST without a token (the API, scripts,
the test client) is handled as before. A token posted to another address than the one that
claimed it (a form with two `formaction` buttons) is not guarded rather than misdirected.
"""

import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from time import monotonic, sleep

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponseBase
from django.utils import timezone

from kinship.core.models import Submission

FIELD = "submission_token"
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{20,64}")
# How long a repeat waits for the first to finish before answering 409, and how often it looks.
WAIT_SECONDS = 5.0
POLL_SECONDS = 0.2
# A repeat comes within seconds; two days covers a laptop reopened the next morning.
KEEP_SUBMISSIONS = timedelta(days=2)
HTMX_HEADERS = ("HX-Redirect", "HX-Location")


@dataclass(frozen=True)
class Claim:
    """This request holds the token: run the view, then `settle` the claim."""

    owner: str
    token: str


@dataclass(frozen=True)
class Replay:
    """The token's first POST is done: answer as it did."""

    header: str
    location: str


class Pending:
    """The token's first POST is still running after the wait."""


class Unguarded:
    """No usable token or owner, or the token belongs to another address: run as before."""


def new_token() -> str:
    return secrets.token_urlsafe(24)


def owner_of(request: HttpRequest) -> str:
    """`user:<id>` when signed in, else `session:<key>`, else "" (nothing to key a claim on)."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    session = getattr(request, "session", None)
    key = session.session_key if session is not None else None
    return f"session:{key}" if key else ""


def submission_claim(*, owner: str, token: str, path: str) -> Claim | Replay | Pending | Unguarded:
    """Claim `token` for `owner` posting to `path`, or say how a repeat should be answered.

    A claim given back while this one waits is taken over, so the repeat runs the view."""
    if not owner or not TOKEN_SHAPE.fullmatch(token):
        return Unguarded()
    deadline = monotonic() + WAIT_SECONDS
    while True:
        try:
            with transaction.atomic():
                Submission.objects.create(owner=owner, token=token, path=path)
        except IntegrityError:
            pass
        else:
            return Claim(owner=owner, token=token)
        first = Submission.objects.filter(owner=owner, token=token).first()
        if first is not None and first.path != path:
            return Unguarded()
        if first is not None and first.location:
            return Replay(header=first.header, location=first.location)
        if monotonic() >= deadline:
            return Pending()
        sleep(POLL_SECONDS)


def submission_settle(claim: Claim, response: HttpResponseBase, *, htmx: bool) -> None:
    """Keep where a successful POST sent the person, or give the claim back."""
    header, location = "", ""
    if 300 <= response.status_code < 400 and response.has_header("Location"):
        header, location = "Location", response["Location"]
    elif htmx and 200 <= response.status_code < 300:
        for name in HTMX_HEADERS:
            if response.has_header(name):
                header, location = name, response[name]
                break
    claimed = Submission.objects.filter(owner=claim.owner, token=claim.token)
    if location:
        claimed.update(header=header, location=location)
    else:
        claimed.delete()


def forget_old_submissions(*, now: datetime | None = None) -> int:
    """Drop claims older than KEEP_SUBMISSIONS; run from the daily jobs."""
    cutoff = (now or timezone.now()) - KEEP_SUBMISSIONS
    deleted, _ = Submission.objects.filter(claimed_at__lt=cutoff).delete()
    return deleted
