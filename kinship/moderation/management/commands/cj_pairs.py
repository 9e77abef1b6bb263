"""python manage.py cj_pairs SCRIPTS.csv JUDGES.csv --per-script N --output PAIRS.csv

Schedules comparative-judgement pairs: scripts (script, school) and judges (judge, school;
a blank school for a judge from no school in the round) in; judge, left, right out, keeping
every rule in kinship.moderation.judgement.scheduling, or exit status 2 saying which rule
cannot be met.
"""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from kinship.core.command_input import input_failure
from kinship.moderation.judgement import Judge, ScheduleError, Script, schedule_pairs
from kinship.moderation.tables import TableError, read_table, write_table


class Command(BaseCommand):
    help = "Schedule comparative-judgement pairs that keep every rule."
    requires_system_checks = []  # pure computation

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("scripts", help="CSV with script,school")
        parser.add_argument("judges", help="CSV with judge,school (school blank: no school)")
        parser.add_argument("--per-script", type=int, required=True, metavar="N")
        parser.add_argument("--output", required=True, help='the pairs CSV ("-": stdout)')
        parser.add_argument("--seed", type=int, help="the random seed, to repeat a schedule")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            scripts = read_table(options["scripts"], ("script", "school"))
        except TableError as error:
            raise input_failure(options["scripts"], str(error)) from None
        try:
            judges = read_table(options["judges"], ("judge",), ("school",))
        except TableError as error:
            raise input_failure(options["judges"], str(error)) from None
        try:
            pairs = schedule_pairs(
                [Script(r["script"], r["school"]) for r in scripts],
                [Judge(r["judge"], r.get("school") or None) for r in judges],
                options["per_script"],
                seed=options["seed"],
            )
        except ScheduleError as error:
            raise input_failure(options["scripts"], f"cannot schedule: {error}") from None
        try:
            write_table(
                options["output"],
                ("judge", "left", "right"),
                [(p.judge, p.left, p.right) for p in pairs],
            )
        except TableError as error:
            raise input_failure(options["output"], str(error)) from None
