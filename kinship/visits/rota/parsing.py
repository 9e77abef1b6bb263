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
    InsetPin,
    Pins,
    Plan,
    Problem,
    RotaError,
    School,
    Staff,
    Visit,
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


def parse_problem(data: object) -> Problem:
    """A checked Problem from the plan_visits JSON; RotaError names the field at fault."""
    fields = _object(data, "", {"schools", "staff"}, {"allow_unlisted", "time_limit_s", "pins"})
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
    )
