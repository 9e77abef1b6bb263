"""python manage.py moderation_agreement GRADES.csv [--output AGREEMENT.json]

Agreement of blind grades: columns script, school, judge, grade, the school's own grade as
judge "own" (other columns are ignored). Grades are level names, WTS, EXS, GDS by default
(--levels for a custom scale, lowest first). Prints exact and adjacent agreement, Cohen's and
quadratic-weighted kappa per judge against the panel, Fleiss' kappa and Krippendorff's alpha
across the family, each with a 95% bootstrap interval, and the confusion matrix of school
grade against the external consensus; --output writes all of it as JSON.
"""

import json
from argparse import ArgumentParser
from dataclasses import asdict
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from kinship.core.command_input import input_failure
from kinship.moderation.agreement import OWN, Estimate, Grade, analyse_grades
from kinship.moderation.tables import TableError, read_table

TAF_LEVELS = "WTS,EXS,GDS"


def _interval(estimate: Estimate, percent: bool = False) -> str:
    def show(x: float) -> str:
        if x != x:  # nan
            return "–"
        return f"{x:.0%}" if percent else f"{x:.2f}"

    return f"{show(estimate.value)} ({show(estimate.low)} to {show(estimate.high)})"


class Command(BaseCommand):
    help = "Agreement statistics for a moderation round's blind grades."
    requires_system_checks = []  # pure computation

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("grades", help='CSV with script,school,judge,grade ("-": stdin)')
        parser.add_argument("--output", help="write every figure here as JSON")
        parser.add_argument("--levels", default=TAF_LEVELS, help="the scale, lowest level first")
        parser.add_argument("--samples", type=int, default=1000, help="bootstrap resamples")
        parser.add_argument("--seed", type=int, default=0)

    def handle(self, *args: Any, **options: Any) -> None:
        path: str = options["grades"]
        levels = [level.strip() for level in options["levels"].split(",") if level.strip()]
        if len(levels) < 2 or len(set(levels)) != len(levels):
            raise input_failure("--levels", "give at least two different levels, lowest first")
        try:
            rows = read_table(path, ("script", "school", "judge", "grade"))
        except TableError as error:
            raise input_failure(path, str(error)) from None
        number = {level: i for i, level in enumerate(levels)}
        grades: list[Grade] = []
        seen: set[tuple[str, str]] = set()
        school_of: dict[str, str] = {}
        for line, row in enumerate(rows, start=2):
            if row["grade"] not in number:
                raise input_failure(
                    path, f"row {line}: grade {row['grade']!r} is not one of {', '.join(levels)}"
                )
            key = (row["script"], row["judge"])
            if key in seen:
                raise input_failure(
                    path, f"row {line}: {row['judge']} graded {row['script']} twice"
                )
            if school_of.setdefault(row["script"], row["school"]) != row["school"]:
                raise input_failure(path, f"row {line}: script {row['script']} has two schools")
            seen.add(key)
            grades.append(Grade(row["script"], row["school"], row["judge"], number[row["grade"]]))
        if not any(g.judge != OWN for g in grades):
            raise input_failure(path, "there are no external grades, only schools' own")
        report = analyse_grades(grades, levels, samples=options["samples"], seed=options["seed"])
        self._print(report)
        if options["output"]:
            data = asdict(report)
            data["confusion"] = {
                "rows": "school grade",
                "columns": "external consensus",
                "levels": levels,
                "counts": report.confusion,
            }
            data["consensus"] = {s: levels[g] for s, g in report.consensus.items()}
            data["own"] = {s: levels[g] for s, g in report.own.items()}
            text = json.dumps(_without_nan(data), indent=2, allow_nan=False)
            try:
                Path(options["output"]).write_text(text + "\n", encoding="utf-8")
            except OSError as error:
                raise input_failure(
                    options["output"], f"cannot write it ({error.strerror})"
                ) from None

    def _print(self, report: Any) -> None:
        out = self.stdout.write
        out(f"Scripts: {report.scripts}; external grades: {report.external_grades}")
        if report.scripts_short_of_two:
            short = ", ".join(report.scripts_short_of_two)
            out(f"Scripts with fewer than two external grades: {short}")
        out("Figures are followed by their 95% bootstrap interval.")
        out(
            f"Judges agree exactly: {_interval(report.judges_exact, True)}; within one level: "
            f"{_interval(report.judges_adjacent, True)}"
        )
        out(
            f"School grade agrees with the consensus exactly: "
            f"{_interval(report.school_exact, True)}; within one level: "
            f"{_interval(report.school_adjacent, True)}; "
            f"weighted kappa {_interval(report.school_weighted_kappa)}"
        )
        out(f"Fleiss' kappa across the family: {_interval(report.fleiss)}")
        out(f"Krippendorff's alpha (ordinal): {_interval(report.alpha)}")
        out("Each judge against the panel (the other external grades):")
        out(f"{'judge':<24} {'scripts':>7}  {'exact':<18} {'kappa':<20} weighted kappa")
        for judge in report.per_judge:
            out(
                f"{judge.judge:<24} {judge.scripts:>7}  {_interval(judge.exact, True):<18} "
                f"{_interval(judge.kappa):<20} {_interval(judge.weighted_kappa)}"
            )
        out("School grade (rows) against the external consensus (columns):")
        width = max(len(level) for level in report.levels) + 2
        out(" " * width + "".join(f"{level:>{width}}" for level in report.levels))
        for level, row in zip(report.levels, report.confusion, strict=True):
            out(f"{level:<{width}}" + "".join(f"{count:>{width}}" for count in row))


def _without_nan(value: Any) -> Any:
    """JSON has no NaN: an undefined figure (a kappa with one level in use) becomes null."""
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, dict):
        return {key: _without_nan(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_without_nan(item) for item in value]
    return value
