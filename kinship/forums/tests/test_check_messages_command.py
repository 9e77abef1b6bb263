"""The filter's command: CSV and JSON in and out, bad input as one line and exit status 2."""

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kinship.forums.tests.corpus import HELD, PASSES


def test_json_in_json_out(tmp_path, capsys):
    source = tmp_path / "messages.json"
    source.write_text(json.dumps([HELD[0], {"id": "x", "message": PASSES[0]}]))
    call_command("check_messages", str(source))
    results = json.loads(capsys.readouterr().out)
    assert [r["held"] for r in results] == [True, False]
    assert results[0]["reasons"] == ["contact", "phone"]
    assert results[1]["id"] == "x"


def test_csv_in_csv_out_counts_every_corpus_message(tmp_path):
    source = tmp_path / "messages.csv"
    with source.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "message"])
        for n, message in enumerate(HELD + PASSES):
            writer.writerow([n, message])
    target = tmp_path / "verdicts.csv"
    call_command("check_messages", str(source), "--output", str(target))
    rows = list(csv.DictReader(io.StringIO(target.read_text())))
    assert sum(row["held"] == "yes" for row in rows) == len(HELD)
    assert all(row["held"] == "no" for row in rows[len(HELD) :])


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
