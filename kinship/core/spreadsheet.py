"""CSV that a spreadsheet cannot run: a text cell that starts like a formula is written with
a leading apostrophe, as OWASP advises for CSV injection. Pure Python with no Django import.

Excel, LibreOffice and Google Sheets treat a cell starting with =, +, -, @, a tab or a
carriage return as a formula (`=HYPERLINK(...)`, `@SUM(...)`), so a pupil's message, a
script's title or a school's label could run when a coordinator opens an export. Numbers
are left alone: -0.42 is a value, not a formula. `unescape_cell` reads a cell back.
"""

import csv
from collections.abc import Iterable
from typing import Any, Protocol

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class _Writable(Protocol):
    def write(self, text: str, /) -> Any: ...


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _formula_like(text: str) -> bool:
    # Apostrophes already in front count too, so that escaping can always be undone.
    bare = text.lstrip("'")
    return bare.startswith(FORMULA_STARTS) and not _is_number(bare)


def safe_cell(value: object) -> object:
    """The value, or a formula-like text with an apostrophe before it ("-0.5" and "-inf"
    are numbers and stay as they are)."""
    if isinstance(value, str) and _formula_like(value):
        return "'" + value
    return value


def unescape_cell(text: str) -> str:
    """What safe_cell was given: reading back a file Kinship wrote gives the same text."""
    return text[1:] if text.startswith("'") and _formula_like(text[1:]) else text


class SafeWriter:
    """csv.writer with every text cell made safe."""

    def __init__(self, stream: _Writable, **options: Any) -> None:
        self._writer = csv.writer(stream, **options)

    def writerow(self, row: Iterable[object]) -> Any:
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for row in rows:
            self.writerow(row)


class SafeDictWriter(csv.DictWriter):  # type: ignore[type-arg]
    """csv.DictWriter with every text cell made safe."""

    def writerow(self, rowdict: Any) -> Any:
        return super().writerow({key: safe_cell(value) for key, value in rowdict.items()})
