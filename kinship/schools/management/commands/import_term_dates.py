"""python manage.py import_term_dates FILE (--urn URN | --la NAME) [--year YEAR]"""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from kinship.schools.models import School
from kinship.schools.services import ReplaceNeedsConfirming, term_calendar_import


class Command(BaseCommand):
    help = (
        "Import one academic year of term dates (an LA's iCalendar file or a CSV with columns "
        "kind, start, end, label) for a school or for a local authority's schools."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", help="an .ics or .csv file")
        owner = parser.add_mutually_exclusive_group(required=True)
        owner.add_argument("--urn", type=int, help="the school's URN")
        owner.add_argument("--la", help="the local authority name, as GIAS spells it")
        parser.add_argument(
            "--year", type=int, help="the academic year to take, e.g. 2026 for 2026–27"
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="change a year that already has term dates (without it, the command says "
            "what would change and saves nothing)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        school = None
        if options["urn"] is not None:
            school = School.objects.filter(urn=options["urn"]).first()
            if school is None:
                raise CommandError(f"No school has URN {options['urn']}.", returncode=2)
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.", returncode=2) from None
        try:
            calendar, report = term_calendar_import(
                actor=None,
                data=data,
                school=school,
                la_name=options["la"] or "",
                source=f"Imported from {path.name}",
                academic_year=options["year"],
                replace=options["replace"],
            )
        except ReplaceNeedsConfirming as refused:
            raise CommandError(
                f"{refused.messages[0]}. Nothing was saved: run again with --replace to save it.",
                returncode=2,
            ) from None
        except ValidationError as error:
            raise CommandError(" ".join("; ".join(error.messages).split()), returncode=2) from None
        self.stdout.write(
            f"Saved term dates for {calendar}: {report.pupil_days} pupil days, "
            f"{report.inset_days} INSET days."
        )
        for warning in report.warnings:
            self.stderr.write(f"Warning: {warning}")
