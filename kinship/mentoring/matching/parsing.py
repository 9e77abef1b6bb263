"""The JSON the match_coaches command reads, and the JSON it writes.

Input: {"mentees": [{"id", "school", "vision", "tags"}], "coaches": [{"id", "school",
"vision", "tags", "capacity"}], "exclusions": [{"mentee", "coach"}], "scores": [{"mentee",
"coach", "score"}]}, where a school is a URN. Errors name the field at fault.
"""

import math
from collections.abc import Mapping
from typing import Any

from kinship.core.json_input import json_object
from kinship.mentoring.matching.solving import check_problem
from kinship.mentoring.matching.types import (
    Coach,
    MatchingError,
    Mentee,
    Objective,
    Problem,
    Result,
    SchoolContext,
)


def _object(value: object, where: str, required: set[str], optional: set[str]) -> dict[str, Any]:
    return json_object(value, where, required, optional, MatchingError)


def _list(value: object, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise MatchingError(f"{where}: must be a list")
    return value


def _id(value: object, where: str) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    raise MatchingError(f"{where}: must be a non-empty id (text or a whole number), not {value!r}")


def _urn(value: object, where: str) -> int:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 10**9:
        raise MatchingError(f"{where}: must be a school's URN (a whole number), not {value!r}")
    return value


def _text(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise MatchingError(f"{where}: must be text, not {value!r}")
    return value


def _tags(value: object, where: str) -> tuple[str, ...]:
    tags = []
    for index, tag in enumerate(_list(value, where)):
        if not isinstance(tag, str) or not tag.strip():
            raise MatchingError(f"{where}[{index}]: must be non-empty text, not {tag!r}")
        tags.append(" ".join(tag.split()))
    return tuple(dict.fromkeys(tags))


def _mentee(value: object, where: str) -> Mentee:
    fields = _object(value, where, {"id", "school"}, {"vision", "tags"})
    return Mentee(
        id=_id(fields["id"], f"{where}.id"),
        school=_urn(fields["school"], f"{where}.school"),
        vision=_text(fields.get("vision", ""), f"{where}.vision"),
        tags=_tags(fields.get("tags", []), f"{where}.tags"),
    )


def _coach(value: object, where: str) -> Coach:
    fields = _object(value, where, {"id", "school", "capacity"}, {"vision", "tags"})
    capacity = fields["capacity"]
    if isinstance(capacity, bool) or not isinstance(capacity, int) or capacity < 0:
        raise MatchingError(
            f"{where}.capacity: must be a whole number, 0 or more, not {capacity!r}"
        )
    return Coach(
        id=_id(fields["id"], f"{where}.id"),
        school=_urn(fields["school"], f"{where}.school"),
        vision=_text(fields.get("vision", ""), f"{where}.vision"),
        tags=_tags(fields.get("tags", []), f"{where}.tags"),
        capacity=capacity,
    )


def _pairs(value: object, where: str, *, scored: bool) -> list[tuple[str, str, float]]:
    pairs = []
    seen: set[tuple[str, str]] = set()
    for index, body in enumerate(_list(value, where)):
        place = f"{where}[{index}]"
        fields = _object(body, place, {"mentee", "coach", *(["score"] if scored else [])}, set())
        pair = (_id(fields["mentee"], f"{place}.mentee"), _id(fields["coach"], f"{place}.coach"))
        score = 0.0
        if scored:
            raw = fields["score"]
            if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw):
                raise MatchingError(f"{place}.score: must be a number, not {raw!r}")
            score = float(raw)
            if pair in seen:
                raise MatchingError(f"{place}: {pair[0]}–{pair[1]} is scored twice")
        seen.add(pair)
        pairs.append((*pair, score))
    return pairs


def parse_problem(data: object, schools: Mapping[int, SchoolContext] | None = None) -> Problem:
    """A checked Problem from the command's JSON. `schools`: what GIAS says about the URNs
    named, when the command can look them up (the score then counts school context and
    distance too). With `scores`, the total score is what is maximised."""
    fields = _object(data, "", {"mentees", "coaches"}, {"exclusions", "scores"})
    mentees = tuple(
        _mentee(body, f"mentees[{i}]") for i, body in enumerate(_list(fields["mentees"], "mentees"))
    )
    coaches = tuple(
        _coach(body, f"coaches[{i}]") for i, body in enumerate(_list(fields["coaches"], "coaches"))
    )
    if not mentees:
        raise MatchingError("mentees: list at least one head to match")
    if not coaches:
        raise MatchingError("coaches: list at least one coach")
    exclusions = _pairs(fields.get("exclusions", []), "exclusions", scored=False)
    scores = None
    if "scores" in fields:
        scores = {(m, c): s for m, c, s in _pairs(fields["scores"], "scores", scored=True)}
    problem = Problem(
        mentees=mentees,
        coaches=coaches,
        schools=dict(schools or {}),
        exclusions=frozenset((m, c) for m, c, _ in exclusions),
        scores=scores,
        objective=Objective.TOTAL_SCORE if scores is not None else Objective.MOST_MATCHED,
    )
    check_problem(problem)
    return problem


def result_to_json(result: Result) -> dict[str, Any]:
    return {
        "pairs": [
            {
                "mentee": p.mentee,
                "coach": p.coach,
                "score": round(p.score, 6),
                "reasons": list(p.reasons),
            }
            for p in result.pairs
        ],
        "unmatched": list(result.unmatched),
    }
