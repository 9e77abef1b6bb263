"""Stable plans: once a plan is published, a new one changes as little of it as it can.

A re-solve with a published plan runs in two steps (lexicographic, not weighted): first the
usual objective, then, holding that objective at the value found, the fewest changed INSET
days and then the fewest changed visits. Holding the first value as a constraint keeps the
earlier objectives' priority exactly, whatever the sizes; weighing the changes under them
instead would multiply the weights by the staff count again and slow the first search down.
Within the second step the INSET days outweigh the visits: a visit term is at most one a
person, so a weight of (staff + 1) on each changed day puts the days first.

A visit is unchanged when the same person visits the same host on the same date. The model
keeps interchangeable staff together; with a published plan they are grouped by their
published visit as well (see model._groups), so a group's count at that visit is how many of
it keep theirs.
"""

from collections.abc import Mapping, Sequence
from datetime import date

from ortools.sat.python import cp_model

from kinship.visits.rota.model import _Model
from kinship.visits.rota.types import (
    Changes,
    InsetChange,
    Problem,
    Published,
    RotaError,
    School,
    SchoolDates,
    Visit,
    VisitChange,
)


def check_published(
    problem: Problem, schools: Mapping[str, School], staff: Mapping[str, str]
) -> None:
    """Raise RotaError if the published plan or the reschedulable days name what is not there."""
    published = problem.published
    if published is not None:
        _check_days(published.inset, "published.inset", schools)
        seen: set[str] = set()
        for index, visit in enumerate(published.visits):
            where = f"published.visits[{index}]"
            if visit.staff not in staff:
                raise RotaError(f"{where}.staff: unknown staff {visit.staff!r}")
            if visit.staff in seen:
                raise RotaError(f"{where}.staff: {visit.staff!r} has two published visits")
            seen.add(visit.staff)
            if visit.host not in schools:
                raise RotaError(f"{where}.host: unknown school {visit.host!r}")
    _check_days(problem.reschedulable, "reschedulable", schools)
    if published is not None:
        inset = {days.school: days.dates for days in published.inset}
        for days in problem.reschedulable:
            for day in days.dates:
                if day not in inset.get(days.school, ()):
                    raise RotaError(
                        f"reschedulable.{days.school}: {day} is not one of its published INSET days"
                    )


def _check_days(given: Sequence[SchoolDates], where: str, schools: Mapping[str, School]) -> None:
    seen: set[str] = set()
    for days in given:
        if days.school not in schools:
            raise RotaError(f"{where}.{days.school}: unknown school {days.school!r}")
        if days.school in seen:
            raise RotaError(f"{where}.{days.school}: given twice")
        seen.add(days.school)
        if len(set(days.dates)) < len(days.dates):
            raise RotaError(f"{where}.{days.school}: a date is given twice")


def published_visits(problem: Problem) -> dict[str, tuple[str, date]]:
    """Each person's published visit as (host, date); empty when nothing was published."""
    if problem.published is None:
        return {}
    return {visit.staff: (visit.host, visit.date) for visit in problem.published.visits}


def plan_changes(
    published: Published | None, inset: Mapping[str, Sequence[date]], visits: Sequence[Visit]
) -> Changes:
    """What the plan (its INSET days and visits) changes of the published plan."""
    if published is None:
        return Changes()
    before_days = {days.school: set(days.dates) for days in published.inset}
    inset_changes = []
    for school in sorted(set(before_days) | set(inset)):
        old, new = before_days.get(school, set()), set(inset.get(school, ()))
        if old != new:
            inset_changes.append(
                InsetChange(school, tuple(sorted(old - new)), tuple(sorted(new - old)))
            )
    before = {visit.staff: (visit.host, visit.date) for visit in published.visits}
    after = {visit.staff: (visit.host, visit.date) for visit in visits}
    visit_changes = []
    for person in sorted(set(before) | set(after)):
        was, now = before.get(person), after.get(person)
        if was == now:
            continue
        change = "new" if was is None else "cancelled" if now is None else "moved"
        visit_changes.append(VisitChange(person, change, was, now))
    return Changes(tuple(inset_changes), tuple(visit_changes))


def changes_objective(built: _Model, first: cp_model.CpSolver) -> cp_model.LinearExprT:
    """(staff + 1) * changed INSET days + changed visits, as the model counts them.

    An INSET day changes when a published day is dropped or an unpublished one taken. A
    group of people with one published visit changes by its size less those keeping it; a
    group without one, by each visit it makes. Visits to unlisted schools are counted by
    school and day, not by person: they go first to people whose published visit is lost
    anyway (solving._read_plan), so only those beyond them are new changes (`extra`, hinted
    from the `first` search's answer like every other variable).
    """
    problem, model = built.problem, built.model
    assert problem.published is not None  # only called with a published plan
    before = {days.school: set(days.dates) for days in problem.published.inset}
    total = cp_model.LinearExpr.sum
    lost_days = 0  # published days no longer candidates: changed whatever the plan does
    inset_terms: list[cp_model.LinearExpr] = []
    for school in problem.schools:
        old = before.get(school.id, set())
        lost_days += len(old - set(school.inset_candidates))
        for day in school.inset_candidates:
            chosen = built.inset[school.id, day]
            inset_terms.append(1 - chosen if day in old else total([chosen]))
    lost_visits = 0  # published visits no count can keep
    visit_terms: list[cp_model.LinearExpr] = []
    losing: dict[str, list[cp_model.LinearExpr]] = {}  # free people whose visit is lost
    for group in built.groups:
        size, counts = len(group.members), list(group.counts.values())
        if group.was is None:
            visit_terms.append(total(counts))
            continue
        kept = group.counts.get(group.was)
        if kept is None:
            lost_visits += size
        else:
            visit_terms.append(size - kept)
        if group.pin is None:
            losing.setdefault(group.school.id, []).append(size - total(counts))
    for school in problem.schools:
        unlisted = [count for (own, _), count in built.unlisted_from.items() if own == school.id]
        if not unlisted:
            continue
        extra = model.new_int_var(0, len(problem.staff), f"new unlisted from {school.id}")
        beyond = total(unlisted) - total(losing.get(school.id, []))
        model.add(extra >= beyond)
        model.add_hint(extra, max(0, first.value(beyond)))
        visit_terms.append(total([extra]))
    weight = len(problem.staff) + 1
    return weight * (total(inset_terms) + lost_days) + total(visit_terms) + lost_visits
