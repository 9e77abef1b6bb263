"""Exports escape formulas: a cell a spreadsheet would run is written as text."""

import csv
import io

import pytest

from kinship.core.spreadsheet import SafeDictWriter, SafeWriter, safe_cell, unescape_cell


@pytest.mark.parametrize(
    "value", ['=HYPERLINK("http://x.test","click")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\r=1"]
)
def test_formula_injection_in_csv_exports_is_escaped(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", [-0.42, 3, "plain words", "", "a=b", None])
def test_numbers_and_ordinary_text_are_left_alone(value):
    assert safe_cell(value) == value


def test_the_writers_escape_every_text_cell():
    buffer = io.StringIO()
    SafeWriter(buffer, lineterminator="\n").writerow(["=1+1", -1.5, "ok"])
    writer = SafeDictWriter(buffer, fieldnames=["a", "b"], lineterminator="\n")
    writer.writerow({"a": "@cmd", "b": "fine"})
    assert list(csv.reader(io.StringIO(buffer.getvalue()))) == [
        ["'=1+1", "-1.5", "ok"],
        ["'@cmd", "fine"],
    ]


@pytest.mark.parametrize("value", ["=1", "'=1", "-x", "'", "plain", "-3", "'-3"])
def test_a_cell_reads_back_as_it_was_written(value):
    assert unescape_cell(str(safe_cell(value))) == value
