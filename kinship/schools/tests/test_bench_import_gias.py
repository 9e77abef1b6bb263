"""The GIAS benchmark's generator and import, at 200 rows, so that the bench cannot rot."""

import csv

import pytest

from bench.import_gias import GIAS_COLUMNS, change_rows, gias_rows, write_gias_csv
from kinship.schools.gias import REQUIRED_COLUMNS, parse_gias
from kinship.schools.models import School
from kinship.schools.services import gias_import


def test_the_generated_file_has_every_gias_column_in_windows_1252(tmp_path):
    path = write_gias_csv(tmp_path / "gias.csv", gias_rows(200, seed=1))

    data = path.read_bytes()
    header = next(csv.reader([data.decode("cp1252").splitlines()[0]]))
    assert header == list(GIAS_COLUMNS)
    assert len(GIAS_COLUMNS) == 140
    assert set(REQUIRED_COLUMNS.values()) <= set(header)
    assert b"\x92" in data  # a curly apostrophe, as Windows-1252 writes it
    result = parse_gias(path)
    assert result.encoding == "cp1252"
    assert len(result.records) == 200
    assert result.skipped == []


@pytest.mark.django_db
def test_the_benchmark_steps_run_end_to_end(tmp_path):
    rows = gias_rows(200, seed=1)
    path = write_gias_csv(tmp_path / "gias.csv", rows)

    first = gias_import(path_or_file=path)
    again = gias_import(path_or_file=path)
    changed = change_rows(rows, share=0.01)
    write_gias_csv(path, rows)
    third = gias_import(path_or_file=path)

    assert (first.created, first.skipped) == (200, [])
    assert (again.unchanged, again.updated) == (200, 0)
    assert changed == 2
    assert (third.updated, third.unchanged) == (2, 198)
    assert School.objects.filter(is_open=False).exists()
    assert School.objects.filter(is_open=True).exists()
    assert not School.objects.filter(latitude__isnull=True, easting__isnull=False).exists()
