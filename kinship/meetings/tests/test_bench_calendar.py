"""The calendar benchmark, run small, so that it cannot rot."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_the_calendar_benchmark_runs_and_prints_its_figures() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bench.calendar", "--schools", "5", "--occurrences", "60",
         "--repeat", "2"],
        cwd=ROOT, capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "family calendar page" in result.stdout
    assert "feed of" in result.stdout
