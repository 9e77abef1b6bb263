"""Permission matrix rows for classroom visits.

A spring 2032 plan for Kaizen (run by its coordinator), the teacher's open classroom at Birch,
the head's request to visit it, a visit the teacher made to Alder with a reflection and a
joint action, and the head's clearance declarations at Alder. Coordinators run plans; school
leads set their school's part and declare their staff cleared; the two sides of a visit (the
visitor, and the host teacher or host school's leads) see it and work on it together; a
reflection is theirs alone. Partners, pupils and outsiders are not told a plan exists.
"""

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from kinship.conftest import Personas
from kinship.schools.models import TermCalendar
from kinship.schools.services import term_calendar_save
from kinship.schools.tests.term_years import LANCASHIRE
from kinship.tests.matrix import FAMILY_HIDDEN, NOT_FOR_PUPILS, OK, STAFF_ONLY, Case, Expect, expect
from kinship.visits.models import (
    ClearanceDeclaration,
    JointAction,
    OpenClassroom,
    PlanPin,
    SolveRun,
    TermDateProposal,
    Visit,
    VisitPlan,
)
from kinship.visits.selectors.plans import school_state
from kinship.visits.services import clearances, reflections, visits
from kinship.visits.services.plans import plan_pin_inset, visit_plan_create
from kinship.visits.services.solving import solve_run_start
from kinship.visits.tests.conftest import plan_fields

TUESDAY = date(2032, 3, 2)  # Birch, on Lancashire's dates, is in
RUNNERS: dict[str, Expect] = dict(admin=OK, coordinator=OK, head=403, teacher=403, **FAMILY_HIDDEN)
NOT_RUNNERS: dict[str, Expect] = dict(admin=403, coordinator=403, **FAMILY_HIDDEN)
NOT_STAFF_OF_PLAN: dict[str, Expect] = dict(teacher=403, **FAMILY_HIDDEN)


def _plan(p: Personas) -> VisitPlan:
    if not TermCalendar.objects.filter(la_name="Lancashire").exists():
        term_calendar_save(actor=None, year=LANCASHIRE, la_name="Lancashire")
    existing = VisitPlan.objects.first()
    if existing is not None:
        return existing
    return visit_plan_create(actor=p.coordinator, family=p.family, fields=plan_fields())


def _pin(p: Personas) -> PlanPin:
    plan = _plan(p)
    day = school_state(plan, p.school).candidates[0]
    return PlanPin.objects.first() or plan_pin_inset(
        actor=p.coordinator, plan=plan, school=p.school, day=day
    )


def _run(p: Personas) -> SolveRun:
    plan = _plan(p)
    return SolveRun.objects.first() or solve_run_start(actor=p.coordinator, plan=plan)


def _proposal(p: Personas) -> TermDateProposal:
    """A published plan's change to Alder's term dates, waiting for its head (the head)."""
    return TermDateProposal.objects.first() or TermDateProposal.objects.create(
        family=p.family, school=p.school, plan=_plan(p), respond_by=date(2032, 1, 5),
        lines=["Mon 7 Jun 2032: a pupil day again"], proposed_by=p.coordinator,
    )  # fmt: skip


def _offer(p: Personas) -> OpenClassroom:
    _plan(p)  # the term dates
    return OpenClassroom.objects.first() or visits.open_classroom_create(
        actor=p.teacher,
        fields=visits.OfferFields(
            school=p.second_school, year_group="y6", subject="writing", focus="Modelled writing",
            weekdays=[1], session="morning",
        ),
    )  # fmt: skip


def _request(p: Personas) -> Visit:
    """The head (Alder) asks to visit the teacher's open classroom at Birch."""
    offer = _offer(p)
    existing = Visit.objects.filter(offer=offer).first()
    return existing or visits.visit_request(
        actor=p.head, offer=offer, day=TUESDAY, focus_question="How do you model it?"
    )


def _past_visit(p: Personas) -> Visit:
    """The teacher (Birch) visited Alder, whose lead is the head."""
    existing = Visit.objects.filter(source=Visit.Source.RECORDED).first()
    if existing is not None:
        return existing
    day = timezone.localdate() - timedelta(days=1)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return visits.visit_record(actor=p.teacher, host_school=p.school, day=day)


def _reflected(p: Personas) -> Visit:
    visit = _past_visit(p)
    if not hasattr(visit, "reflection"):
        reflections.reflection_save(actor=p.teacher, visit=visit, saw="Reading", will_try="Echo")
    return visit


def _joint_action(p: Personas) -> JointAction:
    visit = _past_visit(p)
    return JointAction.objects.first() or reflections.joint_action_add(
        actor=p.teacher, visit=visit, text="Try echo reading"
    )


def _declaration(p: Personas) -> ClearanceDeclaration:
    return clearances.clearance_declare(actor=p.head, school=p.school, person=p.head)


def _visit_case(name: str, expected: dict[str, Expect], visit: Any, **kwargs: Any) -> Case:
    return Case(f"visits:{name}", expect(404, **expected), args=lambda p: [visit(p).pk], **kwargs)


def _plan_case(name: str, expected: Mapping[str, Expect], **kwargs: Any) -> Case:
    return Case(f"visits:{name}", expect(OK, **expected), args=lambda p: [_plan(p).pk], **kwargs)


VISITS_CASES: list[Case] = [
    Case("visits:home", expect(OK, **STAFF_ONLY)),
    Case("visits:offer_list", expect(OK, **STAFF_ONLY)),
    Case("visits:offer_create", expect(403, head=OK, teacher=OK, outsider=OK)),
    Case("visits:visit_record", expect(403, head=OK, teacher=OK, outsider=OK)),
    Case(
        "visits:offer_detail",
        expect(OK, outsider=404, partner=404, pupil=NOT_FOR_PUPILS),
        args=lambda p: [_offer(p).pk],
    ),
    Case(
        "visits:offer_edit",
        expect(403, teacher=OK, outsider=404, partner=404, pupil=NOT_FOR_PUPILS),
        args=lambda p: [_offer(p).pk],
    ),
    Case(
        "visits:visit_request",
        expect(403, head=OK, outsider=404, partner=404, pupil=NOT_FOR_PUPILS),
        args=lambda p: [_offer(p).pk],
        method="post",
        data=lambda p: {"date": TUESDAY.isoformat(), "focus_question": "How do you model it?"},
    ),
    # The head's request: the head is the visitor (and visiting school's lead), the teacher hosts.
    _visit_case("visit_detail", dict(head=OK, teacher=OK), _request),
    _visit_case(
        "visit_respond",
        dict(head=403, teacher=OK),
        _request,
        method="post",
        data=lambda p: {"decision": "decline"},
    ),
    _visit_case(
        "visit_arrange",
        dict(head=403, teacher=OK),
        _request,
        method="post",
        data=lambda p: {"room": "Hall"},
    ),
    _visit_case("visit_arrange", dict(head=403, teacher=OK), _request, label="page"),
    _visit_case(
        "visit_focus",
        dict(head=OK, teacher=403),
        _request,
        method="post",
        data=lambda p: {"focus_question": "Feedback in the moment"},
    ),
    _visit_case("visit_cancel", dict(head=OK, teacher=OK), _request, method="post"),
    # The teacher's visit to Alder: the teacher reflects; Alder's head is the host side.
    _visit_case("reflection_edit", dict(head=403, teacher=OK), _past_visit),
    _visit_case(
        "reflection_share",
        dict(head=OK, teacher=OK),
        _reflected,
        method="post",
        data=lambda p: {"agree": "1"},
    ),
    _visit_case(
        "joint_action_add",
        dict(head=OK, teacher=OK),
        _past_visit,
        method="post",
        data=lambda p: {"text": "Try echo reading"},
    ),
    Case(
        "visits:joint_action_update",
        expect(404, head=OK, teacher=OK),
        args=lambda p: [_joint_action(p).pk],
        method="post",
        data=lambda p: {"status": "trying", "note": "Started"},
    ),
    Case(
        "visits:joint_action_update",
        expect(404, head=OK, teacher=OK),
        args=lambda p: [_joint_action(p).pk],
        label="page",
    ),
    # A change to a school's term dates: its leads answer, its family's coordinators follow.
    Case(
        "visits:proposal_detail",
        expect(404, coordinator=OK, head=OK),
        args=lambda p: [_proposal(p).pk],
    ),
    Case(
        "visits:proposal_answer",
        expect(404, coordinator=403, head=302),
        args=lambda p: [_proposal(p).pk],
        method="post",
        data=lambda p: {"decision": "decline", "reason": "Our residential is that week."},
    ),
    Case("visits:clearance_list", expect(403, head=OK), args=lambda p: [p.school.urn]),
    Case(
        "visits:clearance_declare",
        expect(403, head=OK),
        args=lambda p: [p.school.urn],
        method="post",
        data=lambda p: {"person": p.head.pk, "confirm": "on"},
    ),
    Case(
        "visits:clearance_withdraw",
        expect(403, head=OK),
        args=lambda p: [p.school.urn, _declaration(p).pk],
        method="post",
    ),
    Case(
        "visits:sign_in_sheet",
        expect(403, teacher=OK, pupil=NOT_FOR_PUPILS),
        args=lambda p: [p.second_school.urn],
    ),
    Case(
        "visits:reciprocity",
        expect(403, admin=OK, coordinator=OK, teacher=OK, pupil=NOT_FOR_PUPILS),
        args=lambda p: [p.second_school.urn],
    ),
    Case(
        "visits:who_visits_whom",
        expect(403, admin=OK, coordinator=OK, head=OK, **FAMILY_HIDDEN),
        args=lambda p: [p.family.slug],
    ),
    Case(
        "visits:common_day_list",
        expect(403, coordinator=OK, **FAMILY_HIDDEN),
        args=lambda p: [p.family.slug],
    ),
    Case(
        "visits:plan_create",
        expect(403, admin=OK, coordinator=OK, **FAMILY_HIDDEN),
        args=lambda p: [p.family.slug],
    ),
    _plan_case("plan_detail", dict(FAMILY_HIDDEN)),
    _plan_case("plan_edit", RUNNERS),
    Case(
        "visits:plan_school",
        expect(OK, teacher=403, **FAMILY_HIDDEN),
        args=lambda p: [_plan(p).pk, p.school.urn],
    ),
    _plan_case("plan_preference", NOT_RUNNERS),
    _plan_case("plan_preferences", NOT_STAFF_OF_PLAN),
    _plan_case(
        "plan_pin_add",
        RUNNERS,
        method="post",
        data=lambda p: {"kind": "inset", "inset-school": p.school.pk, "inset-date": "2032-03-01"},
    ),
    Case(
        "visits:plan_pin_remove",
        expect(OK, **RUNNERS),
        args=lambda p: [_plan(p).pk, _pin(p).pk],
        method="post",
    ),
    _plan_case("plan_solve", RUNNERS, method="post"),
    Case(
        "visits:run_detail",
        expect(OK, teacher=403, **FAMILY_HIDDEN),
        args=lambda p: [_plan(p).pk, _run(p).pk],
    ),
    Case(
        "visits:plan_publish",
        expect(OK, **RUNNERS),
        args=lambda p: [_plan(p).pk, _run(p).pk],
    ),
]
