"""The pure matcher: rules never broken, optimal against brute force, reasons match scores."""

import itertools
import math
import re
from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinship.mentoring import matching
from kinship.mentoring.matching import (
    Coach,
    MatchingError,
    Mentee,
    Objective,
    Problem,
    SchoolContext,
)

TAGS = ["SEND", "Budget", "Curriculum", "Attendance", "Phonics", "Ofsted"]
WORDS = ["reading", "community", "inclusion", "maths", "outdoor", "wellbeing", "writing"]
SCHOOLS = {
    1: SchoolContext(1, "Primary", 312, 18.6, "Urban city and town", "", 54.04, -2.80),
    2: SchoolContext(2, "Primary", 205, 27.3, "Urban city and town", "Bay Trust", 54.07, -2.86),
    3: SchoolContext(3, "Primary", 188, 12.1, "Rural town and fringe", "Bay Trust", 54.13, -2.77),
    4: SchoolContext(4, "Secondary", 900, 30.0, "Rural village", "", 53.99, -2.75),
    5: SchoolContext(5, "Primary", 96, 6.4, "Rural village", "", None, None),
}


@st.composite
def problems(draw, *, max_mentees: int = 5, max_coaches: int = 3, scored: bool | None = None):
    n = draw(st.integers(1, max_mentees))
    m = draw(st.integers(1, max_coaches))
    text = st.lists(st.sampled_from(WORDS), max_size=4).map(" ".join)
    tags = st.lists(st.sampled_from(TAGS), max_size=3, unique=True).map(tuple)
    school = st.sampled_from(sorted(SCHOOLS))
    mentees = tuple(
        Mentee(f"m{i}", draw(school), draw(text), draw(tags), draw(st.booleans())) for i in range(n)
    )
    coaches = tuple(
        Coach(f"c{j}", draw(school), draw(text), draw(tags), draw(st.integers(0, 3)))
        for j in range(m)
    )
    pairs = [(x.id, y.id) for x in mentees for y in coaches]
    exclusions = draw(st.sets(st.sampled_from(pairs), max_size=len(pairs) // 2))
    line_managers = draw(st.sets(st.sampled_from(pairs), max_size=2))
    use_scores = draw(st.booleans()) if scored is None else scored
    scores = None
    if use_scores:
        kept = draw(st.sets(st.sampled_from(pairs), min_size=1))
        scores = {
            pair: draw(st.floats(-1, 5, allow_nan=False).map(lambda v: round(v, 3)))
            for pair in kept
        }
    return Problem(
        mentees=mentees,
        coaches=coaches,
        schools=SCHOOLS,
        exclusions=frozenset(exclusions),
        line_managers=frozenset(line_managers),
        avoid_line_managers=draw(st.booleans()),
        avoid_same_trust=draw(st.booleans()),
        scores=scores,
        objective=Objective.TOTAL_SCORE if scores is not None else draw(st.sampled_from(Objective)),
    )


def breaks_a_rule(problem: Problem, mentee: Mentee, coach: Coach) -> bool:
    """The rules restated plainly, apart from the code under test."""
    if mentee.school == coach.school:
        return True
    trust = SCHOOLS[mentee.school].trust
    if problem.avoid_same_trust and trust and trust == SCHOOLS[coach.school].trust:
        return True
    if problem.avoid_line_managers and (mentee.id, coach.id) in problem.line_managers:
        return True
    if (mentee.id, coach.id) in problem.exclusions:
        return True
    return problem.scores is not None and (mentee.id, coach.id) not in problem.scores


def solve_or_none(problem: Problem):
    try:
        return matching.solve(problem)
    except MatchingError as error:
        assert "infeasible" in str(error)
        assert all(breaks_a_rule(problem, m, c) for m in problem.mentees for c in problem.coaches)
        return None


@settings(max_examples=150, deadline=None)
@given(problems())
def test_the_rules_are_never_broken(problem):
    result = solve_or_none(problem)
    if result is None:
        return
    mentees = {m.id: m for m in problem.mentees}
    coaches = {c.id: c for c in problem.coaches}
    for pair in result.pairs:
        assert not breaks_a_rule(problem, mentees[pair.mentee], coaches[pair.coach])
    load = Counter(pair.coach for pair in result.pairs)
    assert all(load[c.id] <= c.capacity for c in problem.coaches)
    matched = [pair.mentee for pair in result.pairs]
    assert len(matched) == len(set(matched))
    assert set(matched) | set(result.unmatched) == set(mentees)
    assert not set(matched) & set(result.unmatched)


def brute_force(problem: Problem) -> tuple[int, float]:
    """The best (heads matched, total score) by trying every assignment."""
    table = matching.score_table(problem)
    options = [None, *range(len(problem.coaches))]
    best_count, best_total = 0, 0.0
    best_any = -math.inf
    for choice in itertools.product(options, repeat=len(problem.mentees)):
        load = Counter(c for c in choice if c is not None)
        if any(load[j] > problem.coaches[j].capacity for j in load):
            continue
        if any(c is not None and not table.allowed[i, c] for i, c in enumerate(choice)):
            continue
        count = sum(c is not None for c in choice)
        total = sum(float(table.score[i, c]) for i, c in enumerate(choice) if c is not None)
        if problem.objective == Objective.TOTAL_SCORE:
            if total > best_any + 1e-9:
                best_any, best_count, best_total = total, count, total
        elif (count, total) > (best_count, best_total + 1e-9):
            best_count, best_total = count, total
    return best_count, best_total


@settings(max_examples=150, deadline=None)
@given(problems(max_mentees=5, max_coaches=3))
def test_the_solve_is_as_good_as_trying_every_assignment(problem):
    result = solve_or_none(problem)
    if result is None:
        return
    count, total = brute_force(problem)
    assert result.total == pytest.approx(total, abs=1e-6)
    if problem.objective == Objective.MOST_MATCHED:
        assert len(result.pairs) == count


@settings(max_examples=100, deadline=None)
@given(problems(scored=False))
def test_the_reasons_match_the_scores(problem):
    result = solve_or_none(problem)
    if result is None:
        return
    table = matching.score_table(problem)
    rows = {m.id: i for i, m in enumerate(problem.mentees)}
    columns = {c.id: j for j, c in enumerate(problem.coaches)}
    mentees = {m.id: m for m in problem.mentees}
    coaches = {c.id: c for c in problem.coaches}
    for pair in result.pairs:
        assert sum(points for _, points in pair.parts) == pytest.approx(pair.score, abs=1e-9)
        assert pair.score == pytest.approx(table.score[rows[pair.mentee], columns[pair.coach]])
        shown = [float(x) for r in pair.reasons for x in re.findall(r"\(\+([0-9.]+)\)$", r)]
        # Every part worth showing is shown, each rounded as written, largest first.
        worth = sorted((p for _, p in pair.parts if p >= 0.005), reverse=True)
        assert shown == [round(p, 2) for p in worth]
        assert sum(shown) == pytest.approx(pair.score, abs=0.005 * len(pair.parts) + 0.005)
        parts = dict(pair.parts)
        mentee, coach = mentees[pair.mentee], coaches[pair.coach]
        shared = [t for t in mentee.tags if t.casefold() in {c.casefold() for c in coach.tags}]
        needs_reason = [r for r in pair.reasons if r.startswith("shared priorities")]
        if parts["needs"] >= 0.005:
            assert needs_reason == [
                f"shared priorities: {', '.join(shared)} (+{parts['needs']:.2f})"
            ]
            assert parts["needs"] == pytest.approx(0.35 * len(shared) / len(mentee.tags))
        else:
            assert needs_reason == [] and not shared
        distance = table.distance_km[rows[pair.mentee], columns[pair.coach]]
        km = [r for r in pair.reasons if r.endswith(")") and " km apart " in r]
        if not np.isnan(distance) and parts["distance"] >= 0.005:
            assert km and km[0].startswith(f"{distance:.0f} km apart")


def test_a_small_programme_is_explained_in_words():
    problem = Problem(
        mentees=(Mentee("priya", 1, "Reading at the heart of our community", ("SEND", "Budget")),),
        coaches=(
            Coach("david", 2, "A community school where reading comes first", ("SEND",), 1),
            Coach("mark", 5, "Mixed-age classes", ("Mixed-age classes",), 1),
        ),
        schools=SCHOOLS,
    )
    result = matching.solve(problem)
    [pair] = result.pairs
    assert pair.coach == "david"
    assert pair.reasons[0] == "shared priorities: SEND (+0.17)"
    assert any(r.startswith("visions alike: community, reading") for r in pair.reasons)
    assert any(re.fullmatch(r"5 km apart \(\+0\.1[0-9]\)", r) for r in pair.reasons)
    assert any(r.startswith("similar schools: both primary, both urban") for r in pair.reasons)


def test_it_matches_everyone_it_can_before_raising_the_total():
    # The best total leaves b without a coach; every head matched is worth more.
    problem = Problem(
        mentees=(Mentee("a", 1), Mentee("b", 2)),
        coaches=(Coach("x", 3, capacity=1), Coach("y", 4, capacity=1)),
        scores={("a", "x"): 1.0, ("a", "y"): 0.0, ("b", "x"): 0.9},
    )
    by_total = matching.solve(
        problem.__class__(**{**problem.__dict__, "objective": Objective.TOTAL_SCORE})
    )
    assert {(p.mentee, p.coach) for p in by_total.pairs} == {("a", "x")}
    everyone = matching.solve(problem)
    assert {(p.mentee, p.coach) for p in everyone.pairs} == {("a", "y"), ("b", "x")}


def test_fixed_pairs_stay_and_use_up_places():
    problem = Problem(
        mentees=(Mentee("a", 1, tags=("SEND",)), Mentee("b", 2, tags=("SEND",))),
        coaches=(Coach("x", 3, tags=("SEND",), capacity=1), Coach("y", 4, capacity=1)),
        fixed=(("b", "x"),),
    )
    result = matching.solve(problem)
    assert {(p.mentee, p.coach) for p in result.pairs} == {("a", "y"), ("b", "x")}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"fixed": (("a", "x"),), "exclusions": frozenset({("a", "x")})}, "breaks a rule"),
        ({"fixed": (("a", "x"), ("b", "x"))}, "has 2 agreed pairs but room for 1"),
        ({"exclusions": frozenset({("a", "nobody")})}, "unknown coach 'nobody'"),
        ({"mentees": (Mentee("a", 1), Mentee("a", 2))}, "mentee id 'a' is used twice"),
    ],
)
def test_bad_problems_say_what_is_wrong(change, message):
    base = {"mentees": (Mentee("a", 1), Mentee("b", 2)), "coaches": (Coach("x", 3),)}
    with pytest.raises(MatchingError, match=re.escape(message)):
        matching.solve(Problem(**{**base, **change}))


def test_the_next_best_coach_is_the_best_with_a_place_left():
    problem = Problem(
        mentees=(Mentee("a", 1, "reading", ("SEND",)),),
        coaches=(
            Coach("x", 2, "reading", ("SEND",), 1),
            Coach("y", 3, "reading", (), 1),
            Coach("z", 4, "", (), 1),
        ),
        exclusions=frozenset({("a", "x")}),
        schools=SCHOOLS,
    )
    ranked = matching.ranked_coaches(problem, "a", {"y": 0})
    assert [p.coach for p in ranked][:2] == ["y", "z"]
    assert [p.coach for p in matching.ranked_coaches(problem, "a", {"y": 1})] == ["z"]


def test_a_sentence_model_replaces_tfidf_when_given():
    def embed(texts):  # a stand-in for a model: vectors from word lengths
        return np.array([[len(t), t.count("a") + 1.0] for t in texts])

    left, right = ["a cat", ""], ["a hat", "banana"]
    similarity = matching.embedding_similarity(embed, left, right)
    assert similarity.shape == (2, 2)
    assert similarity[0, 0] == pytest.approx(1.0)
    assert similarity[1].tolist() == [0.0, 0.0]  # an empty statement is like nothing


def test_tfidf_finds_shared_meaningful_words():
    similarity = matching.tfidf_similarity(
        ["Our school puts reading first", "Maths mastery"],
        ["Reading first, always", "maths and mastery", ""],
    )
    assert similarity[0, 0] > 0.5 and similarity[0, 1] == 0.0
    assert similarity[1, 1] > 0.9 and similarity[:, 2].tolist() == [0.0, 0.0]


def test_no_sentence_model_is_loaded_without_a_folder(tmp_path):
    assert matching.load_sentence_embedder("") is None
    assert matching.load_sentence_embedder(str(tmp_path / "missing")) is None
