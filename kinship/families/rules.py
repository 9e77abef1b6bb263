"""Who may see and do what in families and circles.

A family's staff members are the leads and staff of its active member schools; its
coordinators and partners hold a family role. Confidential circles are readable by their
members alone: no coordinator, no admin.
"""

from kinship.accounts.types import Viewer
from kinship.core.rules import add_perm, is_platform_admin, predicate
from kinship.families.models import Circle
from kinship.membership import visibility
from kinship.membership.predicates import (
    is_circle_convener,
    is_circle_member,
    is_family_coordinator,
    is_family_staff,
    is_school_lead_anywhere,
    is_school_lead_in_family,
    is_staff_account,
)


@predicate
def is_confidential(user: Viewer, circle: Circle | None) -> bool:
    return bool(circle is not None and circle.confidential)


@predicate
def is_staff_of_a_circle_family(user: Viewer, circle: Circle | None) -> bool:
    if circle is None:
        return False
    return visibility.family_staff_ids(user).filter(pk__in=circle.families.values("pk")).exists()


@predicate
def coordinates_a_circle_family(user: Viewer, circle: Circle | None) -> bool:
    if circle is None:
        return False
    return (
        visibility.coordinated_family_ids(user)
        .filter(family_id__in=circle.families.values("pk"))
        .exists()
    )


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
