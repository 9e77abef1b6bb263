"""Checks on a problem and on a plan, and the explanations a plan carries.

check_problem guards solve and parse_problem alike, whether the problem came from JSON or
from Python; check_plan tests every rule of a finished plan, for the tests and for plans edited
by hand; explain says why people missed their first choice. None of it needs the solver.
"""

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from kinship.core.dates import uk_date
from kinship.visits.rota.stability import check_published
from kinship.visits.rota.types import (
    MAX_PREFERENCES,
    Pins,
    Plan,
    Problem,
    RotaError,
    School,
    Staff,
    Visit,
    points_for,
    rank_of,
)

CHOICES = {2: "their second choice", 3: "their third choice", None: "a school they did not list"}


show_date = uk_date  # Tue 3 Mar 2026, as dates are shown to people


# Checking a problem, whether it came from JSON or from Python.


def check_problem(problem: Problem) -> None:
    """Raise RotaError naming the first field that is inconsistent."""
    schools = _check_schools(problem.schools)
    staff_schools: dict[str, str] = {}
    for index, person in enumerate(problem.staff):
        where = f"staff[{index}]"
        if person.id in staff_schools:
            raise RotaError(f"{where}.id: {person.id!r} is given twice")
        staff_schools[person.id] = person.school
        if person.school not in schools:
            raise RotaError(f"{where}.school: unknown school {person.school!r}")
        if len(person.preferences) > MAX_PREFERENCES:
            raise RotaError(f"{where}.preferences: at most {MAX_PREFERENCES} schools")
        for host in person.preferences:
            if host not in schools:
                raise RotaError(f"{where}.preferences: unknown school {host!r}")
            if host == person.school:
                raise RotaError(f"{where}.preferences: {host!r} is their own school")
        if len(set(person.preferences)) < len(person.preferences):
            raise RotaError(f"{where}.preferences: a school is listed twice")
    if problem.time_limit_s <= 0:
        raise RotaError("time_limit_s: must be more than 0")
    _check_pins(problem.pins, schools, staff_schools)
    check_published(problem, schools, staff_schools)


def _check_schools(schools: Sequence[School]) -> dict[str, School]:
    by_id: dict[str, School] = {}
    for index, school in enumerate(schools):
        where = f"schools[{index}]"
        if school.id in by_id:
            raise RotaError(f"{where}.id: {school.id!r} is given twice")
        by_id[school.id] = school
        if len(set(school.inset_candidates)) < len(school.inset_candidates):
            raise RotaError(f"{where}.inset_candidates: a date is given twice")
        if not 0 <= school.inset_days <= len(school.inset_candidates):
            raise RotaError(
                f"{where}.inset_days: must be from 0 to {len(school.inset_candidates)} "
                f"(the number of candidates), not {school.inset_days}"
            )
        if school.host_capacity < 0:
            raise RotaError(f"{where}.host_capacity: must be 0 or more")
    return by_id


def _check_pins(pins: Pins, schools: Mapping[str, School], staff: Mapping[str, str]) -> None:
    seen: set[str] = set()
    for pin in pins.inset:
        where = f"pins.inset.{pin.school}"
        school = schools.get(pin.school)
        if school is None:
            raise RotaError(f"{where}: unknown school {pin.school!r}")
        if pin.school in seen:
            raise RotaError(f"{where}: pinned twice")
        seen.add(pin.school)
        for day in pin.dates:
            if day not in school.inset_candidates:
                raise RotaError(f"{where}: {day} is not one of its inset_candidates")
        if len(set(pin.dates)) < len(pin.dates):
            raise RotaError(f"{where}: a date is given twice")
        if not 1 <= len(pin.dates) <= school.inset_days:
            # Some of a school's days may be pinned and the rest left to the plan.
            raise RotaError(
                f"{where}: must give from 1 to {school.inset_days} date(s) (its inset_days), "
                f"not {len(pin.dates)}"
            )
    seen.clear()
    for visit in pins.visits:
        where = f"pins.visits.{visit.staff}"
        if visit.staff not in staff:
            raise RotaError(f"{where}: unknown staff {visit.staff!r}")
        if visit.staff in seen:
            raise RotaError(f"{where}: pinned twice")
        seen.add(visit.staff)
        if visit.host not in schools:
            raise RotaError(f"{where}.host: unknown school {visit.host!r}")
        if visit.host == staff[visit.staff]:
            raise RotaError(f"{where}.host: {visit.host!r} is their own school")


@dataclass(frozen=True)
class _Scores:
    placed: int
    points: int
    busiest: int
    given: dict[str, int]
    received: dict[str, int]


def _scores(problem: Problem, visits: Sequence[Visit]) -> _Scores:
    staff_school = {person.id: person.school for person in problem.staff}
    given = Counter(staff_school.get(visit.staff) for visit in visits)
    received = Counter(visit.host for visit in visits)
    return _Scores(
        placed=len(visits),
        points=sum(points_for(visit.rank) for visit in visits),
        busiest=max(Counter((visit.host, visit.date) for visit in visits).values(), default=0),
        given={school.id: given[school.id] for school in problem.schools},
        received={school.id: received[school.id] for school in problem.schools},
    )


# Explanations: why people did not get their first choice, counted together.


def _and(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _people(count: int) -> str:
    return "1 person" if count == 1 else f"{count} people"


def explain(
    problem: Problem, inset: Mapping[str, tuple[date, ...]], visits: Sequence[Visit]
) -> tuple[str, ...]:
    """One line per reason and outcome, e.g. "Birch is full on Thu 12 Feb 2027: 3 people …"."""
    schools = {school.id: school for school in problem.schools}
    hosted = Counter((visit.host, visit.date) for visit in visits)
    visit_of = {visit.staff: visit for visit in visits}
    pinned = {pin.staff for pin in problem.pins.visits}

    def in_session(host: str, day: date) -> bool:
        return day not in schools[host].closed and day not in inset.get(host, ())

    def full(host: str, day: date) -> bool:
        return hosted[host, day] >= schools[host].host_capacity

    def why_not(person: Staff, host: str) -> str | None:
        """Why this person could not go to this host; None if it had room on their day."""
        open_days = [day for day in inset.get(person.school, ()) if in_session(host, day)]
        if not open_days:
            return f"{person.school} has no INSET day when {host} is in session"
        if schools[host].host_capacity == 0:
            return f"{host} takes no visitors"
        if all(full(host, day) for day in open_days):
            return f"{host} is full on {_and([show_date(day) for day in open_days])}"
        return None

    def why_unplaced(person: Staff) -> str | None:
        days = inset.get(person.school, ())
        if not days:
            return f"{person.school} has no INSET day"
        others = [school.id for school in problem.schools if school.id != person.school]
        allowed = others if problem.allow_unlisted else person.preferences
        if any(why_not(person, host) is None for host in allowed):
            return None
        if problem.allow_unlisted:
            return f"Every school in session on {_and([show_date(day) for day in days])} is full"
        if not person.preferences:
            return f"{person.school}'s staff listed no school and unlisted visits are off"
        if len(person.preferences) == 1:
            return why_not(person, person.preferences[0])
        return f"No school they listed has room on {_and([show_date(day) for day in days])}"

    reasons: Counter[tuple[str, str]] = Counter()
    for person in problem.staff:
        visit = visit_of.get(person.id)
        if visit is None:
            reason, outcome = why_unplaced(person), "not placed"
        elif visit.rank == 1 or not person.preferences:
            continue
        elif person.id in pinned:
            reason, outcome = "Their visit was pinned", f"placed at {CHOICES[visit.rank]}"
        else:
            reason, outcome = (
                why_not(person, person.preferences[0]),
                f"placed at {CHOICES[visit.rank]}",
            )
        reason = reason or "There was room, but the search stopped at its time limit"
        reasons[reason, outcome] += 1
    return tuple(
        f"{reason}: {_people(count)} {outcome}" for (reason, outcome), count in reasons.items()
    )


# Checking a plan against every rule, for tests and for plans edited by hand.


def check_plan(problem: Problem, plan: Plan) -> list[str]:
    """Every rule the plan breaks, one line each; empty when the plan is valid."""
    faults: list[str] = []
    schools = {school.id: school for school in problem.schools}
    staff = {person.id: person for person in problem.staff}
    for school in problem.schools:
        chosen = plan.inset.get(school.id)
        if chosen is None:
            faults.append(f"{school.id}: no INSET days chosen")
            continue
        if len(set(chosen)) != school.inset_days or len(chosen) != school.inset_days:
            faults.append(f"{school.id}: {len(chosen)} INSET days, not {school.inset_days}")
        faults += [
            f"{school.id}: {day} is not a candidate INSET day"
            for day in chosen
            if day not in school.inset_candidates
        ]
    faults += [
        f"{school}: not a school in the family" for school in plan.inset if school not in schools
    ]
    for pin in problem.pins.inset:
        if not set(pin.dates) <= set(plan.inset.get(pin.school, ())):
            faults.append(f"{pin.school}: INSET days leave out a pinned date")
    pinned = {pin.staff: pin for pin in problem.pins.visits}
    hosted: Counter[tuple[str, date]] = Counter()
    seen: set[str] = set()
    for visit in plan.visits:
        person = staff.get(visit.staff)
        if person is None or visit.host not in schools:
            faults.append(f"{visit.staff} to {visit.host}: unknown person or school")
            continue
        what = f"{visit.staff} to {visit.host} on {visit.date}"
        if visit.staff in seen:
            faults.append(f"{what}: a second visit")
        seen.add(visit.staff)
        hosted[visit.host, visit.date] += 1
        listed = visit.host in person.preferences
        if visit.host == person.school:
            faults.append(f"{what}: their own school")
        elif not (listed or problem.allow_unlisted or visit.staff in pinned):
            faults.append(f"{what}: a school they did not list")
        if visit.date not in plan.inset.get(person.school, ()):
            faults.append(f"{what}: not an INSET day of their school")
        if visit.date in plan.inset.get(visit.host, ()) or visit.date in schools[visit.host].closed:
            faults.append(f"{what}: the host is not in session")
        if visit.rank != rank_of(person.preferences, visit.host):
            faults.append(f"{what}: rank {visit.rank} is wrong")
    for (host, day), count in sorted(hosted.items()):
        if count > schools[host].host_capacity:
            faults.append(f"{host} on {day}: {count} visitors, over {schools[host].host_capacity}")
    visit_of = {visit.staff: visit for visit in plan.visits}
    for visit_pin in problem.pins.visits:
        pinned_visit = visit_of.get(visit_pin.staff)
        if pinned_visit is None or (visit_pin.host, visit_pin.date) not in (
            (pinned_visit.host, None),
            (pinned_visit.host, pinned_visit.date),
        ):
            faults.append(f"{visit_pin.staff}: the pinned visit is not in the plan")
    if sorted(plan.unplaced) != sorted(set(staff) - seen):
        faults.append("unplaced: does not list exactly the staff without a visit")
    scores = _scores(problem, plan.visits)
    for name, value, expected in (
        ("placed", plan.placed, scores.placed),
        ("points", plan.points, scores.points),
        ("max_hosted_per_day", plan.max_hosted_per_day, scores.busiest),
        ("given", plan.given, scores.given),
        ("received", plan.received, scores.received),
    ):
        if value != expected:
            faults.append(f"{name}: {value} does not match the visits ({expected})")
    return faults
