"""The pages benchmark, run small, so that it cannot rot."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_the_pages_benchmark_runs_and_prints_its_figures() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bench.pages", "--small"],
        cwd=ROOT, capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    for person in ("coordinator", "teacher"):
        assert f"{person} (" in result.stdout
    assert "forum thread (61 posts)" in result.stdout
    assert result.stdout.count("goal <= 10x") == 2
    assert result.stdout.count("goal <= 6x") == 8
