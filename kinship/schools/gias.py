"""Parse the GIAS "all establishment data" CSV into typed school records.

GIAS (Get Information about Schools) publishes every establishment in England as one CSV of
about 50,000 rows and 140 columns, encoded in Windows-1252. This module reads that file
(UTF-8, with or without a byte order mark, works too), keeps the columns Kinship uses,
checks each row, converts Easting/Northing on the British National Grid (EPSG:27700) to
WGS84 latitude/longitude, and gives each row a digest so that an import can recognise a
school whose details have not changed.

Pure Python (plus pyproj): no Django here, so it is tested with plain data and reused by the
import service, the management command and the benchmark.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import os
from array import array
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import IO

# The GIAS column for each field Kinship keeps. Required columns must be in the header.
REQUIRED_COLUMNS: dict[str, str] = {
    "urn": "URN",
    "name": "EstablishmentName",
    "la_name": "LA (name)",
    "establishment_type": "TypeOfEstablishment (name)",
    "status": "EstablishmentStatus (name)",
    "phase": "PhaseOfEducation (name)",
    "postcode": "Postcode",
}
OPTIONAL_COLUMNS: dict[str, str] = {
    "trust_name": "Trusts (name)",
    "town": "Town",
    "website": "SchoolWebsite",
    "easting": "Easting",
    "northing": "Northing",
    "pupils": "NumberOfPupils",
    "fsm_percent": "PercentageFSM",
    "urban_rural": "UrbanRural (name)",
}

# Fields a record carries from the file, in digest order (latitude/longitude derive from
# easting/northing, so they are not part of the digest).
IMPORTED_FIELDS: tuple[str, ...] = (
    "name",
    "la_name",
    "phase",
    "establishment_type",
    "status",
    "is_open",
    "trust_name",
    "town",
    "postcode",
    "website",
    "easting",
    "northing",
    "pupils",
    "fsm_percent",
    "urban_rural",
)

# Text lengths the School model allows; longer values are cut (a website is dropped instead,
# since half a web address is worse than none). The import service passes the model's own.
DEFAULT_MAX_LENGTHS: dict[str, int] = {
    "name": 200,
    "la_name": 100,
    "phase": 60,
    "establishment_type": 120,
    "status": 60,
    "trust_name": 200,
    "town": 100,
    "postcode": 10,
    "website": 200,
    "urban_rural": 100,
}

# Bump when normalisation changes, so that every row is seen as changed once.
DIGEST_VERSION = "1"
MAX_INTEGER = 2_147_483_647  # the largest value a PositiveIntegerField holds everywhere
# The British National Grid covers Great Britain within these bounds (metres).
MAX_EASTING = 800_000
MAX_NORTHING = 1_400_000
PROGRESS_EVERY = 2_000

Source = str | os.PathLike[str] | bytes | IO[bytes] | IO[str]
ProgressCallback = Callable[[int, int], None]


class GiasFileError(ValueError):
    """The file as a whole cannot be read as GIAS data; the message is one line for people."""


@dataclass(slots=True)
class GiasRecord:
    """One establishment, normalised: empty text is "", missing numbers are None."""

    urn: int
    name: str
    la_name: str
    phase: str
    establishment_type: str
    status: str
    is_open: bool
    trust_name: str
    town: str
    postcode: str
    website: str
    easting: int | None
    northing: int | None
    pupils: int | None
    fsm_percent: Decimal | None
    urban_rural: str
    line: int
    digest: str = ""
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True, slots=True)
class SkippedRow:
    """A row left out of the import: its line in the file, its URN as written, and why."""

    line: int
    urn: str
    reason: str


@dataclass(slots=True)
class GiasParseResult:
    records: list[GiasRecord] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)
    encoding: str = ""

    @property
    def rows_read(self) -> int:
        return len(self.records) + len(self.skipped)


class _RowError(Exception):
    """A problem with one row: it is skipped with this message as the reason."""


def parse_gias(
    source: Source,
    *,
    max_lengths: Mapping[str, int] | None = None,
    progress: ProgressCallback | None = None,
) -> GiasParseResult:
    """Read a GIAS CSV and return its valid rows as records and its bad rows as skipped.

    `source` is a path, the file's bytes, or an open file (binary or text). `max_lengths`
    caps text fields (defaults to DEFAULT_MAX_LENGTHS). `progress(rows_done, rows_expected)`
    is called every few thousand rows. Raises GiasFileError when the file is missing, not
    text, not CSV, or lacks a required column; bad rows never raise.
    """
    text, encoding = _read_text(source)
    lengths = {**DEFAULT_MAX_LENGTHS, **(max_lengths or {})}
    reader = csv.reader(io.StringIO(text, newline=""), strict=False)
    try:
        header = next(reader, None)
        if not header or not any(cell.strip() for cell in header):
            raise GiasFileError("The file is empty: it has no header row.")
        columns = _column_indexes(header)
        expected = max(text.count("\n") - 1, 1)
        result = GiasParseResult(encoding=encoding)
        first_line_of: dict[int, int] = {}
        line = reader.line_num + 1  # the line the next record starts on
        for row in reader:
            if row and any(cell.strip() for cell in row):
                _take_row(row, line, columns, lengths, first_line_of, result)
                if progress is not None and result.rows_read % PROGRESS_EVERY == 0:
                    progress(result.rows_read, expected)
            line = reader.line_num + 1
    except csv.Error as error:
        raise GiasFileError(
            f"The file is not valid CSV near line {reader.line_num}: {error}."
        ) from None
    add_coordinates(result.records)
    if progress is not None:
        progress(result.rows_read, result.rows_read)
    return result


def _read_text(source: Source) -> tuple[str, str]:
    """The file's text and the encoding it was in: UTF-8 (BOM or not), else Windows-1252."""
    if isinstance(source, bytes):
        data: bytes | str = source
    elif isinstance(source, str | os.PathLike):
        try:
            with open(source, "rb") as handle:
                data = handle.read()
        except FileNotFoundError:
            raise GiasFileError(f"No such file: {os.fspath(source)}") from None
        except IsADirectoryError:
            raise GiasFileError(f"{os.fspath(source)} is a folder, not a file.") from None
        except OSError as error:
            raise GiasFileError(f"Cannot read {os.fspath(source)}: {error.strerror}.") from None
    else:
        data = source.read()
    if isinstance(data, str):
        text, encoding = data.removeprefix("\ufeff"), "text"
    else:
        if b"\x00" in data:
            raise GiasFileError("The file is not a CSV file: it holds binary data.")
        try:
            text, encoding = data.decode("utf-8-sig"), "utf-8"
        except UnicodeDecodeError:
            # GIAS's own encoding; the five bytes it leaves undefined become U+FFFD.
            text, encoding = data.decode("cp1252", errors="replace"), "cp1252"
    if "\x00" in text:
        raise GiasFileError("The file is not a CSV file: it holds binary data.")
    return text, encoding


def _column_indexes(header: list[str]) -> dict[str, int]:
    """Field name -> column index; raises GiasFileError naming any missing required column."""
    positions: dict[str, int] = {}
    for index, name in enumerate(header):
        positions.setdefault(name.strip().lstrip("\ufeff"), index)
    missing = [column for column in REQUIRED_COLUMNS.values() if column not in positions]
    if len(missing) == len(REQUIRED_COLUMNS):
        raise GiasFileError(
            "The file does not look like GIAS data: its first line has none of the required "
            f"columns ({', '.join(missing)})."
        )
    if missing:
        raise GiasFileError(
            f"The file is missing required GIAS column{'s' if len(missing) > 1 else ''}: "
            f"{', '.join(missing)}."
        )
    wanted = {**REQUIRED_COLUMNS, **OPTIONAL_COLUMNS}
    return {key: positions[column] for key, column in wanted.items() if column in positions}


def _take_row(
    row: list[str],
    line: int,
    columns: Mapping[str, int],
    lengths: Mapping[str, int],
    first_line_of: dict[int, int],
    result: GiasParseResult,
) -> None:
    def cell(key: str) -> str:
        index = columns.get(key)
        return row[index].strip() if index is not None and index < len(row) else ""

    raw_urn = cell("urn")
    try:
        record = _record(cell, line, lengths)
    except _RowError as error:
        result.skipped.append(SkippedRow(line=line, urn=raw_urn, reason=str(error)))
        return
    first = first_line_of.setdefault(record.urn, line)
    if first != line:
        reason = f"URN {record.urn} appears more than once (first on line {first})"
        result.skipped.append(SkippedRow(line=line, urn=raw_urn, reason=reason))
        return
    result.records.append(record)


def _record(cell: Callable[[str], str], line: int, lengths: Mapping[str, int]) -> GiasRecord:
    def text(key: str) -> str:
        value = " ".join(cell(key).split())
        return value[: lengths[key]] if key in lengths else value

    urn = _urn(cell("urn"))
    name = text("name")
    if not name:
        raise _RowError("the school name (EstablishmentName) is empty")
    status = text("status")
    website = cell("website")
    if len(website) > lengths.get("website", len(website)):
        website = ""
    record = GiasRecord(
        urn=urn,
        name=name,
        la_name=text("la_name"),
        phase=text("phase"),
        establishment_type=text("establishment_type"),
        status=status,
        is_open=not status.lower().startswith("closed"),
        trust_name=text("trust_name"),
        town=text("town"),
        postcode=text("postcode").upper(),
        website=website,
        easting=_grid_reference(cell("easting"), "Easting", MAX_EASTING),
        northing=_grid_reference(cell("northing"), "Northing", MAX_NORTHING),
        pupils=_count(cell("pupils")),
        fsm_percent=_percentage(cell("fsm_percent")),
        urban_rural=text("urban_rural"),
        line=line,
    )
    record.digest = record_digest(record)
    return record


def _urn(value: str) -> int:
    if not value:
        raise _RowError("the URN is empty")
    try:
        urn = int(value)
    except ValueError:
        raise _RowError(f"URN {value!r} is not a whole number") from None
    if not 0 < urn <= MAX_INTEGER:
        raise _RowError(f"URN {value!r} is out of range")
    return urn


def _grid_reference(value: str, column: str, limit: int) -> int | None:
    """Metres on the British National Grid; blank is None, anything else not a number skips."""
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        raise _RowError(f"{column} {value!r} is not a number") from None
    if not math.isfinite(number) or not 0 <= number <= limit:
        raise _RowError(f"{column} {value!r} is outside Great Britain")
    return round(number)


def _count(value: str) -> int | None:
    """A head count; GIAS leaves it blank when unknown. Anything unusable becomes None."""
    try:
        number = float(value)
    except ValueError:
        return None
    if not math.isfinite(number) or not 0 <= number <= MAX_INTEGER:
        return None
    return round(number)


def _percentage(value: str) -> Decimal | None:
    """A percentage to one decimal place; GIAS writes SUPP when the figure is suppressed."""
    try:
        number = Decimal(value)
    except InvalidOperation:
        return None
    if not number.is_finite() or not 0 <= number <= 100:
        return None
    return number.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def record_digest(record: GiasRecord) -> str:
    """32 hex characters that change when, and only when, an imported field changes."""
    parts = [DIGEST_VERSION, str(record.urn)]
    for name in IMPORTED_FIELDS:
        value = getattr(record, name)
        parts.append("" if value is None else str(value))
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=16).hexdigest()


def add_coordinates(records: Iterable[GiasRecord]) -> None:
    """Fill latitude/longitude (WGS84, 6 places) from easting/northing, in one pyproj call."""
    located: list[GiasRecord] = []
    eastings, northings = array("d"), array("d")
    for record in records:
        if record.easting is not None and record.northing is not None:
            located.append(record)
            eastings.append(record.easting)
            northings.append(record.northing)
    if not located:
        return
    from pyproj import Transformer

    transformer = Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)
    longitudes, latitudes = transformer.transform(eastings, northings)
    for record, longitude, latitude in zip(located, longitudes, latitudes, strict=True):
        if math.isfinite(latitude) and math.isfinite(longitude):
            record.latitude = round(latitude, 6)
            record.longitude = round(longitude, 6)
