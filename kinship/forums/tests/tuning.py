"""The tuning corpus (tests/corpus/tuning.csv): messages the filter's authors read while
writing its lexicons. The held-out set is read only by test_heldout_evaluation.py."""

import csv
from pathlib import Path

TUNING_CSV = Path(__file__).parent / "corpus" / "tuning.csv"


def tuning_rows() -> list[tuple[str, str]]:
    """(message, category) for every row; category is a concerns code or 'none'."""
    with TUNING_CSV.open(encoding="utf-8", newline="") as handle:
        return [(row["message"], row["category"]) for row in csv.DictReader(handle)]


def concerning() -> list[str]:
    return [message for message, category in tuning_rows() if category != "none"]


def ordinary() -> list[str]:
    return [message for message, category in tuning_rows() if category == "none"]
