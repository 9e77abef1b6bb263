"""django-rules predicates over membership and visibility, for every app's rules.py.

Thin wrappers: the queries live in `visibility`, so a rule and a selector cannot disagree.
"""

from kinship.accounts.types import Viewer
from kinship.core.rules import predicate
from kinship.families.models import Circle, Family
from kinship.membership import memo, visibility
from kinship.schools.models import School, SchoolRole


@predicate
def is_staff_account(user: Viewer) -> bool:
    return visibility.is_staff_account(user)


@predicate
def is_pupil_account(user: Viewer) -> bool:
    return visibility.is_pupil(user)


@predicate
def is_partner_account(user: Viewer) -> bool:
    return visibility.is_partner(user)


@predicate
def is_staff_or_partner_account(user: Viewer) -> bool:
    return visibility.is_staff_or_partner(user)


@predicate
def is_family_coordinator(user: Viewer, family: Family | None) -> bool:
    return visibility.is_family_coordinator(user, family)


@predicate
def is_family_staff(user: Viewer, family: Family | None) -> bool:
    """Works at an active member school, or coordinates the family."""
    return visibility.is_family_staff(user, family)


@predicate
def is_school_lead_in_family(user: Viewer, family: Family | None) -> bool:
    return visibility.leads_a_school_in_family(user, family)


@predicate
def is_lead_of_school(user: Viewer, school: School | None) -> bool:
    return visibility.leads_school(user, school)


@predicate
def is_school_lead_anywhere(user: Viewer) -> bool:
    lead = (SchoolRole.Role.LEAD,)
    return bool(
        memo.id_set(
            user,
            ("school_ids", lead),
            lambda: visibility.school_roles_of(user, roles=lead),
            "school_id",
        )
    )


@predicate
def is_circle_member(user: Viewer, circle: Circle | None) -> bool:
    return visibility.is_circle_member(user, circle)


@predicate
def is_circle_convener(user: Viewer, circle: Circle | None) -> bool:
    return visibility.is_circle_convener(user, circle)


@predicate
def can_see_circle(user: Viewer, circle: Circle | None) -> bool:
    return visibility.can_see_circle(user, circle)


@predicate
def works_at_school(user: Viewer, school: School | None) -> bool:
    """A lead or staff member of the school."""
    return visibility.works_at_school(user, school)


@predicate
def works_at_a_school_of_family(user: Viewer, family: Family | None) -> bool:
    """A lead or staff member of an active member school of the family (not a coordinator)."""
    if family is None:
        return False
    return family.pk in visibility.staff_family_id_set(user)
