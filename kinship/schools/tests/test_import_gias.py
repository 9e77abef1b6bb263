"""python manage.py import_gias: the summary it prints, and how it refuses a bad file."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from kinship.core.models import AuditEntry
from kinship.schools.management.commands.import_gias import ProgressBar
from kinship.schools.models import School
from kinship.schools.tests.conftest import gias_csv, gias_row

MANAGE = Path(__file__).resolve().parents[3] / "manage.py"


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_gias", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_it_imports_and_prints_the_summary(tmp_path):
    path = tmp_path / "edubasealldata.csv"
    path.write_bytes(gias_csv([gias_row(100001), gias_row(100002, "Birch"), gias_row("x", "C")]))

    out, err = run(str(path), "--no-progress")

    assert School.objects.count() == 2
    assert "created:   2" in out
    assert "updated:   0" in out
    assert "unchanged: 0" in out
    assert "skipped:   1" in out
    assert "line 4: URN 'x' is not a whole number" in out
    assert err == ""

    out, _ = run(str(path), "--no-progress")
    assert "unchanged: 2" in out


@pytest.mark.django_db
def test_it_lists_the_first_20_skipped_rows_then_counts_the_rest(tmp_path):
    path = tmp_path / "edubasealldata.csv"
    path.write_bytes(gias_csv([gias_row(f"bad{n}", "X") for n in range(25)]))

    out, _ = run(str(path))

    assert "line 2: URN 'bad0'" in out
    assert "line 21: URN 'bad19'" in out
    assert "bad20" not in out
    assert "... and 5 more" in out


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "No such file"),
        (b"PK\x03\x04\x14\x00\x00\x00binary", "binary"),
        (b"URN,EstablishmentName\r\n1,A\r\n", r"columns: LA \(name\), Type"),
    ],
    ids=["missing", "binary", "missing-columns"],
)
def test_a_bad_file_is_a_command_error_with_exit_code_2_and_no_change(
    tmp_path, people, content, message
):
    path = tmp_path / "file.csv"
    if content is not None:
        path.write_bytes(content)
    schools = list(School.objects.values_list("urn", "name", "gias_digest"))
    audit_count = AuditEntry.objects.count()

    with pytest.raises(CommandError, match=message) as error:
        run(str(path))

    assert error.value.returncode == 2
    assert "\n" not in str(error.value)
    assert list(School.objects.values_list("urn", "name", "gias_digest")) == schools
    assert AuditEntry.objects.count() == audit_count


@pytest.mark.parametrize(
    "content",
    [None, b"\x00\x01\x02 binary", b"just,some,columns\r\n1,2,3\r\n"],
    ids=["missing", "binary", "not-gias"],
)
def test_from_the_shell_a_bad_file_gives_one_line_on_stderr_and_exit_code_2(tmp_path, content):
    path = tmp_path / "file.csv"
    if content is not None:
        path.write_bytes(content)
    database = tmp_path / "untouched.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "KINSHIP_VAR_DIR": str(tmp_path / "var"),
    }

    result = subprocess.run(
        [sys.executable, str(MANAGE), "import_gias", str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )

    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.startswith("CommandError: ")
    assert not database.exists()  # the command never so much as opened the database


def test_the_progress_bar_follows_each_stage():
    stream = io.StringIO()
    bar = ProgressBar(stream)

    bar("Reading", 0, 10)
    bar("Reading", 10, 10)
    first = bar.bar
    bar("Saving", 4, 4)
    assert bar.bar is not first and bar.bar is not None
    assert bar.bar.n == 4
    bar.close()

    assert "Reading" in stream.getvalue()
    assert "Saving" in stream.getvalue()


@pytest.mark.django_db
def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path, capsys):
    path = tmp_path / "edubasealldata.csv"
    path.write_bytes(gias_csv([gias_row(100001)]))

    call_command("import_gias", str(path), stdout=io.StringIO())

    assert capsys.readouterr().err == ""


@pytest.mark.django_db
def test_a_file_name_with_a_line_break_still_gives_one_line(tmp_path):
    with pytest.raises(CommandError) as error:
        run(str(tmp_path / "two\nlines.csv"))
    assert "\n" not in str(error.value)
    assert error.value.returncode == 2
