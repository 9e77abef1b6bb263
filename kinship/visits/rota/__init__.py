"""Staggered INSET days and classroom visits across a family of schools, chosen by CP-SAT.

Each school picks its INSET days from its candidates; on those days its staff may visit a
school that is in session. The plan places as many staff as it can, then gives as many of
them their higher choices as it can, then spreads visitors so no school takes too many in a
day, then (after keeping a published plan, if given) evens out each school's visits given
and received. Pure Python with no Django import: the plan_visits command and the planner pages
(kinship.visits.services.solving, in a background task) wrap it.

A package so no module passes the house limit; import from here, not from the submodules:
types (the dataclasses and scoring), checks (problem and plan checks, explanations),
parsing (JSON in and out), model (the CP-SAT model), start (the hinted first plan),
stability (changing a published plan as little as possible), balance (fair hosting) and
solving (solve and pin conflicts).
"""

from kinship.visits.rota.checks import (
    CHOICES,
    check_plan,
    check_problem,
    explain,
    show_date,
)
from kinship.visits.rota.parsing import parse_problem, plan_from_json, plan_to_json
from kinship.visits.rota.solving import Progress, make_plan, solve
from kinship.visits.rota.stability import plan_changes
from kinship.visits.rota.types import (
    MAX_PREFERENCES,
    Changes,
    InsetChange,
    InsetPin,
    OptionalDate,
    Pin,
    PinConflict,
    Pins,
    Plan,
    Problem,
    Published,
    PublishedVisit,
    RotaError,
    School,
    SchoolDates,
    SolveProgress,
    Staff,
    Visit,
    VisitChange,
    VisitPin,
    points_for,
    rank_of,
    weights,
)

__all__ = [
    "CHOICES",
    "MAX_PREFERENCES",
    "Changes",
    "InsetChange",
    "InsetPin",
    "OptionalDate",
    "Pin",
    "PinConflict",
    "Pins",
    "Plan",
    "Problem",
    "Progress",
    "Published",
    "PublishedVisit",
    "RotaError",
    "School",
    "SchoolDates",
    "SolveProgress",
    "Staff",
    "Visit",
    "VisitChange",
    "VisitPin",
    "check_plan",
    "check_problem",
    "explain",
    "make_plan",
    "parse_problem",
    "plan_changes",
    "plan_from_json",
    "plan_to_json",
    "points_for",
    "rank_of",
    "show_date",
    "solve",
    "weights",
]
