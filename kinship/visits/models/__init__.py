"""The visits app's models: a package so no module passes the house limit."""

from kinship.visits.models.plans import (
    PlanPin,
    PlanSchool,
    PublishedInset,
    SolveRun,
    StaffPreference,
    VisitPlan,
)
from kinship.visits.models.proposals import TermDateProposal
from kinship.visits.models.visits import (
    DECLARATION_WORDING,
    ClearanceDeclaration,
    JointAction,
    JointActionNote,
    OpenClassroom,
    Reflection,
    Visit,
)
from kinship.visits.models.vocabulary import SESSION_TIMES, Session, Subject, YearGroup

__all__ = [
    "DECLARATION_WORDING",
    "SESSION_TIMES",
    "ClearanceDeclaration",
    "JointAction",
    "JointActionNote",
    "OpenClassroom",
    "PlanPin",
    "PlanSchool",
    "PublishedInset",
    "Reflection",
    "Session",
    "SolveRun",
    "StaffPreference",
    "Subject",
    "TermDateProposal",
    "Visit",
    "VisitPlan",
    "YearGroup",
]
