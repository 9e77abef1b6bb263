"""python manage.py import_gias FILE [--no-progress]: load the GIAS establishments CSV."""

import sys
from argparse import ArgumentParser
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from kinship.schools.gias import GiasFileError
from kinship.schools.services import ImportReport, gias_import

SKIPPED_SHOWN = 20


class ProgressBar:
    """Turns the service's progress(stage, done, total) calls into one tqdm bar per stage."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.stage = ""
        self.bar: tqdm[Any] | None = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != self.stage or self.bar is None:
            self.close()
            self.stage = stage
            self.bar = tqdm(desc=stage, total=total, unit=" rows", file=self.stream, leave=False)
        self.bar.total = max(total, done)
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def format_report(report: ImportReport, *, source: str) -> list[str]:
    """The summary a person reads: counts, then the first skipped rows with their reasons."""
    lines = [
        f"Imported {source} ({report.encoding}) in {report.seconds:.1f} s: "
        f"{report.rows_read:,} rows read.",
        f"  created:   {report.created:,}",
        f"  updated:   {report.updated:,}",
        f"  unchanged: {report.unchanged:,}",
        f"  skipped:   {len(report.skipped):,}",
    ]
    for row in report.skipped[:SKIPPED_SHOWN]:
        lines.append(f"    line {row.line}: {row.reason}")
    if len(report.skipped) > SKIPPED_SHOWN:
        lines.append(f"    ... and {len(report.skipped) - SKIPPED_SHOWN:,} more")
    return lines


class Command(BaseCommand):
    help = (
        "Import the GIAS 'all establishment data' CSV: create new schools, update changed "
        "ones, leave unchanged ones alone, and report rows that could not be used."
    )
    # One line on stderr when the file is unusable: no system-check warnings in front of it.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", help="the CSV downloaded from Get Information about Schools")
        parser.add_argument(
            "--no-progress",
            action="store_true",
            help="no progress bar (it is shown only when stderr is a terminal anyway)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        show_progress = not options["no_progress"] and sys.stderr.isatty()
        bar = ProgressBar(sys.stderr) if show_progress else None
        try:
            report = gias_import(path_or_file=options["file"], progress=bar)
        except GiasFileError as error:
            # Exactly one line on stderr, whatever a file name holds.
            raise CommandError(" ".join(str(error).splitlines()), returncode=2) from None
        finally:
            if bar is not None:
                bar.close()
        for line in format_report(report, source=options["file"]):
            self.stdout.write(line)
