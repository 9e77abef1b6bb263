"""`manage.py privacy_erase EMAIL [--yes]`: erase a person as docs/retention.md says."""

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kinship.privacy import services


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
            self.stderr.write(f"privacy_erase: no account has the address {email}")
            sys.exit(2)
        if person.erased_at is not None:
            self.stderr.write(f"privacy_erase: {email} was erased already")
            sys.exit(2)
        if not options["yes"]:
            answer = input(f"Erase {person.display_name} <{email}>? This cannot be undone [y/N] ")
            if answer.strip().lower() not in {"y", "yes"}:
                self.stderr.write("privacy_erase: nothing erased")
                sys.exit(2)
        services.privacy_erase(actor=None, user=person)
        self.stdout.write(f"Erased account {person.pk}")
