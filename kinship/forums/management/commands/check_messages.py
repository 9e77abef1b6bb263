"""python manage.py check_messages INPUT [--output OUTPUT] [--names NAMES]: run the pupils'
word and pattern filter over messages in a file, without a database.

INPUT is CSV (a `message` column, optionally `id`) or JSON (a list of strings, or of
objects with `message` and optionally `id`); "-" reads JSON from standard input. The output
has the same form (by OUTPUT's extension, else INPUT's) with `held`, `reasons`, `category`
(the most severe category of concern, a code of forums.concerns, or empty), `severity`
(high, medium, low or empty) and the `text` as stored (links removed). NAMES is a text file
of full names, one a line.
"""

import csv
import io
import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from kinship.core.command_input import input_failure, read_json
from kinship.forums.safety import check_message


def _read_csv(path: str) -> list[dict[str, str]]:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as error:
        raise input_failure(path, f"cannot read it ({error.strerror or error})") from None
    except UnicodeDecodeError:
        raise input_failure(path, "it is not UTF-8 text") from None
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "message" not in reader.fieldnames:
        raise input_failure(path, "the CSV needs a 'message' column")
    return [
        {"id": row.get("id") or str(n), "message": row["message"] or ""}
        for n, row in enumerate(reader, start=1)
    ]


def _read_json(path: str) -> list[dict[str, str]]:
    data = read_json(path)
    if not isinstance(data, list):
        raise input_failure(path, "the JSON must be a list of messages")
    rows = []
    for n, item in enumerate(data, start=1):
        if isinstance(item, str):
            rows.append({"id": str(n), "message": item})
        elif isinstance(item, dict) and isinstance(item.get("message"), str):
            rows.append({"id": str(item.get("id", n)), "message": item["message"]})
        else:
            raise input_failure(path, f"item {n}: must be a string or an object with a 'message'")
    return rows


class Command(BaseCommand):
    help = (
        "Check messages with the pupils' filter (CSV or JSON in and out): held, reasons, "
        "category (the most severe one only), severity and the text as stored."
    )
    requires_system_checks = []  # pure computation: a half-configured site can still run it

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("input", help='a .csv or .json file, or "-" for JSON on standard input')
        parser.add_argument(
            "--output", help="write here (.csv or .json) instead of standard output"
        )
        parser.add_argument("--names", help="a text file of full names to look for, one a line")

    def handle(self, *args: Any, **options: Any) -> None:
        path: str = options["input"]
        rows = _read_csv(path) if path.lower().endswith(".csv") else _read_json(path)
        names: list[str] = []
        if options["names"]:
            try:
                names = [
                    n.strip()
                    for n in Path(options["names"]).read_text(encoding="utf-8").splitlines()
                    if n.strip()
                ]
            except (OSError, UnicodeDecodeError):
                raise input_failure(options["names"], "cannot read the names file") from None
        results = []
        for row in rows:
            verdict = check_message(row["message"], known_names=names)
            results.append(
                {
                    "id": row["id"],
                    "message": row["message"],
                    "held": verdict.held,
                    "reasons": verdict.reasons,
                    "category": verdict.category,
                    "severity": verdict.severity.code,
                    "text": verdict.text,
                }
            )
        target = options["output"] or ""
        as_csv = (target or path).lower().endswith(".csv")
        output = (
            _as_csv(results) if as_csv else json.dumps(results, indent=2, ensure_ascii=False) + "\n"
        )
        if not target:
            self.stdout.write(output, ending="")
            return
        try:
            Path(target).write_text(output, encoding="utf-8")
        except OSError as error:
            raise input_failure(target, f"cannot write it ({error.strerror})") from None
        held = sum(1 for r in results if r["held"])
        self.stderr.write(f"{held} of {len(results)} message(s) held.")


def _as_csv(results: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer,
        fieldnames=["id", "message", "held", "reasons", "category", "severity", "text"],
        lineterminator="\n",
    )
    writer.writeheader()
    for row in results:
        writer.writerow(
            {**row, "held": "yes" if row["held"] else "no", "reasons": " ".join(row["reasons"])}
        )
    return buffer.getvalue()
