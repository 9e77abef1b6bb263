"""Reading the JSON the plan_visits command takes, and writing the plan it prints.

Kept apart from the solver so a command or service can read and check a problem without
building a model. Errors name the field at fault, e.g. "schools[2].inset_days: ...".
"""

import re
from datetime import date
from typing import Any

from kinship.core.json_input import json_object
from kinship.visits.rota.checks import check_problem
from kinship.visits.rota.types import (
    Changes,
    InsetChange,
    InsetPin,
    Pins,
    Plan,
    Problem,
    Published,
    PublishedVisit,
    RotaError,
    School,
    SchoolDates,
    Staff,
    Visit,
    VisitChange,
    VisitPin,
)


def _object(value: object, where: str, required: set[str], optional: set[str]) -> dict[str, Any]:
    return json_object(value, where, required, optional, RotaError)


def _list(value: object, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise RotaError(f"{where}: must be a list")
    return value


def _id(value: object, where: str) -> str:
    """Ids may be written as text or whole numbers; both become text."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    raise RotaError(f"{where}: must be a non-empty id (text or a whole number), not {value!r}")


def _whole(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise RotaError(f"{where}: must be a whole number, 0 or more, not {value!r}")
    return value


def _date(value: object, where: str) -> date:
    if not isinstance(value, str) or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        raise RotaError(f"{where}: {value!r} is not a date written YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise RotaError(f"{where}: {value} is not a real date") from None


def _dates(value: object, where: str) -> tuple[date, ...]:
    return tuple(_date(day, f"{where}[{index}]") for index, day in enumerate(_list(value, where)))


def _school(value: object, where: str) -> School:
    required = {"id", "inset_candidates", "inset_days", "host_capacity"}
    fields = _object(value, where, required, {"closed"})
    return School(
        id=_id(fields["id"], f"{where}.id"),
        inset_candidates=_dates(fields["inset_candidates"], f"{where}.inset_candidates"),
        inset_days=_whole(fields["inset_days"], f"{where}.inset_days"),
        host_capacity=_whole(fields["host_capacity"], f"{where}.host_capacity"),
        closed=frozenset(_dates(fields.get("closed", []), f"{where}.closed")),
    )


def _staff(value: object, where: str) -> Staff:
    fields = _object(value, where, {"id", "school"}, {"preferences"})
    preferences = _list(fields.get("preferences", []), f"{where}.preferences")
    return Staff(
        id=_id(fields["id"], f"{where}.id"),
        school=_id(fields["school"], f"{where}.school"),
        preferences=tuple(
            _id(host, f"{where}.preferences[{index}]") for index, host in enumerate(preferences)
        ),
    )


def _pins(value: object) -> Pins:
    fields = _object(value, "pins", set(), {"inset", "visits"})
    inset = _object(fields.get("inset", {}), "pins.inset", set(), set(fields.get("inset", {})))
    visits = _object(fields.get("visits", {}), "pins.visits", set(), set(fields.get("visits", {})))
    visit_pins = []
    for staff_id, body in visits.items():
        where = f"pins.visits.{staff_id}"
        pin = _object(body, where, {"host"}, {"date"})
        day = pin.get("date")
        visit_pins.append(
            VisitPin(
                staff=_id(staff_id, where),
                host=_id(pin["host"], f"{where}.host"),
                date=None if day is None else _date(day, f"{where}.date"),
            )
        )
    return Pins(
        inset=tuple(
            InsetPin(_id(school, f"pins.inset.{school}"), _dates(days, f"pins.inset.{school}"))
            for school, days in inset.items()
        ),
        visits=tuple(visit_pins),
    )


def _school_dates(value: object, where: str) -> tuple[SchoolDates, ...]:
    """{school: [dates]} as SchoolDates, e.g. a published plan's "inset"."""
    days = _object(value, where, set(), set(value) if isinstance(value, dict) else set())
    return tuple(
        SchoolDates(_id(school, f"{where}.{school}"), _dates(dates, f"{where}.{school}"))
        for school, dates in days.items()
    )


def _published(value: object) -> Published:
    """A plan as plan_to_json wrote it: only its INSET days and visits are read."""
    given = set(value) if isinstance(value, dict) else set()
    fields = _object(value, "published", {"inset", "visits"}, given)
    visits = []
    for index, body in enumerate(_list(fields["visits"], "published.visits")):
        where = f"published.visits[{index}]"
        known = set(body) if isinstance(body, dict) else set()
        visit = _object(body, where, {"staff", "host", "date"}, known)
        visits.append(
            PublishedVisit(
                staff=_id(visit["staff"], f"{where}.staff"),
                host=_id(visit["host"], f"{where}.host"),
                date=_date(visit["date"], f"{where}.date"),
            )
        )
    return Published(_school_dates(fields["inset"], "published.inset"), tuple(visits))


def parse_problem(data: object) -> Problem:
    """A checked Problem from the plan_visits JSON; RotaError names the field at fault.

    "published" (optional) is the plan already published, as plan_to_json writes it; the new
    plan then changes as few of its INSET days, then visits, as it can without doing worse
    on placing people, their choices or the busiest host-day. "reschedulable" (optional),
    {school: [published INSET dates that may move]}, is checked and reported back only.
    """
    optional = {"allow_unlisted", "time_limit_s", "pins", "published", "reschedulable"}
    fields = _object(data, "", {"schools", "staff"}, optional)
    allow_unlisted = fields.get("allow_unlisted", True)
    if not isinstance(allow_unlisted, bool):
        raise RotaError(f"allow_unlisted: must be true or false, not {allow_unlisted!r}")
    time_limit = fields.get("time_limit_s", 30.0)
    if isinstance(time_limit, bool) or not isinstance(time_limit, int | float):
        raise RotaError(f"time_limit_s: must be a number of seconds, not {time_limit!r}")
    problem = Problem(
        schools=tuple(
            _school(body, f"schools[{index}]")
            for index, body in enumerate(_list(fields["schools"], "schools"))
        ),
        staff=tuple(
            _staff(body, f"staff[{index}]")
            for index, body in enumerate(_list(fields["staff"], "staff"))
        ),
        allow_unlisted=allow_unlisted,
        time_limit_s=float(time_limit),
        pins=_pins(fields.get("pins", {})),
        published=None if fields.get("published") is None else _published(fields["published"]),
        reschedulable=_school_dates(fields.get("reschedulable", {}), "reschedulable"),
    )
    check_problem(problem)
    return problem


def plan_to_json(plan: Plan) -> dict[str, Any]:
    return {
        "inset": {school: [day.isoformat() for day in days] for school, days in plan.inset.items()},
        "visits": [
            {"staff": v.staff, "host": v.host, "date": v.date.isoformat(), "rank": v.rank}
            for v in plan.visits
        ],
        "unplaced": list(plan.unplaced),
        "placed": plan.placed,
        "points": plan.points,
        "max_hosted_per_day": plan.max_hosted_per_day,
        "optimal": plan.optimal,
        "gap": plan.gap,
        "explanations": list(plan.explanations),
        "given": plan.given,
        "received": plan.received,
        "balance": plan.balance,
        "imbalance": plan.imbalance,
        "balance_optimal": plan.balance_optimal,
        "changes": _changes_to_json(plan.changes),
        "reschedulable": {
            days.school: [day.isoformat() for day in days.dates] for days in plan.reschedulable
        },
    }


def _changes_to_json(changes: Changes) -> dict[str, Any]:
    def visit(place: tuple[str, date] | None) -> dict[str, str] | None:
        return None if place is None else {"host": place[0], "date": place[1].isoformat()}

    return {
        "inset": [
            {
                "school": change.school,
                "from": [day.isoformat() for day in change.removed],
                "to": [day.isoformat() for day in change.added],
            }
            for change in changes.inset
        ],
        "visits": [
            {
                "staff": change.staff,
                "change": change.change,
                "from": visit(change.before),
                "to": visit(change.after),
            }
            for change in changes.visits
        ],
    }


def plan_from_json(data: dict[str, Any]) -> Plan:
    """A Plan back from plan_to_json's output, e.g. one stored with a solver run, so that it
    can be checked again with check_plan."""
    return Plan(
        inset={
            school: tuple(date.fromisoformat(day) for day in days)
            for school, days in data["inset"].items()
        },
        visits=tuple(
            Visit(v["staff"], v["host"], date.fromisoformat(v["date"]), v["rank"])
            for v in data["visits"]
        ),
        unplaced=tuple(data["unplaced"]),
        placed=data["placed"],
        points=data["points"],
        max_hosted_per_day=data["max_hosted_per_day"],
        optimal=data["optimal"],
        gap=data["gap"],
        explanations=tuple(data["explanations"]),
        given=dict(data["given"]),
        received=dict(data["received"]),
        changes=_changes_from_json(data.get("changes")),
        reschedulable=tuple(
            SchoolDates(school, tuple(date.fromisoformat(day) for day in days))
            for school, days in data.get("reschedulable", {}).items()
        ),
        balance_optimal=data.get("balance_optimal", False),  # plans before 2026-12 have none
    )


def _changes_from_json(data: dict[str, Any] | None) -> Changes:
    """The changes plan_to_json wrote; none for a plan stored before they were."""
    if data is None:
        return Changes()

    def dates(days: list[str]) -> tuple[date, ...]:
        return tuple(date.fromisoformat(day) for day in days)

    def place(value: dict[str, str] | None) -> tuple[str, date] | None:
        return None if value is None else (value["host"], date.fromisoformat(value["date"]))

    return Changes(
        inset=tuple(
            InsetChange(change["school"], dates(change["from"]), dates(change["to"]))
            for change in data["inset"]
        ),
        visits=tuple(
            VisitChange(
                change["staff"], change["change"], place(change["from"]), place(change["to"])
            )
            for change in data["visits"]
        ),
    )
