"""Stable plans (issue 18): against a published plan, a re-solve changes as little as it can,
never at the cost of placing people, their choices or the busiest host-day.

Properties on small random families, checked against an exhaustive search of every INSET
choice and assignment that keeps the pins: the best (placed, points, -busiest), then the
fewest changed INSET days, then the fewest changed visits.
"""

from dataclasses import replace
from datetime import date
from functools import cache
from itertools import combinations, product
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kinship.visits.rota import (
    InsetPin,
    PinConflict,
    Pins,
    Plan,
    Problem,
    Published,
    PublishedVisit,
    RotaError,
    SchoolDates,
    check_plan,
    parse_problem,
    plan_to_json,
    points_for,
    solve,
)
from kinship.visits.tests.test_rota import DAYS, FAMILY, TUE, small_problems

Best = tuple[int, int, int, int, int]  # placed, points, -busiest, -INSET changes, -visit changes


def published_from(plan: Plan) -> Published:
    return Published(
        tuple(SchoolDates(school, days) for school, days in plan.inset.items()),
        tuple(PublishedVisit(visit.staff, visit.host, visit.date) for visit in plan.visits),
    )


def counted(plan: Plan) -> tuple[int, int]:
    """The changed INSET days and changed visits a plan reports."""
    days = sum(len(change.removed) + len(change.added) for change in plan.changes.inset)
    return days, len(plan.changes.visits)


def brute_force_stable(problem: Problem) -> Best | None:
    """The best plan keeping every pin, by the objective then the changes to problem.published;
    None if no plan keeps the pins."""
    assert problem.published is not None
    schools = {school.id: school for school in problem.schools}
    pinned_days = {pin.school: set(pin.dates) for pin in problem.pins.inset}
    old_days = {days.school: set(days.dates) for days in problem.published.inset}
    was = {visit.staff: (visit.host, visit.date) for visit in problem.published.visits}
    best: Best | None = None
    for choice in product(
        *(combinations(school.inset_candidates, school.inset_days) for school in problem.schools)
    ):
        inset = {school.id: set(days) for school, days in zip(problem.schools, choice, strict=True)}
        if any(not days <= inset[school] for school, days in pinned_days.items()):
            continue
        inset_changes = sum(len(old_days.get(s, set()) ^ inset[s]) for s in schools)
        options = []
        for person in problem.staff:
            allowed = set(schools) - {person.school} if problem.allow_unlisted else set()
            allowed |= set(person.preferences)
            mine: list[tuple[str, date, int, int] | None] = [None]
            for host in sorted(allowed):
                rank = person.preferences.index(host) + 1 if host in person.preferences else None
                for day in sorted(inset[person.school]):
                    if day not in inset[host] and day not in schools[host].closed:
                        changed = int(was.get(person.id) != (host, day))
                        mine.append((host, day, points_for(rank), changed))
            options.append((mine, int(person.id in was)))
        placed, points, busiest, visit_changes = _best_assignment(options, schools)
        found = (placed, points, busiest, -inset_changes, visit_changes)
        best = found if best is None or found > best else best
    return best


def _best_assignment(options: Any, schools: Any) -> tuple[int, int, int, int]:
    @cache
    def search(index: int, loads: frozenset[Any]) -> tuple[int, int, int, int]:
        if index == len(options):
            return (0, 0, -max((count for _, count in loads), default=0), 0)
        mine, had_visit = options[index]
        results = []
        for option in mine:
            if option is None:  # no visit: a change only for someone who had one
                rest = search(index + 1, loads)
                results.append((rest[0], rest[1], rest[2], rest[3] - had_visit))
                continue
            host, day, points, changed = option
            load = dict(loads)
            if load.get((host, day), 0) >= schools[host].host_capacity:
                continue
            load[host, day] = load.get((host, day), 0) + 1
            rest = search(index + 1, frozenset(load.items()))
            results.append((rest[0] + 1, rest[1] + points, rest[2], rest[3] - changed))
        return max(results)

    return search(0, frozenset())


@st.composite
def published_plans(draw: st.DrawFn, problem: Problem) -> Published:
    """Any plan at all: days and visits that may break today's rules, as an old plan may."""
    inset = []
    for school in problem.schools:
        if draw(st.booleans()):
            days = draw(st.lists(st.sampled_from(DAYS), max_size=2, unique=True))
            inset.append(SchoolDates(school.id, tuple(days)))
    visits = []
    for person in problem.staff:
        hosts = [school.id for school in problem.schools if school.id != person.school]
        visiting: bool = draw(st.booleans())
        if hosts and visiting:
            host, day = draw(st.sampled_from(hosts)), draw(st.sampled_from(DAYS))
            visits.append(PublishedVisit(person.id, host, day))
    return Published(tuple(inset), tuple(visits))


@st.composite
def republished_with_a_pin(draw: st.DrawFn) -> Problem:
    """A family, its own best plan published, then one school's INSET day pinned."""
    problem = draw(small_problems())
    plan = solve(problem)
    school = draw(st.sampled_from(problem.schools))
    pin = InsetPin(school.id, (draw(st.sampled_from(school.inset_candidates)),))
    return replace(problem, published=published_from(plan), pins=Pins(inset=(pin,)))


@settings(max_examples=40, deadline=None)
@given(small_problems())
def test_re_solving_against_its_own_plan_changes_nothing(problem):
    plan = solve(problem)
    again = solve(replace(problem, published=published_from(plan)))
    assert again.changes.inset == ()
    assert again.changes.visits == ()
    assert again.inset == plan.inset
    assert {(v.staff, v.host, v.date) for v in again.visits} == {
        (v.staff, v.host, v.date) for v in plan.visits
    }


@settings(max_examples=40, deadline=None)
@given(republished_with_a_pin())
def test_a_new_pin_moves_only_what_it_forces(problem):
    best = brute_force_stable(problem)
    try:
        plan = solve(problem)
    except PinConflict:
        assert best is None
        return
    assert best is not None
    assert check_plan(problem, plan) == []
    assert plan.optimal
    assert (plan.placed, plan.points, -plan.max_hosted_per_day) == best[:3]
    assert counted(plan) == (-best[3], -best[4])


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_any_published_plan_costs_nothing_and_the_fewest_changes_are_found(data):
    problem = data.draw(small_problems())
    problem = replace(problem, published=data.draw(published_plans(problem)))
    plan = solve(problem)
    unpublished = solve(replace(problem, published=None))
    score = (plan.placed, plan.points, plan.max_hosted_per_day)
    assert score == (unpublished.placed, unpublished.points, unpublished.max_hosted_per_day)
    assert check_plan(problem, plan) == []
    best = brute_force_stable(problem)
    assert best is not None
    assert (plan.placed, plan.points, -plan.max_hosted_per_day) == best[:3]
    assert counted(plan) == (-best[3], -best[4])


def test_without_a_published_plan_nothing_is_reported_changed():
    plan = solve(FAMILY)
    assert counted(plan) == (0, 0)
    assert plan.reschedulable == ()


def test_the_changes_say_what_moved_from_where_to_where():
    published = Published(
        (SchoolDates("Alder", (TUE,)),),
        (PublishedVisit("a1", "Birch", TUE), PublishedVisit("b1", "Cedar", TUE)),
    )
    plan = solve(replace(FAMILY, published=published))
    written = plan_to_json(plan)["changes"]
    alder = next(change for change in written["inset"] if change["school"] == "Alder")
    assert alder == {"school": "Alder", "from": ["2027-02-09"], "to": ["2027-02-08"]}
    by_staff = {change["staff"]: change for change in written["visits"]}
    assert by_staff["b1"]["change"] == "moved"  # Cedar is Wednesday's only INSET school
    assert by_staff["b1"]["from"] == {"host": "Cedar", "date": "2027-02-09"}
    assert by_staff["c1"] == {
        "staff": "c1",
        "change": "new",
        "from": None,
        "to": {"host": "Birch", "date": "2027-02-10"},
    }


def test_published_and_reschedulable_are_read_and_checked():
    data: dict[str, Any] = {
        "schools": [{"id": "A", "inset_candidates": ["2027-02-08"], "inset_days": 1,
                     "host_capacity": 1},
                    {"id": "B", "inset_candidates": ["2027-02-09"], "inset_days": 1,
                     "host_capacity": 1}],
        "staff": [{"id": "a", "school": "A"}],
        "published": {"inset": {"A": ["2027-02-08"]},
                      "visits": [{"staff": "a", "host": "B", "date": "2027-02-08", "rank": None}],
                      "placed": 1},
        "reschedulable": {"A": ["2027-02-08"]},
    }  # fmt: skip
    problem = parse_problem(data)
    assert problem.published == Published(
        (SchoolDates("A", (date(2027, 2, 8),)),),
        (PublishedVisit("a", "B", date(2027, 2, 8)),),
    )
    assert problem.reschedulable == (SchoolDates("A", (date(2027, 2, 8),)),)
    assert plan_to_json(solve(problem))["reschedulable"] == {"A": ["2027-02-08"]}
    bad: list[tuple[dict[str, Any], str]] = [
        ({"reschedulable": {"A": ["2027-02-09"]}}, "reschedulable.A: 2027-02-09 is not one of"),
        ({"reschedulable": {"Z": []}}, "reschedulable.Z: unknown school 'Z'"),
        ({"published": {"inset": {}, "visits": [{"staff": "a", "host": "Q",
                                                 "date": "2027-02-08"}]}},
         "published.visits[0].host: unknown school 'Q'"),
        ({"published": {"inset": {}}}, "published.visits: required but missing"),
    ]  # fmt: skip
    for change, message in bad:
        try:
            parse_problem({**data, **change})
        except RotaError as error:
            assert str(error).startswith(message), str(error)
        else:
            raise AssertionError(f"{change} was accepted")
