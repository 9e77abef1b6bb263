"""A school lead's declaration that a member of staff is cleared to visit other schools.

The declaration is a record of who confirmed what and when, never the check itself: Kinship
holds no DBS certificate number or check detail (those stay on the school's single central
record). Declaring and withdrawing are both written to the audit log.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kinship.accounts.models import User
from kinship.core.audit import audit_log
from kinship.membership import visibility
from kinship.schools.models import School, SchoolRole
from kinship.visits.models import DECLARATION_WORDING, ClearanceDeclaration

STAFF_ROLES = (SchoolRole.Role.LEAD, SchoolRole.Role.STAFF)


def declaration_text(school: School, person: User) -> str:
    return DECLARATION_WORDING.format(school=school.name, person=person.display_name)


def current_declaration(school_id: int, person_id: int) -> ClearanceDeclaration | None:
    """The school's declaration for the person, if it stands and they still work there."""
    if not SchoolRole.objects.filter(
        user_id=person_id, school_id=school_id, role__in=STAFF_ROLES
    ).exists():
        return None
    return (
        ClearanceDeclaration.objects.select_related("declared_by")
        .filter(school_id=school_id, person_id=person_id, withdrawn_at__isnull=True)
        .first()
    )


@transaction.atomic
def clearance_declare(*, actor: User, school: School, person: User) -> ClearanceDeclaration:
    """`actor`, a lead of `school`, declares `person` (its staff) cleared to visit."""
    if not visibility.leads_school(actor, school):
        raise ValidationError(f"Only a lead of {school.name} can make this declaration.")
    if not visibility.works_at_school(person, school):
        raise ValidationError(f"{person} is not on the staff of {school.name}.")
    existing = ClearanceDeclaration.objects.filter(
        school=school, person=person, withdrawn_at__isnull=True
    ).first()
    if existing is not None:
        return existing
    declaration = ClearanceDeclaration.objects.create(
        school=school,
        person=person,
        wording=declaration_text(school, person),
        declared_by=actor,
    )
    audit_log(
        actor=actor,
        action="visits.clearance_declare",
        target=declaration,
        summary=f"{person.email} declared cleared for visits by {school.name}",
        detail={"school": school.urn, "person": person.pk},
    )
    return declaration


@transaction.atomic
def clearance_withdraw(*, actor: User, declaration: ClearanceDeclaration) -> ClearanceDeclaration:
    """The lead withdraws a declaration (a check has lapsed, or there is a concern)."""
    if declaration.withdrawn_at is not None:
        raise ValidationError("This declaration has been withdrawn already.")
    declaration.withdrawn_at, declaration.withdrawn_by = timezone.now(), actor
    declaration.save(update_fields=["withdrawn_at", "withdrawn_by"])
    audit_log(
        actor=actor,
        action="visits.clearance_withdraw",
        target=declaration,
        summary=f"Declaration for {declaration.person.email} withdrawn by "
        f"{declaration.school.name}",
        detail={"school": declaration.school.urn, "person": declaration.person_id},
    )
    return declaration
