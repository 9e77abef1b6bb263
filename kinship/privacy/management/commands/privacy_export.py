"""`manage.py privacy_export EMAIL [--output FILE]`: a ZIP of everything held about a person.
Bad input (an unknown address, a file that exists): one line on stderr, exit status 2."""

import sys
from pathlib import Path
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandParser

from kinship.privacy import services
from kinship.privacy.services import one_line


class Command(BaseCommand):
    help = "Write a ZIP of everything Kinship holds about the person with this email address."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--output", help="the ZIP file to write (default: EMAIL.zip)")

    def handle(self, *args: Any, **options: Any) -> None:
        email = options["email"]
        try:
            person = services.person_by_email(email)
        except services.PersonNotFound:
            self._fail(f"no account has the address {one_line(email)}")
        output = Path(options["output"] or f"{email}.zip")
        try:
            with output.open("xb") as handle:  # never overwrites
                handle.write(services.privacy_export(actor=None, user=person))
        except OSError as error:
            self._fail(f"cannot write {one_line(str(output))}: {error.strerror or error}")
        self.stdout.write(f"Wrote {output}")

    def _fail(self, message: str) -> NoReturn:
        self.stderr.write(f"privacy_export: {message}")
        sys.exit(2)
