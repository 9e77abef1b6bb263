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
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.load_figures import (
    TARGET_P95_MS,
    TARGET_PAGES_PER_SECOND,
    TARGET_USERS,
    LevelResult,
    Page,
    percentile,
    print_report,
    report_line,
)
from bench.load_locust import drive, run_level, run_levels
from bench.load_server import (
    FORUM_THREAD,
    LIBRARY_QUERY,
    ROOT,
    Account,
    Gunicorn,
    check_static,
    fetch,
    prepare_data,
    production_environment,
    sign_in,
    sign_in_accounts,
)

# The parts live in load_figures, load_server and load_locust; callers import them from here.
__all__ = [
    "FORUM_THREAD",
    "LIBRARY_QUERY",
    "ROOT",
    "TARGET_P95_MS",
    "TARGET_PAGES_PER_SECOND",
    "TARGET_USERS",
    "Account",
    "Gunicorn",
    "LevelResult",
    "Page",
    "check_static",
    "drive",
    "fetch",
    "main",
    "parse_args",
    "percentile",
    "prepare_data",
    "print_report",
    "production_environment",
    "report_line",
    "run_level",
    "run_levels",
    "sign_in",
    "sign_in_accounts",
    "user_counts",
]


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
