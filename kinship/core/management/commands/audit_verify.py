"""Walk the audit log's hash chain: exit 0 with a count when intact, 1 with one line per
deleted, altered or forged entry, 2 (one line on stderr) when the check could not run."""

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from kinship.core.audit import stored_entries
from kinship.core.chain import chain_problems


class Command(BaseCommand):
    help = "Check the audit log's hash chain for deleted, altered or forged entries."

    def handle(self, *args: Any, **options: Any) -> None:
        count, problems = 0, 0
        try:
            entries = stored_entries()
            for line in chain_problems(_counted(entries, counter := [0])):
                self.stdout.write(line)
                problems += 1
            count = counter[0]
        except DatabaseError as error:
            raise CommandError(
                f"could not read the audit log: {error}".splitlines()[0], returncode=2
            ) from error
        if problems:
            self.stderr.write(f"{problems} problem(s) in {count} audit entries.")
            sys.exit(1)
        self.stdout.write(f"Audit log intact: {count} entries.")


def _counted(entries: Any, counter: list[int]) -> Any:
    for entry in entries:
        counter[0] += 1
        yield entry
