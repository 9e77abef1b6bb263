"""python manage.py inset_moves: the publishing rule on a term-dates CSV, as JSON."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from kinship.schools.term_dates.csv_file import to_csv
from kinship.schools.tests.term_years import LANCASHIRE


def _run(path: Path, *args: str) -> dict[str, object]:
    out = StringIO()
    call_command("inset_moves", str(path), *args, stdout=out)
    result: dict[str, object] = json.loads(out.getvalue())
    return result


def test_a_plans_day_takes_the_place_of_the_nearest_movable_day(tmp_path: Path) -> None:
    path = tmp_path / "lancashire.csv"
    path.write_text(to_csv(LANCASHIRE), encoding="utf-8")
    result = _run(
        path, "--wanted", "2032-03-02", "--movable", "2032-06-07", "2032-01-05",
        "--today", "2031-08-01",
    )  # fmt: skip
    assert result["moved"] == [{"from": "2032-01-05", "to": "2032-03-02"}]
    assert result["before"] == result["after"]
    assert result["problem"] == ""
    refused = _run(path, "--wanted", "2032-03-02", "--today", "2031-08-01")
    assert refused["after"] is None and "has let none move" in str(refused["problem"])


@pytest.mark.parametrize(
    "args",
    [
        ("--wanted", "2 March"),
        ("--wanted", "2032-03-02", "--today", "tomorrow"),
    ],
)
def test_bad_input_is_one_line_and_exit_status_2(tmp_path: Path, args: tuple[str, ...]) -> None:
    path = tmp_path / "lancashire.csv"
    path.write_text(to_csv(LANCASHIRE), encoding="utf-8")
    with pytest.raises(CommandError) as raised:
        call_command("inset_moves", str(path), *args)
    assert raised.value.returncode == 2 and "\n" not in str(raised.value)


def test_a_missing_or_broken_file_is_one_line_and_exit_status_2(tmp_path: Path) -> None:
    with pytest.raises(CommandError) as missing:
        call_command("inset_moves", str(tmp_path / "none.csv"), "--wanted", "2032-03-02")
    assert missing.value.returncode == 2
    broken = tmp_path / "broken.csv"
    broken.write_text("kind,start,end,label\nholiday,yesterday,,\n", encoding="utf-8")
    with pytest.raises(CommandError) as bad:
        call_command("inset_moves", str(broken), "--wanted", "2032-03-02")
    assert bad.value.returncode == 2
