"""The `network_insights` command's JSON, checked and turned into a `Network`.

Pure Python with no Django import. Input:
`{"schools": [{"id": "A", "families": ["F1"]}],
  "exchanges": [{"from": "A", "to": "B", "kind": "visit", "date": "2026-10-01"}],
  "window": {"from": "2026-09-01", "to": "2027-08-31"}}`
where `from` is the school that gave. Every exchange is checked, even those outside the
window, so a misspelt school is reported rather than silently left out.
"""

from datetime import date

import numpy as np

from kinship.core.json_input import json_object
from kinship.insights.network import Network


class NetworkError(ValueError):
    """The input is not a network: the message names the field at fault."""


def _text(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise NetworkError(f"{where}: must be a non-empty string")
    return value


def _day(value: object, where: str) -> date:
    try:
        return date.fromisoformat(_text(value, where))
    except ValueError:
        raise NetworkError(f"{where}: {value!r} is not a date (write 2026-10-01)") from None


def _list(value: object, where: str) -> list[object]:
    if not isinstance(value, list):
        raise NetworkError(f"{where}: must be a list")
    return value


def parse_network(data: object) -> Network:
    """The network described by the command's JSON, or NetworkError naming what is wrong."""
    top = json_object(data, "", {"schools", "exchanges", "window"}, set(), NetworkError)
    window = json_object(top["window"], "window", {"from", "to"}, set(), NetworkError)
    first, last = _day(window["from"], "window.from"), _day(window["to"], "window.to")
    if first > last:
        raise NetworkError("window: from is after to")
    numbers: dict[str, int] = {}
    families: dict[str, list[int]] = {}
    for index, item in enumerate(_list(top["schools"], "schools")):
        where = f"schools[{index}]"
        school = json_object(item, where, {"id"}, {"families"}, NetworkError)
        school_id = _text(school["id"], f"{where}.id")
        if school_id in numbers:
            raise NetworkError(f"{where}.id: {school_id!r} is listed twice")
        numbers[school_id] = index
        for place, family in enumerate(_list(school.get("families", []), f"{where}.families")):
            families.setdefault(_text(family, f"{where}.families[{place}]"), []).append(index)
    exchanges = _list(top["exchanges"], "exchanges")
    ends = np.empty((3, len(exchanges)), dtype=np.int64)
    for index, item in enumerate(exchanges):
        where = f"exchanges[{index}]"
        exchange = json_object(item, where, {"from", "to", "kind", "date"}, set(), NetworkError)
        for row, end in enumerate(("from", "to")):
            school_id = _text(exchange[end], f"{where}.{end}")
            if school_id not in numbers:
                raise NetworkError(f"{where}.{end}: unknown school {school_id!r}")
            ends[row, index] = numbers[school_id]
        _text(exchange["kind"], f"{where}.kind")
        ends[2, index] = _day(exchange["date"], f"{where}.date").toordinal()
    return Network(
        school_ids=list(numbers),
        families={family: tuple(members) for family, members in families.items()},
        giver=ends[0],
        receiver=ends[1],
        day=ends[2],
        window=(first, last),
    )
