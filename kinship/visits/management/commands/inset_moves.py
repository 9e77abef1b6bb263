"""python manage.py inset_moves TERM_DATES.csv --wanted DAY [DAY ...] [--movable DAY ...]
[--today DAY]: which of a school's own INSET days make way for a plan's, as JSON.

The rule publishing uses (kinship.visits.inset_moves), on a term-dates CSV (kind, start,
end, label), so it can be checked by hand: the output names the plan's days that become
INSET days, each own day that moves to one of them, the days still to be decided that are
filled, the year's pupil and INSET days before and after, and the problem if there is one.
"""

import json
from argparse import ArgumentParser
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from kinship.schools.term_dates import TermDatesError
from kinship.schools.term_dates.csv_file import parse_csv
from kinship.visits.inset_moves import plan_moves, with_moves


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(
            f"{text!r} is not a date: write it as 2032-03-02.", returncode=2
        ) from None


class Command(BaseCommand):
    help = "Say which of a school's INSET days make way for a plan's days (JSON on stdout)."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "file", help="the school's term dates: a CSV of kind, start, end, label"
        )
        parser.add_argument("--wanted", nargs="+", required=True, help="the plan's days")
        parser.add_argument("--movable", nargs="*", default=[], help="own INSET days that may move")
        parser.add_argument("--today", help="days up to this one cannot move (default: today)")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            year = parse_csv(path.read_text(encoding="utf-8-sig"))
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.", returncode=2) from None
        except (TermDatesError, UnicodeDecodeError) as error:
            raise CommandError(f"{path}: {error}", returncode=2) from None
        today = _day(options["today"]) if options["today"] else timezone.localdate()
        wanted = [_day(text) for text in options["wanted"]]
        movable = [_day(text) for text in options["movable"]]
        moves = plan_moves(year, wanted, movable, after=today)
        after = with_moves(year, moves)
        report = {
            "added": [day.isoformat() for day in moves.added],
            "moved": [{"from": old.isoformat(), "to": new.isoformat()} for old, new in moves.moved],
            "filled": [day.isoformat() for day in moves.filled],
            "before": {"pupil_days": year.pupil_days, "inset_days": year.inset_days},
            "after": None
            if moves.problem
            else {"pupil_days": after.pupil_days, "inset_days": after.inset_days},
            "problem": moves.problem,
        }
        self.stdout.write(json.dumps(report, indent=2))
