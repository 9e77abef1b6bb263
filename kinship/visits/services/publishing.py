"""Publishing a solved plan: INSET days onto the schools' term calendars, visits into the
visitors' and hosts' calendars. A plan's INSET day never adds to a school's: it fills a day
still to be decided or moves one its lead lets move (inset_moves), so each school keeps its
190 pupil days and 5 INSET days. Publishing again after a re-solve changes only what
differs: visits are moved or cancelled, not doubled, INSET days it added are taken off
again and days it moved that are no longer needed are put back.

A school that follows its local authority's shared calendar is given its own copy of that
calendar with its INSET days added; the authority's calendar, which other schools follow,
is never changed.
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext, ngettext

from kinship.accounts.models import User
from kinship.core.templatetags.kinship import format_uk_date
from kinship.schools.models import School
from kinship.schools.selectors import calendars_for_schools, term_year_of
from kinship.schools.services import term_calendar_save
from kinship.schools.term_dates import Closure, ClosureKind, TermYear
from kinship.visits.inset_moves import own_inset_days, plan_moves
from kinship.visits.models import PublishedInset, SolveRun, Visit, VisitPlan
from kinship.visits.selectors import plans as selectors
from kinship.visits.services.calendar import (
    visit_event_cancel,
    visit_event_create,
    visit_event_update,
)

LABEL_LENGTH = 120


@dataclass
class InsetChange:
    """What publishing does to one school's term calendar: the plan's days go on and, so the
    school keeps its count of INSET and pupil days, as many of its own as needed come off."""

    school: School
    wanted: dict[date, str] = field(default_factory=dict)  # every day the plan gives it
    add: list[tuple[date, str]] = field(default_factory=list)  # (day, PublishedInset.Kind)
    remove: list[date] = field(default_factory=list)  # INSET days that become pupil days
    restore: list[Closure] = field(default_factory=list)  # moved before, no longer need to be
    moved: dict[date, str] = field(default_factory=dict)  # own INSET days the plan moves: label
    moves: list[str] = field(default_factory=list)  # "Mon 5 Jan 2032 moves to Tue 2 Mar 2032"
    already: list[tuple[date, str]] = field(default_factory=list)  # INSET there already
    copies_authority: str = ""  # it follows this LA's calendar: it gets its own copy
    warnings: list[str] = field(default_factory=list)  # the term-date checks, once saved

    @property
    def changes(self) -> bool:
        return bool(self.add or self.remove or self.restore)

    def lines(self) -> list[str]:
        """What changes on the school's calendar, day by day, for its leads' email."""
        changed = [
            (day, f"{format_uk_date(day)}: now a {'common' if kind == 'common' else 'staggered'} "
                  "INSET day")
            for day, kind in self.add
        ]  # fmt: skip
        changed += [(day, f"{format_uk_date(day)}: a pupil day again") for day in self.remove]
        changed += [
            (closure.date, f"{format_uk_date(closure.date)}: an INSET day again")
            for closure in self.restore
        ]
        return [line for _day, line in sorted(changed)]


@dataclass
class VisitChange:
    visitor: User
    visitor_school: School
    host_school: School
    date: date
    rank: int | None
    change: str  # "new", "moved", "same", "cancelled" or "called off" (by one side)
    existing: Visit | None = None


@dataclass
class PublishPreview:
    run: SolveRun
    inset: list[InsetChange]
    visits: list[VisitChange]
    problems: list[str]

    def count(self, change: str) -> int:
        """Visits that publishing changes now: those of a school whose term dates wait for
        its head wait with them."""
        return sum(1 for visit in self.visits_now if visit.change == change)

    @property
    def calendar_changes(self) -> list[InsetChange]:
        return [change for change in self.inset if change.changes]

    @property
    def waiting(self) -> set[int]:
        """The schools whose term dates change only when their head accepts."""
        return {change.school.pk for change in self.calendar_changes}

    @property
    def visits_now(self) -> list[VisitChange]:
        waiting = self.waiting
        return [visit for visit in self.visits if visit.visitor_school.pk not in waiting]

    @property
    def visits_waiting(self) -> list[VisitChange]:
        waiting = self.waiting
        return [
            visit
            for visit in self.visits
            if visit.visitor_school.pk in waiting and visit.change in ("new", "moved", "cancelled")
        ]


def publish_summary(preview: PublishPreview) -> str:
    """What publishing changed, in a sentence: "Published: 2 visits added, 1 moved,
    1 cancelled; 3 schools' heads asked to accept new term dates", naming only what
    changed."""
    first = {
        "new": lambda n: ngettext("%(count)d visit added", "%(count)d visits added", n),
        "moved": lambda n: ngettext("%(count)d visit moved", "%(count)d visits moved", n),
        "cancelled": lambda n: ngettext(
            "%(count)d visit cancelled", "%(count)d visits cancelled", n
        ),
    }
    later = {
        "new": gettext("%(count)d added"),
        "moved": gettext("%(count)d moved"),
        "cancelled": gettext("%(count)d cancelled"),
    }
    parts: list[str] = []
    for change in ("new", "moved", "cancelled"):
        count = preview.count(change)
        if count:
            wording = later[change] if parts else first[change](count)
            parts.append(wording % {"count": count})
    visits = ", ".join(parts)
    schools = len(preview.calendar_changes)
    if schools:
        terms = ngettext(
            "%(count)d school's head asked to accept new term dates",
            "%(count)d schools' heads asked to accept new term dates",
            schools,
        ) % {"count": schools}
        waiting = len(preview.visits_waiting)
        if waiting:
            terms += ngettext(
                ", and %(count)d visit waits for the answer",
                ", and %(count)d visits wait for the answers",
                waiting,
            ) % {"count": waiting}
        visits = f"{visits}; {terms}" if visits else terms
    if not visits:
        return gettext("Published: nothing had changed, so no calendar or term dates were touched.")
    return gettext("Published: %(changes)s.") % {"changes": visits}


def _wanted_insets(plan: VisitPlan, run: SolveRun) -> dict[int, dict[date, str]]:
    """The INSET days the run gives each school it planned: its staggered days and the
    common day."""
    schools = run.ids.get("schools", {})
    wanted: dict[int, dict[date, str]] = {}
    for label, days in (run.result or {}).get("inset", {}).items():
        chosen: dict[date, str] = {
            date.fromisoformat(day): PublishedInset.Kind.STAGGERED for day in days
        }
        if plan.common_inset_date is not None:
            chosen[plan.common_inset_date] = PublishedInset.Kind.COMMON
        wanted[schools[label]] = chosen
    return wanted


def inset_changes(
    plan: VisitPlan, run: SolveRun, problems: list[str], *, only: int | None = None
) -> list[InsetChange]:
    """What the run changes on each school's term calendar (`only`: on that school's)."""
    wanted = _wanted_insets(plan, run)
    previous: dict[int, dict[date, PublishedInset]] = {}
    for row in PublishedInset.objects.filter(plan=plan):
        previous.setdefault(row.school_id, {})[row.date] = row
    if only is not None:
        wanted = {only: wanted[only]} if only in wanted else {}
        previous = {only: previous[only]} if only in previous else {}
    letting = {
        row.school_id: [date.fromisoformat(day) for day in row.reschedulable_insets]
        for row in plan.plan_schools.all()
    }
    schools = list(School.objects.filter(pk__in=set(wanted) | set(previous)).order_by("name"))
    calendars = calendars_for_schools(schools, plan.academic_year)
    today = timezone.localdate()
    changes = []
    for school in schools:
        calendar = calendars[school.pk]
        change = InsetChange(school, wanted=wanted.get(school.pk, {}))
        changes.append(change)
        mine = previous.get(school.pk, {})
        ours = {day for day, row in mine.items() if row.added}
        if calendar is None:
            if wanted.get(school.pk):
                problems.append(f"{school.name} has no term dates any more: re-solve the plan.")
            continue
        year = term_year_of(calendar)
        closed = {closure.date for closure in year.closures}
        original = selectors.original_year(year, mine)
        open_days = original.open_days()
        for day, kind in sorted(change.wanted.items()):
            staggered = kind == PublishedInset.Kind.STAGGERED
            if staggered and day not in open_days | ours | closed:
                problems.append(
                    f"{school.name}'s pupils are no longer in on {format_uk_date(day)}: its "
                    "term dates changed since this plan was solved. Re-solve it."
                )
        moves = plan_moves(
            original, change.wanted, letting.get(school.pk, []), after=today, name=school.name
        )
        if moves.problem:
            problems.append(moves.problem)
        labels = {closure.date: closure.label for closure in original.closures}
        change.moved = {day: labels.get(day, "") for day in moves.moved_days}
        change.moves = moves.describe()
        # From the calendar as it is now to the original with the plan's days on and the
        # moved days off: only what differs is touched.
        final = (set(own_inset_days(original)) | set(change.wanted)) - set(change.moved)
        change.add = [
            (day, kind) for day, kind in sorted(change.wanted.items()) if day not in closed
        ]
        change.already = [
            (day, kind)
            for day, kind in sorted(change.wanted.items())
            if day in closed and day not in ours
        ]
        change.remove = sorted(
            day for day in closed if day not in final and (day in ours or day in change.moved)
        )
        change.restore = [
            Closure(day, ClosureKind.INSET, row.label)
            for day, row in sorted(mine.items())
            if row.kind == PublishedInset.Kind.MOVED and day not in change.moved
            and day not in closed
        ]  # fmt: skip
        touched = [day for day, _ in change.add] + change.remove
        touched += [closure.date for closure in change.restore]
        for day in touched:
            if day <= today:
                problems.append(
                    f"Publishing would change {school.name}'s term dates on "
                    f"{format_uk_date(day)}, which has passed."
                )
        if change.changes and calendar.school_id is None:
            change.copies_authority = calendar.la_name
    return changes


def visit_changes(
    plan: VisitPlan, run: SolveRun, problems: list[str], *, only: int | None = None
) -> list[VisitChange]:
    """How the run changes the plan's visits (`only`: those of that school's staff)."""
    ids = run.ids
    staff_school = {person["id"]: person["school"] for person in run.problem.get("staff", [])}
    people = User.objects.in_bulk(list(ids.get("staff", {}).values()))
    schools = School.objects.in_bulk(list(ids.get("schools", {}).values()))
    accepted = plan.visits.filter(status=Visit.Status.ACCEPTED)
    if only is not None:
        accepted = accepted.filter(visitor_school_id=only)
    existing = {
        visit.visitor_id: visit
        for visit in accepted.select_related("visitor", "visitor_school", "host_school")
    }
    # A visit one side called off stays off while the plan still puts it on the same day; one
    # an earlier publish took off comes back when a re-solve puts it back.
    called_off = {
        (visit.visitor_id, visit.host_school_id, visit.date)
        for visit in plan.visits.filter(status=Visit.Status.CANCELLED, cancelled_by_plan=False)
    }
    today = timezone.localdate()
    changes = []
    for planned in (run.result or {}).get("visits", []):
        visitor = people[ids["staff"][planned["staff"]]]
        host = schools[ids["schools"][planned["host"]]]
        own = schools[ids["schools"][staff_school[planned["staff"]]]]
        if only is not None and own.pk != only:
            continue
        day = date.fromisoformat(planned["date"])
        visit = existing.pop(visitor.pk, None)
        if visit is None and (visitor.pk, host.pk, day) in called_off:
            change = "called off"
        elif visit is None:
            change = "new"
        elif visit.host_school_id == host.pk and visit.date == day:
            change = "same"
        else:
            change = "moved"
            if visit.date <= today:
                problems.append(
                    f"{visitor}'s visit on {format_uk_date(visit.date)} has happened: "
                    "publishing cannot move it."
                )
        if change in ("new", "moved") and day <= today:
            problems.append(f"{visitor} would visit on {format_uk_date(day)}, which has passed.")
        changes.append(VisitChange(visitor, own, host, day, planned["rank"], change, visit))
    for visit in existing.values():
        if visit.date <= today:
            continue  # a visit that has happened stays on the record
        changes.append(
            VisitChange(
                visit.visitor, visit.visitor_school, visit.host_school, visit.date, visit.rank,
                "cancelled", visit,
            )
        )  # fmt: skip
    changes.sort(key=lambda c: (c.date, c.host_school.name, c.visitor.display_name))
    return changes


def publish_preview(plan: VisitPlan, run: SolveRun) -> PublishPreview:
    """What publishing `run` would change, and anything that stops it."""
    problems: list[str] = []
    latest = selectors.latest_solved_run(plan)
    if run.status != SolveRun.Status.DONE or run.plan_id != plan.pk:
        problems.append("Only a solved plan can be published.")
        return PublishPreview(run, [], [], problems)
    if latest is not None and latest.pk != run.pk:
        problems.append("A newer plan has been solved since: publish that one.")
    inset = inset_changes(plan, run, problems)
    visits = visit_changes(plan, run, problems)
    return PublishPreview(run, inset, visits, problems)


def _closure_label(plan: VisitPlan, kind: str) -> str:
    if kind == PublishedInset.Kind.COMMON:
        label = f"Common INSET day ({plan.family.name})"
    else:
        label = f"Staggered INSET day: {plan.family.name} classroom visits"
    return label[:LABEL_LENGTH]


def apply_inset(actor: User, plan: VisitPlan, change: InsetChange) -> None:
    if change.changes:
        calendar = calendars_for_schools([change.school], plan.academic_year)[change.school.pk]
        assert calendar is not None  # the preview refuses schools without term dates
        year = term_year_of(calendar)
        removing = set(change.remove)
        closures = [closure for closure in year.closures if closure.date not in removing]
        closures += [
            Closure(day, ClosureKind.INSET, _closure_label(plan, kind)) for day, kind in change.add
        ]
        closures += change.restore
        source = calendar.source or "Kinship"
        if change.copies_authority:
            source = (
                f"{change.copies_authority}'s {year.label} dates, with {plan.family.name}'s "
                "INSET days from Kinship"
            )
        _saved, report = term_calendar_save(
            actor=actor,
            year=TermYear(year.start_year, year.half_terms, tuple(sorted(closures, key=_day))),
            school=change.school,
            source=source[:200],
        )
        change.warnings = list(report.warnings)
    # The record matches the plan: a row for each day it gives, saying whether it put it there,
    # and one for each of the school's own days it moved, to put back if no longer needed.
    rows = PublishedInset.objects.filter(plan=plan, school=change.school)
    rows.exclude(date__in=[*change.wanted, *change.moved]).delete()
    # A day this plan moved off, wanted back on: the school's own, not one it added.
    own = set(rows.filter(kind=PublishedInset.Kind.MOVED).values_list("date", flat=True))
    added = {day for day, _ in change.add} - own
    already = {day for day, _ in change.already} | own
    for day, kind in change.wanted.items():
        values: dict[str, object] = {"kind": kind}
        if day in added:
            values.update(added=True, copied_from_authority=change.copies_authority)
        elif day in already:
            values["added"] = False
        else:
            rows.filter(date=day).update(kind=kind)  # ours, and still on the calendar
            continue
        PublishedInset.objects.update_or_create(
            plan=plan, school=change.school, date=day, defaults=values
        )
    for day, label in change.moved.items():
        if not rows.filter(date=day, kind=PublishedInset.Kind.MOVED).exists():
            PublishedInset.objects.update_or_create(
                plan=plan, school=change.school, date=day,
                defaults={"kind": PublishedInset.Kind.MOVED, "added": False, "label": label},
            )  # fmt: skip


def _day(closure: Closure) -> date:
    return closure.date


def apply_visit(actor: User, plan: VisitPlan, change: VisitChange) -> None:
    if change.change in ("same", "called off"):
        return
    if change.change == "cancelled":
        assert change.existing is not None
        visit = change.existing
        visit.status, visit.cancelled_at = Visit.Status.CANCELLED, timezone.now()
        visit.cancelled_by_plan = True
        visit.save(update_fields=["status", "cancelled_at", "cancelled_by_plan"])
        visit_event_cancel(actor=actor, visit=visit)
        return
    if change.change == "moved":
        assert change.existing is not None
        visit = change.existing
        if visit.host_school_id != change.host_school.pk:
            visit.host, visit.room = None, ""  # the new host school arranges its own
        visit.host_school, visit.date, visit.rank = change.host_school, change.date, change.rank
        visit.save()
        visit_event_update(actor=actor, visit=visit)
        return
    visit = Visit.objects.create(
        family=plan.family,
        source=Visit.Source.PLAN,
        plan=plan,
        visitor=change.visitor,
        visitor_school=change.visitor_school,
        host_school=change.host_school,
        date=change.date,
        start_time=plan.visit_start,
        end_time=plan.visit_end,
        rank=change.rank,
        status=Visit.Status.ACCEPTED,
        decided_at=timezone.now(),
        decided_by=actor,
    )
    visit_event_create(actor=actor, visit=visit)
