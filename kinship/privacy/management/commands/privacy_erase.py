"""`manage.py privacy_erase EMAIL [--yes]`: erase a person as docs/retention.md says.
Bad input (an unknown address, one erased already): one line on stderr, exit status 2."""

import sys
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandParser

from kinship.privacy import services
from kinship.privacy.services import one_line


class Command(BaseCommand):
    help = "Erase the person with this email address (UK GDPR), as docs/retention.md says."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args: Any, **options: Any) -> None:
        email = options["email"]
        try:
            person = services.person_by_email(email)
        except services.PersonNotFound:
            self._fail(f"no account has the address {one_line(email)}")
        if person.erased_at is not None:
            self._fail(f"{one_line(email)} was erased already")
        if not options["yes"]:
            question = f"Erase {person.display_name} <{email}>? This cannot be undone [y/N] "
            if input(one_line(question)).strip().lower() not in {"y", "yes"}:
                self._fail("nothing erased")
        services.privacy_erase(actor=None, user=person)
        self.stdout.write(f"Erased account {person.pk}")

    def _fail(self, message: str) -> NoReturn:
        self.stderr.write(f"privacy_erase: {message}")
        sys.exit(2)
