"""Who may see and do what in families and circles.

A family's staff members are the leads and staff of its active member schools; its
coordinators and partners hold a family role. Confidential circles are readable by their
members alone: no coordinator, no admin.
"""

from typing import Any

from kinship.core.rules import add_perm, is_platform_admin, predicate
from kinship.families.models import Circle, Family, FamilyMembership, FamilyRole
from kinship.schools.models import School, SchoolRole

STAFF_ROLES = (SchoolRole.Role.LEAD, SchoolRole.Role.STAFF)


def _is_staff_of_family(user: Any, family: Family) -> bool:
    return SchoolRole.objects.filter(
        user=user,
        role__in=STAFF_ROLES,
        school__family_memberships__family=family,
        school__family_memberships__status=FamilyMembership.Status.ACTIVE,
    ).exists()


@predicate
def is_family_coordinator(user: Any, family: Family | None) -> bool:
    if family is None or not user.is_authenticated:
        return False
    return FamilyRole.objects.filter(
        user=user, family=family, role=FamilyRole.Role.COORDINATOR
    ).exists()


@predicate
def is_family_staff(user: Any, family: Family | None) -> bool:
    """Works at an active member school, or coordinates the family."""
    if family is None or not user.is_authenticated:
        return False
    return is_family_coordinator(user, family) or _is_staff_of_family(user, family)


@predicate
def is_school_lead_in_family(user: Any, family: Family | None) -> bool:
    if family is None or not user.is_authenticated:
        return False
    return SchoolRole.objects.filter(
        user=user,
        role=SchoolRole.Role.LEAD,
        school__family_memberships__family=family,
        school__family_memberships__status=FamilyMembership.Status.ACTIVE,
    ).exists()


@predicate
def is_lead_of_school(user: Any, school: School | None) -> bool:
    if school is None or not user.is_authenticated:
        return False
    return SchoolRole.objects.filter(user=user, school=school, role=SchoolRole.Role.LEAD).exists()


@predicate
def is_school_lead_anywhere(user: Any) -> bool:
    return bool(
        user.is_authenticated
        and SchoolRole.objects.filter(user=user, role=SchoolRole.Role.LEAD).exists()
    )


@predicate
def is_staff_account(user: Any) -> bool:
    return bool(user.is_authenticated and user.account_type == "staff")


@predicate
def is_circle_member(user: Any, circle: Circle | None) -> bool:
    if circle is None or not user.is_authenticated:
        return False
    return circle.memberships.filter(user=user).exists()


@predicate
def is_circle_convener(user: Any, circle: Circle | None) -> bool:
    if circle is None or not user.is_authenticated:
        return False
    return circle.memberships.filter(user=user, is_convener=True).exists()


@predicate
def is_confidential(user: Any, circle: Circle | None) -> bool:
    return bool(circle is not None and circle.confidential)


@predicate
def is_staff_of_a_circle_family(user: Any, circle: Circle | None) -> bool:
    if circle is None or not user.is_authenticated:
        return False
    return any(is_family_staff(user, family) for family in circle.families.all())


@predicate
def coordinates_a_circle_family(user: Any, circle: Circle | None) -> bool:
    if circle is None or not user.is_authenticated:
        return False
    return FamilyRole.objects.filter(
        user=user, family__in=circle.families.all(), role=FamilyRole.Role.COORDINATOR
    ).exists()


can_view_family = is_family_staff | is_platform_admin
can_manage_family = is_family_coordinator | is_platform_admin

add_perm("families.view_family", can_view_family)
add_perm("families.change_family", can_manage_family)
add_perm("families.create_family", is_platform_admin | is_school_lead_anywhere)
add_perm("families.create_circle", is_family_coordinator | is_school_lead_in_family)
add_perm("families.list_families", is_staff_account)

# A confidential circle: its members, and nobody else at all.
add_perm(
    "families.view_circle",
    is_circle_member | (~is_confidential & (is_staff_of_a_circle_family | is_platform_admin)),
)
add_perm("families.post_in_circle", is_circle_member)
add_perm(
    "families.change_circle",
    is_circle_convener | (~is_confidential & coordinates_a_circle_family),
)
add_perm("families.join_circle", ~is_confidential & ~is_circle_member & is_staff_of_a_circle_family)
add_perm("families.leave_circle", is_circle_member)
