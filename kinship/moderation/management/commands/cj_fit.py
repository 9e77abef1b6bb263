"""python manage.py cj_fit JUDGEMENTS.csv --output SCALE.csv [--anchors A.csv] [--prior-sd S]

Fits a Bradley–Terry scale to comparative judgements: columns judge, winner, loser (script
codes; optional `seconds` per decision and `left`, the script shown on the left; other
columns are ignored). Writes script, theta, se, infit sorted by theta (lowest first), the mean
of theta 0 unless anchors (script, theta) fix it, and prints SSR and the judges' misfit.
"""

from argparse import ArgumentParser
from typing import Any

import numpy as np
from django.core.management.base import BaseCommand

from kinship.core.command_input import input_failure
from kinship.moderation.judgement import (
    Comparisons,
    FitError,
    fit_bradley_terry,
    judge_misfit,
    scale_separation_reliability,
    script_infit,
    split_half_reliability,
)
from kinship.moderation.judgement.reliability import MISFIT_LIMIT, MISFIT_MIN_DECISIONS
from kinship.moderation.tables import TableError, read_table, write_table

SHOWN_UNBOUNDED = 10


class Command(BaseCommand):
    help = "Fit a comparative-judgement scale (Bradley–Terry) and report its reliability."
    requires_system_checks = []  # pure computation

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("judgements", help='CSV with judge,winner,loser ("-": stdin)')
        parser.add_argument("--output", required=True, help='the scale CSV ("-": stdout)')
        parser.add_argument("--anchors", help="CSV with script,theta: values to hold fixed")
        parser.add_argument(
            "--prior-sd",
            type=float,
            help="a normal prior N(0, S²) on theta, so that scripts "
            "that won or lost every comparison get a finite value",
        )
        parser.add_argument(
            "--split-halves",
            type=int,
            default=0,
            metavar="N",
            help="also report split-half reliability over N random halves of the judges",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: str = options["judgements"]
        try:
            rows = read_table(path, ("judge", "winner", "loser"), ("seconds", "left"))
        except TableError as error:
            raise input_failure(path, str(error)) from None
        for number, row in enumerate(rows, start=2):
            if row["winner"] == row["loser"]:
                raise input_failure(path, f"row {number}: winner and loser are the same script")
        comparisons = Comparisons.from_codes(
            [r["winner"] for r in rows], [r["loser"] for r in rows], [r["judge"] for r in rows]
        )
        anchors = self._anchors(options["anchors"], comparisons) if options["anchors"] else {}
        try:
            fit = fit_bradley_terry(comparisons, anchors=anchors, prior_sd=options["prior_sd"])
        except FitError as error:
            raise input_failure(path, str(error)) from None
        infit = script_infit(fit, comparisons)
        order = np.argsort(np.where(np.isnan(fit.theta), np.inf, fit.theta), kind="stable")
        table = [
            [
                comparisons.scripts[i],
                _number(fit.theta[i], 4),
                _number(fit.se[i], 4),
                _number(infit[i], 3),
            ]
            for i in order
        ]
        try:
            write_table(options["output"], ("script", "theta", "se", "infit"), table)
        except TableError as error:
            raise input_failure(options["output"], str(error)) from None
        self._report(fit, comparisons, rows, options["split_halves"])

    def _anchors(self, path: str, comparisons: Comparisons) -> dict[int, float]:
        try:
            rows = read_table(path, ("script", "theta"))
        except TableError as error:
            raise input_failure(path, str(error)) from None
        index = {code: i for i, code in enumerate(comparisons.scripts)}
        anchors = {}
        for number, row in enumerate(rows, start=2):
            if row["script"] not in index:
                raise input_failure(
                    path, f"row {number}: script {row['script']!r} was never judged"
                )
            try:
                value = float(row["theta"])
            except ValueError:
                raise input_failure(
                    path, f"row {number}: theta {row['theta']!r} is not a number"
                ) from None
            if not np.isfinite(value):
                raise input_failure(path, f"row {number}: theta must be a finite number")
            anchors[index[row["script"]]] = value
        return anchors

    def _report(
        self, fit: Any, comparisons: Comparisons, rows: list[dict[str, str]], halves: int
    ) -> None:
        out = self.stdout
        finite = int(fit.bounded.sum())
        out.write(
            f"Judgements: {len(rows):,}; scripts: {comparisons.n_scripts:,} "
            f"({finite:,} on the scale); judges: {len(comparisons.judges):,}"
        )
        out.write(f"SSR: {scale_separation_reliability(fit):.3f}")
        if halves > 0:
            split = split_half_reliability(comparisons, splits=halves, prior_sd=fit.prior_sd)
            if split is not None:
                out.write(
                    f"Split-half reliability: {split.reliability:.3f} "
                    f"(from {split.lowest:.3f} to {split.highest:.3f} over {split.splits} splits)"
                )
        unbounded = fit.unbounded
        if len(unbounded):
            names = []
            for i in unbounded[:SHOWN_UNBOUNDED]:
                where = {np.inf: "above", -np.inf: "below"}.get(float(fit.theta[i]), "apart")
                names.append(f"{comparisons.scripts[i]} ({where})")
            more = len(unbounded) - SHOWN_UNBOUNDED
            self.stderr.write(
                f"{len(unbounded)} scripts have no finite theta: they won or lost every "
                f"comparison linking them to the rest: {', '.join(names)}"
                f"{f' and {more} more' if more > 0 else ''}. They are written as inf or -inf; "
                "use --prior-sd to place them."
            )
        seconds = _column(rows, "seconds")
        chose_left = None
        if rows and "left" in rows[0]:
            chose_left = np.array([r["left"] == r["winner"] for r in rows])
        judges = judge_misfit(fit, comparisons, seconds=seconds, chose_left=chose_left)
        out.write(
            f"Judge misfit (infit; flagged from {MISFIT_MIN_DECISIONS} decisions at "
            f">= {MISFIT_LIMIT} or the judges' mean + 2 SD):"
        )
        out.write(f"{'judge':<24} {'decisions':>9} {'infit':>7}  {'median s':>8} {'left':>5}  flag")
        for judge in judges:
            median = f"{judge.median_seconds:.1f}" if judge.median_seconds is not None else "–"
            left = f"{judge.left_share:.0%}" if judge.left_share is not None else "–"
            flag = "MISFIT" if judge.flagged else ""
            out.write(
                f"{judge.judge:<24} {judge.decisions:>9} {_number(judge.infit, 3) or '–':>7}  "
                f"{median:>8} {left:>5}  {flag}".rstrip()
            )


def _number(value: float, places: int) -> str:
    if np.isnan(value):
        return ""
    if np.isinf(value):
        return "inf" if value > 0 else "-inf"
    return f"{value:.{places}f}"


def _column(rows: list[dict[str, str]], name: str) -> Any:
    if not rows or name not in rows[0]:
        return None
    try:
        return np.array([float(r[name]) if r[name] else np.nan for r in rows])
    except ValueError:
        return None
