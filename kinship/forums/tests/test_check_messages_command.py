"""The filter's command: CSV and JSON in and out, with category and severity; bad input as
one line and exit status 2."""

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kinship.forums.tests.tuning import TUNING_CSV, concerning, ordinary


def test_json_in_json_out(tmp_path, capsys):
    source = tmp_path / "messages.json"
    source.write_text(json.dumps(["text me on 07700900123", {"id": "x", "message": "hello"}]))
    call_command("check_messages", str(source))
    results = json.loads(capsys.readouterr().out)
    assert [r["held"] for r in results] == [True, False]
    assert results[0]["reasons"] == ["contact", "phone"]
    assert results[0]["category"] == "personal_data" and results[0]["severity"] == "medium"
    assert results[1]["id"] == "x" and results[1]["category"] == results[1]["severity"] == ""


def test_csv_in_csv_out_with_the_tuning_corpus(tmp_path):
    target = tmp_path / "verdicts.csv"
    call_command("check_messages", str(TUNING_CSV), "--output", str(target))
    rows = list(csv.DictReader(io.StringIO(target.read_text())))
    assert list(rows[0]) == ["id", "message", "held", "reasons", "category", "severity", "text"]
    held = {row["message"] for row in rows if row["held"] == "yes"}
    assert len(held & set(concerning())) >= 0.97 * len(concerning())
    assert len(held & set(ordinary())) <= 0.02 * len(ordinary())
    for row in rows:
        assert (row["held"] == "yes") == bool(row["category"]) == bool(row["severity"])
        assert row["severity"] in ("", "low", "medium", "high")


def test_names_file_is_used(tmp_path, capsys):
    source = tmp_path / "m.json"
    source.write_text(json.dumps(["zebedee quill is here"]))
    names = tmp_path / "names.txt"
    names.write_text("Zebedee Quill\n")
    call_command("check_messages", str(source), "--names", str(names))
    assert json.loads(capsys.readouterr().out)[0]["reasons"] == ["full_name"]


@pytest.mark.parametrize(
    ("content", "suffix", "message"),
    [
        ("{}", ".json", "must be a list"),
        ("[1]", ".json", "item 1"),
        ("id,text\n1,hi\n", ".csv", "'message' column"),
        ("[", ".json", "not valid JSON"),
    ],
)
def test_bad_input_is_one_line_and_status_2(tmp_path, content, suffix, message):
    source = tmp_path / f"bad{suffix}"
    source.write_text(content)
    with pytest.raises(CommandError, match=message) as raised:
        call_command("check_messages", str(source))
    assert raised.value.returncode == 2
    assert "\n" not in str(raised.value)
