"""python manage.py network_insights: figures as JSON on success, one line and exit 2 on error."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

REPO_ROOT = Path(__file__).resolve().parents[3]
NETWORK = {
    "schools": [
        {"id": "Alder", "families": ["Kaizen"]},
        {"id": "Birch", "families": ["Kaizen"]},
        {"id": "Cedar", "families": ["Kaizen", "Oak Trust"]},
        {"id": "Damson", "families": ["Oak Trust"]},
        {"id": "Elm", "families": []},
    ],
    "exchanges": [
        {"from": "Alder", "to": "Birch", "kind": "visit", "date": "2026-09-01"},
        {"from": "Birch", "to": "Alder", "kind": "moderation", "date": "2027-08-31"},
        {"from": "Cedar", "to": "Damson", "kind": "coaching", "date": "2026-11-05"},
        {"from": "Elm", "to": "Alder", "kind": "visit", "date": "2026-08-31"},
        {"from": "Alder", "to": "Elm", "kind": "visit", "date": "2027-09-01"},
        {"from": "Cedar", "to": "Cedar", "kind": "resource", "date": "2026-10-01"},
    ],
    "window": {"from": "2026-09-01", "to": "2027-08-31"},
}
# Counted: Alder→Birch and Birch→Alder (the window's two ends), Cedar→Damson. Elm's two are a
# day outside, Cedar's own is left out. Two separate pairs: nobody lies between two others.
EXPECTED = {
    "schools": [
        {"id": "Alder", "given": 1, "received": 1, "balance": 0, "partners": 1,
         "isolated": False, "inward": True, "betweenness": 0.0},
        {"id": "Birch", "given": 1, "received": 1, "balance": 0, "partners": 1,
         "isolated": False, "inward": True, "betweenness": 0.0},
        {"id": "Cedar", "given": 1, "received": 0, "balance": 1, "partners": 1,
         "isolated": False, "inward": True, "betweenness": 0.0},
        {"id": "Damson", "given": 0, "received": 1, "balance": -1, "partners": 1,
         "isolated": False, "inward": True, "betweenness": 0.0},
        {"id": "Elm", "given": 0, "received": 0, "balance": 0, "partners": 0,
         "isolated": True, "inward": False, "betweenness": 0.0},
    ],
    "families": [
        # Kaizen: Alder-Birch of three possible pairs; Oak Trust: Cedar-Damson, its only pair.
        {"id": "Kaizen", "schools": 3, "density": 0.333333, "isolated": []},
        {"id": "Oak Trust", "schools": 2, "density": 1.0, "isolated": []},
    ],
}  # fmt: skip


def write_input(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "network.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def run_command(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", "network_insights", *args],
        cwd=REPO_ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_it_writes_the_figures_to_the_output_file(tmp_path):
    output = tmp_path / "figures.json"
    out = io.StringIO()
    call_command("network_insights", str(write_input(tmp_path, NETWORK)), "--output",
                 str(output), stdout=out)  # fmt: skip
    assert out.getvalue() == ""
    assert json.loads(output.read_text(encoding="utf-8")) == EXPECTED


def test_it_prints_the_figures_without_an_output_file(tmp_path):
    out = io.StringIO()
    call_command("network_insights", str(write_input(tmp_path, NETWORK)), stdout=out)
    assert json.loads(out.getvalue()) == EXPECTED


def test_a_large_network_is_estimated_and_says_so(tmp_path):
    out, err = io.StringIO(), io.StringIO()
    call_command("network_insights", str(write_input(tmp_path, NETWORK)), "--exact-limit", "1",
                 "--samples", "2", stdout=out, stderr=err)  # fmt: skip
    assert err.getvalue() == "betweenness estimated from 2 source schools\n"
    assert json.loads(out.getvalue())["families"] == EXPECTED["families"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "not valid JSON (Expecting property name enclosed in double quotes "
                      "at line 1, column 2)"),
        (json.dumps({**NETWORK, "exchanges": [
            {"from": "Alder", "to": "Rowan", "kind": "visit", "date": "2026-10-01"}]}),
         "exchanges[0].to: unknown school 'Rowan'"),
        (json.dumps({**NETWORK, "window": {"from": "2026-09-01"}}),
         "window.to: required but missing"),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_naming_the_file(tmp_path, text, message):
    path = write_input(tmp_path, text)
    with pytest.raises(CommandError) as raised:
        call_command("network_insights", str(path))
    assert str(raised.value) == f"{path}: {message}"
    assert raised.value.returncode == 2


def test_bad_input_exits_2_with_one_line_on_stderr():
    finished = run_command("-", stdin='{"schools": [], "exchanges": [], "window": 3}')
    assert finished.returncode == 2
    assert finished.stdout == ""
    assert finished.stderr.strip() == "CommandError: stdin: window: must be a JSON object"
    assert len(finished.stderr.strip().splitlines()) == 1


def test_it_reads_standard_input():
    finished = run_command("-", stdin=json.dumps(NETWORK))
    assert finished.returncode == 0, finished.stderr
    assert json.loads(finished.stdout) == EXPECTED
