"""A reminder in the daily digest for a head whose answer to a change of term dates is due
within two days (or is late): the proposal asks them to act, and its deadline is near.
Registered in VisitsConfig.ready()."""

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from kinship.accounts.models import User
from kinship.core.templatetags.kinship import format_uk_date
from kinship.notifications.models import Frequency
from kinship.notifications.registry import DigestLine, DigestProvider, DigestSection
from kinship.schools.models import SchoolRole
from kinship.visits.models import TermDateProposal
from kinship.visits.selectors.proposals import waiting_for

REMIND_WITHIN = timedelta(days=2)


def _due_soon(now: datetime) -> QuerySet[TermDateProposal]:
    today = timezone.localdate(now)
    return TermDateProposal.objects.filter(
        status=TermDateProposal.Status.PENDING, respond_by__lte=today + REMIND_WITHIN
    ).exclude(common_day__lte=today)  # a common day gone by can no longer be accepted


def answer_due_recipients(now: datetime) -> QuerySet[Any]:
    """The leads of schools with a proposal to answer within two days."""
    schools = _due_soon(now).values("school_id")
    return (
        User.objects.filter(
            is_active=True,
            school_roles__role=SchoolRole.Role.LEAD,
            school_roles__school_id__in=schools,
        )
        .values("pk")
        .distinct()
    )


def answer_due_sections(person: User, now: datetime) -> Sequence[DigestSection]:
    due = waiting_for(person).filter(pk__in=_due_soon(now).values("pk"))
    lines = tuple(
        DigestLine(
            f"{proposal.school.name}: {proposal.title}, answer by "
            f"{format_uk_date(proposal.respond_by)}",
            reverse("visits:proposal_detail", args=[proposal.pk]),
        )
        for proposal in due
    )
    if not lines:
        return []
    return [
        DigestSection(
            heading="Changes to your term dates waiting for your answer",
            lines=lines,
            subject="A change to your school's term dates is waiting for your answer",
        )
    ]


ANSWER_DUE = DigestProvider(
    frequency=Frequency.DAILY, recipients=answer_due_recipients, sections=answer_due_sections
)
