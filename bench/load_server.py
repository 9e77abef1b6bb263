"""The load bench's server side: production settings, gunicorn, the demo data, sign-in."""

from __future__ import annotations

import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.load_figures import Page

ROOT = Path(__file__).resolve().parent.parent

FORUM_THREAD = "Spring writing moderation: which scripts?"
LIBRARY_QUERY = "fractions"


def production_environment() -> dict[str, str]:
    """Production settings for this run, by environment variables (kinship/settings.py)."""
    return {
        "KINSHIP_PRODUCTION": "1",
        "KINSHIP_HTTPS": "0",  # no TLS proxy here: HTTPS-only cookies would never come back
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
    }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def die_with_parent() -> None:
    """In the child before exec: gunicorn gets SIGTERM if this process dies, even by SIGKILL."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


class Gunicorn:
    """`gunicorn kinship.wsgi` on a free local port, stopped (and waited for) on close()."""

    def __init__(self, env: dict[str, str], workers: int, log_path: Path) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self._log = log_path.open("w")
        self.process = subprocess.Popen(  # noqa: S603 (our own command line)
            [sys.executable, "-m", "gunicorn", "kinship.wsgi", "--workers", str(workers),
             "--bind", f"127.0.0.1:{self.port}"],
            cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT,
            preexec_fn=die_with_parent,
        )  # fmt: skip

    def wait_ready(self, timeout: float = 60) -> None:
        import urllib.request

        deadline = time.monotonic() + timeout
        while True:
            try:
                urllib.request.urlopen(f"{self.url}/accounts/login/", timeout=2)  # noqa: S310
                return
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError(f"gunicorn did not start:\n{self.log()}") from None
                time.sleep(0.2)

    def log(self) -> str:
        self._log.flush()
        return self.log_path.read_text()

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()  # gunicorn's graceful stop: workers finish their request
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


@dataclass
class Account:
    email: str
    cookie: str  # the Cookie header of its signed-in session


def sign_in(base_url: str, email: str, password: str) -> Account:
    """Sign in through the real form (CSRF token and all); return the session's cookies."""
    import http.cookiejar
    import urllib.parse
    import urllib.request

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login = f"{base_url}/accounts/login/"
    form = opener.open(login, timeout=30).read().decode()
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
    if match is None:
        raise RuntimeError("the sign-in page has no CSRF token")
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": match[1], "username": email, "password": password}
    ).encode()
    with opener.open(login, data=data, timeout=30) as response:
        landed = urllib.parse.urlparse(response.geturl()).path
    cookies = {cookie.name: cookie.value for cookie in jar}
    if landed != "/" or "sessionid" not in cookies:
        raise RuntimeError(f"{email} was not signed in (landed on {landed})")
    return Account(email, "; ".join(f"{k}={v}" for k, v in sorted(cookies.items())))


def fetch(base_url: str, path: str, cookie: str | None) -> tuple[int, dict[str, str], str]:
    """GET without following redirects: (status, headers, body)."""
    import http.client

    connection = http.client.HTTPConnection(base_url.removeprefix("http://"), timeout=30)
    try:
        connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        body = response.read().decode(errors="replace")
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body
    finally:
        connection.close()


def prepare_data() -> tuple[list[Page], list[str], str]:
    """Load the demo family; return the page mix, the candidate accounts and the password."""
    from django.core.management import call_command
    from django.urls import reverse

    from kinship.accounts.models import AccountType, User
    from kinship.accounts.rules import must_use_two_factor
    from kinship.demo.families import DEMO_PASSWORD
    from kinship.families.models import Family
    from kinship.forums.models import Thread

    started = time.monotonic()
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    print(f"demo family loaded in {time.monotonic() - started:.0f} s", flush=True)
    started = time.monotonic()
    call_command("collectstatic", interactive=False, verbosity=0)
    print(f"static files collected and compressed in {time.monotonic() - started:.0f} s")
    kaizen = Family.objects.get(name="Kaizen Network")
    thread = Thread.objects.get(title=FORUM_THREAD)
    pages = [
        Page("dashboard", reverse("families:dashboard"), 3),
        Page("family page", reverse("families:family_detail", args=[kaizen.slug]), 2),
        Page("family calendar", reverse("meetings:family_calendar", args=[kaizen.slug]), 2),
        Page("library search", f"{reverse('library:search')}?q={LIBRARY_QUERY}", 2),
        Page("forum thread", reverse("forums:thread_detail", args=[thread.pk]), 2),
        Page("sign-in page", reverse("accounts:login"), 1, signed_in=False),
    ]
    # Staff who can sign in with a password alone (no second factor to give).
    staff = User.objects.filter(
        email__endswith="@demo.kinship.test", account_type=AccountType.STAFF, is_active=True
    ).order_by("email")
    candidates = [user.email for user in staff if not must_use_two_factor.test(user)]
    return pages, candidates, DEMO_PASSWORD


def sign_in_accounts(
    base_url: str, pages: list[Page], candidates: list[str], password: str, wanted: int
) -> list[Account]:
    """Sign in up to `wanted` of the candidates who get a 200 for every page of the mix."""
    accounts: list[Account] = []
    for email in candidates:
        account = sign_in(base_url, email, password)
        if all(
            fetch(base_url, page.path, account.cookie if page.signed_in else None)[0] == 200
            for page in pages
        ):
            accounts.append(account)
            if len(accounts) == wanted:
                break
    if not accounts:
        raise RuntimeError("no demo account sees every page of the mix")
    return accounts


def check_static(base_url: str, accounts: list[Account]) -> str:
    """A stylesheet the dashboard links to, as WhiteNoise serves it: a line to print."""
    status, _, body = fetch(base_url, "/", accounts[0].cookie)
    match = re.search(r'href="(/static/[^"]+\.css)"', body)
    if status != 200 or match is None:
        raise RuntimeError("the dashboard links to no stylesheet under /static/")
    status, headers, _ = fetch(base_url, match[1], None)
    if status != 200:
        raise RuntimeError(f"{match[1]} answered {status}")
    return f"{match[1]}: {status}, Cache-Control: {headers.get('cache-control', '(none)')}"
