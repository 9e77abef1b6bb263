"""Every schedule obeys every rule (Hypothesis explores rounds of all shapes), and rounds that
cannot be scheduled are refused with the reason."""

from collections import Counter
from collections.abc import Sequence

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinship.moderation.judgement import Judge, Pair, ScheduleError, Script, schedule_pairs
from kinship.moderation.judgement.fit import components


def check_rules(
    scripts: list[Script],
    judges: list[Judge],
    pairs: list[Pair],
    target: int,
    existing: Sequence[Pair] = (),
) -> None:
    school = {s.code: s.school for s in scripts}
    judge_schools = {j.judge: j.schools for j in judges}
    exposure: Counter[str] = Counter()
    left: Counter[str] = Counter()
    new: Counter[str] = Counter()
    for pair in [*existing, *pairs]:
        exposure[pair.left] += 1
        exposure[pair.right] += 1
    for pair in pairs:
        # Never a school the judge works at.
        assert judge_schools[pair.judge].isdisjoint((school[pair.left], school[pair.right]))
        assert pair.left != pair.right
        left[pair.left] += 1
        new[pair.left] += 1
        new[pair.right] += 1
    # Exposure within ±1 of the target, for every script.
    assert all(abs(exposure[s.code] - target) <= 1 for s in scripts), exposure
    # No repeated pair for a judge.
    seen = Counter((p.judge, *sorted((p.left, p.right))) for p in [*existing, *pairs])
    assert max(seen.values()) == 1
    # Left and right balanced for each script: randomised sides, half on each (±1).
    assert all(abs(2 * left[code] - count) <= 1 for code, count in new.items())
    # One connected comparison graph across the schools.
    index = {s.code: i for i, s in enumerate(scripts)}
    a = np.array([index[p.left] for p in [*existing, *pairs]])
    b = np.array([index[p.right] for p in [*existing, *pairs]])
    assert components(len(scripts), a, b)[0] == 1


@st.composite
def rounds(draw):
    schools = [f"School {i}" for i in range(draw(st.integers(3, 6)))]
    scripts = [
        Script(f"S{i:03d}", draw(st.sampled_from(schools))) for i in range(draw(st.integers(3, 40)))
    ]
    judges = [Judge(f"J{i}", school) for i, school in enumerate(schools)]  # one per school
    judges += [
        Judge(f"K{i}", draw(st.sampled_from([*schools, None])))
        for i in range(draw(st.integers(0, 8)))
    ]
    # Some work at a second school too (an executive head, a shared SENCo).
    judges += [
        Judge(f"E{i}", schools[i % len(schools)], frozenset({schools[(i + 1) % len(schools)]}))
        for i in range(draw(st.integers(0, 3)))
    ]
    per_script = draw(st.integers(2, min(8, len(scripts) - 1)))
    return scripts, judges, per_script, draw(st.integers(0, 2**32 - 1))


@settings(max_examples=80, deadline=None)
@given(rounds())
def test_every_schedule_obeys_every_rule(round_) -> None:
    scripts, judges, per_script, seed = round_
    pairs = schedule_pairs(scripts, judges, per_script, seed=seed)
    check_rules(scripts, judges, pairs, per_script)


@settings(max_examples=25, deadline=None)
@given(rounds())
def test_more_comparisons_later_still_obey_every_rule(round_) -> None:
    scripts, judges, per_script, seed = round_
    # Enough scripts that two more comparisons each can always be found partners and judges.
    scripts = [*scripts, *(Script(f"T{i}", s.school) for i, s in enumerate(scripts[:10]))]
    scripts += [Script(f"U{i}", f"School {i % 3}") for i in range(10)]
    per_script = min(per_script, 4)
    first = schedule_pairs(scripts, judges, per_script, seed=seed)
    more = schedule_pairs(scripts, judges, per_script + 2, seed=seed + 1, existing=first)
    check_rules(scripts, judges, more, per_script + 2, existing=first)


def test_sides_and_pairs_change_with_the_seed() -> None:
    scripts = [Script(f"S{i}", f"School {i % 3}") for i in range(30)]
    judges = [Judge(f"J{i}", f"School {i % 3}") for i in range(6)]
    one = schedule_pairs(scripts, judges, 6, seed=1)
    two = schedule_pairs(scripts, judges, 6, seed=2)
    assert one != two
    assert schedule_pairs(scripts, judges, 6, seed=1) == one


def test_judges_from_two_schools_alone_cannot_link_them() -> None:
    scripts = [Script(f"S{i}", "Ashworth" if i < 4 else "Brookfield") for i in range(8)]
    judges = [Judge("amy", "Ashworth"), Judge("ben", "Brookfield")]
    with pytest.raises(ScheduleError, match="no judge may compare Ashworth with Brookfield"):
        schedule_pairs(scripts, judges, 4, seed=0)


def test_a_judge_at_two_schools_sees_neither() -> None:
    scripts = [Script(f"S{i}", "ABC"[i % 3]) for i in range(12)]
    judges = [Judge("exec", "A", frozenset({"B"})), Judge("cat", "C"), Judge("adv", None)]
    pairs = schedule_pairs(scripts, judges, 3, seed=4)
    school = {s.code: s.school for s in scripts}
    shown = {school[code] for p in pairs if p.judge == "exec" for code in (p.left, p.right)}
    assert shown <= {"C"}
    check_rules(scripts, judges, pairs, 3)
    # Scripts of A and B only, and judges only from them: nobody may compare A with B.
    a_and_b = [s for s in scripts if s.school != "C"]
    judges = [Judge("exec", "A", frozenset({"B"})), Judge("amy", "A"), Judge("bob", "B")]
    with pytest.raises(ScheduleError, match="no judge may compare A with B"):
        schedule_pairs(a_and_b, judges, 3)


def test_judges_all_from_one_school_see_nothing_of_it() -> None:
    scripts = [Script("S1", "Ashworth"), Script("S2", "Ashworth"), Script("S3", "Brookfield")]
    with pytest.raises(ScheduleError, match="every judge works at Ashworth"):
        schedule_pairs(scripts, [Judge("amy", "Ashworth")], 2, seed=0)


def test_too_many_comparisons_for_the_judges_is_refused() -> None:
    scripts = [Script("S1", "A"), Script("S2", "B")]  # one possible pair
    judges = [Judge("cat", "C"), Judge("dan", "D")]
    with pytest.raises(ScheduleError, match="more often than there are judges"):
        schedule_pairs(scripts, judges, 3, seed=0)


def test_one_comparison_per_script_cannot_link_a_round() -> None:
    with pytest.raises(ScheduleError, match="at least 2 comparisons"):
        schedule_pairs([Script(f"S{i}", "A") for i in range(5)], [Judge("x", None)], 1)
