"""python manage.py match_coaches: the issue's JSON out, one line and exit status 2 on error."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from kinship.conftest import make_school

pytestmark = pytest.mark.django_db
REPO_ROOT = Path(__file__).resolve().parents[3]
PROBLEM = {
    "mentees": [
        {
            "id": "priya",
            "school": 100001,
            "vision": "Reading at the heart of our community",
            "tags": ["SEND", "Budget"],
        },
        {
            "id": "joanne",
            "school": 100002,
            "vision": "Every child attends, every day",
            "tags": ["Attendance"],
        },
    ],
    "coaches": [
        {
            "id": "david",
            "school": 100003,
            "vision": "A community school where reading comes first",
            "tags": ["SEND"],
            "capacity": 1,
        },
        {
            "id": "helen",
            "school": 100001,
            "vision": "Attendance and belonging",
            "tags": ["Attendance"],
            "capacity": 2,
        },
    ],
    "exclusions": [],
}
SCORED = {
    **PROBLEM,
    "scores": [
        {"mentee": "priya", "coach": "david", "score": 0.4},
        {"mentee": "joanne", "coach": "david", "score": 0.9},
        {"mentee": "joanne", "coach": "helen", "score": 0.3},
    ],
}


def write(tmp_path: Path, problem: object) -> Path:
    path = tmp_path / "input.json"
    path.write_text(problem if isinstance(problem, str) else json.dumps(problem), encoding="utf-8")
    return path


def run_command(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", "match_coaches", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_it_writes_pairs_with_reasons_and_never_the_same_school(tmp_path):
    output = tmp_path / "out.json"
    call_command(
        "match_coaches",
        str(write(tmp_path, PROBLEM)),
        "--output",
        str(output),
        stdout=io.StringIO(),
    )
    result = json.loads(output.read_text(encoding="utf-8"))
    assert set(result) == {"pairs", "unmatched"}
    pairs = {(p["mentee"], p["coach"]): p for p in result["pairs"]}
    # Helen leads Priya's school, so Priya goes to David, and Joanne to Helen.
    assert set(pairs) == {("priya", "david"), ("joanne", "helen")}
    assert set(pairs["priya", "david"]) == {"mentee", "coach", "score", "reasons"}
    assert pairs["priya", "david"]["reasons"][0] == "shared priorities: SEND (+0.17)"
    assert result["unmatched"] == []


def test_schools_in_the_register_add_context_and_distance(tmp_path):
    for urn, easting in ((100001, 0), (100002, 1), (100003, 2)):
        make_school(urn, f"School {urn}", latitude=54.0 + easting * 0.05, longitude=-2.8)
    out = io.StringIO()
    call_command("match_coaches", str(write(tmp_path, PROBLEM)), stdout=out)
    reasons = json.loads(out.getvalue())["pairs"][0]["reasons"]
    assert any(reason.startswith("11 km apart") for reason in reasons)
    assert any(reason.startswith("similar schools: both primary") for reason in reasons)


def test_given_scores_are_the_only_pairs_and_the_total_is_the_best(tmp_path):
    out = io.StringIO()
    call_command("match_coaches", str(write(tmp_path, SCORED)), stdout=out)
    result = json.loads(out.getvalue())
    # 0.9 (Joanne with David) beats 0.4 + 0.3: Priya has no other scored coach, so waits.
    assert result == {
        "pairs": [
            {
                "mentee": "joanne",
                "coach": "david",
                "score": 0.9,
                "reasons": ["score given in the input"],
            }
        ],
        "unmatched": ["priya"],
    }


def test_exclusions_are_kept(tmp_path):
    excluded = {**SCORED, "exclusions": [{"mentee": "joanne", "coach": "david"}]}
    out = io.StringIO()
    call_command("match_coaches", str(write(tmp_path, excluded)), stdout=out)
    pairs = {(p["mentee"], p["coach"]) for p in json.loads(out.getvalue())["pairs"]}
    assert pairs == {("priya", "david"), ("joanne", "helen")}


def test_it_runs_from_the_command_line_and_reads_standard_input(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "match_coaches", "-"],
        cwd=REPO_ROOT,
        input=json.dumps(SCORED),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["unmatched"] == ["priya"]


@pytest.mark.parametrize(
    ("problem", "message"),
    [
        ('{"mentees": [', "not valid JSON"),
        ({"mentees": PROBLEM["mentees"]}, "coaches: required but missing"),
        (
            {**PROBLEM, "coaches": [{"id": "x", "school": "Oak", "capacity": 1}]},
            "coaches[0].school: must be a school's URN",
        ),
        (
            {**PROBLEM, "exclusions": [{"mentee": "priya", "coach": "nobody"}]},
            "unknown coach 'nobody'",
        ),
        (
            {**SCORED, "scores": [{"mentee": "priya", "coach": "david", "score": "high"}]},
            "scores[0].score: must be a number",
        ),
        (
            {**SCORED, "scores": [{"mentee": "priya", "coach": "helen", "score": 1}]},
            "infeasible: the rules and exclusions allow no head–coach pair at all",
        ),
    ],
    ids=["invalid-json", "missing-coaches", "bad-urn", "unknown-coach", "bad-score", "infeasible"],
)
def test_bad_input_gives_one_line_and_exit_status_2(tmp_path, problem, message):
    path = write(tmp_path, problem)
    result = run_command(str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"CommandError: {path}: {message}")
