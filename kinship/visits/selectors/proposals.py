"""Reads about proposed changes to term dates: who sees which, and what waits for whom."""

from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from kinship.accounts.types import Viewer
from kinship.families.models import Family
from kinship.membership import visibility
from kinship.schools.models import SchoolRole
from kinship.visits.models import TermDateProposal, VisitPlan

LEAD_ONLY = (SchoolRole.Role.LEAD,)


def proposals_visible_to(user: Viewer) -> QuerySet[TermDateProposal]:
    """A school's leads and the family's coordinators see its proposals; its staff see the
    ones accepted (their term dates changed). Never pupils or partners."""
    if not visibility.is_staff_account(user):
        return TermDateProposal.objects.none()
    return TermDateProposal.objects.filter(
        Q(school_id__in=visibility.school_ids_of_user(user, roles=LEAD_ONLY))
        | Q(family_id__in=visibility.coordinated_family_ids(user))
        | Q(
            school_id__in=visibility.staff_school_ids(user),
            status=TermDateProposal.Status.ACCEPTED,
        )
    )


def visible_proposal_ids(user: Viewer) -> QuerySet[Any]:
    """For notifications: the proposals the person may see now."""
    return proposals_visible_to(user).values("pk")


def waiting_for(user: Viewer) -> QuerySet[TermDateProposal]:
    """Proposals the person's answer is awaited on: those of schools they lead."""
    if not visibility.is_staff_account(user):
        return TermDateProposal.objects.none()
    return (
        TermDateProposal.objects.filter(
            school_id__in=visibility.school_ids_of_user(user, roles=LEAD_ONLY),
            status=TermDateProposal.Status.PENDING,
        )
        .select_related("school", "plan", "family")
        .order_by("respond_by", "school__name")
    )


def latest_for_plan(plan: VisitPlan) -> list[TermDateProposal]:
    """Each school's latest proposal from the plan's publishes: pending, accepted or
    declined (a superseded one has been replaced)."""
    latest: dict[int, TermDateProposal] = {}
    rows = (
        plan.proposals.exclude(status=TermDateProposal.Status.SUPERSEDED)
        .select_related("school", "decided_by")
        .order_by("school__name", "-proposed_at")
    )
    for proposal in rows:
        latest.setdefault(proposal.school_id, proposal)
    return list(latest.values())


def common_day_answers(family: Family) -> dict[date, list[TermDateProposal]]:
    """Each proposed common day (latest first) with every school's latest answer."""
    rows = (
        TermDateProposal.objects.filter(family=family, plan=None, common_day__isnull=False)
        .exclude(status=TermDateProposal.Status.SUPERSEDED)
        .select_related("school", "decided_by")
        .order_by("-common_day", "school__name")
    )
    days: dict[date, list[TermDateProposal]] = {}
    for proposal in rows:
        assert proposal.common_day is not None
        days.setdefault(proposal.common_day, []).append(proposal)
    return days
