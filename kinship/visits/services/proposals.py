"""Publishing a plan, and the heads' answer to what it does to their term dates.

Parents plan around the term dates a school publishes, so a plan never changes them on the
coordinator's say-so. Publishing proposes each school's change to its lead, with a date to
answer by; the school's calendar, its feeds and its own staff's visits change only when the
lead accepts. A decline rules the proposed days out of the plan for that school, and the
coordinators are told to solve it again. Visits of schools whose term dates need no change
go into calendars at once.
"""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from kinship.accounts.models import User
from kinship.core.audit import audit_log
from kinship.core.templatetags.kinship import format_uk_date
from kinship.families.models import FamilyRole
from kinship.membership.visibility import staff_of_school
from kinship.notifications.services import notify
from kinship.schools.models import School, SchoolRole
from kinship.visits.models import PlanPin, PlanSchool, SolveRun, TermDateProposal, VisitPlan
from kinship.visits.services.publishing import (
    InsetChange,
    PublishPreview,
    apply_inset,
    apply_visit,
    inset_changes,
    publish_preview,
    visit_changes,
)

ANSWER_WITHIN = timedelta(days=14)
PROPOSED = "visits.term_dates_proposed"
ACCEPTED = "visits.term_dates_accepted"
DECLINED = "visits.term_dates_declined"


def answer_by(change: InsetChange, today: date) -> date:
    """Two weeks to answer, but never later than the day before the first day it changes."""
    touched = [day for day, _kind in change.add] + change.remove
    touched += [closure.date for closure in change.restore]
    latest = min(touched) - timedelta(days=1) if touched else today + ANSWER_WITHIN
    return max(today, min(today + ANSWER_WITHIN, latest))


def leads_of(school: School) -> list[User]:
    return list(
        staff_of_school(school)
        .filter(school_roles__school=school, school_roles__role=SchoolRole.Role.LEAD)
        .distinct()
    )


def coordinators_of(proposal: TermDateProposal) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            family_roles__family_id=proposal.family_id,
            family_roles__role=FamilyRole.Role.COORDINATOR,
        ).distinct()
    )


def _url(proposal: TermDateProposal) -> str:
    return reverse("visits:proposal_detail", args=[proposal.pk])


def _propose(actor: User, plan: VisitPlan, run: SolveRun, change: InsetChange) -> None:
    today = timezone.localdate()
    TermDateProposal.objects.filter(
        plan=plan, school=change.school, status=TermDateProposal.Status.PENDING
    ).update(status=TermDateProposal.Status.SUPERSEDED)
    proposal = TermDateProposal.objects.create(
        family=plan.family,
        school=change.school,
        plan=plan,
        run=run,
        lines=change.lines(),
        respond_by=answer_by(change, today),
        proposed_by=actor,
    )
    notify(
        recipients=leads_of(change.school),
        kind=PROPOSED,
        title=(
            f"Please answer by {format_uk_date(proposal.respond_by)}: {plan.title} would "
            f"change {change.school.name}'s term dates"
        ),
        body="\n".join(proposal.lines),
        url=_url(proposal),
        target=proposal,
    )


@transaction.atomic
def plan_publish(*, actor: User, plan: VisitPlan, run: SolveRun) -> PublishPreview:
    """Publish `run`: each school whose term dates it changes is asked (and its staff's
    visits wait for the answer); every other visit goes into calendars now. ValidationError
    listing what stops it; nothing is changed then."""
    VisitPlan.objects.select_for_update().filter(pk=plan.pk).first()
    preview = publish_preview(plan, run)
    if preview.problems:
        raise ValidationError(preview.problems)
    waiting = preview.waiting
    # A school this publish no longer asks to change has nothing left to answer.
    TermDateProposal.objects.filter(plan=plan, status=TermDateProposal.Status.PENDING).exclude(
        school_id__in=waiting
    ).update(status=TermDateProposal.Status.SUPERSEDED)
    for change in preview.inset:
        if change.changes:
            _propose(actor, plan, run, change)
        else:
            apply_inset(actor, plan, change)  # the record of days it already has
    for visit_change in preview.visits_now:
        apply_visit(actor, plan, visit_change)
    plan.published_run, plan.published_at, plan.published_by = run, timezone.now(), actor
    plan.save(update_fields=["published_run", "published_at", "published_by"])
    audit_log(
        actor=actor,
        action="visits.plan_publish",
        target=plan,
        summary=f"{plan.title}: {preview.count('new')} new, {preview.count('moved')} moved, "
        f"{preview.count('cancelled')} cancelled visits; "
        f"term-date changes proposed to {len(waiting)} schools",
    )
    return preview


def _locked_pending(proposal: TermDateProposal) -> TermDateProposal:
    locked = (
        TermDateProposal.objects.select_for_update(of=("self",))
        .select_related("plan", "school", "family")
        .get(pk=proposal.pk)
    )
    if not locked.is_pending:
        raise ValidationError(
            f"This proposal has already been answered: {locked.get_status_display().lower()}."
        )
    return locked


@transaction.atomic
def proposal_accept(*, actor: User, proposal: TermDateProposal) -> list[str]:
    """The head agrees: the term dates change and the school's staff's visits go into
    calendars. Returns the term-date checks' warnings. ValidationError when the change can
    no longer be made (the dates have passed, the term dates changed since)."""
    # The plan first, then the proposal: the order publishing takes them in (it supersedes
    # the plan's pending proposals), or an accept during a re-publish could deadlock.
    VisitPlan.objects.select_for_update().filter(pk=proposal.plan_id or 0).first()
    proposal = _locked_pending(proposal)
    plan = proposal.plan
    if plan is None:
        raise ValidationError("This proposal has no plan.")  # common days: their own service
    # One change to the school's term dates at a time (a common day's too): each reads the
    # year and saves it whole.
    School.objects.select_for_update().filter(pk=proposal.school_id).first()
    run = plan.published_run
    if run is None or run.pk != proposal.run_id:
        raise ValidationError("The plan has been published again since: answer the newer one.")
    problems: list[str] = []
    changes = inset_changes(plan, run, problems, only=proposal.school_id)
    visits = visit_changes(plan, run, problems, only=proposal.school_id)
    if problems:
        raise ValidationError(problems)
    warnings: list[str] = []
    for change in changes:
        apply_inset(actor, plan, change)
        warnings += change.warnings
    for visit_change in visits:
        apply_visit(actor, plan, visit_change)
    proposal.status = TermDateProposal.Status.ACCEPTED
    proposal.decided_by, proposal.decided_at = actor, timezone.now()
    proposal.save(update_fields=["status", "decided_by", "decided_at"])
    school = proposal.school
    audit_log(
        actor=actor,
        action="visits.term_dates_accept",
        target=proposal,
        summary=f"{school.name} accepted {plan.title}'s term dates",
    )
    told = [*staff_of_school(school).distinct(), *coordinators_of(proposal)]
    notify(
        recipients=told,
        kind=ACCEPTED,
        title=f"{school.name}'s term dates have changed: {plan.title}",
        body="\n".join(proposal.lines),
        url=_url(proposal),
        target=proposal,
    )
    return warnings


@transaction.atomic
def proposal_decline(*, actor: User, proposal: TermDateProposal, reason: str) -> None:
    """The head says no: nothing changes at the school, the days the plan wanted are ruled
    out for it, and the coordinators are asked to solve the plan again."""
    proposal = _locked_pending(proposal)
    proposal.status = TermDateProposal.Status.DECLINED
    proposal.decided_by, proposal.decided_at = actor, timezone.now()
    proposal.reason = reason.strip()
    proposal.save(update_fields=["status", "decided_by", "decided_at", "reason"])
    if proposal.plan is not None and proposal.run is not None:
        _rule_out_declined_days(proposal.plan, proposal.run, proposal.school_id)
    audit_log(
        actor=actor,
        action="visits.term_dates_decline",
        target=proposal,
        summary=f"{proposal.school.name} declined {proposal.title}'s term dates",
    )
    notify(
        recipients=coordinators_of(proposal),
        kind=DECLINED,
        title=f"{proposal.school.name} declined the term-date change: {proposal.title}",
        body=proposal.reason or "No reason given.",
        url=_url(proposal),
        target=proposal,
    )


def _rule_out_declined_days(plan: VisitPlan, run: SolveRun, school_id: int) -> None:
    """The staggered days the plan gave the school become days it cannot take, so the next
    solve finds it others (a day the coordinator pinned stays theirs to take off)."""
    labels = {pk: label for label, pk in run.ids.get("schools", {}).items()}
    days = set((run.result or {}).get("inset", {}).get(labels.get(school_id, ""), []))
    pinned = plan.pins.filter(kind=PlanPin.Kind.INSET, school_id=school_id)
    days -= {day.isoformat() for day in pinned.values_list("date", flat=True) if day}
    row, _made = PlanSchool.objects.select_for_update().get_or_create(
        plan=plan, school_id=school_id
    )
    row.excluded_dates = sorted(set(row.excluded_dates) | days)
    row.save()
