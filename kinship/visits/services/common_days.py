"""A common INSET day for a whole family, agreed by each school's head (issue 18).

The coordinator proposes a day from the family calendar; each member school's lead accepts
(choosing which of the school's own INSET days becomes a pupil day instead, so the school
keeps its 190 pupil days and 5 INSET days) or declines. A school for which the day is already
an INSET day has nothing to agree to.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from kinship.accounts.models import User
from kinship.core.audit import audit_log
from kinship.core.templatetags.kinship import format_uk_date
from kinship.families.models import Family
from kinship.membership.visibility import active_member_schools, staff_of_school
from kinship.notifications.services import notify
from kinship.schools.models import School
from kinship.schools.selectors import calendars_for_schools, term_year_of
from kinship.schools.services import term_calendar_save
from kinship.schools.term_dates import Closure, ClosureKind, TermYear, academic_year_of
from kinship.visits.inset_moves import own_inset_days, plan_moves
from kinship.visits.models import PublishedInset, TermDateProposal
from kinship.visits.services.proposals import ACCEPTED, PROPOSED, coordinators_of, leads_of


@dataclass(frozen=True)
class CommonDayPlan:
    """What proposing `day` would ask of the family's schools."""

    day: date
    asking: list[School]  # schools whose heads are asked
    already: list[School]  # the day is an INSET day there already
    problems: list[str]  # what stops it


def common_day_plan(family: Family, day: date) -> CommonDayPlan:
    schools = list(active_member_schools([family.pk]).order_by("name"))
    calendars = calendars_for_schools(schools, academic_year_of(day))
    asking: list[School] = []
    already: list[School] = []
    problems: list[str] = []
    if day <= timezone.localdate():
        problems.append("A common INSET day must be after today.")
    if day.weekday() >= 5:
        problems.append(f"{format_uk_date(day)} is a weekend.")
    for school in schools:
        calendar = calendars[school.pk]
        if calendar is None:
            problems.append(f"{school.name} has no term dates for that year yet.")
            continue
        year = term_year_of(calendar)
        if day in own_inset_days(year):
            already.append(school)
        elif year.is_open(day):
            asking.append(school)
        else:
            problems.append(f"{school.name} is closed on {format_uk_date(day)} already.")
    return CommonDayPlan(day, asking, already, problems)


@transaction.atomic
def common_day_propose(
    *, actor: User, family: Family, day: date, respond_by: date
) -> CommonDayPlan:
    """Ask each member school's head to make `day` an INSET day. ValidationError naming what
    stops it (a school closed that day, one without term dates); nothing is asked then."""
    # One proposal at a time: two at once would each find nothing pending to replace.
    Family.objects.select_for_update().filter(pk=family.pk).first()
    found = common_day_plan(family, day)
    if respond_by >= day or respond_by < timezone.localdate():
        found.problems.append("The answer is needed between today and the day before.")
    if found.problems:
        raise ValidationError(found.problems)
    for school in found.asking:
        TermDateProposal.objects.filter(
            family=family, school=school, common_day=day, plan=None, status="pending"
        ).update(status=TermDateProposal.Status.SUPERSEDED)
        proposal = TermDateProposal.objects.create(
            family=family,
            school=school,
            common_day=day,
            lines=[
                f"{format_uk_date(day)}: now a common INSET day for {family.name}",
                "One of the school's own INSET days becomes a pupil day instead: the head "
                "chooses which on accepting.",
            ],
            respond_by=respond_by,
            proposed_by=actor,
        )
        notify(
            recipients=leads_of(school),
            kind=PROPOSED,
            title=(
                f"Please answer by {format_uk_date(respond_by)}: {family.name} proposes "
                f"{format_uk_date(day)} as a common INSET day"
            ),
            body="\n".join(proposal.lines),
            url=reverse("visits:proposal_detail", args=[proposal.pk]),
            target=proposal,
        )
    audit_log(
        actor=actor,
        action="visits.common_day_propose",
        target=family,
        summary=f"{format_uk_date(day)} proposed to {len(found.asking)} schools",
    )
    return found


def _year_of(proposal: TermDateProposal) -> tuple[TermYear, bool]:
    assert proposal.common_day is not None
    calendar = calendars_for_schools([proposal.school], academic_year_of(proposal.common_day))[
        proposal.school.pk
    ]
    if calendar is None:
        raise ValidationError(f"{proposal.school.name} has no term dates for that year any more.")
    return term_year_of(calendar), calendar.school_id is None


def giving_way_choices(proposal: TermDateProposal) -> tuple[list[date], bool]:
    """The school's own INSET days still to come that could become pupil days, and whether
    it has one still to be decided (fewer than 5), so that none need give way."""
    year, _shared = _year_of(proposal)
    own = own_inset_days(year)
    today = timezone.localdate()
    agreed = _agreed_days(proposal.school_id)
    choices = [day for day in own if day > today and day != proposal.common_day]
    return [day for day in choices if day not in agreed], len(own) < 5


def _agreed_days(school_id: int) -> set[date]:
    """The school's INSET days agreed with others, which are not its own to give way: common
    days it accepted, and the days published plans gave it (other schools' staff visit)."""
    common = TermDateProposal.objects.filter(
        school_id=school_id, status=TermDateProposal.Status.ACCEPTED, common_day__isnull=False
    ).values_list("common_day", flat=True)
    planned = PublishedInset.objects.filter(school_id=school_id).exclude(
        kind=PublishedInset.Kind.MOVED
    )
    return {day for day in common if day is not None} | set(planned.values_list("date", flat=True))


@transaction.atomic
def common_day_accept(
    *, actor: User, proposal: TermDateProposal, gives_way: date | None
) -> list[str]:
    """The head agrees: the common day becomes an INSET day and `gives_way` (one of the
    school's own) a pupil day. Returns the term-date checks' warnings."""
    proposal = TermDateProposal.objects.select_for_update().get(pk=proposal.pk)
    if not proposal.is_pending or proposal.common_day is None:
        raise ValidationError("This proposal has already been answered.")
    day = proposal.common_day
    school = proposal.school
    # One change to the school's term dates at a time: each reads the year and saves it whole.
    School.objects.select_for_update().filter(pk=school.pk).first()
    if not active_member_schools([proposal.family_id]).filter(pk=school.pk).exists():
        raise ValidationError(
            f"{school.name} is no longer in {proposal.family.name}: its common day no longer "
            "applies."
        )
    if day <= timezone.localdate():
        # Too late: the day has passed (or is today), and a school's past days never change.
        raise ValidationError(f"{format_uk_date(day)} has passed: it can no longer be accepted.")
    year, shared = _year_of(proposal)
    if not year.is_open(day):
        raise ValidationError(f"{school.name}'s pupils are no longer in on {format_uk_date(day)}.")
    if gives_way is not None and gives_way in _agreed_days(school.pk):
        raise ValidationError(
            f"{format_uk_date(gives_way)} is agreed with other schools: choose one of the "
            "school's own INSET days instead."
        )
    letting = [gives_way] if gives_way else []
    moves = plan_moves(year, [day], letting, after=timezone.localdate(), name=school.name)
    if moves.problem:
        raise ValidationError(
            "Choose which of the school's own INSET days becomes a pupil day instead, so it "
            "keeps its 5 INSET days."
        )
    gone = set(moves.moved_days)
    label = f"Common INSET day ({proposal.family.name})"[:120]
    closures = [c for c in year.closures if c.date not in gone]
    closures.append(Closure(day, ClosureKind.INSET, label))
    _saved, report = term_calendar_save(
        actor=actor,
        year=TermYear(year.start_year, year.half_terms, tuple(sorted(closures, key=_day))),
        school=school,
        source=(
            f"{school.la_name}'s {year.label} dates, with {proposal.family.name}'s common INSET day"
            if shared
            else f"Kinship: {proposal.family.name}'s common INSET day"
        )[:200],
    )
    proposal.lines = [
        f"{format_uk_date(day)}: now a common INSET day for {proposal.family.name}",
        *(f"{format_uk_date(own)}: a pupil day again" for own in sorted(gone)),
    ]
    proposal.status = TermDateProposal.Status.ACCEPTED
    proposal.decided_by, proposal.decided_at = actor, timezone.now()
    proposal.save(update_fields=["lines", "status", "decided_by", "decided_at"])
    audit_log(
        actor=actor,
        action="visits.term_dates_accept",
        target=proposal,
        summary=f"{school.name} accepted {format_uk_date(day)} as a common INSET day",
    )
    notify(
        recipients=[*staff_of_school(school).distinct(), *coordinators_of(proposal)],
        kind=ACCEPTED,
        title=f"{school.name}'s term dates have changed: {proposal.title}",
        body="\n".join(proposal.lines),
        url=reverse("visits:proposal_detail", args=[proposal.pk]),
        target=proposal,
    )
    return list(report.warnings)


def _day(closure: Closure) -> date:
    return closure.date
