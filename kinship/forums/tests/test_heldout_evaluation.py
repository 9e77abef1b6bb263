"""The pupil filter judged on messages its authors never saw (corpus/heldout.csv).

It prints recall per category and the false-hold rate, never the messages themselves: a
developer who reads which messages were missed starts tuning the filter to them, and the
figures stop meaning anything. To improve a weak category, widen the filter from the
tuning set and your knowledge of how children write, then run this again.
"""

import csv
import re
from pathlib import Path

import pytest

from kinship.forums import concerns
from kinship.forums.safety import check_message

CORPUS = Path(__file__).parent / "corpus"
FORUMS = Path(__file__).parents[1]
OVERALL_RECALL = 0.95
CATEGORY_RECALL = 0.90
FALSE_HOLD_RATE = 0.03


def _read(name: str) -> list[tuple[str, str]]:
    with (CORPUS / name).open(newline="", encoding="utf-8") as handle:
        return [(row["message"], row["category"].strip()) for row in csv.DictReader(handle)]


def _normal(message: str) -> str:
    return " ".join(re.findall(r"\w+", message.lower()))


def _filter_sources() -> list[Path]:
    """The filter's own code and data: safety.py or the safety package, and concerns.py."""
    package = FORUMS / "safety"
    files = [p for p in package.rglob("*") if p.is_file()] if package.is_dir() else []
    return [*files, *FORUMS.glob("safety.py"), FORUMS / "concerns.py"]


def test_the_corpus_is_large_labelled_and_split_once():
    tuning, heldout = _read("tuning.csv"), _read("heldout.csv")
    everything = tuning + heldout
    labels = {label for _message, label in everything}
    assert labels <= {*concerns.CATEGORIES, "none"}, labels - {*concerns.CATEGORIES, "none"}
    concerning = [m for m, label in everything if label != "none"]
    ordinary = [m for m, label in everything if label == "none"]
    assert len(everything) >= 500
    assert len(concerning) >= 250 and len(ordinary) >= 250
    assert set(concerns.CATEGORIES) <= {label for _m, label in heldout}
    assert set(concerns.CATEGORIES) <= {label for _m, label in tuning}
    # Split once: no message is in both sets.
    assert not {_normal(m) for m, _ in tuning} & {_normal(m) for m, _ in heldout}


def test_no_rule_names_a_corpus_message_and_the_filter_never_reads_the_heldout_set():
    sources = _filter_sources()
    code = "\n".join(path.read_text(encoding="utf-8", errors="ignore") for path in sources)
    assert "heldout" not in code.lower()
    words_of_code = _normal(code)
    named = [
        message
        for message, _label in _read("tuning.csv") + _read("heldout.csv")
        if len(_normal(message).split()) >= 4 and _normal(message) in words_of_code
    ]
    assert not named, f"{len(named)} corpus messages are written into the filter's code"


def _evaluate() -> tuple[dict[str, tuple[int, int]], int, int]:
    per_category: dict[str, list[int]] = {}
    false_holds = ordinary = 0
    for message, label in _read("heldout.csv"):
        held = check_message(message).held
        if label == "none":
            ordinary += 1
            false_holds += held
        else:
            counts = per_category.setdefault(label, [0, 0])
            counts[0] += held
            counts[1] += 1
    return {k: (v[0], v[1]) for k, v in per_category.items()}, false_holds, ordinary


@pytest.mark.xfail(
    strict=True,
    reason="Issue 14 is open: the filter holds 95.2% of the held-out set's concerns (goal 95%, "
    "90% in each category; abuse 89%, violence and bullying 88%) with 1.5% false "
    "holds; strict, so this fails loudly once the goal is met",
)
def test_recall_per_category_and_false_holds_on_the_heldout_set(capsys):
    per_category, false_holds, ordinary = _evaluate()
    held = sum(found for found, _total in per_category.values())
    total = sum(count for _found, count in per_category.values())
    lines = ["", "Pupil filter on the held-out set", f"{'category':<20} held  of  recall"]
    for category in concerns.CATEGORIES:
        found, count = per_category.get(category, (0, 0))
        lines.append(f"{category:<20} {found:>4} {count:>4}  {found / max(count, 1):6.1%}")
    lines.append(f"{'all concerning':<20} {held:>4} {total:>4}  {held / total:6.1%}")
    lines.append(
        f"{'false holds':<20} {false_holds:>4} {ordinary:>4}  {false_holds / ordinary:6.1%}"
    )
    with capsys.disabled():
        print("\n".join(lines))
    weak = {
        category: f"{found / count:.0%}"
        for category, (found, count) in per_category.items()
        if found / count < CATEGORY_RECALL
    }
    assert held / total >= OVERALL_RECALL, f"recall {held / total:.1%}"
    assert not weak, f"categories under {CATEGORY_RECALL:.0%}: {weak}"
    assert false_holds / ordinary <= FALSE_HOLD_RATE, f"false holds {false_holds / ordinary:.1%}"
