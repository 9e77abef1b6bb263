"""Kinship under load: gunicorn with production settings, driven by Locust at 1, 20 and 50 users.

    python -m bench.load [--users 1,20,50] [--duration 20] [--warmup 3] [--workers 2]
                         [--accounts 6] [--wait 0] [--conn-max-age N] [--redis-url URL]

Builds a fresh database (`bench/database.py`: PostgreSQL when DATABASE_URL names a server,
which is what the targets are for), loads the demo family (`manage.py seed_demo`), collects
the static files as production does, and starts `gunicorn kinship.wsgi` with 2 workers and
production settings (KINSHIP_PRODUCTION=1, DEBUG off, a random SECRET_KEY, hashed static files
served by WhiteNoise); only KINSHIP_HTTPS=0, because no proxy terminates HTTPS in front of it
here and HTTPS-only cookies would never be sent back over plain HTTP. It signs several demo
staff in through the real sign-in form, then, for each number of users in turn, Locust users
(each holding one of those sessions) ask for pages with no pause between them: the dashboard,
the family page, the family calendar, a library search, a forum thread and (signed out) the
sign-in page. It prints pages a second, the 50th, 95th and 99th percentiles and the errors
(anything but a 200, redirects included) for each level, beside the target: at least 50 pages
a second with a 95th percentile under 300 ms at 20 users. gunicorn is stopped on exit,
Ctrl-C and SIGTERM.

Locust runs in this process on the same 2 cores as gunicorn and PostgreSQL, as a real user's
browser would not: the figures are a floor, not a ceiling.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

TARGET_USERS = 20
TARGET_PAGES_PER_SECOND = 50.0
TARGET_P95_MS = 300.0
FORUM_THREAD = "Spring writing moderation: which scripts?"
LIBRARY_QUERY = "fractions"


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    weight: int
    signed_in: bool = True


@dataclass
class LevelResult:
    users: int
    seconds: float
    # (page name, response time in ms, failed) for every request in the measured window.
    samples: list[tuple[str, float, bool]] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return len(self.samples)

    @property
    def errors(self) -> int:
        return sum(1 for _, _, failed in self.samples if failed)

    @property
    def pages_per_second(self) -> float:
        return self.requests / self.seconds if self.seconds > 0 else 0.0

    def percentile(self, q: float, page: str | None = None) -> float:
        times = sorted(ms for name, ms, _ in self.samples if page is None or name == page)
        return percentile(times, q)

    def meets_target(self) -> bool:
        return (
            self.errors == 0
            and self.pages_per_second >= TARGET_PAGES_PER_SECOND
            and self.percentile(95) < TARGET_P95_MS
        )


def percentile(sorted_times: list[float], q: float) -> float:
    """The nearest-rank percentile (q in 0..100) of times already sorted; NaN for none."""
    if not sorted_times:
        return float("nan")
    rank = max(1, -(-len(sorted_times) * q // 100))  # ceil(n q / 100), at least 1
    return sorted_times[min(len(sorted_times), int(rank)) - 1]


def user_counts(text: str) -> list[int]:
    try:
        counts = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of numbers: {text!r}") from None
    if not counts or any(count < 1 for count in counts):
        raise argparse.ArgumentTypeError("user counts must be 1 or more, e.g. 1,20,50")
    return counts


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.load",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--users", type=user_counts, default=[1, 20, 50], help="concurrent users, in turn"
    )
    parser.add_argument("--duration", type=float, default=20, help="seconds measured at each level")
    parser.add_argument(
        "--warmup", type=float, default=3, help="seconds at each level before measuring"
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--accounts", type=int, default=6, help="demo staff signed in")
    parser.add_argument(
        "--wait", type=float, default=0, help="seconds each user pauses between pages"
    )
    parser.add_argument(
        "--conn-max-age",
        type=int,
        default=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
        help="DATABASE_CONN_MAX_AGE for gunicorn (0, a connection per request, by default)",
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("REDIS_URL", ""),
        help="REDIS_URL for gunicorn's cache and sessions (none: local memory and the database)",
    )
    parser.add_argument("--drive", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.duration <= 0 or args.warmup < 0 or args.workers < 1 or args.accounts < 1:
        parser.error("--duration, --workers and --accounts must be positive, --warmup 0 or more")
    return args


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


def _die_with_parent() -> None:
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
            preexec_fn=_die_with_parent,
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
    from kinship.families.demo import DEMO_PASSWORD
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


def run_level(
    base_url: str, pages: list[Page], accounts: list[Account], users: int, args: Any
) -> LevelResult:
    """Locust users at `users` concurrency: warm up, then measure for args.duration seconds."""
    import itertools
    import random

    from locust import FastHttpUser, constant, task
    from locust.env import Environment

    result = LevelResult(users=users, seconds=0.0)
    measuring = False
    handed_out = itertools.count()
    weights = [page.weight for page in pages]

    class Visitor(FastHttpUser):
        host = base_url
        wait_time = constant(args.wait)

        def on_start(self) -> None:
            account = accounts[next(handed_out) % len(accounts)]
            self.cookie = account.cookie
            # Each page says whose it is by its Cookie header (none for the sign-in page), so
            # the client's own cookie jar must not add the cookies responses set.
            self.client.cookiejar = None  # type: ignore[assignment]
            self.client.client.cookiejar = None

        @task
        def visit(self) -> None:
            page = random.choices(pages, weights)[0]
            headers = {"Cookie": self.cookie} if page.signed_in else {}
            with self.client.get(
                page.path, name=page.name, headers=headers, allow_redirects=False,
                catch_response=True,
            ) as response:  # fmt: skip
                if response.status_code == 200:
                    response.success()
                else:
                    response.failure(f"HTTP {response.status_code}")

    environment = Environment(user_classes=[Visitor], host=base_url)

    def on_request(name: str, response_time: float, exception: Any, **_: Any) -> None:
        if measuring:
            result.samples.append((name, response_time, exception is not None))

    environment.events.request.add_listener(on_request)  # type: ignore[no-untyped-call]
    runner = environment.create_local_runner()
    # time.sleep yields to Locust's users: importing locust patched it for gevent.
    try:
        runner.start(users, spawn_rate=min(users, 100))
        time.sleep(args.warmup)
        measuring = True
        started = time.perf_counter()
        time.sleep(args.duration)
        measuring = False
        result.seconds = time.perf_counter() - started
    finally:
        runner.quit()
        runner.greenlet.join(timeout=10)
    return result


def report_line(result: LevelResult) -> str:
    return (
        f"{result.users:>5}  {result.pages_per_second:>7.1f}  {result.percentile(50):>6.0f}"
        f"  {result.percentile(95):>6.0f}  {result.percentile(99):>6.0f}"
        f"  {result.errors:>6}  {result.requests:>8}"
    )


def print_report(results: list[LevelResult], pages: list[Page]) -> None:
    print()
    print("users  pages/s  p50 ms  p95 ms  p99 ms  errors  requests")
    for result in results:
        target = ""
        if result.users == TARGET_USERS:
            verdict = "met" if result.meets_target() else "MISSED"
            target = (
                f"   target: >= {TARGET_PAGES_PER_SECOND:.0f} pages/s, "
                f"p95 < {TARGET_P95_MS:.0f} ms, no errors: {verdict}"
            )
        print(report_line(result) + target)
    if all(result.users != TARGET_USERS for result in results):
        print(
            f"(the target is for {TARGET_USERS} users: >= {TARGET_PAGES_PER_SECOND:.0f} "
            f"pages/s with p95 < {TARGET_P95_MS:.0f} ms)"
        )
    print()
    print("p50 / p95 ms by page:")
    print(f"{'page':<16}" + "".join(f"{f'{r.users} users':>18}" for r in results))
    for page in pages:
        cells = "".join(
            f"{f'{r.percentile(50, page.name):.0f} / {r.percentile(95, page.name):.0f}':>18}"
            for r in results
        )
        print(f"{page.name:<16}{cells}")


def drive() -> None:
    """The Locust side, in its own process (`--drive`): gevent patches the standard library
    of whatever imports Locust, which the Django process that seeds the data must not have.
    Reads the run from stdin as JSON and writes one JSON line per level."""
    import json

    import locust  # noqa: F401  (patches the standard library for gevent: first)

    run = json.load(sys.stdin)
    pages = [Page(**page) for page in run["pages"]]
    accounts = [Account(**account) for account in run["accounts"]]
    timing = argparse.Namespace(wait=run["wait"], warmup=run["warmup"], duration=run["duration"])
    for users in run["users"]:
        result = run_level(run["url"], pages, accounts, users, timing)
        line = {"users": users, "seconds": result.seconds, "samples": result.samples}
        print(json.dumps(line), flush=True)


def run_levels(
    base_url: str, pages: list[Page], accounts: list[Account], args: argparse.Namespace
) -> list[LevelResult]:
    """Run `python -m bench.load --drive` and print each level's line as it comes."""
    import json
    from dataclasses import asdict

    run = {
        "url": base_url,
        "pages": [asdict(page) for page in pages],
        "accounts": [asdict(account) for account in accounts],
        "users": args.users,
        "wait": args.wait,
        "warmup": args.warmup,
        "duration": args.duration,
    }
    results: list[LevelResult] = []
    driver = subprocess.Popen(
        [sys.executable, "-m", "bench.load", "--drive"],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        preexec_fn=_die_with_parent,
    )  # fmt: skip
    try:
        assert driver.stdin is not None and driver.stdout is not None
        driver.stdin.write(json.dumps(run))
        driver.stdin.close()
        print(f"{args.users[0]} users (load average {_load()})…", flush=True)
        for line in driver.stdout:
            level = json.loads(line)
            result = LevelResult(level["users"], level["seconds"])
            result.samples = [(name, ms, failed) for name, ms, failed in level["samples"]]
            results.append(result)
            print(report_line(result), flush=True)
            if len(results) < len(args.users):
                print(f"{args.users[len(results)]} users (load average {_load()})…", flush=True)
        if driver.wait() != 0 or len(results) != len(args.users):
            raise RuntimeError(f"the Locust driver failed (exit {driver.returncode})")
    finally:
        if driver.poll() is None:
            driver.terminate()
            driver.wait(timeout=15)
    return results


def _load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if args.drive:
        drive()
        return

    def stop(signum: int, frame: Any) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    os.environ.update(production_environment())

    from bench.database import fresh_database

    started = time.monotonic()
    with fresh_database("load") as vendor, tempfile.TemporaryDirectory() as tmp:
        from django.conf import settings

        if vendor != "postgresql":
            print("Not PostgreSQL: the targets are for PostgreSQL (set DATABASE_URL).")
        print(
            f"migrated in {time.monotonic() - started:.0f} s; loading the demo family and "
            "collecting static files…",
            flush=True,
        )
        pages, candidates, password = prepare_data()
        env = {**os.environ, "DATABASE_CONN_MAX_AGE": str(args.conn_max_age)}
        if args.redis_url:
            env["REDIS_URL"] = args.redis_url
        else:
            env.pop("REDIS_URL", None)
        server = Gunicorn(env, args.workers, Path(tmp) / "gunicorn.log")
        try:
            server.wait_ready()
            accounts = sign_in_accounts(server.url, pages, candidates, password, args.accounts)
            static = check_static(server.url, accounts)
            total = sum(page.weight for page in pages)
            print(f"database: {vendor} ({settings.DATABASES['default']['NAME']})")
            print(
                f"server: gunicorn, {args.workers} sync workers, KINSHIP_PRODUCTION=1, "
                f"DEBUG off, KINSHIP_HTTPS=0, CONN_MAX_AGE {args.conn_max_age}, "
                f"cache and sessions: {'Redis' if args.redis_url else 'local memory, database'}"
            )
            print(f"static (WhiteNoise): {static}")
            print(f"signed in: {', '.join(a.email for a in accounts)}")
            print(
                "page mix: "
                + ", ".join(f"{p.name} {100 * p.weight / total:.0f}%" for p in pages)
                + f"; {args.wait:g} s between pages; {args.warmup:g} s warm-up, "
                f"{args.duration:g} s measured per level"
            )
            print("users  pages/s  p50 ms  p95 ms  p99 ms  errors  requests")
            results = run_levels(server.url, pages, accounts, args)
            print_report(results, pages)
        except BaseException:
            if server.process.poll() is not None:
                print(server.log(), file=sys.stderr)
            raise
        finally:
            server.close()
            # Some 10,000 static files (hashed, gzip and Brotli copies): seconds on a busy disk.
            print("removing the bench database and files…", file=sys.stderr, flush=True)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:  # Ctrl-C: gunicorn, Locust and the database are gone by now
        sys.exit(130)
