"""The insights benchmark, run small, so that it cannot rot."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_the_insights_benchmark_runs_and_prints_its_figures() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bench.insights", "--small"],
        cwd=ROOT, capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Small: 300 schools, 8 families, 20,000 exchanges" in result.stdout
    assert "betweenness exact" in result.stdout
    assert "rank correlation" in result.stdout
