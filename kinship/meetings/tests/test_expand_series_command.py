"""python manage.py expand_series: JSON out on success, one line and exit status 2 on error."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

REPO_ROOT = Path(__file__).resolve().parents[3]
HALF_TERMS = [
    ["2026-09-02", "2026-10-23"],
    ["2026-11-02", "2026-12-18"],
    ["2027-01-04", "2027-02-12"],
    ["2027-02-22", "2027-03-26"],
    ["2027-04-12", "2027-05-28"],
    ["2027-06-07", "2027-07-21"],
]
SPEC = {
    "calendars": {
        "Ashworth": {"half_terms": HALF_TERMS, "closed": ["2026-09-02"]},
        "Carnforth": {
            "half_terms": HALF_TERMS,
            "closed": {"2027-01-20": "INSET day: writing training"},
        },
    },
    "reference": "Ashworth",
    "rule": {"per": "half-term", "nth": 3, "weekday": "WE"},
    "start": "2026-09-01",
    "until": "2027-07-31",
}
EXPECTED = {
    "dates": ["2026-09-16", "2026-11-18", "2027-01-21", "2027-03-10", "2027-04-28", "2027-06-23"],
    "moved": [
        {
            "from": "2027-01-20",
            "to": "2027-01-21",
            "reason": "Carnforth is closed (INSET day: writing training)",
        }
    ],
    "dropped": [],
}


def write_spec(tmp_path: Path, spec: object) -> Path:
    path = tmp_path / "spec.json"
    path.write_text(spec if isinstance(spec, str) else json.dumps(spec), encoding="utf-8")
    return path


def run_command(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", "expand_series", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_it_prints_the_dates_as_json(tmp_path):
    out = io.StringIO()
    call_command("expand_series", str(write_spec(tmp_path, SPEC)), stdout=out)
    assert json.loads(out.getvalue()) == EXPECTED
    assert out.getvalue().startswith('{\n  "dates": [\n')  # indent=2


def test_it_reads_the_spec_from_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps({**SPEC, "policy": "drop"})))
    out = io.StringIO()
    call_command("expand_series", "-", stdout=out)
    result = json.loads(out.getvalue())
    assert "2027-01-20" not in result["dates"]
    assert result["dropped"] == [
        {"date": "2027-01-20", "reason": "Carnforth is closed (INSET day: writing training)"}
    ]


def test_it_runs_from_the_command_line(tmp_path):
    result = run_command(str(write_spec(tmp_path, SPEC)))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == EXPECTED


def bad_calendar(half_terms: list[list[str]]) -> object:
    spec = json.loads(json.dumps(SPEC))
    spec["calendars"]["Ashworth"]["half_terms"] = half_terms
    return spec


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ('{"calendars": {', "not valid JSON"),
        ({**SPEC, "reference": "Bolton"}, "reference: no calendar named 'Bolton'"),
        ({**SPEC, "rule": {"per": "half-term", "nth": 3, "weekday": "SU"}}, "rule.weekday: "),
        (
            bad_calendar([["2026-10-20", "2026-10-01"]]),
            "calendars.Ashworth.half_terms[0]: end 2026-10-01 is before start 2026-10-20",
        ),
        ({**SPEC, "rule": {"rrule": "FREQ=WEEKLY;BYDAY=XX"}}, "rule.rrule: "),
    ],
    ids=["invalid-json", "missing-reference", "bad-weekday", "end-before-start", "bad-rrule"],
)
def test_a_bad_spec_gives_one_line_and_exit_status_2(tmp_path, spec, message):
    path = write_spec(tmp_path, spec)
    result = run_command(str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].strip()
    assert lines[0].startswith(f"CommandError: {path}: {message}")


def test_a_missing_file_gives_one_line_and_exit_status_2(tmp_path):
    result = run_command(str(tmp_path / "nowhere.json"))
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert "nowhere.json: cannot read it" in lines[0]
