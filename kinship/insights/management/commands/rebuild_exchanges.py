"""python manage.py rebuild_exchanges [--today DAY]: derive exchanges from the visits,
coaching meetings and moderation grades already held (kinship.insights.rebuild).

Safe to run again, from cron or by hand, and beside recording: each exchange is one row."""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kinship.insights.rebuild import exchanges_rebuild


class Command(BaseCommand):
    help = "Derive every school-to-school exchange from the data the apps already hold."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="count what was due by this day (default: today)")

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options["today"]:
            try:
                today = date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError(
                    f"{options['today']!r} is not a date: write it as 2027-03-02.", returncode=2
                ) from None
        counts = exchanges_rebuild(today=today)
        self.stdout.write(
            f"{counts.added} exchanges added, {counts.removed} removed, {counts.kept} kept."
        )
