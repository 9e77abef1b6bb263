"""Solving a plan: the problem as it stands, put to the rota solver in a background task,
with its progress written where the page can show it.

The problem is taken when the coordinator presses Solve and stored with the run, in the
plan_visits JSON format, so a run can be read back and re-run exactly. Once a plan is
published, its published run's plan goes with it, so a re-solve moves as little as it can.
Solver ids are the names people know (schools by name, staff by name), so the solver's
explanations and pin clashes read as they should; `ids` maps them back.
"""

import logging
import threading
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kinship.accounts.models import User
from kinship.core.audit import audit_log
from kinship.core.queue import enqueue_with_change
from kinship.core.templatetags.kinship import format_uk_date
from kinship.schools.models import SchoolRole
from kinship.visits import rota
from kinship.visits.models import PlanPin, SolveRun, VisitPlan
from kinship.visits.selectors import plans as selectors

logger = logging.getLogger(__name__)
PROGRESS_EVERY_S = 1.0
STAFF_ROLES = (SchoolRole.Role.LEAD, SchoolRole.Role.STAFF)


@dataclass
class BuiltProblem:
    problem: dict[str, Any]
    ids: dict[str, Any]
    errors: list[str] = field(default_factory=list)


def _labels(names: list[tuple[int, str, str]]) -> dict[int, str]:
    """A label for each key: its name, or its name with a qualifier when names repeat."""
    counts = Counter(name for _, name, _ in names)
    labels = {}
    for key, name, qualifier in names:
        labels[key] = name if counts[name] == 1 else f"{name} ({qualifier})"
    if len(set(labels.values())) < len(labels):  # the qualifier repeats too
        labels = {key: f"{label} #{key}" for key, label in labels.items()}
    return labels


def plan_problem(plan: VisitPlan) -> BuiltProblem:
    """The plan as the solver takes it, or the reasons it cannot be solved yet (`errors`):
    a school with no term dates or too few candidate days, a pin that no longer fits."""
    states = [state for state in selectors.school_states(plan, with_counts=False)]
    taking_part = [state for state in states if state.takes_part]
    errors = []
    for state in taking_part:
        if not state.has_term_dates:
            errors.append(
                f"{state.school.name} has no term dates for {plan.academic_year}–"
                f"{(plan.academic_year + 1) % 100:02d}: its lead enters them on the school's "
                "page, or leave the school out of this plan."
            )
        elif len(state.candidates) < state.inset_days:
            errors.append(
                f"{state.school.name} has {len(state.candidates)} candidate day(s) for "
                f"{state.inset_days} staggered INSET day(s): give it more days or fewer to take."
            )
    school_label = _labels([(s.school.pk, s.school.name, str(s.school.urn)) for s in taking_part])
    part_ids = set(school_label)
    by_pk = {state.school.pk: state for state in taking_part}

    preferences = [
        preference
        for preference in selectors.preferences_of_plan(plan).filter(will_visit=True)
        if preference.school_id in part_ids
    ]
    still_there = set(
        SchoolRole.objects.filter(
            school_id__in=part_ids, role__in=STAFF_ROLES, user__is_active=True
        ).values_list("user_id", "school_id")
    )
    preferences = [p for p in preferences if (p.person_id, p.school_id) in still_there]
    staff_label = _labels(
        [(p.person_id, p.person.display_name, school_label[p.school_id]) for p in preferences]
    )
    offers = selectors.focus_offers(plan, [state.school for state in taking_part])
    staff = []
    reasons: dict[str, dict[str, str]] = {}  # why a focus put a school among someone's choices
    for preference in preferences:
        choices = selectors.choices_for(preference, offers, part_ids)
        reasons[staff_label[preference.person_id]] = {
            school_label[match.school]: selectors.focus_reason(preference, match)
            for match in choices.from_focus
        }
        staff.append(
            {
                "id": staff_label[preference.person_id],
                "school": school_label[preference.school_id],
                "preferences": [school_label[pk] for pk in choices.school_ids],
            }
        )
    pins, pin_ids, pin_errors = _pins(plan, school_label, staff_label, by_pk)
    errors += pin_errors
    problem = {
        "schools": [
            {
                "id": school_label[state.school.pk],
                "inset_candidates": [day.isoformat() for day in state.candidates],
                "inset_days": state.inset_days,
                "host_capacity": state.host_capacity,
                "closed": [day.isoformat() for day in state.closed],
            }
            for state in taking_part
        ],
        "staff": staff,
        "allow_unlisted": plan.allow_unlisted,
        "time_limit_s": plan.time_limit_s,
        "pins": pins,
    }
    published = _published(plan, school_label, staff_label)
    if published is not None:
        problem["published"] = published
    ids = {
        "schools": {label: pk for pk, label in school_label.items()},
        "staff": {label: pk for pk, label in staff_label.items()},
        "pins": pin_ids,
        "reasons": reasons,
    }
    return BuiltProblem(problem, ids, errors)


def _published(
    plan: VisitPlan, school_label: dict[int, str], staff_label: dict[int, str]
) -> dict[str, Any] | None:
    """The published run's plan in this problem's labels, so that a re-solve changes as
    little of it as it can (issue 18); schools and people no longer in it are left out."""
    run = plan.published_run
    if run is None or run.result is None:
        return None
    schools = {label: school_label.get(pk) for label, pk in run.ids.get("schools", {}).items()}
    staff = {label: staff_label.get(pk) for label, pk in run.ids.get("staff", {}).items()}
    inset = {
        schools[label]: days for label, days in run.result["inset"].items() if schools.get(label)
    }
    visits = [
        {"staff": staff[visit["staff"]], "host": schools[visit["host"]], "date": visit["date"]}
        for visit in run.result["visits"]
        if staff.get(visit["staff"]) and schools.get(visit["host"])
    ]
    return {"inset": inset, "visits": visits}


def _pins(
    plan: VisitPlan,
    school_label: dict[int, str],
    staff_label: dict[int, str],
    states: dict[int, selectors.SchoolState],
) -> tuple[dict[str, Any], dict[str, Any], list[str]]:
    """The pins in plan_visits form, which PlanPin each one is, and those that cannot be put
    to the solver at all (named, so the coordinator fixes them: none is dropped quietly)."""
    inset: dict[str, list[str]] = {}
    visits: dict[str, dict[str, str]] = {}
    ids: dict[str, Any] = {"inset": {}, "visits": {}}
    errors = []
    for pin in selectors.pins_of(plan):
        where = format_uk_date(pin.date) if pin.date else ""
        if pin.kind == PlanPin.Kind.INSET:
            state = states.get(pin.school_id)
            assert pin.date is not None
            if state is None:
                errors.append(
                    f"A pin puts {pin.school.name}'s INSET day on {where}, but it is "
                    "not taking part: take the pin off or bring the school back in."
                )
            elif pin.date not in state.candidates:
                errors.append(
                    f"A pin puts {pin.school.name}'s INSET day on {where}, which is no "
                    "longer one of its candidate days: take the pin off."
                )
            else:
                label = school_label[pin.school_id]
                inset.setdefault(label, []).append(pin.date.isoformat())
                ids["inset"].setdefault(label, {})[pin.date.isoformat()] = pin.pk
            continue
        assert pin.person is not None
        if pin.person_id not in staff_label:
            errors.append(
                f"A pin sends {pin.person} to {pin.school.name}, but they are not "
                "down to visit: take the pin off, or they say they will visit."
            )
        elif pin.school_id not in school_label:
            errors.append(
                f"A pin sends {pin.person} to {pin.school.name}, which is not taking "
                "part: take the pin off."
            )
        else:
            body = {"host": school_label[pin.school_id]}
            if pin.date:
                body["date"] = pin.date.isoformat()
            visits[staff_label[pin.person_id]] = body
            ids["visits"][staff_label[pin.person_id]] = pin.pk
    for label, days in inset.items():
        state = next(s for pk, s in states.items() if school_label.get(pk) == label)
        if len(days) > state.inset_days:
            errors.append(f"{len(days)} pins for {label}'s INSET days, which takes "
                          f"{state.inset_days}: take one off.")  # fmt: skip
    return {"inset": inset, "visits": visits}, ids, errors


def active_run(plan: VisitPlan) -> SolveRun | None:
    """A run still queued or solving (one that has gone quiet for long is not counted)."""
    for run in plan.runs.filter(status__in=(SolveRun.Status.QUEUED, SolveRun.Status.RUNNING)):
        if not selectors.run_is_stale(run):
            return run
    return None


@transaction.atomic
def solve_run_start(*, actor: User, plan: VisitPlan) -> SolveRun:
    """Take the problem as it stands and queue it for the solver; ValidationError listing
    what must be put right first."""
    VisitPlan.objects.select_for_update().filter(pk=plan.pk).first()
    if active_run(plan) is not None:
        raise ValidationError("The plan is being solved already: its page shows how far it is.")
    built = plan_problem(plan)
    if built.errors:
        raise ValidationError(built.errors)
    try:
        rota.parse_problem(built.problem)  # the problem Kinship built is always well formed
    except rota.RotaError as error:  # pragma: no cover - a bug, said plainly
        raise ValidationError(f"The plan cannot be put to the solver: {error}") from None
    run = SolveRun.objects.create(
        plan=plan, requested_by=actor, problem=built.problem, ids=built.ids
    )
    audit_log(
        actor=actor,
        action="visits.plan_solve",
        target=plan,
        summary=f"{plan.title}: {len(built.problem['staff'])} staff, "
        f"{len(built.problem['schools'])} schools",
    )
    from kinship.visits.tasks import solve_visit_plan

    enqueue_with_change(solve_visit_plan, run.pk)
    return run


class _Latest:
    """The latest progress the solver's thread heard of, for this thread to save."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.progress: rota.SolveProgress | None = None

    def hear(self, progress: rota.SolveProgress) -> None:
        with self.lock:
            self.progress = progress

    def take(self) -> rota.SolveProgress | None:
        with self.lock:
            progress, self.progress = self.progress, None
            return progress


def _save_progress(run: SolveRun, progress: rota.SolveProgress) -> None:
    run.progress = {
        "elapsed_s": round(progress.elapsed_s, 1),
        "placed": progress.placed,
        "points": progress.points,
        "busiest": progress.busiest,
        "gap": progress.gap,
        "stage": progress.stage,
    }
    run.save(update_fields=["progress"])


def solve_run_execute(run_id: int) -> str:
    """Run the solver on a queued run, saving its progress every second, then its plan or why
    there is none. Deliberately not one transaction: the page reads the progress as it goes.
    Returns the run's final status."""
    run = SolveRun.objects.filter(pk=run_id, status=SolveRun.Status.QUEUED).first()
    if run is None:
        return "gone"
    run.status, run.started_at = SolveRun.Status.RUNNING, timezone.now()
    run.save(update_fields=["status", "started_at"])
    latest = _Latest()
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            problem = rota.parse_problem(run.problem)
            outcome["plan"] = rota.solve(problem, progress=latest.hear)
        except Exception as error:  # handed to the task's thread, which records it
            outcome["error"] = error

    solver = threading.Thread(target=work, name=f"rota-run-{run.pk}", daemon=True)
    solver.start()
    while True:
        solver.join(PROGRESS_EVERY_S)
        progress = latest.take()
        if progress is not None:
            _save_progress(run, progress)
        if not solver.is_alive():
            return _finish(run, outcome)


def _finish(run: SolveRun, outcome: dict[str, Any]) -> str:
    error = outcome.get("error")
    run.finished_at = timezone.now()
    if error is None:
        run.result = rota.plan_to_json(outcome["plan"])
        run.status = SolveRun.Status.DONE
    elif isinstance(error, rota.PinConflict):
        run.status, run.error = SolveRun.Status.FAILED, str(error)
        run.clashing_pins = _pin_ids(run, error.pins)
    elif isinstance(error, rota.RotaError):
        run.status, run.error = SolveRun.Status.FAILED, str(error)
    else:
        logger.error("Solving run %s failed", run.pk, exc_info=error)
        run.status = SolveRun.Status.FAILED
        run.error = "The solver stopped with an error on our side; it has been logged."
    run.save()
    return str(run.status)


def _pin_ids(run: SolveRun, pins: tuple[rota.Pin, ...]) -> list[int]:
    known = run.ids.get("pins", {})
    found = []
    for pin in pins:
        if isinstance(pin, rota.InsetPin):
            found += [known["inset"][pin.school][day.isoformat()] for day in pin.dates]
        else:
            found.append(known["visits"][pin.staff])
    return found
