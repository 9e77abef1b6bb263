"""Walk the audit log's hash chain: exit 0 with a count when intact, 1 with one line per
deleted, altered or forged entry, 2 (one line on stderr) when the check could not run."""

import sys
from collections.abc import Iterator
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from kinship.core.audit import stored_entries
from kinship.core.chain import StoredEntry, chain_problems


class Command(BaseCommand):
    help = "Check the audit log's hash chain for deleted, altered or forged entries."

    def handle(self, *args: Any, **options: Any) -> None:
        seen: list[StoredEntry] = []  # only the last entry is kept

        def counted() -> Iterator[StoredEntry]:
            for count, entry in enumerate(stored_entries(), start=1):
                seen[:] = [entry]
                self.count = count
                yield entry

        self.count, problems = 0, 0
        try:
            for line in chain_problems(counted()):
                self.stdout.write(line)
                problems += 1
        except DatabaseError as error:
            first_line = str(error).strip().splitlines()[0] if str(error).strip() else "error"
            raise CommandError(
                f"could not read the audit log: {first_line}", returncode=2
            ) from error
        if problems:
            self.stderr.write(f"{problems} problem(s) in {self.count} audit entries.")
            sys.exit(1)
        last = f", the last number {seen[0].seq} with hash {seen[0].hash}" if seen else ""
        # Keep this line elsewhere: a chain alone cannot show entries cut from its end.
        self.stdout.write(f"Audit log intact: {self.count} entries{last}.")
