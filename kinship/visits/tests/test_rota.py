"""Staggered INSET days and visits: worked examples, then properties against brute force."""

import copy
import json
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta
from functools import cache
from itertools import combinations, product
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinship.visits.rota import (
    InsetPin,
    PinConflict,
    Pins,
    Problem,
    RotaError,
    School,
    SolveProgress,
    Staff,
    Visit,
    VisitPin,
    check_plan,
    parse_problem,
    plan_from_json,
    plan_to_json,
    points_for,
    show_date,
    solve,
)

MON, TUE, WED = date(2027, 2, 8), date(2027, 2, 9), date(2027, 2, 10)
# Cedar must take Wednesday. Birch's staff and Cedar's want Alder and Birch; both of Alder's
# want Birch, which takes one visitor a day. The best plan: Alder Monday, Birch Tuesday.
ALDER = School("Alder", (MON, TUE), 1, 2)
BIRCH = School("Birch", (TUE, WED), 1, 1)
CEDAR = School("Cedar", (WED,), 1, 2)
STAFF = (
    Staff("a1", "Alder", ("Birch", "Cedar")),
    Staff("a2", "Alder", ("Birch",)),
    Staff("b1", "Birch", ("Alder",)),
    Staff("c1", "Cedar", ("Birch", "Alder")),
)
FAMILY = Problem((ALDER, BIRCH, CEDAR), STAFF, time_limit_s=10)


def family(**changes):
    return replace(FAMILY, **changes)


def visit_of(plan, staff):
    return next((visit for visit in plan.visits if visit.staff == staff), None)


def test_the_tiny_family_gets_its_known_best_plan():
    plan = solve(FAMILY)
    assert check_plan(FAMILY, plan) == []
    assert plan.inset == {"Alder": (MON,), "Birch": (TUE,), "Cedar": (WED,)}
    assert set(plan.visits) == {
        Visit("a1", "Cedar", MON, 2),
        Visit("a2", "Birch", MON, 1),
        Visit("b1", "Alder", TUE, 1),
        Visit("c1", "Birch", WED, 1),
    }
    assert (plan.placed, plan.points, plan.max_hosted_per_day) == (4, 11, 1)
    assert plan.optimal and plan.gap == 0.0
    assert plan.unplaced == ()
    assert plan.explanations == (
        "Birch is full on Mon 8 Feb 2027: 1 person placed at their second choice",
    )
    assert plan.given == {"Alder": 2, "Birch": 1, "Cedar": 1}
    assert plan.received == {"Alder": 1, "Birch": 2, "Cedar": 1}


def test_unlisted_schools_take_those_who_listed_none_only_when_allowed():
    staff = (*STAFF, Staff("a3", "Alder"))
    allowed = solve(family(staff=staff))
    assert visit_of(allowed, "a3") == Visit("a3", "Cedar", MON, None)
    assert (allowed.placed, allowed.points, allowed.max_hosted_per_day) == (5, 11, 2)

    barred = solve(family(staff=staff, allow_unlisted=False))
    assert check_plan(family(staff=staff, allow_unlisted=False), barred) == []
    assert barred.unplaced == ("a3",)
    assert (barred.placed, barred.points) == (4, 11)
    assert (
        "Alder's staff listed no school and unlisted visits are off: 1 person not placed"
        in barred.explanations
    )


def test_a_host_never_takes_more_than_its_capacity():
    staff = tuple(Staff(f"a{n}", "Alder", ("Cedar",)) for n in range(5))
    problem = family(staff=staff, allow_unlisted=False)
    plan = solve(problem)
    assert check_plan(problem, plan) == []
    assert Counter(visit.host for visit in plan.visits) == {"Cedar": 2}
    assert len(plan.unplaced) == 3
    day = show_date(plan.inset["Alder"][0])
    assert plan.explanations == (f"Cedar is full on {day}: 3 people not placed",)


def test_a_school_with_no_room_takes_nobody():
    problem = family(schools=(ALDER, School("Birch", (TUE, WED), 1, 0), CEDAR))
    plan = solve(problem)
    assert check_plan(problem, plan) == []
    assert all(visit.host != "Birch" for visit in plan.visits)
    assert "Birch takes no visitors: 1 person placed at a school they did not list" in (
        plan.explanations
    )


def test_nobody_visits_a_school_on_its_own_inset_day():
    # Birch can only take Wednesday, Cedar's day: Cedar's staff cannot see Birch in session.
    birch = School("Birch", (WED,), 1, 1)
    problem = family(schools=(ALDER, birch, CEDAR), staff=(Staff("c1", "Cedar", ("Birch",)),))
    plan = solve(problem)
    assert plan.inset["Birch"] == (WED,)
    assert visit_of(plan, "c1") == Visit("c1", "Alder", WED, None)
    assert plan.explanations == (
        "Cedar has no INSET day when Birch is in session: 1 person placed at a school they did "
        "not list",
    )


def test_nobody_visits_a_school_on_a_day_it_is_closed():
    birch = School("Birch", (TUE,), 1, 1, closed=frozenset({MON}))
    problem = family(schools=(ALDER, birch, CEDAR), allow_unlisted=False)
    plan = solve(problem)
    assert check_plan(problem, plan) == []
    assert all(not (visit.host == "Birch" and visit.date == MON) for visit in plan.visits)


def test_an_inset_pin_fixes_the_days_at_a_cost():
    problem = family(pins=Pins(inset=(InsetPin("Birch", (WED,)),)))
    plan = solve(problem)
    assert check_plan(problem, plan) == []
    assert plan.inset["Birch"] == (WED,)
    assert plan.points == 10  # c1 cannot see Birch in session now


def test_a_visit_pin_is_honoured_even_to_a_school_not_listed():
    problem = family(
        pins=Pins(visits=(VisitPin("a1", "Birch"), VisitPin("b1", "Cedar", TUE))),
        allow_unlisted=False,
    )
    plan = solve(problem)
    assert check_plan(problem, plan) == []
    assert visit_of(plan, "a1") == Visit("a1", "Birch", plan.inset["Alder"][0], 1)
    assert visit_of(plan, "b1") == Visit("b1", "Cedar", TUE, None)
    assert visit_of(plan, "a2") is None  # Birch is full with a1; a2 listed nothing else
    assert "Their visit was pinned: 1 person placed at a school they did not list" in (
        plan.explanations
    )


def test_pins_that_cannot_all_hold_are_named_and_none_is_dropped():
    problem = family(
        pins=Pins(
            inset=(InsetPin("Alder", (TUE,)), InsetPin("Cedar", (WED,))),
            visits=(VisitPin("b1", "Alder", TUE), VisitPin("a2", "Birch")),
        )
    )
    with pytest.raises(RotaError) as caught:
        solve(problem)
    assert str(caught.value) == (
        "These pins cannot all hold: Alder's INSET day is Tue 9 Feb 2027; "
        "b1 goes to Alder on Tue 9 Feb 2027 (Alder's INSET day)"
    )


def test_a_pin_that_cannot_hold_on_its_own_says_why():
    problem = family(pins=Pins(visits=(VisitPin("a1", "Birch", WED),)))
    message = (
        r"^This pin cannot hold: a1 goes to Birch on Wed 10 Feb 2027 "
        r"\(not one of Alder's candidate INSET days\)$"
    )
    with pytest.raises(RotaError, match=message):
        solve(problem)


def test_pins_over_a_hosts_capacity_are_named_with_it():
    problem = family(pins=Pins(visits=(VisitPin("a1", "Birch"), VisitPin("a2", "Birch"))))
    with pytest.raises(RotaError) as caught:
        solve(problem)
    assert str(caught.value) == (
        "These pins cannot all hold: a1 goes to Birch; a2 goes to Birch "
        "(Birch takes at most 1 visitor a day)"
    )


def test_some_of_a_schools_inset_days_may_be_pinned_and_the_rest_left_to_the_plan():
    alder = School("Alder", (MON, TUE, WED), 2, 2)
    problem = family(schools=(alder, BIRCH, CEDAR), pins=Pins(inset=(InsetPin("Alder", (WED,)),)))
    plan = solve(problem)
    assert check_plan(problem, plan) == []
    assert WED in plan.inset["Alder"] and len(plan.inset["Alder"]) == 2


def test_a_pin_conflict_carries_the_pins_that_clash_and_only_those():
    clashing = (InsetPin("Alder", (TUE,)), VisitPin("b1", "Alder", TUE))
    harmless = VisitPin("c1", "Birch")
    problem = family(pins=Pins(inset=clashing[:1], visits=(clashing[1], harmless)))
    with pytest.raises(PinConflict) as caught:
        solve(problem)
    assert set(caught.value.pins) == set(clashing)


def test_progress_hears_of_the_plans_found_and_ends_with_the_one_returned():
    heard: list[SolveProgress] = []
    plan = solve(FAMILY, progress=heard.append)
    assert heard, "the search found at least one plan"
    assert all(step.stage == "searching" and step.elapsed_s >= 0 for step in heard[:-1])
    last = heard[-1]
    assert last.stage == "balancing"  # the first search is over; the fairest hosting next
    assert (last.placed, last.points, last.busiest) == (plan.placed, plan.points, 1)


def test_progress_says_when_it_looks_for_clashing_pins():
    heard: list[SolveProgress] = []
    problem = family(pins=Pins(visits=(VisitPin("a1", "Birch"), VisitPin("a2", "Birch"))))
    with pytest.raises(PinConflict):
        solve(problem, progress=heard.append)
    assert heard[-1].stage == "pins"


def test_check_plan_names_every_broken_rule():
    plan = solve(FAMILY)
    broken = replace(
        plan,
        inset={**plan.inset, "Birch": (MON,)},
        visits=(*plan.visits, Visit("a1", "Alder", TUE, None)),
    )
    faults = check_plan(FAMILY, broken)
    assert "Birch: 2027-02-08 is not a candidate INSET day" in faults
    assert "a1 to Alder on 2027-02-09: a second visit" in faults
    assert "a1 to Alder on 2027-02-09: their own school" in faults
    assert "a2 to Birch on 2027-02-08: the host is not in session" in faults
    assert any(fault.startswith("placed: 4 does not match") for fault in faults)


# Reading the plan_visits JSON.

GOOD = {
    "schools": [
        {"id": "Alder", "inset_candidates": ["2027-02-08", "2027-02-09"], "inset_days": 1,
         "host_capacity": 2},
        {"id": "Birch", "inset_candidates": ["2027-02-09", "2027-02-10"], "inset_days": 1,
         "host_capacity": 1, "closed": ["2027-02-11"]},
        {"id": 7, "inset_candidates": ["2027-02-10"], "inset_days": 1, "host_capacity": 2},
    ],
    "staff": [
        {"id": "a1", "school": "Alder", "preferences": ["Birch", 7]},
        {"id": 2, "school": "Alder", "preferences": ["Birch"]},
        {"id": "b1", "school": "Birch", "preferences": ["Alder"]},
        {"id": "c1", "school": 7},
    ],
    "allow_unlisted": False,
    "time_limit_s": 5,
    "pins": {"inset": {"Birch": ["2027-02-09"]}, "visits": {"2": {"host": "Birch"}}},
}  # fmt: skip


def test_parse_problem_reads_the_json_and_makes_ids_text():
    problem = parse_problem(GOOD)
    assert problem.schools[2] == School("7", (WED,), 1, 2)
    assert problem.schools[1].closed == frozenset({date(2027, 2, 11)})
    assert problem.staff[0] == Staff("a1", "Alder", ("Birch", "7"))
    assert problem.staff[1].id == "2"
    assert problem.staff[3].preferences == ()
    assert problem.allow_unlisted is False
    assert problem.time_limit_s == 5.0
    assert problem.pins == Pins((InsetPin("Birch", (TUE,)),), (VisitPin("2", "Birch"),))
    plan = solve(problem)
    assert check_plan(problem, plan) == []
    assert {"staff": "2", "host": "Birch", "date": "2027-02-08", "rank": 1} in (
        plan_to_json(plan)["visits"]
    )


def test_a_plan_written_as_json_reads_back_the_same():
    plan = solve(FAMILY)
    assert plan_from_json(json.loads(json.dumps(plan_to_json(plan)))) == plan


def changed(path: str, value: object) -> dict[str, Any]:
    """GOOD with the field at a dotted path set to value (or removed when value is ...)."""
    data = copy.deepcopy(GOOD)
    *parents, last = path.split(".")
    target: Any = data
    for key in parents:
        target = target[int(key)] if isinstance(target, list) else target[key]
    if value is ...:
        del target[last]
    elif isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value
    return data


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "input: must be a JSON object"),
        (changed("schools", ...), "schools: required but missing"),
        (changed("extra", 1), "extra: unknown field"),
        (changed("schools.0.capacity", 3), "schools[0].capacity: unknown field"),
        (changed("schools", {}), "schools: must be a list"),
        (changed("schools.0.id", ""), "schools[0].id: must be a non-empty id"),
        (changed("schools.0.id", True), "schools[0].id: must be a non-empty id"),
        (changed("schools.1.id", "Alder"), "schools[1].id: 'Alder' is given twice"),
        (
            changed("schools.0.inset_candidates", ["2027-02-08", "2027-02-30"]),
            "schools[0].inset_candidates[1]: 2027-02-30 is not a real date",
        ),
        (
            changed("schools.0.inset_candidates", ["8/2/2027"]),
            "schools[0].inset_candidates[0]: '8/2/2027' is not a date written YYYY-MM-DD",
        ),
        (
            changed("schools.0.inset_candidates", ["2027-02-08", "2027-02-08"]),
            "schools[0].inset_candidates: a date is given twice",
        ),
        (
            changed("schools.0.inset_days", 3),
            "schools[0].inset_days: must be from 0 to 2 (the number of candidates), not 3",
        ),
        (changed("schools.1.host_capacity", -1), "schools[1].host_capacity: must be a whole"),
        (changed("schools.1.host_capacity", 1.5), "schools[1].host_capacity: must be a whole"),
        (changed("schools.1.closed", "2027-02-11"), "schools[1].closed: must be a list"),
        (changed("staff.0.school", "Oak"), "staff[0].school: unknown school 'Oak'"),
        (changed("staff.3.preferences", ["X"]), "staff[3].preferences: unknown school 'X'"),
        (
            changed("staff.0.preferences", ["Alder"]),
            "staff[0].preferences: 'Alder' is their own school",
        ),
        (
            changed("staff.0.preferences", ["Birch", "Birch"]),
            "staff[0].preferences: a school is listed twice",
        ),
        (
            changed("staff.3.preferences", ["Alder", "Birch", "Alder", "Birch"]),
            "staff[3].preferences: at most 3 schools",
        ),
        (changed("staff.2.id", "a1"), "staff[2].id: 'a1' is given twice"),
        (changed("staff.2.school", ...), "staff[2].school: required but missing"),
        (changed("allow_unlisted", "yes"), "allow_unlisted: must be true or false"),
        (changed("time_limit_s", "soon"), "time_limit_s: must be a number of seconds"),
        (changed("time_limit_s", 0), "time_limit_s: must be more than 0"),
        (changed("pins.inset", {"Oak": []}), "pins.inset.Oak: unknown school 'Oak'"),
        (
            changed("pins.inset", {"Birch": ["2027-02-08"]}),
            "pins.inset.Birch: 2027-02-08 is not one of its inset_candidates",
        ),
        (
            changed("pins.inset", {"Birch": ["2027-02-09", "2027-02-10"]}),
            "pins.inset.Birch: must give from 1 to 1 date(s) (its inset_days), not 2",
        ),
        (
            changed("pins.inset", {"Birch": []}),
            "pins.inset.Birch: must give from 1 to 1 date(s) (its inset_days), not 0",
        ),
        (
            changed("pins.inset", {"Birch": ["2027-02-09", "2027-02-09"]}),
            "pins.inset.Birch: a date is given twice",
        ),
        (changed("pins.visits", {"zz": {"host": "Birch"}}), "pins.visits.zz: unknown staff"),
        (
            changed("pins.visits", {"b1": {"host": "Birch"}}),
            "pins.visits.b1.host: 'Birch' is their own school",
        ),
        (
            changed("pins.visits", {"b1": {"host": "Alder", "date": "soon"}}),
            "pins.visits.b1.date: 'soon' is not a date",
        ),
        (changed("pins.visits", {"b1": {}}), "pins.visits.b1.host: required but missing"),
    ],
)
def test_malformed_input_names_the_field(data, message):
    with pytest.raises(RotaError) as caught:
        parse_problem(data)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_dates_are_shown_as_people_read_them():
    assert show_date(date(2027, 2, 12)) == "Fri 12 Feb 2027"


# Properties: every plan keeps the rules and scores what an exhaustive search scores.

DAYS = tuple(MON + timedelta(days=n) for n in range(4))
IDS = ("A", "B", "C", "D")


@st.composite
def small_problems(draw: st.DrawFn) -> Problem:
    count = draw(st.integers(2, 4))
    schools = tuple(
        School(
            IDS[n],
            tuple(draw(st.lists(st.sampled_from(DAYS), min_size=1, max_size=3, unique=True))),
            1,
            draw(st.integers(0, 3)),
            frozenset(draw(st.lists(st.sampled_from(DAYS), max_size=1))),
        )
        for n in range(count)
    )
    staff = []
    for number in range(draw(st.integers(0, 8))):
        own = draw(st.sampled_from(IDS[:count]))
        others = [school for school in IDS[:count] if school != own]
        listed = draw(st.lists(st.sampled_from(others), max_size=3, unique=True))
        staff.append(Staff(f"s{number}", own, tuple(listed)))
    return Problem(schools, tuple(staff), allow_unlisted=draw(st.booleans()), time_limit_s=20)


def brute_force(problem: Problem) -> tuple[int, int, int]:
    """The best (placed, points, -busiest host-day) over every INSET choice and assignment."""
    schools = {school.id: school for school in problem.schools}
    best = (0, 0, 0)
    for choice in product(
        *(combinations(school.inset_candidates, school.inset_days) for school in problem.schools)
    ):
        inset = {school.id: set(days) for school, days in zip(problem.schools, choice, strict=True)}
        options = []
        for person in problem.staff:
            allowed = set(schools) - {person.school} if problem.allow_unlisted else set()
            allowed |= set(person.preferences)
            mine: list[tuple[str, date, int] | None] = [None]
            for host in sorted(allowed):
                rank = person.preferences.index(host) + 1 if host in person.preferences else None
                for day in sorted(inset[person.school]):
                    if day not in inset[host] and day not in schools[host].closed:
                        mine.append((host, day, points_for(rank)))
            options.append(mine)
        best = max(best, best_assignment(options, schools))
    return best


def best_assignment(options, schools) -> tuple[int, int, int]:
    """Each person's option in turn, remembering the best from each point and set of loads."""

    @cache
    def search(index: int, loads: frozenset[tuple[tuple[str, date], int]]) -> tuple[int, int, int]:
        if index == len(options):
            return (0, 0, -max((count for _, count in loads), default=0))
        results = []
        for option in options[index]:
            if option is None:
                results.append(search(index + 1, loads))
                continue
            host, day, points = option
            load = dict(loads)
            if load.get((host, day), 0) >= schools[host].host_capacity:
                continue
            load[host, day] = load.get((host, day), 0) + 1
            placed, score, busiest = search(index + 1, frozenset(load.items()))
            results.append((placed + 1, score + points, busiest))
        return max(results)

    return search(0, frozenset())


@settings(max_examples=60, deadline=None)
@given(small_problems())
def test_plans_keep_every_rule_and_match_an_exhaustive_search(problem):
    plan = solve(problem)
    assert check_plan(problem, plan) == []
    assert plan.optimal
    placed, points, busiest = brute_force(problem)
    assert (plan.placed, plan.points, plan.max_hosted_per_day) == (placed, points, -busiest)
    assert sum(plan.given.values()) == sum(plan.received.values()) == plan.placed


# Pins such as the planner's pages set: a plan keeps every one, or the clash is reported.


@st.composite
def pinned_problems(draw: st.DrawFn) -> Problem:
    problem = draw(small_problems())
    inset = []
    for school in problem.schools:
        if draw(st.integers(0, 3)) == 0:
            inset.append(InsetPin(school.id, (draw(st.sampled_from(school.inset_candidates)),)))
    visits = []
    for person in problem.staff:
        if draw(st.integers(0, 3)) == 0:
            hosts = [school.id for school in problem.schools if school.id != person.school]
            own = next(school for school in problem.schools if school.id == person.school)
            day = draw(st.one_of(st.none(), st.sampled_from(own.inset_candidates)))
            visits.append(VisitPin(person.id, draw(st.sampled_from(hosts)), day))
    return replace(problem, pins=Pins(tuple(inset), tuple(visits)))


def brute_force_pinned(problem: Problem, pins: Pins) -> tuple[int, int, int] | None:
    """The best (placed, points, -busiest) of plans that keep every pin; None if none can."""
    schools = {school.id: school for school in problem.schools}
    pinned_days = {pin.school: set(pin.dates) for pin in pins.inset}
    pinned_visit = {pin.staff: pin for pin in pins.visits}
    best: tuple[int, int, int] | None = None
    for choice in product(
        *(combinations(school.inset_candidates, school.inset_days) for school in problem.schools)
    ):
        inset = {school.id: set(days) for school, days in zip(problem.schools, choice, strict=True)}
        if any(not days <= inset[school] for school, days in pinned_days.items()):
            continue
        options = []
        for person in problem.staff:
            pin = pinned_visit.get(person.id)
            allowed = set(schools) - {person.school} if problem.allow_unlisted else set()
            allowed |= set(person.preferences)
            mine: list[tuple[str, date, int] | None] = [] if pin else [None]
            for host in sorted({pin.host} if pin else allowed):
                rank = person.preferences.index(host) + 1 if host in person.preferences else None
                for day in sorted(inset[person.school]):
                    if pin and pin.date not in (None, day):
                        continue
                    if day not in inset[host] and day not in schools[host].closed:
                        mine.append((host, day, points_for(rank)))
            options.append(mine)
        found = best_pinned_assignment(options, schools)
        if found is not None and (best is None or found > best):
            best = found
    return best


def best_pinned_assignment(options, schools) -> tuple[int, int, int] | None:
    @cache
    def search(index: int, loads: frozenset[Any]) -> tuple[int, int, int] | None:
        if index == len(options):
            return (0, 0, -max((count for _, count in loads), default=0))
        results = []
        for option in options[index]:
            if option is None:
                rest = search(index + 1, loads)
                if rest is not None:
                    results.append(rest)
                continue
            host, day, points = option
            load = dict(loads)
            if load.get((host, day), 0) >= schools[host].host_capacity:
                continue
            load[host, day] = load.get((host, day), 0) + 1
            rest = search(index + 1, frozenset(load.items()))
            if rest is not None:
                results.append((rest[0] + 1, rest[1] + points, rest[2]))
        return max(results) if results else None

    return search(0, frozenset())


@settings(max_examples=60, deadline=None)
@given(pinned_problems())
def test_pins_are_kept_or_their_clash_is_reported_never_dropped(problem):
    best = brute_force_pinned(problem, problem.pins)
    try:
        plan = solve(problem)
    except PinConflict as conflict:
        assert best is None, "the solver said the pins clash, but a plan keeps them all"
        culprits = conflict.pins
        assert culprits, "a clash names the pins behind it"
        alone = Pins(
            tuple(pin for pin in culprits if isinstance(pin, InsetPin)),
            tuple(pin for pin in culprits if isinstance(pin, VisitPin)),
        )
        assert brute_force_pinned(problem, alone) is None, "the pins named do clash"
        return
    assert best is not None
    assert check_plan(problem, plan) == []
    assert plan.optimal
    assert (plan.placed, plan.points, plan.max_hosted_per_day) == (best[0], best[1], -best[2])
