"""python manage.py plan_visits: a plan as JSON on success, one line and exit status 2 on error."""

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

REPO_ROOT = Path(__file__).resolve().parents[3]
PROBLEM = {
    "schools": [
        {"id": "Alder", "inset_candidates": ["2027-02-08", "2027-02-09"], "inset_days": 1,
         "host_capacity": 2},
        {"id": "Birch", "inset_candidates": ["2027-02-09", "2027-02-10"], "inset_days": 1,
         "host_capacity": 1},
        {"id": "Cedar", "inset_candidates": ["2027-02-10"], "inset_days": 1, "host_capacity": 2},
    ],
    "staff": [
        {"id": "a1", "school": "Alder", "preferences": ["Birch", "Cedar"]},
        {"id": "a2", "school": "Alder", "preferences": ["Birch"]},
        {"id": "b1", "school": "Birch", "preferences": ["Alder"]},
        {"id": "c1", "school": "Cedar", "preferences": ["Birch", "Alder"]},
    ],
    "allow_unlisted": True,
    "time_limit_s": 10,
}  # fmt: skip
EXPECTED = {
    "inset": {"Alder": ["2027-02-08"], "Birch": ["2027-02-09"], "Cedar": ["2027-02-10"]},
    "visits": [
        {"staff": "a2", "host": "Birch", "date": "2027-02-08", "rank": 1},
        {"staff": "a1", "host": "Cedar", "date": "2027-02-08", "rank": 2},
        {"staff": "b1", "host": "Alder", "date": "2027-02-09", "rank": 1},
        {"staff": "c1", "host": "Birch", "date": "2027-02-10", "rank": 1},
    ],
    "unplaced": [],
    "placed": 4,
    "points": 11,
    "max_hosted_per_day": 1,
    "optimal": True,
    "gap": 0.0,
    "explanations": ["Birch is full on Mon 8 Feb 2027: 1 person placed at their second choice"],
    "given": {"Alder": 2, "Birch": 1, "Cedar": 1},
    "received": {"Alder": 1, "Birch": 2, "Cedar": 1},
    "balance": {"Alder": 1, "Birch": -1, "Cedar": 0},  # given less received
    "imbalance": 2,  # the least any plan as good on placing and choices can have
    "balance_optimal": True,
    "changes": {"inset": [], "visits": []},  # nothing was published
    "reschedulable": {},
}


def write_problem(tmp_path: Path, problem: object) -> Path:
    path = tmp_path / "problem.json"
    path.write_text(problem if isinstance(problem, str) else json.dumps(problem), encoding="utf-8")
    return path


def run_command(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", "plan_visits", *args],
        cwd=REPO_ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_it_writes_the_plan_to_the_output_file(tmp_path):
    output = tmp_path / "plan.json"
    out = io.StringIO()
    call_command("plan_visits", str(write_problem(tmp_path, PROBLEM)), "--output", str(output),
                 stdout=out)  # fmt: skip
    assert out.getvalue() == ""
    assert json.loads(output.read_text(encoding="utf-8")) == EXPECTED


def test_it_prints_the_plan_and_reads_standard_input(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(PROBLEM)))
    out = io.StringIO()
    call_command("plan_visits", "-", stdout=out)
    assert json.loads(out.getvalue()) == EXPECTED
    assert out.getvalue().startswith('{\n  "inset": {\n')  # indent=2


def test_infeasible_pins_raise_a_command_error_with_status_2(tmp_path):
    pinned = {**PROBLEM, "pins": {"visits": {"a1": {"host": "Birch"}, "a2": {"host": "Birch"}}}}
    with pytest.raises(CommandError) as caught:
        call_command("plan_visits", str(write_problem(tmp_path, pinned)))
    assert caught.value.returncode == 2
    assert "These pins cannot all hold: a1 goes to Birch; a2 goes to Birch" in str(caught.value)


def test_it_runs_from_the_command_line(tmp_path):
    result = run_command(str(write_problem(tmp_path, PROBLEM)))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == EXPECTED


@pytest.mark.parametrize(
    ("problem", "message"),
    [
        ('{"schools": [', "not valid JSON"),
        (
            {**PROBLEM, "staff": [{"id": "d1", "school": "Oak"}]},
            "staff[0].school: unknown school 'Oak'",
        ),
        (
            {**PROBLEM, "pins": {"inset": {"Alder": ["2027-02-09"]},
                                 "visits": {"b1": {"host": "Alder", "date": "2027-02-09"}}}},
            "These pins cannot all hold: Alder's INSET day is Tue 9 Feb 2027; b1 goes to Alder "
            "on Tue 9 Feb 2027 (Alder's INSET day)",
        ),
        (
            {**PROBLEM, "published": {**EXPECTED, "inset": {"Oak": ["2027-02-08"]}}},
            "published.inset.Oak: unknown school 'Oak'",
        ),
        (
            {**PROBLEM, "published": {**EXPECTED, "visits": [
                {"staff": "z9", "host": "Birch", "date": "2027-02-08"}]}},
            "published.visits[0].staff: unknown staff 'z9'",
        ),
        (
            {**PROBLEM, "published": {**EXPECTED, "visits": [
                {"staff": "a1", "host": "Birch", "date": "8/2/2027"}]}},
            "published.visits[0].date: '8/2/2027' is not a date written YYYY-MM-DD",
        ),
        (
            {**PROBLEM, "published": EXPECTED, "reschedulable": {"Alder": ["2027-02-30"]}},
            "reschedulable.Alder[0]: 2027-02-30 is not a real date",
        ),
    ],
    ids=["invalid-json", "unknown-school", "infeasible-pins", "published-unknown-school",
         "published-unknown-staff", "published-malformed-date", "reschedulable-unreal-date"],
)  # fmt: skip
def test_a_bad_problem_gives_one_line_and_exit_status_2(tmp_path, problem, message):
    path = write_problem(tmp_path, problem)
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


def test_a_published_plan_is_kept_and_a_new_pin_moves_only_what_it_forces(tmp_path):
    # Re-solving the same problem against its own plan changes nothing.
    expected: dict[str, Any] = EXPECTED
    out = io.StringIO()
    again = {**PROBLEM, "published": EXPECTED, "reschedulable": {"Alder": ["2027-02-08"]}}
    call_command("plan_visits", str(write_problem(tmp_path, again)), stdout=out)
    plan = json.loads(out.getvalue())
    assert plan == {**EXPECTED, "reschedulable": {"Alder": ["2027-02-08"]}}
    # Pinning Alder's INSET day to the 9th: the changes say what moved, and only that.
    out = io.StringIO()
    pinned = {**again, "pins": {"inset": {"Alder": ["2027-02-09"]}}}
    call_command("plan_visits", str(write_problem(tmp_path, pinned)), stdout=out)
    plan = json.loads(out.getvalue())
    assert (plan["placed"], plan["points"]) == (4, 10)
    changes = plan["changes"]
    assert {"school": "Alder", "from": ["2027-02-08"], "to": ["2027-02-09"]} in changes["inset"]
    for change in changes["inset"]:
        assert change["from"] == expected["inset"][change["school"]]
        assert change["to"] == plan["inset"][change["school"]]
    before = {v["staff"]: {"host": v["host"], "date": v["date"]} for v in expected["visits"]}
    after = {v["staff"]: {"host": v["host"], "date": v["date"]} for v in plan["visits"]}
    assert {change["staff"] for change in changes["visits"]} == {
        staff for staff in before if before[staff] != after.get(staff)
    }
    for change in changes["visits"]:
        assert change["change"] == "moved"
        assert (change["from"], change["to"]) == (before[change["staff"]], after[change["staff"]])
