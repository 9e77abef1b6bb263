"""Fair hosting (issue 18): each school's visits given and received are as even as they can be
without placing fewer people, giving fewer their choices, crowding a host more, or (with a
published plan) changing more of it.

Properties on small random families, checked against an exhaustive search of every INSET
choice and assignment that keeps the pins, ranked lexicographically: placed, points, the
busiest host-day, changed INSET days, changed visits, then the imbalance (the sum over
schools of |given - received|).
"""

from dataclasses import replace
from datetime import date
from functools import cache
from itertools import combinations, product
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kinship.visits.rota import (
    PinConflict,
    Plan,
    Problem,
    Published,
    PublishedVisit,
    School,
    SchoolDates,
    Staff,
    check_plan,
    plan_from_json,
    plan_to_json,
    points_for,
    solve,
)
from kinship.visits.tests.test_rota import (
    DAYS,
    FAMILY,
    IDS,
    MON,
    TUE,
    WED,
    brute_force_pinned,
    pinned_problems,
    small_problems,
)
from kinship.visits.tests.test_rota_stability import counted, republished_with_a_pin

THU = date(2027, 2, 11)
# placed, points, -busiest, -changed INSET days, -changed visits, -imbalance
Key = tuple[int, int, int, int, int, int]


def brute_force_fair(problem: Problem) -> Key | None:
    """The best plan keeping every pin by the whole lexicographic objective; None if no plan
    keeps the pins. Without a published plan nothing counts as changed."""
    schools = {school.id: school for school in problem.schools}
    order = [school.id for school in problem.schools]
    pinned_days = {pin.school: set(pin.dates) for pin in problem.pins.inset}
    pinned_visit = {pin.staff: pin for pin in problem.pins.visits}
    published = problem.published
    old_days = {} if published is None else {d.school: set(d.dates) for d in published.inset}
    was = {} if published is None else {v.staff: (v.host, v.date) for v in published.visits}
    best: Key | None = None
    for choice in product(
        *(combinations(school.inset_candidates, school.inset_days) for school in problem.schools)
    ):
        inset = {school.id: set(days) for school, days in zip(problem.schools, choice, strict=True)}
        if any(not days <= inset[school] for school, days in pinned_days.items()):
            continue
        inset_changes = 0
        if published is not None:
            inset_changes = sum(len(old_days.get(s, set()) ^ inset[s]) for s in schools)
        options = []
        for person in problem.staff:
            pin = pinned_visit.get(person.id)
            allowed = set(schools) - {person.school} if problem.allow_unlisted else set()
            allowed |= set(person.preferences)
            mine: list[tuple[str, date, int, int] | None] = [] if pin else [None]
            for host in sorted({pin.host} if pin else allowed):
                rank = person.preferences.index(host) + 1 if host in person.preferences else None
                for day in sorted(inset[person.school]):
                    if pin and pin.date not in (None, day):
                        continue
                    if day not in inset[host] and day not in schools[host].closed:
                        changed = int(published is not None and was.get(person.id) != (host, day))
                        mine.append((host, day, points_for(rank), changed))
            home = order.index(person.school)
            options.append((mine, int(person.id in was), home))
        found = _best_fair_assignment(options, order, schools)
        if found is None:
            continue
        key = (found[0], found[1], found[2], -inset_changes, found[3], found[4])
        best = key if best is None or key > best else best
    return best


def _best_fair_assignment(
    options: Any, order: list[str], schools: Any
) -> tuple[int, int, int, int, int] | None:
    """(placed, points, -busiest, -changed visits, -imbalance) of the best assignment."""

    @cache
    def search(
        index: int, loads: frozenset[Any], sent: tuple[int, ...]
    ) -> tuple[int, int, int, int, int] | None:
        if index == len(options):
            received = [sum(n for (host, _), n in loads if host == school) for school in order]
            imbalance = sum(abs(g - r) for g, r in zip(sent, received, strict=True))
            return (0, 0, -max((n for _, n in loads), default=0), 0, -imbalance)
        mine, had_visit, home = options[index]
        results = []
        for option in mine:
            if option is None:  # no visit: a change only for someone who had one
                rest = search(index + 1, loads, sent)
                if rest is not None:
                    results.append((rest[0], rest[1], rest[2], rest[3] - had_visit, rest[4]))
                continue
            host, day, points, changed = option
            load = dict(loads)
            if load.get((host, day), 0) >= schools[host].host_capacity:
                continue
            load[host, day] = load.get((host, day), 0) + 1
            more = tuple(n + (school == home) for school, n in enumerate(sent))
            rest = search(index + 1, frozenset(load.items()), more)
            if rest is not None:
                results.append((rest[0] + 1, rest[1] + points, rest[2], rest[3] - changed, rest[4]))
        return max(results) if results else None

    return search(0, frozenset(), (0,) * len(order))


@st.composite
def open_problems(draw: st.DrawFn) -> Problem:
    """Families where balance has room to choose: three or four schools, with room, most of
    whose staff listed one school or none and may go anywhere else."""
    count = draw(st.integers(3, 4))
    schools = tuple(
        School(
            IDS[n],
            tuple(draw(st.lists(st.sampled_from(DAYS), min_size=1, max_size=2, unique=True))),
            1,
            draw(st.integers(1, 3)),
        )
        for n in range(count)
    )
    staff = []
    for number in range(draw(st.integers(2, 7))):
        own = draw(st.sampled_from(IDS[:count]))
        others = [school for school in IDS[:count] if school != own]
        listed = draw(st.lists(st.sampled_from(others), max_size=1))
        staff.append(Staff(f"s{number}", own, tuple(listed)))
    return Problem(schools, tuple(staff), time_limit_s=20)


def key_of(plan: Plan) -> Key:
    days, visits = counted(plan)
    return (plan.placed, plan.points, -plan.max_hosted_per_day, -days, -visits, -plan.imbalance)


@settings(max_examples=60, deadline=None)
@given(st.one_of(small_problems(), open_problems()))
def test_balance_is_the_best_among_plans_that_place_and_please_as_well(problem):
    plan = solve(problem)
    assert check_plan(problem, plan) == []
    assert plan.optimal and plan.balance_optimal
    assert key_of(plan) == brute_force_fair(problem)
    assert plan.imbalance == sum(abs(plan.given[s] - plan.received[s]) for s in plan.given)


@settings(max_examples=60, deadline=None)
@given(pinned_problems())
def test_balance_never_costs_a_placement_a_choice_or_a_pin(problem):
    unaware = brute_force_pinned(problem, problem.pins)  # knows nothing of balance
    try:
        plan = solve(problem)
    except PinConflict:
        assert unaware is None
        return
    assert unaware is not None
    assert check_plan(problem, plan) == []
    assert (plan.placed, plan.points, -plan.max_hosted_per_day) == unaware
    assert key_of(plan) == brute_force_fair(problem)


@settings(max_examples=40, deadline=None)
@given(republished_with_a_pin())
def test_with_a_published_plan_and_a_new_pin_stability_wins_over_balance(problem):
    best = brute_force_fair(problem)
    try:
        plan = solve(problem)
    except PinConflict:
        assert best is None
        return
    assert best is not None
    assert check_plan(problem, plan) == []
    assert plan.optimal and plan.balance_optimal
    assert key_of(plan) == best  # the fewest changes first, then the fairest of those


# Worked examples.

ONE_EACH = Problem(  # four schools on four days, one person each who listed nowhere
    tuple(
        School(name, (day,), 1, 1) for name, day in zip("ABCD", (MON, TUE, WED, THU), strict=True)
    ),
    tuple(Staff(name.lower(), name) for name in "ABCD"),
    time_limit_s=10,
)


def test_every_school_that_sends_a_visitor_receives_one_when_it_can():
    # Without balance any host would do: all might go to A, and B, C and D host nobody.
    plan = solve(ONE_EACH)
    assert plan.placed == 4 and plan.balance_optimal
    assert plan.received == {"A": 1, "B": 1, "C": 1, "D": 1}
    assert plan.balance == {"A": 0, "B": 0, "C": 0, "D": 0}
    assert plan.imbalance == 0


def test_balance_never_leaves_a_person_unplaced_or_at_a_lower_choice():
    # Evening up would mean a1 at Cedar (their second choice), or nobody going anywhere.
    problem = replace(
        FAMILY,
        schools=(School("Alder", (MON,), 1, 2), School("Birch", (TUE,), 1, 2), FAMILY.schools[2]),
        staff=(Staff("a1", "Alder", ("Birch", "Cedar")), Staff("c1", "Cedar", ("Alder",))),
    )
    plan = solve(problem)
    assert (plan.placed, plan.points) == (2, 6)
    assert plan.balance == {"Alder": 0, "Birch": -1, "Cedar": 1}
    assert plan.imbalance == 2


def test_a_published_plan_is_kept_though_a_fairer_one_exists():
    published = Published(
        tuple(SchoolDates(school.id, school.inset_candidates) for school in ONE_EACH.schools),
        (
            PublishedVisit("a", "B", MON),
            PublishedVisit("b", "A", TUE),
            PublishedVisit("c", "A", WED),
            PublishedVisit("d", "A", THU),
        ),
    )
    plan = solve(replace(ONE_EACH, published=published))
    assert counted(plan) == (0, 0)
    assert plan.imbalance == 4  # A hosts three and sends one; C and D host nobody
    assert solve(ONE_EACH).imbalance == 0


def test_the_balance_is_written_with_the_plan_and_read_back():
    plan = solve(FAMILY)
    written = plan_to_json(plan)
    assert written["balance"] == {"Alder": 1, "Birch": -1, "Cedar": 0}
    assert written["imbalance"] == 2
    assert written["balance_optimal"] is True
    assert plan_from_json(written) == plan
    del written["balance_optimal"]  # as a plan stored before balancing was
    assert plan_from_json(written).balance_optimal is False
