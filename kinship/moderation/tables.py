"""Reading the CSV files the moderation commands take: the columns they need (extra ones are
allowed), a message naming the row at fault, and nothing else. Pure Python."""

import csv
import io
import sys
from collections.abc import Sequence
from pathlib import Path

from kinship.core.spreadsheet import SafeWriter


class TableError(ValueError):
    """The file cannot be used; the message says why in one line."""


def read_table(
    path: str, required: Sequence[str], optional: Sequence[str] = ()
) -> list[dict[str, str]]:
    """The rows of the CSV at `path` ("-": standard input) as dicts of the `required` and
    present `optional` columns, values stripped. A header without every required column, an
    empty file or a blank required value raises TableError."""
    try:
        raw = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as error:
        raise TableError(f"cannot read it ({error.strerror or error})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TableError("it is not UTF-8 text") from None
    if not text.strip():
        raise TableError("it is empty")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [name.strip() for name in reader.fieldnames or []]
    reader.fieldnames = header
    missing = [name for name in required if name not in header]
    if missing:
        raise TableError(
            f"unknown columns {', '.join(header) or '(none)'}: it needs {', '.join(required)}"
            " (other columns may follow)"
        )
    wanted = [*required, *(name for name in optional if name in header)]
    rows = []
    try:
        for number, row in enumerate(reader, start=2):
            values = {name: (row.get(name) or "").strip() for name in wanted}
            blank = [name for name in required if not values[name]]
            if blank and any(values.values()):
                raise TableError(f"row {number}: {', '.join(blank)} is blank")
            if not blank:
                rows.append(values)
    except csv.Error as error:
        raise TableError(f"it is not valid CSV ({error})") from None
    if not rows:
        raise TableError("it has a header but no rows")
    return rows


def write_table(path: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """Write a CSV with Unix line ends ("-": standard output)."""
    buffer = io.StringIO()
    writer = SafeWriter(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    if path == "-":
        sys.stdout.write(buffer.getvalue())
        return
    try:
        Path(path).write_text(buffer.getvalue(), encoding="utf-8")
    except OSError as error:
        raise TableError(f"cannot write it ({error.strerror or error})") from None
