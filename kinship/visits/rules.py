"""Who may plan, offer, ask for, host, confirm and reflect on classroom visits.

A family's coordinators run its staggered INSET plans; its school leads say what their school
can take; its staff say where they would like to go. Open classrooms are seen by staff who
share a family with the school. A visit is seen by the visitor, the host side (the host
teacher and the host school's leads) and the visitor's school leads; a reflection only by
the visitor and the host side: not coordinators, not platform admins.
"""

from kinship.accounts.types import Viewer
from kinship.core.rules import add_perm, is_platform_admin, predicate
from kinship.families.models import FamilyMembership
from kinship.membership import visibility
from kinship.membership.predicates import (
    is_family_coordinator,
    is_family_staff,
    is_school_lead_in_family,
    is_staff_account,
)
from kinship.membership.predicates import works_at_school as membership_works_at_school
from kinship.membership.visibility import schools_sharing_a_family_with
from kinship.schools.models import School, SchoolRole
from kinship.visits.models import OpenClassroom, PlanSchool, TermDateProposal, Visit, VisitPlan

LEAD_ONLY = (SchoolRole.Role.LEAD,)
ACTIVE = FamilyMembership.Status.ACTIVE


def _leads(user: Viewer, school_id: int | None) -> bool:
    return (
        school_id is not None
        and visibility.school_ids_of_user(user, roles=LEAD_ONLY)
        .filter(school_id=school_id)
        .exists()
    )


# Plans


@predicate
def is_staff_of_plan_family(user: Viewer, plan: VisitPlan | None) -> bool:
    return plan is not None and bool(is_family_staff(user, plan.family))


@predicate
def coordinates_plan_family(user: Viewer, plan: VisitPlan | None) -> bool:
    return plan is not None and bool(is_family_coordinator(user, plan.family))


@predicate
def leads_a_school_of_plan_family(user: Viewer, plan: VisitPlan | None) -> bool:
    return plan is not None and visibility.leads_a_school_in_family(user, plan.family)


@predicate
def works_at_a_school_taking_part(user: Viewer, plan: VisitPlan | None) -> bool:
    if plan is None:
        return False
    schools = visibility.staff_school_ids(user)
    in_family = FamilyMembership.objects.filter(
        family_id=plan.family_id, status=ACTIVE, school_id__in=schools
    ).values_list("school_id", flat=True)
    left_out = set(
        PlanSchool.objects.filter(plan=plan, takes_part=False).values_list("school_id", flat=True)
    )
    return bool(set(in_family) - left_out)


@predicate
def is_published(user: Viewer, plan: VisitPlan | None) -> bool:
    return plan is not None and plan.published_at is not None


@predicate
def leads_the_plan_school(user: Viewer, plan_school: PlanSchool | None) -> bool:
    return plan_school is not None and user.is_authenticated and _leads(user, plan_school.school_id)


@predicate
def coordinates_the_plan_school_family(user: Viewer, plan_school: PlanSchool | None) -> bool:
    return plan_school is not None and bool(is_family_coordinator(user, plan_school.plan.family))


can_view_plan = (is_staff_of_plan_family | is_platform_admin) & is_staff_account
can_manage_plan = (coordinates_plan_family | is_platform_admin) & is_staff_account
# A draft plan's result is for those who run it and the schools' leads; once published,
# everyone in the family sees who goes where.
can_view_plan_result = can_manage_plan | (
    can_view_plan & (leads_a_school_of_plan_family | is_published)
)

add_perm("visits.view_plan", can_view_plan)
add_perm("visits.change_plan", can_manage_plan)
add_perm("visits.view_plan_result", can_view_plan_result)
add_perm("visits.state_preference", works_at_a_school_taking_part & is_staff_account)
add_perm(
    "visits.change_plan_school",
    (leads_the_plan_school | coordinates_the_plan_school_family | is_platform_admin)
    & is_staff_account,
)


@predicate
def coordinates_a_family(user: Viewer) -> bool:
    return visibility.coordinated_family_ids(user).exists()


# Open classrooms


@predicate
def works_at_a_school_in_a_family(user: Viewer) -> bool:
    return FamilyMembership.objects.filter(
        status=ACTIVE, school_id__in=visibility.staff_school_ids(user)
    ).exists()


@predicate
def shares_a_family_with_offer_school(user: Viewer, offer: OpenClassroom | None) -> bool:
    if offer is None or not user.is_authenticated:
        return False
    return schools_sharing_a_family_with(user).filter(pk=offer.school_id).exists()


@predicate
def hosts_the_offer(user: Viewer, offer: OpenClassroom | None) -> bool:
    return bool(offer is not None and user.is_authenticated and offer.host_id == user.pk)


@predicate
def leads_the_offer_school(user: Viewer, offer: OpenClassroom | None) -> bool:
    return offer is not None and user.is_authenticated and _leads(user, offer.school_id)


@predicate
def works_at_another_school_sharing_a_family(user: Viewer, offer: OpenClassroom | None) -> bool:
    """A colleague from elsewhere: staff of a school that shares an active family with the
    offer's school (a teacher does not visit their own school)."""
    if offer is None or not user.is_authenticated:
        return False
    families = FamilyMembership.objects.filter(school_id=offer.school_id, status=ACTIVE).values(
        "family_id"
    )
    return (
        visibility.active_member_schools(families)
        .filter(pk__in=visibility.staff_school_ids(user))
        .exclude(pk=offer.school_id)
        .exists()
    )


@predicate
def is_open(user: Viewer, offer: OpenClassroom | None) -> bool:
    return bool(offer is not None and offer.active)


can_view_offer = (
    shares_a_family_with_offer_school | hosts_the_offer | is_platform_admin
) & is_staff_account
add_perm("visits.offer_open_classroom", works_at_a_school_in_a_family & is_staff_account)
add_perm("visits.use_visits", is_staff_account)
add_perm("visits.view_offer", can_view_offer)
add_perm("visits.change_offer", (hosts_the_offer | leads_the_offer_school) & is_staff_account)
add_perm(
    "visits.request_visit",
    works_at_another_school_sharing_a_family & is_open & ~hosts_the_offer & is_staff_account,
)


# Visits


@predicate
def is_the_visitor(user: Viewer, visit: Visit | None) -> bool:
    return bool(visit is not None and user.is_authenticated and visit.visitor_id == user.pk)


@predicate
def is_on_the_host_side(user: Viewer, visit: Visit | None) -> bool:
    """The teacher they see, or a lead of the host school."""
    if visit is None or not user.is_authenticated:
        return False
    return visit.host_id == user.pk or _leads(user, visit.host_school_id)


@predicate
def leads_the_visitor_school(user: Viewer, visit: Visit | None) -> bool:
    return visit is not None and user.is_authenticated and _leads(user, visit.visitor_school_id)


@predicate
def coordinates_the_visit_plan(user: Viewer, visit: Visit | None) -> bool:
    if visit is None or visit.plan_id is None:
        return False
    return visibility.coordinated_family_ids(user).filter(family_id=visit.family_id).exists()


@predicate
def is_waiting_for_an_answer(user: Viewer, visit: Visit | None) -> bool:
    return bool(visit is not None and visit.status == Visit.Status.REQUESTED)


party = is_the_visitor | is_on_the_host_side
add_perm(
    "visits.view_visit",
    (party | leads_the_visitor_school | coordinates_the_visit_plan) & is_staff_account,
)
add_perm("visits.respond_to_visit", is_on_the_host_side & is_staff_account)
add_perm("visits.arrange_visit", is_on_the_host_side & is_staff_account)
add_perm("visits.cancel_visit", (party | coordinates_the_visit_plan) & is_staff_account)
add_perm("visits.reflect_on_visit", is_the_visitor & is_staff_account)
# What was taken away is between the two sides of the visit: no coordinator, no admin.
add_perm("visits.read_reflection", party & is_staff_account)
add_perm("visits.work_on_joint_actions", party & is_staff_account)


# Schools: clearance declarations, the sign-in sheet, visits given and received


@predicate
def leads_school(user: Viewer, school: School | None) -> bool:
    return school is not None and user.is_authenticated and _leads(user, school.pk)


works_at_school = membership_works_at_school


@predicate
def coordinates_a_family_of_school(user: Viewer, school: School | None) -> bool:
    if school is None:
        return False
    return (
        visibility.active_member_schools(visibility.coordinated_family_ids(user))
        .filter(pk=school.pk)
        .exists()
    )


add_perm("visits.declare_clearance", leads_school & is_staff_account)
# The office prints the sign-in sheet: any of the school's own staff.
add_perm("visits.view_sign_in_sheet", works_at_school & is_staff_account)
add_perm(
    "visits.view_reciprocity",
    (works_at_school | coordinates_a_family_of_school | is_platform_admin) & is_staff_account,
)


# The family's view: who visits whom (counts of visits between schools, never names)
add_perm(
    "visits.view_family_visits",
    (is_family_coordinator | is_school_lead_in_family | is_platform_admin) & is_staff_account,
)


# Proposed changes to a school's term dates (issue 18): its leads answer; the family's
# coordinators follow them; its staff see one once accepted.


@predicate
def leads_the_proposal_school(user: Viewer, proposal: TermDateProposal | None) -> bool:
    return proposal is not None and user.is_authenticated and _leads(user, proposal.school_id)


@predicate
def coordinates_the_proposal_family(user: Viewer, proposal: TermDateProposal | None) -> bool:
    return proposal is not None and visibility.coordinates_family_id(user, proposal.family_id)


@predicate
def works_at_the_school_and_accepted(user: Viewer, proposal: TermDateProposal | None) -> bool:
    return (
        proposal is not None
        and proposal.status == TermDateProposal.Status.ACCEPTED
        and proposal.school_id in visibility.staff_school_id_set(user)
    )


@predicate
def is_pending(user: Viewer, proposal: TermDateProposal | None) -> bool:
    return proposal is not None and proposal.is_pending


add_perm(
    "visits.view_proposal",
    (leads_the_proposal_school | coordinates_the_proposal_family | works_at_the_school_and_accepted)
    & is_staff_account,
)
add_perm("visits.answer_proposal", leads_the_proposal_school & is_pending & is_staff_account)
# A common INSET day is the coordinators' to propose; each head answers for their school.
add_perm("visits.propose_common_day", is_family_coordinator & is_staff_account)
