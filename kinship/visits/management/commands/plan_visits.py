"""python manage.py plan_visits INPUT.json [--output PLAN.json]: staggered INSET days and visits.

The input names the schools (candidate INSET days, how many to take, visitors they can host
a day), the staff and the schools they would like to visit, and any pins; see
kinship.visits.rota.parse_problem. "-" reads it from standard input. The plan is JSON.

Once a plan has been published, give it back as "published" (this command's output as it
was) and the new plan changes as few of its INSET days, then of its visits, as it can
without placing fewer people, giving fewer their choices or crowding a host more; the
output's "changes" lists each school's INSET days moved ("from", "to") and each visit
"moved", "new" or "cancelled". "reschedulable" ({school: [published INSET dates that may
move]}) is checked and reported back. Each school's visits given and received are then
evened out as far as they can be without giving up any of that: the output's "balance" is
each school's given less received, "imbalance" their sum of sizes, and "balance_optimal"
says whether that was proved the least. Bad input is one line on standard error, exit 2.
"""

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from kinship.core.command_input import input_failure, read_json
from kinship.visits.rota import RotaError, parse_problem, plan_to_json, solve


class Command(BaseCommand):
    help = (
        "Choose each school's INSET days and place its staff on visits to schools in session; "
        'given the "published" plan, change as little of it as the best plan allows.'
    )
    requires_system_checks = []  # pure computation: a half-configured site can still run it

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("input", help='the problem file (JSON), or "-" for standard input')
        parser.add_argument("--output", help="write the plan here instead of standard output")

    def handle(self, *args: Any, **options: Any) -> None:
        path: str = options["input"]
        problem = read_json(path)
        try:
            plan = solve(parse_problem(problem))
        except RotaError as error:
            raise input_failure(path, str(error)) from None
        output = json.dumps(plan_to_json(plan), indent=2)
        if options["output"] is None:
            self.stdout.write(output)
            return
        try:
            Path(options["output"]).write_text(output + "\n", encoding="utf-8")
        except OSError as error:
            raise input_failure(options["output"], f"cannot write it ({error.strerror})") from None
