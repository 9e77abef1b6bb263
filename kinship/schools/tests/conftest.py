"""GIAS files for the schools tests, written the way GIAS writes them."""

import csv
import io
from collections.abc import Iterable, Sequence

from bench.import_gias import GIAS_COLUMNS


def gias_row(urn: int | str, name: str = "Alder Primary School", **extra: str) -> dict[str, str]:
    """One establishment with the columns Kinship reads filled in; `extra` overrides by column."""
    row = {
        "URN": str(urn),
        "EstablishmentName": name,
        "LA (name)": "Lancashire",
        "TypeOfEstablishment (name)": "Community school",
        "EstablishmentStatus (name)": "Open",
        "PhaseOfEducation (name)": "Primary",
        "Postcode": "LA1 1AA",
        "Town": "Lancaster",
        "Trusts (name)": "",
        "SchoolWebsite": "www.alder.lancs.sch.uk",
        "Easting": "347300",
        "Northing": "461900",
        "NumberOfPupils": "210",
        "PercentageFSM": "12.5",
        "UrbanRural (name)": "(England/Wales) Urban city and town",
    }
    row.update(extra)
    return row


def gias_csv(
    rows: Iterable[dict[str, str]],
    *,
    columns: Sequence[str] = GIAS_COLUMNS,
    encoding: str = "cp1252",
) -> bytes:
    """The file's bytes: every field quoted, CRLF line ends, as GIAS publishes it."""
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(columns), quoting=csv.QUOTE_ALL, restval="")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: value for key, value in row.items() if key in columns})
    return out.getvalue().encode(encoding)
