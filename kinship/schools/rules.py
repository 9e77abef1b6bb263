"""Who may find and see schools, and who may see the staff a school lists on its profile.

School staff accounts may look up any school: the register (GIAS) is public. A pupil sees
only their own school; a partner only the schools of families they partner. The staff a
school lists are shown to people who share an active family with it, work or learn there,
or run the platform, and only to staff accounts (never to pupils or partners).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kinship.core.rules import add_perm, is_platform_admin, predicate
from kinship.membership import visibility
from kinship.membership.predicates import is_lead_of_school, is_staff_account
from kinship.schools.models import School

if TYPE_CHECKING:  # schools sits below accounts: the user type is for annotations only
    from kinship.accounts.types import Viewer


@predicate
def holds_a_role_at_school(user: Viewer, school: School | None) -> bool:
    if school is None:
        return False
    return visibility.school_ids_of_user(user).filter(school_id=school.pk).exists()


@predicate
def partners_a_family_of_school(user: Viewer, school: School | None) -> bool:
    if school is None:
        return False
    return (
        visibility.active_member_schools(visibility.partnered_family_ids(user))
        .filter(pk=school.pk)
        .exists()
    )


@predicate
def shares_a_family_with_school(user: Viewer, school: School | None) -> bool:
    if school is None:
        return False
    return visibility.schools_sharing_a_family_with(user).filter(pk=school.pk).exists()


can_search_schools = is_staff_account | is_platform_admin
can_view_school = (
    is_staff_account | is_platform_admin | holds_a_role_at_school | partners_a_family_of_school
)
# Pupils and partners never see the staff list: names and contacts are for colleagues.
can_view_school_staff = (
    shares_a_family_with_school | holds_a_role_at_school | is_platform_admin
) & is_staff_account


@predicate
def anyone(user: Viewer, school: School | None) -> bool:
    """Term dates are public: parents, and anyone else, read what the school publishes."""
    return school is not None


add_perm("schools.view_public_term_dates", anyone)
add_perm("schools.search_schools", can_search_schools)
add_perm("schools.view_school", can_view_school)
add_perm("schools.view_school_staff", can_view_school_staff)


leads_school = is_lead_of_school


# Term dates are public knowledge for anyone who may see the school; its leads keep them.
add_perm("schools.view_term_calendar", can_view_school)
add_perm("schools.change_term_calendar", (leads_school & is_staff_account) | is_platform_admin)
