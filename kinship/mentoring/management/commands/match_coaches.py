"""python manage.py match_coaches INPUT.json [--output OUT.json]: propose a coach for each head.

Input: {"mentees": [{"id", "school", "vision", "tags"}], "coaches": [{"id", "school",
"vision", "tags", "capacity"}], "exclusions": [{"mentee", "coach"}], "scores": [{"mentee",
"coach", "score"}]}, each school a URN. Output: {"pairs": [{"mentee", "coach", "score",
"reasons"}], "unmatched": [...]}. Without "scores", pairs are scored on vision statements
and tags, and on school context and distance for URNs found in the GIAS table; as many
heads as possible get a coach, then the total score is as high as it can be. With
"scores", only scored pairs are allowed and the total is the maximum possible. Bad or
infeasible input: one line on standard error, exit status 2. "-" reads standard input.
"""

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand
from django.db import DatabaseError

from kinship.core.command_input import input_failure, read_json
from kinship.mentoring import matching


def _known_schools(data: object) -> dict[int, matching.SchoolContext]:
    """GIAS context for the URNs the input names, when this site has them."""
    from kinship.mentoring.selectors import school_context
    from kinship.schools.models import School

    urns = set()
    if isinstance(data, dict):
        for key in ("mentees", "coaches"):
            for person in data.get(key) or []:
                if isinstance(person, dict) and isinstance(person.get("school"), int):
                    urns.add(person["school"])
    try:
        return {
            school.urn: school_context(school) for school in School.objects.filter(urn__in=urns)
        }
    except DatabaseError:
        return {}  # no database here: score on text and tags alone


class Command(BaseCommand):
    help = "Propose a coach for each head: rules kept, best total, each pair explained."
    requires_system_checks = []  # pure computation: a half-configured site can still run it

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("input", help='the heads and coaches (JSON), or "-" for standard input')
        parser.add_argument("--output", help="write the pairs here instead of standard output")

    def handle(self, *args: Any, **options: Any) -> None:
        path: str = options["input"]
        data = read_json(path)
        try:
            problem = matching.parse_problem(data, _known_schools(data))
            result = matching.solve(problem)
        except matching.MatchingError as error:
            raise input_failure(path, str(error)) from None
        output = json.dumps(matching.result_to_json(result), indent=2, ensure_ascii=False)
        if options["output"] is None:
            self.stdout.write(output)
            return
        try:
            Path(options["output"]).write_text(output + "\n", encoding="utf-8")
        except OSError as error:
            raise input_failure(options["output"], f"cannot write it ({error.strerror})") from None
