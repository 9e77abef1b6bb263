"""The load benchmark's own parts, cheaply, so that it cannot rot: its arguments, its figures,
and its Locust driver for a second against a tiny local server (no database, no gunicorn)."""

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from bench import load

ROOT = Path(__file__).resolve().parents[3]


def test_defaults_are_the_three_levels_of_the_issue():
    args = load.parse_args([])
    assert args.users == [1, 20, 50]
    assert args.workers == 2
    assert 20 <= args.duration <= 30


def test_levels_and_durations_can_be_changed():
    args = load.parse_args(["--users", "5,10", "--duration", "2", "--warmup", "0"])
    assert (args.users, args.duration, args.warmup) == ([5, 10], 2, 0)


@pytest.mark.parametrize("users", ["0", "a,b", ""])
def test_nonsense_user_counts_are_refused(users, capsys):
    with pytest.raises(SystemExit):
        load.parse_args(["--users", users])


def test_percentiles_are_nearest_rank():
    times = [float(ms) for ms in range(1, 101)]
    assert load.percentile(times, 50) == 50
    assert load.percentile(times, 95) == 95
    assert load.percentile(times, 99) == 99
    assert load.percentile([7.0], 99) == 7


def test_the_target_needs_the_rate_the_p95_and_no_errors():
    fast = load.LevelResult(users=20, seconds=1.0, samples=[("dashboard", 100.0, False)] * 60)
    assert fast.pages_per_second == 60
    assert fast.meets_target()
    slow = load.LevelResult(users=20, seconds=1.0, samples=[("dashboard", 400.0, False)] * 60)
    assert not slow.meets_target()
    failing = load.LevelResult(
        users=20, seconds=1.0, samples=[("dashboard", 100.0, False)] * 59 + [("x", 1.0, True)]
    )
    assert not failing.meets_target()


def test_production_settings_come_from_the_environment():
    env = load.production_environment()
    assert env["KINSHIP_PRODUCTION"] == "1"
    assert env["DEBUG"] == "0"
    assert len(env["SECRET_KEY"]) >= 50


class _Pages(BaseHTTPRequestHandler):
    def do_GET(self):
        # A signed-in page with its session, the sign-in page without: anything else redirects.
        wanted = {"/page/": "sessionid=abc", "/sign-in/": None}
        if self.path in wanted and self.headers.get("Cookie") == wanted[self.path]:
            self.send_response(200)
        else:
            self.send_response(302)
            self.send_header("Location", "/sign-in/")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_the_locust_driver_sends_each_page_its_cookies_and_counts_redirects_as_errors(server):
    run = {
        "url": server,
        "pages": [
            {"name": "page", "path": "/page/", "weight": 2, "signed_in": True},
            {"name": "sign-in", "path": "/sign-in/", "weight": 1, "signed_in": False},
            {"name": "gone", "path": "/gone/", "weight": 1, "signed_in": True},
        ],
        "accounts": [{"email": "a@example.test", "cookie": "sessionid=abc"}],
        "users": [2],
        "wait": 0,
        "warmup": 0.2,
        "duration": 1,
    }
    result = subprocess.run(
        [sys.executable, "-m", "bench.load", "--drive"],
        cwd=ROOT,
        input=json.dumps(run),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    (level,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert level["users"] == 2
    failed: dict[str, set[bool]] = {name: set() for name in ("page", "sign-in", "gone")}
    for name, _ms, was_failed in level["samples"]:
        failed[name].add(was_failed)
    assert failed == {"page": {False}, "sign-in": {False}, "gone": {True}}
