"""Open classrooms and the visits asked for through them: offer, ask, answer, arrange,
cancel. An agreed visit goes into both calendars. Each operation is one transaction."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kinship.accounts.models import User
from kinship.core.audit import audit_log
from kinship.core.concurrency import lock_unchanged
from kinship.core.queue import enqueue_with_change
from kinship.core.templatetags.kinship import format_uk_date
from kinship.families.models import Family, FamilyMembership
from kinship.membership import visibility
from kinship.schools.models import School, SchoolRole
from kinship.schools.selectors import calendar_for, term_year_of
from kinship.visits.models import SESSION_TIMES, OpenClassroom, Session, Visit
from kinship.visits.services.calendar import (
    visit_event_cancel,
    visit_event_create,
    visit_event_update,
)

STAFF_ROLES = (SchoolRole.Role.LEAD, SchoolRole.Role.STAFF)
ACTIVE = FamilyMembership.Status.ACTIVE
REQUEST_AHEAD_DAYS = 3660  # as far ahead as events go


@dataclass
class OfferFields:
    school: School
    year_group: str
    subject: str
    focus: str
    weekdays: Sequence[int]
    session: str
    room: str = ""
    places: int = 2
    notes: str = ""
    active: bool = True


def _check_offer(actor: User, fields: OfferFields) -> None:
    errors: dict[str, str] = {}
    works_there = visibility.works_at_school(actor, fields.school)
    if not works_there:
        errors["school"] = "Offer an open classroom at a school where you work."
    if not fields.focus.strip():
        errors["focus"] = "Say what visitors will see."
    weekdays = set(fields.weekdays)
    if not weekdays or not weekdays <= set(range(5)):
        errors["weekdays"] = "Choose the days of the week visitors may come, Monday to Friday."
    if fields.session not in Session.values:
        errors["session"] = "Choose mornings, afternoons or all day."
    if not 1 <= fields.places <= 10:
        errors["places"] = "Take 1 to 10 visitors at a time."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def open_classroom_create(*, actor: User, fields: OfferFields) -> OpenClassroom:
    _check_offer(actor, fields)
    offer = OpenClassroom.objects.create(
        host=actor,
        school=fields.school,
        year_group=fields.year_group,
        subject=fields.subject,
        focus=fields.focus.strip(),
        weekdays=sorted(set(fields.weekdays)),
        session=fields.session,
        room=fields.room.strip(),
        places=fields.places,
        notes=fields.notes.strip(),
        active=fields.active,
    )
    audit_log(actor=actor, action="visits.offer_create", target=offer, summary=offer.summary)
    return offer


OFFER_EDIT_FIELDS = (
    "year_group", "subject", "focus", "weekdays", "session", "room", "places", "notes", "active",
)  # fmt: skip


@transaction.atomic
def open_classroom_update(
    *, actor: User, offer: OpenClassroom, fields: OfferFields, version: str | None = None
) -> OpenClassroom:
    """Change an offer; its school stays. Visits already agreed keep their arrangements.
    `version` is the offer's edit version as the form showed it: a change saved since raises
    EditConflict."""
    offer = lock_unchanged(offer, OFFER_EDIT_FIELDS, version)
    fields.school = offer.school
    _check_offer(offer.host, fields)
    offer.year_group, offer.subject = fields.year_group, fields.subject
    offer.focus, offer.weekdays = fields.focus.strip(), sorted(set(fields.weekdays))
    offer.session, offer.room, offer.places = fields.session, fields.room.strip(), fields.places
    offer.notes, offer.active = fields.notes.strip(), fields.active
    offer.save()
    return offer


# Asking for a visit


def shared_families(first: School, second: School) -> list[Family]:
    """Families both schools are active members of, by name."""
    families = FamilyMembership.objects.filter(school=second, status=ACTIVE).values("family_id")
    return list(
        Family.objects.filter(
            memberships__school=first, memberships__status=ACTIVE, pk__in=families
        ).order_by("name")
    )


def visitor_school_for(actor: User, host_school: School) -> School | None:
    """The school `actor` would visit from: one where they work that shares a family with the
    host (the first by name when there are several)."""
    for role in (
        visibility.school_roles_of(actor, roles=visibility.STAFF_ROLES)
        .select_related("school")
        .order_by("school__name")
    ):
        if role.school_id != host_school.pk and shared_families(role.school, host_school):
            return role.school
    return None


def _check_date(offer: OpenClassroom, day: date) -> None:
    today = timezone.localdate()
    if day <= today:
        raise ValidationError({"date": "Choose a day after today."})
    if day > today + timedelta(days=REQUEST_AHEAD_DAYS):
        raise ValidationError({"date": "That day is too far ahead."})
    if day.weekday() not in offer.weekdays:
        raise ValidationError(
            {"date": f"This open classroom is on {offer.summary.split(', ', 1)[1]}: "
             f"{format_uk_date(day)} is not one of those days."}
        )  # fmt: skip
    calendar = calendar_for(offer.school, day.year if day.month >= 9 else day.year - 1)
    if calendar is not None and not term_year_of(calendar).is_open(day):
        raise ValidationError(
            {"date": f"{offer.school.name}'s pupils are not in on {format_uk_date(day)}."}
        )
    taken = Visit.objects.filter(
        offer=offer, date=day, status__in=(Visit.Status.REQUESTED, Visit.Status.ACCEPTED)
    ).count()
    if taken >= offer.places:
        raise ValidationError(
            {"date": f"{format_uk_date(day)} is full: {offer.places} visitor(s) at a time."}
        )


@transaction.atomic
def visit_request(*, actor: User, offer: OpenClassroom, day: date, focus_question: str) -> Visit:
    """Ask to visit an open classroom on `day`, saying what you would like to find out."""
    if not offer.active:
        raise ValidationError("This open classroom is not taking requests just now.")
    if offer.host_id == actor.pk:
        raise ValidationError("This is your own open classroom.")
    visitor_school = visitor_school_for(actor, offer.school)
    if visitor_school is None:
        raise ValidationError(
            "You can ask to visit a school that shares a family with a school where you work."
        )
    if not focus_question.strip():
        raise ValidationError({"focus_question": "Say what you would like to find out."})
    _check_date(offer, day)
    if Visit.objects.filter(
        offer=offer,
        visitor=actor,
        date=day,
        status__in=(Visit.Status.REQUESTED, Visit.Status.ACCEPTED),
    ).exists():
        raise ValidationError({"date": "You have already asked to come that day."})
    start, end = SESSION_TIMES[Session(offer.session)]
    visit = Visit.objects.create(
        family=shared_families(visitor_school, offer.school)[0],
        source=Visit.Source.OPEN_CLASSROOM,
        offer=offer,
        visitor=actor,
        visitor_school=visitor_school,
        host_school=offer.school,
        host=offer.host,
        date=day,
        start_time=start,
        end_time=end,
        room=offer.room,
        focus_question=focus_question.strip(),
        status=Visit.Status.REQUESTED,
    )
    audit_log(
        actor=actor,
        action="visits.request",
        target=visit,
        summary=f"{actor.email} asked to visit {offer.school.name} on {day:%Y-%m-%d}",
    )
    _email("request", visit)
    return visit


def _email(kind: str, visit: Visit) -> None:
    from kinship.visits.tasks import send_visit_email

    enqueue_with_change(send_visit_email, kind, visit.pk)


@transaction.atomic
def visit_respond(*, actor: User, visit: Visit, accept: bool, note: str = "") -> Visit:
    """The host accepts (the visit goes into both calendars) or declines, with a note."""
    visit = Visit.objects.select_for_update().get(pk=visit.pk)
    if visit.status != Visit.Status.REQUESTED:
        raise ValidationError("This visit has been answered already.")
    if accept and visit.date <= timezone.localdate():
        raise ValidationError("The day asked for has passed: the visitor can ask for another.")
    visit.status = Visit.Status.ACCEPTED if accept else Visit.Status.DECLINED
    visit.response_note = note.strip()[:300]
    visit.decided_at, visit.decided_by = timezone.now(), actor
    visit.save()
    if accept:
        visit_event_create(actor=actor, visit=visit)
    audit_log(
        actor=actor,
        action="visits.accept" if accept else "visits.decline",
        target=visit,
        summary=f"{visit.visitor.email} to {visit.host_school.name} on {visit.date:%Y-%m-%d}",
    )
    _email("answer", visit)
    return visit


# What the arrangements form edits, and so what its version covers.
ARRANGE_FIELDS = ("room", "host")


@transaction.atomic
def visit_arrange(
    *, actor: User, visit: Visit, room: str, host: User | None, version: str | None = None
) -> Visit:
    """The host school says which room, and which teacher the visitor will see. `version`
    is the arrangements as the form showed them: a change saved since raises EditConflict."""
    visit = lock_unchanged(visit, ARRANGE_FIELDS, version)
    if visit.status not in (Visit.Status.REQUESTED, Visit.Status.ACCEPTED):
        raise ValidationError("This visit is not going ahead.")
    if visit.date < timezone.localdate():
        raise ValidationError("This visit has happened.")
    if host is not None and not visibility.works_at_school(host, visit.host_school):
        raise ValidationError({"host": f"{host} does not work at {visit.host_school.name}."})
    changed = visit.room != room.strip() or visit.host_id != (host.pk if host else None)
    visit.room, visit.host = room.strip()[:80], host
    visit.save(update_fields=["room", "host"])
    if changed and visit.status == Visit.Status.ACCEPTED and visit.date > timezone.localdate():
        visit_event_update(actor=actor, visit=visit)
    return visit


FOCUS_FIELDS = ("focus_question",)


@transaction.atomic
def visit_focus_set(
    *, actor: User, visit: Visit, focus_question: str, version: str | None = None
) -> Visit:
    """The visitor says what they would like to find out (a plan's visit starts without).
    `version` is the focus as the form showed it: a change saved since raises EditConflict."""
    visit = lock_unchanged(visit, FOCUS_FIELDS, version)
    visit.focus_question = focus_question.strip()
    visit.save(update_fields=["focus_question"])
    return visit


@transaction.atomic
def visit_cancel(*, actor: User, visit: Visit) -> Visit:
    """Either side calls it off; both calendars are told."""
    visit = Visit.objects.select_for_update().get(pk=visit.pk)
    if visit.status not in (Visit.Status.REQUESTED, Visit.Status.ACCEPTED):
        raise ValidationError("This visit is not going ahead anyway.")
    if visit.date < timezone.localdate():
        raise ValidationError("This visit has happened.")
    was_agreed = visit.status == Visit.Status.ACCEPTED
    visit.status, visit.cancelled_at = Visit.Status.CANCELLED, timezone.now()
    visit.save(update_fields=["status", "cancelled_at"])
    if was_agreed:
        visit_event_cancel(actor=actor, visit=visit)
    audit_log(
        actor=actor,
        action="visits.cancel",
        target=visit,
        summary=f"{visit.visitor.email} to {visit.host_school.name} on {visit.date:%Y-%m-%d}",
    )
    return visit


RECORD_BACK_DAYS = 366


@transaction.atomic
def visit_record(*, actor: User, host_school: School, day: date, focus_question: str = "") -> Visit:
    """Record a visit `actor` made that was arranged outside Kinship (by phone, at a meeting),
    so it counts in the visits each school gives and receives and can be reflected on."""
    today = timezone.localdate()
    if day > today:
        raise ValidationError({"date": "Record a visit once it has happened; ask for future ones."})
    if day < today - timedelta(days=RECORD_BACK_DAYS):
        raise ValidationError({"date": "Record visits from the past year."})
    if day.weekday() >= 5:
        raise ValidationError({"date": "That day is a weekend."})
    visitor_school = visitor_school_for(actor, host_school)
    if visitor_school is None:
        raise ValidationError(
            {"host_school": "Record visits to schools that share a family with yours."}
        )
    if Visit.objects.filter(
        visitor=actor, host_school=host_school, date=day, status=Visit.Status.ACCEPTED
    ).exists():
        raise ValidationError({"date": "That visit is recorded already."})
    start, end = SESSION_TIMES[Session.ALL_DAY]
    visit = Visit.objects.create(
        family=shared_families(visitor_school, host_school)[0],
        source=Visit.Source.RECORDED,
        visitor=actor,
        visitor_school=visitor_school,
        host_school=host_school,
        date=day,
        start_time=start,
        end_time=end,
        focus_question=focus_question.strip(),
        status=Visit.Status.ACCEPTED,
        decided_at=timezone.now(),
        decided_by=actor,
    )
    audit_log(
        actor=actor,
        action="visits.record",
        target=visit,
        summary=f"{actor.email} recorded a visit to {host_school.name} on {day:%Y-%m-%d}",
    )
    return visit
