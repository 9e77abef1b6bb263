"""python manage.py expand_series SPEC.json: a series' dates from a JSON spec, as JSON.

The spec names each school's half-terms and closures, the rule and the range; see
kinship.meetings.recurrence.parse_spec. "-" reads the spec from standard input.
"""

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from kinship.core.command_input import input_failure, read_json
from kinship.meetings.recurrence import RecurrenceError, expand_spec, expansion_to_json


class Command(BaseCommand):
    help = "Expand a repeating event over school calendars: dates, moves and drops as JSON."
    requires_system_checks = []  # pure computation: a half-configured site can still run it

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("spec", help='the spec file (JSON), or "-" for standard input')

    def handle(self, *args: Any, **options: Any) -> None:
        path: str = options["spec"]
        spec = read_json(path)
        try:
            expansion = expand_spec(spec)
        except RecurrenceError as error:
            raise input_failure(path, str(error)) from None
        self.stdout.write(json.dumps(expansion_to_json(expansion), indent=2))
