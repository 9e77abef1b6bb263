"""cj_fit, cj_pairs and moderation_agreement: the issue's CSV and JSON formats on success;
one line on standard error and exit status 2 on bad input."""

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kinship.moderation.tests.test_judgement_fit import AGRESTI, TEAMS, WINS

ROOT = Path(__file__).resolve().parents[3]


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def baseball_csv(tmp_path: Path) -> str:
    lines = ["judge,winner,loser,seconds,left"]
    for i, row in enumerate(WINS):
        for j, wins in enumerate(row):
            for game in range(wins):
                judge = f"umpire{(i + j + game) % 3}"
                left = TEAMS[i] if game % 2 else TEAMS[j]
                lines.append(f"{judge},{TEAMS[i]},{TEAMS[j]},{10 + game},{left}")
    return write(tmp_path, "judgements.csv", "\n".join(lines) + "\n")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_cj_fit_writes_the_scale_sorted_by_theta_with_anchors(tmp_path: Path) -> None:
    anchors = write(tmp_path, "anchors.csv", "script,theta\nBaltimore,0\n")
    out = io.StringIO()
    output = tmp_path / "scale.csv"
    call_command(
        "cj_fit",
        baseball_csv(tmp_path),
        "--output",
        str(output),
        "--anchors",
        anchors,
        "--split-halves",
        "2",
        stdout=out,
    )
    rows = read_csv(output)
    assert list(rows[0]) == ["script", "theta", "se", "infit"]
    assert [r["script"] for r in rows] == list(reversed(TEAMS))
    assert [round(float(r["theta"]), 2) for r in rows] == list(reversed(AGRESTI))
    printed = out.getvalue()
    assert "SSR: " in printed and "Split-half reliability" in printed
    assert "umpire0" in printed and "median s" in printed


def test_cj_fit_centres_theta_without_anchors_and_names_unbounded_scripts(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "j.csv",
        "judge,winner,loser,extra\na,A,B,x\na,A,C,x\nb,B,C,x\nb,C,B,x\nc,B,D,x\nc,C,D,x\n",
    )
    output = tmp_path / "scale.csv"
    err = io.StringIO()
    call_command("cj_fit", path, "--output", str(output), stdout=io.StringIO(), stderr=err)
    rows = {r["script"]: r for r in read_csv(output)}
    assert rows["A"]["theta"] == "inf" and rows["D"]["theta"] == "-inf"
    assert rows["A"]["se"] == "" and rows["A"]["infit"] == ""
    assert float(rows["B"]["theta"]) == -float(rows["C"]["theta"])
    assert "A (above), D (below)" in err.getvalue() and "--prior-sd" in err.getvalue()
    call_command("cj_fit", path, "--output", str(output), "--prior-sd", "1.5", stdout=io.StringIO())
    thetas = [float(r["theta"]) for r in read_csv(output)]
    assert thetas == sorted(thetas) and abs(sum(thetas)) < 1e-3


def test_cj_pairs_writes_a_schedule_that_keeps_the_rules(tmp_path: Path) -> None:
    scripts = write(
        tmp_path,
        "scripts.csv",
        "script,school\n"
        + "".join(f"S{i},{['Ashworth', 'Brookfield', 'Carnforth'][i % 3]}\n" for i in range(12)),
    )
    judges = write(
        tmp_path, "judges.csv", "judge,school\namy,Ashworth\nben,Brookfield\ncat,Carnforth\nruth,\n"
    )
    output = tmp_path / "pairs.csv"
    call_command(
        "cj_pairs", scripts, judges, "--per-script", "4", "--output", str(output), "--seed", "3"
    )
    rows = read_csv(output)
    assert list(rows[0]) == ["judge", "left", "right"] and len(rows) == 24
    school = {f"S{i}": ["Ashworth", "Brookfield", "Carnforth"][i % 3] for i in range(12)}
    home = {"amy": "Ashworth", "ben": "Brookfield", "cat": "Carnforth", "ruth": None}
    assert all(home[r["judge"]] not in (school[r["left"]], school[r["right"]]) for r in rows)


def test_moderation_agreement_prints_and_writes_json(tmp_path: Path) -> None:
    lines = ["script,school,judge,grade"]
    for i in range(12):
        school = ["Ashworth", "Brookfield", "Carnforth"][i % 3]
        truth = ["WTS", "EXS", "GDS"][i % 3 if i < 9 else 1]
        lines += [
            f"S{i},{school},own,{truth}",
            f"S{i},{school},amy,{truth}",
            f"S{i},{school},ben,{'EXS' if i % 4 == 0 else truth}",
        ]
    path = write(tmp_path, "grades.csv", "\n".join(lines) + "\n")
    output = tmp_path / "agreement.json"
    out = io.StringIO()
    call_command(
        "moderation_agreement", path, "--output", str(output), "--samples", "200", stdout=out
    )
    data = json.loads(output.read_text(encoding="utf-8"))
    assert data["scripts"] == 12 and data["external_grades"] == 24
    assert set(data) >= {"judges_exact", "judges_adjacent", "fleiss", "alpha", "per_judge"}
    assert data["confusion"]["levels"] == ["WTS", "EXS", "GDS"]
    assert sum(map(sum, data["confusion"]["counts"])) == 12
    assert {"value", "low", "high", "n"} == set(data["fleiss"])
    assert "Fleiss' kappa" in out.getvalue() and "Krippendorff's alpha" in out.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "it is empty"),
        ("judge,winner,loser\n", "a header but no rows"),
        ("rater,better,worse\na,B,C\n", "unknown columns rater, better, worse"),
        ("judge,winner,loser\na,A,B\na,C,D\n", "not connected: 2 separate groups"),
        ("judge,winner,loser\na,A,A\n", "row 2: winner and loser are the same script"),
        ("judge,winner,loser\na,A,\n", "row 2: loser is blank"),
    ],
)
def test_cj_fit_refuses_bad_input_with_status_2(tmp_path: Path, content: str, message: str) -> None:
    path = write(tmp_path, "bad.csv", content)
    with pytest.raises(CommandError) as caught:
        call_command("cj_fit", path, "--output", str(tmp_path / "out.csv"))
    assert caught.value.returncode == 2 and message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_the_commands_exit_with_status_2_and_one_line_from_the_shell(tmp_path: Path) -> None:
    disconnected = write(tmp_path, "j.csv", "judge,winner,loser\na,A,B\na,C,D\n")
    result = run("cj_fit", disconnected, "--output", str(tmp_path / "s.csv"))
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "not connected" in result.stderr
    scripts = write(tmp_path, "s.csv", "script,school\nA,X\nB,X\nC,Y\nD,Y\n")
    judges = write(tmp_path, "jj.csv", "judge,school\namy,X\nben,Y\n")
    result = run("cj_pairs", scripts, judges, "--per-script", "3", "--output", "-")
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "no judge may compare X with Y" in result.stderr
    grades = write(tmp_path, "g.csv", "script,school,judge,grade\nA,X,own,EXS\nA,X,amy,Expected\n")
    result = run("moderation_agreement", grades)
    assert (
        result.returncode == 2
        and "row 3: grade 'Expected' is not one of WTS, EXS, GDS" in result.stderr
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("script,school,judge\nA,X,own\n", "unknown columns"),
        ("script,school,judge,grade\nA,X,own,EXS\n", "no external grades"),
        ("script,school,judge,grade\nA,X,amy,EXS\nA,X,amy,GDS\n", "amy graded A twice"),
        ("script,school,judge,grade\nA,X,amy,EXS\nA,Y,ben,GDS\n", "script A has two schools"),
    ],
)
def test_moderation_agreement_refuses_bad_grades(
    tmp_path: Path, content: str, message: str
) -> None:
    with pytest.raises(CommandError) as caught:
        call_command("moderation_agreement", write(tmp_path, "g.csv", content))
    assert caught.value.returncode == 2 and message in str(caught.value)


def test_cj_pairs_refuses_judges_from_one_school(tmp_path: Path) -> None:
    scripts = write(tmp_path, "s.csv", "script,school\nA,X\nB,X\nC,Y\n")
    judges = write(tmp_path, "j.csv", "judge,school\namy,X\n")
    with pytest.raises(CommandError) as caught:
        call_command("cj_pairs", scripts, judges, "--per-script", "2", "--output", "-")
    assert caught.value.returncode == 2 and "every judge works at X" in str(caught.value)
