"""The load bench's Locust side: the users at each level, in a child process of their own."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from typing import Any

from bench.load_figures import LevelResult, Page, report_line
from bench.load_server import ROOT, Account, die_with_parent


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
        preexec_fn=die_with_parent,
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
