"""python manage.py expand_series SPEC.json: a series' dates from a JSON spec, as JSON.

The spec names each school's half-terms and closures, the rule and the range; see
kinship.meetings.recurrence.parse_spec. "-" reads the spec from standard input.
"""

import json
import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from kinship.meetings.recurrence import RecurrenceError, expand_spec, expansion_to_json


class Command(BaseCommand):
    help = "Expand a repeating event over school calendars: dates, moves and drops as JSON."
    requires_system_checks = []  # pure computation: a half-configured site can still run it

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("spec", help='the spec file (JSON), or "-" for standard input')

    def handle(self, *args: Any, **options: Any) -> None:
        path: str = options["spec"]
        try:
            text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
            expansion = expand_spec(json.loads(text))
        except OSError as error:
            raise _failure(path, f"cannot read it ({error.strerror or error})") from None
        except UnicodeDecodeError:
            raise _failure(path, "it is not UTF-8 text") from None
        except json.JSONDecodeError as error:
            where = f"line {error.lineno}, column {error.colno}"
            raise _failure(path, f"not valid JSON ({error.msg} at {where})") from None
        except RecurrenceError as error:
            raise _failure(path, str(error)) from None
        self.stdout.write(json.dumps(expansion_to_json(expansion), indent=2))


def _failure(path: str, message: str) -> CommandError:
    """One line on standard error and exit status 2, so scripts can tell a bad spec apart."""
    name = "stdin" if path == "-" else path
    return CommandError(" ".join(f"{name}: {message}".split()), returncode=2)
