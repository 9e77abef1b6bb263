"""python manage.py plan_visits INPUT.json [--output PLAN.json]: staggered INSET days and visits.

The input names the schools (candidate INSET days, how many to take, visitors they can host
a day), the staff and the schools they would like to visit, and any pins; see
kinship.visits.rota.parse_problem. "-" reads it from standard input. The plan is JSON.
"""

import json
import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from kinship.visits.rota import RotaError, parse_problem, plan_to_json, solve


class Command(BaseCommand):
    help = "Choose each school's INSET days and place its staff on visits to schools in session."
    requires_system_checks = []  # pure computation: a half-configured site can still run it

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("input", help='the problem file (JSON), or "-" for standard input')
        parser.add_argument("--output", help="write the plan here instead of standard output")

    def handle(self, *args: Any, **options: Any) -> None:
        path: str = options["input"]
        try:
            text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
            plan = solve(parse_problem(json.loads(text)))
        except OSError as error:
            raise _failure(path, f"cannot read it ({error.strerror or error})") from None
        except UnicodeDecodeError:
            raise _failure(path, "it is not UTF-8 text") from None
        except json.JSONDecodeError as error:
            where = f"line {error.lineno}, column {error.colno}"
            raise _failure(path, f"not valid JSON ({error.msg} at {where})") from None
        except RotaError as error:
            raise _failure(path, str(error)) from None
        output = json.dumps(plan_to_json(plan), indent=2)
        if options["output"] is None:
            self.stdout.write(output)
            return
        try:
            Path(options["output"]).write_text(output + "\n", encoding="utf-8")
        except OSError as error:
            raise _failure(options["output"], f"cannot write it ({error.strerror})") from None


def _failure(path: str, message: str) -> CommandError:
    """One line on standard error and exit status 2, so scripts can tell a bad input apart."""
    name = "stdin" if path == "-" else path
    return CommandError(" ".join(f"{name}: {message}".split()), returncode=2)
