"""One access helper per object type: 404 for what the user may not know exists, 403 with a
message for what they may see but not do."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinship.accounts.models import User
from kinship.schools.models import School
from kinship.schools.term_dates import academic_year_of
from kinship.visits.models import JointAction, OpenClassroom, PlanPin, SolveRun, Visit, VisitPlan
from kinship.visits.selectors.visits import visit_with_cleared

PLAN_MESSAGES = {
    "visits.change_plan": gettext_lazy("Only the family's coordinators run its visit plans."),
    "visits.view_plan_result": gettext_lazy(
        "The plan's result is for the coordinators and the schools' leads until it is published."
    ),
    "visits.state_preference": gettext_lazy(
        "Preferences are for staff of the schools taking part."
    ),
}


def get_plan_for_user(user: User, pk: int, *, perm: str = "visits.view_plan") -> VisitPlan:
    plan = VisitPlan.objects.select_related("family").filter(pk=pk).first()
    if plan is None or not user.has_perm("visits.view_plan", plan):
        raise Http404
    if perm != "visits.view_plan" and not user.has_perm(perm, plan):
        raise PermissionDenied(PLAN_MESSAGES.get(perm, _("You cannot do that in this plan.")))
    return plan


def get_run_for_user(user: User, plan: VisitPlan, pk: int) -> SolveRun:
    run = plan.runs.select_related("requested_by").filter(pk=pk).first()
    if run is None:
        raise Http404
    return run


def get_pin_for_user(user: User, plan: VisitPlan, pk: int) -> PlanPin:
    pin = plan.pins.select_related("school", "person").filter(pk=pk).first()
    if pin is None:
        raise Http404
    return pin


def get_school_for_user(user: User, urn: int, *, perm: str) -> School:
    """A school by URN for one of the visits pages about it."""
    school = School.objects.filter(urn=urn).first()
    if school is None or not user.has_perm("schools.view_school", school):
        raise Http404
    if not user.has_perm(perm, school):
        raise PermissionDenied(str(SCHOOL_MESSAGES[perm]) % {"school": school.name})
    return school


SCHOOL_MESSAGES = {
    "visits.declare_clearance": gettext_lazy(
        "Only a lead of %(school)s confirms its staff's clearance."
    ),
    "visits.view_sign_in_sheet": gettext_lazy("The sign-in sheet is for %(school)s's own staff."),
    "visits.view_reciprocity": gettext_lazy(
        "Visits given and received are for %(school)s's staff and its families' coordinators."
    ),
}


def get_offer_for_user(user: User, pk: int, *, perm: str = "visits.view_offer") -> OpenClassroom:
    offer = OpenClassroom.objects.select_related("school", "host").filter(pk=pk).first()
    if offer is None or not user.has_perm("visits.view_offer", offer):
        raise Http404
    if perm != "visits.view_offer" and not user.has_perm(perm, offer):
        if perm == "visits.request_visit":
            raise PermissionDenied(
                _(
                    "Staff of other schools in the family ask for visits, while the classroom "
                    "is open to requests."
                )
            )
        raise PermissionDenied(_("Only the host and the school's leads change an open classroom."))
    return offer


VISIT_MESSAGES = {
    "visits.respond_to_visit": gettext_lazy(
        "The host and the host school's leads answer a request."
    ),
    "visits.arrange_visit": gettext_lazy(
        "The host school arranges the room and who they will see."
    ),
    "visits.cancel_visit": gettext_lazy(
        "Only the visitor, the host side or the plan's coordinators call it off."
    ),
    "visits.reflect_on_visit": gettext_lazy("Only the visitor writes the reflection."),
    "visits.read_reflection": gettext_lazy("The reflection is between the visitor and the host."),
    "visits.work_on_joint_actions": gettext_lazy("Joint actions are for the visitor and the host."),
}


def get_visit_for_user(user: User, pk: int, *, perm: str = "visits.view_visit") -> Visit:
    visit = visit_with_cleared(pk)
    if visit is None or not user.has_perm("visits.view_visit", visit):
        raise Http404
    if perm != "visits.view_visit" and not user.has_perm(perm, visit):
        raise PermissionDenied(VISIT_MESSAGES.get(perm, _("You cannot do that with this visit.")))
    return visit


def get_joint_action_for_user(user: User, pk: int) -> JointAction:
    action = JointAction.objects.select_related("visit").filter(pk=pk).first()
    if action is None or not user.has_perm("visits.view_visit", action.visit):
        raise Http404
    if not user.has_perm("visits.work_on_joint_actions", action.visit):
        raise PermissionDenied(VISIT_MESSAGES["visits.work_on_joint_actions"])
    return action


FIRST_YEAR, LAST_YEAR = 2000, 2100


def academic_year_asked(request: HttpRequest) -> int:
    """The academic year in ?year= (2026 for 2026-27), this one when absent; 404 otherwise."""
    try:
        year = int(request.GET.get("year", academic_year_of(timezone.localdate())))
    except ValueError:
        raise Http404 from None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    return year
