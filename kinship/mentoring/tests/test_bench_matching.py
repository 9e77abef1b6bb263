"""The matching benchmark, run small, so that it cannot rot."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_the_matching_benchmark_runs_and_prints_its_figures() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bench.matching", "--small"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "60 heads, 150 coach places" in result.stdout
    assert "matched 60, unmatched 0" in result.stdout
    assert "target < 5 s: meets" in result.stdout
    assert "target <= 1 GB: meets" in result.stdout
