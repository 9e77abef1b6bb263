"""The pupil-name heuristic, the sample-size suggestion and boundary-focused scheduling."""

from collections import Counter

import numpy as np
import pytest

from kinship.moderation.judgement import Boundary, Judge, Script, schedule_boundary_pairs
from kinship.moderation.names import name_in_file_name, name_in_text
from kinship.moderation.sampling import suggested_sample


@pytest.mark.parametrize(
    ("filename", "found"),
    [
        ("Jack Smith.pdf", "Jack Smith"),
        ("jack_smith_y6.jpg", "jack"),
        ("OliviaBrown-story.png", "Olivia Brown"),
        ("scan-of-amelia.heic", "amelia"),
    ],
)
def test_file_names_that_look_like_names_are_caught(filename: str, found: str) -> None:
    warning = name_in_file_name(filename)
    assert warning is not None and warning.found == found and warning.where == "file name"


@pytest.mark.parametrize("filename", ["IMG_2041.JPG", "Year Six Big Write.pdf", "scan 3.png",
                                      "page-1.png", "Greater Depth sample.pdf"])  # fmt: skip
def test_ordinary_file_names_pass(filename: str) -> None:
    assert name_in_file_name(filename) is None


def test_names_where_pupils_write_them_are_caught_but_characters_in_a_story_are_not() -> None:
    assert name_in_text("Name: Ruby Evans\nThe storm came.").found == "Ruby Evans"  # type: ignore[union-attr]
    assert name_in_text("By Noah\n\nThe storm came over the hill.") is not None
    assert name_in_text("The storm came.\n\nHello, my name is Freya and I").found == "Freya"  # type: ignore[union-attr]
    story = (
        "The storm came over the hill.\nJack ran to the boat, shouting to his sister, "
        "who was already soaked and laughing at the waves crashing on the rocks below."
    )
    assert name_in_text(story) is None


def test_the_sample_is_at_least_five_or_fifteen_percent_with_borderline_scripts() -> None:
    assert suggested_sample(None).total == 5
    assert suggested_sample(20).total == 5
    assert suggested_sample(60).total == 9 and suggested_sample(60).near_boundaries == 4
    widened = suggested_sample(60, extra=3)
    assert widened.total == 12 and widened.near_boundaries == 7 and widened.extra == 3


def test_boundary_focus_spends_comparisons_on_uncertain_scripts_within_the_rules() -> None:
    scripts = [Script(f"S{i:02d}", f"School {i % 3}") for i in range(30)]
    judges = [Judge(f"J{j}", f"School {j % 3}") for j in range(6)]
    theta = {s.code: float(t) for s, t in zip(scripts, np.linspace(-3, 3, 30), strict=True)}
    se = dict.fromkeys(theta, 0.4)
    boundaries = [Boundary(0, -1.0, 0.1, 3.0, 30), Boundary(1, 1.2, 0.1, 3.0, 30)]
    pairs = schedule_boundary_pairs(scripts, judges, theta, se, boundaries, per_script=3, seed=1)
    school = {s.code: s.school for s in scripts}
    home = {j.judge: j.school for j in judges}
    assert pairs and all(home[p.judge] not in (school[p.left], school[p.right]) for p in pairs)
    assert max(Counter((p.judge, *sorted((p.left, p.right))) for p in pairs).values()) == 1
    involved = Counter(code for p in pairs for code in (p.left, p.right))
    near = [c for c, t in theta.items() if min(abs(t + 1.0), abs(t - 1.2)) < 0.5]
    far = [c for c, t in theta.items() if min(abs(t + 1.0), abs(t - 1.2)) > 1.5]
    assert sum(involved[c] for c in near) > 3 * sum(involved[c] for c in far)
