"""`manage.py privacy_export EMAIL [--output FILE]`: a ZIP of everything held about a person."""

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kinship.privacy import services


class Command(BaseCommand):
    help = "Write a ZIP of everything Kinship holds about the person with this email address."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--output", help="the ZIP file to write (default: EMAIL.zip)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            person = services.person_by_email(options["email"])
        except services.PersonNotFound:
            self.stderr.write(f"privacy_export: no account has the address {options['email']}")
            sys.exit(2)
        output = Path(options["output"] or f"{options['email']}.zip")
        try:
            with output.open("xb") as handle:
                handle.write(services.privacy_export(actor=None, user=person))
        except OSError as error:
            self.stderr.write(f"privacy_export: cannot write {output}: {error.strerror}")
            sys.exit(2)
        self.stdout.write(f"Wrote {output}")
