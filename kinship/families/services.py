"""Operations that change families, their member schools, roles and circles.

Each is one transaction; role and membership changes are written to the audit log.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from kinship.accounts.models import User
from kinship.core.audit import audit_log
from kinship.core.concurrency import lock_unchanged
from kinship.families.models import (
    Circle,
    CircleMembership,
    CirclePost,
    Family,
    FamilyMembership,
    FamilyRole,
)
from kinship.membership import visibility
from kinship.schools.models import School

# Pages under families/ whose address would hide a family with this slug (see urls.py).
RESERVED_SLUGS = frozenset({"new", "circles"})


def _unique_slug(name: str) -> str:
    base = slugify(name)[:140] or "family"
    slug, n = base, 2
    while slug in RESERVED_SLUGS or Family.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def family_create(
    *,
    actor: User | None,
    name: str,
    kind: str,
    description: str = "",
    coordinator: User | None = None,
) -> Family:
    """Create a family. `coordinator` (default: the actor) becomes its first coordinator."""
    name = name.strip()
    if Family.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": "A family with this name already exists."})
    family = Family.objects.create(
        name=name, slug=_unique_slug(name), kind=kind, description=description
    )
    audit_log(actor=actor, action="family.create", target=family, summary=f"Created {name}")
    first_coordinator = coordinator or actor
    if first_coordinator is None:
        raise ValueError("A family made by no one needs a coordinator.")
    family_role_grant(
        actor=actor, family=family, user=first_coordinator, role=FamilyRole.Role.COORDINATOR
    )
    return family


FAMILY_EDIT_FIELDS = ("name", "kind", "description")


@transaction.atomic
def family_update(
    *,
    actor: User,
    family: Family,
    name: str,
    kind: str,
    description: str,
    version: str | None = None,
) -> Family:
    """Change a family's name, kind and description.

    `version` is the family's edit version as the form showed it: a family changed since
    raises EditConflict; None (a script) saves regardless, though still behind the lock."""
    family = lock_unchanged(family, FAMILY_EDIT_FIELDS, version)
    name = name.strip()
    if Family.objects.filter(name__iexact=name).exclude(pk=family.pk).exists():
        raise ValidationError({"name": "A family with this name already exists."})
    family.name, family.kind, family.description = name, kind, description
    family.save(update_fields=["name", "kind", "description"])
    return family


@transaction.atomic
def family_role_grant(*, actor: User | None, family: Family, user: User, role: str) -> FamilyRole:
    family_role, created = FamilyRole.objects.get_or_create(family=family, user=user, role=role)
    if created:
        audit_log(
            actor=actor,
            action="role.grant",
            target=family_role,
            summary=f"{user.email} made {family_role.get_role_display()} of {family.name}",
            detail={"user": user.pk, "family": family.pk, "role": role},
        )
    return family_role


@transaction.atomic
def family_role_revoke(*, actor: User, family_role: FamilyRole) -> None:
    family = family_role.family
    is_last_coordinator = (
        family_role.role == FamilyRole.Role.COORDINATOR
        and family.roles.filter(role=FamilyRole.Role.COORDINATOR).count() == 1
    )
    if is_last_coordinator:
        raise ValidationError("A family needs at least one coordinator.")
    audit_log(
        actor=actor,
        action="role.revoke",
        target=family_role,
        summary=f"{family_role.user.email} no longer {family_role.get_role_display()} "
        f"of {family.name}",
        detail={"user": family_role.user_id, "family": family.pk, "role": family_role.role},
    )
    family_role.delete()


@transaction.atomic
def family_school_invite(*, actor: User, family: Family, school: School) -> FamilyMembership:
    """Invite a school; it becomes a member when one of its leads accepts."""
    if not school.is_open:
        raise ValidationError(f"{school.name} is closed and cannot join a family.")
    membership, created = FamilyMembership.objects.get_or_create(
        family=family, school=school, defaults={"status": FamilyMembership.Status.INVITED}
    )
    if not created:
        if membership.status == FamilyMembership.Status.ACTIVE:
            raise ValidationError(f"{school.name} is already a member of {family.name}.")
        membership.status, membership.left_on = FamilyMembership.Status.INVITED, None
        membership.save(update_fields=["status", "left_on"])
    audit_log(
        actor=actor,
        action="family.invite_school",
        target=membership,
        summary=f"Invited {school.name} to {family.name}",
    )
    return membership


@transaction.atomic
def family_school_add(*, actor: User | None, family: Family, school: School) -> FamilyMembership:
    """Make a school an active member at once (seeding, or a lead adding their own school)."""
    membership, _ = FamilyMembership.objects.get_or_create(family=family, school=school)
    if membership.status != FamilyMembership.Status.ACTIVE:
        membership.status = FamilyMembership.Status.ACTIVE
        membership.left_on = None
    membership.joined_on = membership.joined_on or timezone.localdate()
    membership.save()
    audit_log(
        actor=actor,
        action="family.join",
        target=membership,
        summary=f"{school.name} joined {family.name}",
    )
    return membership


@transaction.atomic
def family_membership_accept(*, actor: User, membership: FamilyMembership) -> FamilyMembership:
    if membership.status != FamilyMembership.Status.INVITED:
        raise ValidationError("There is no open invitation for this school.")
    return family_school_add(actor=actor, family=membership.family, school=membership.school)


@transaction.atomic
def family_membership_leave(*, actor: User, membership: FamilyMembership) -> FamilyMembership:
    """The school leaves (or declines the invitation). Its history stays."""
    if membership.status == FamilyMembership.Status.LEFT:
        raise ValidationError("This school has already left the family.")
    was_invited = membership.status == FamilyMembership.Status.INVITED
    membership.status = FamilyMembership.Status.LEFT
    membership.left_on = timezone.localdate()
    membership.save(update_fields=["status", "left_on"])
    audit_log(
        actor=actor,
        action="family.decline" if was_invited else "family.leave",
        target=membership,
        summary=f"{membership.school.name} {'declined' if was_invited else 'left'} "
        f"{membership.family.name}",
    )
    return membership


@transaction.atomic
def circle_create(
    *,
    actor: User,
    families: list[Family],
    name: str,
    description: str = "",
    confidential: bool = False,
    members: list[Any] | None = None,
) -> Circle:
    """Create a circle across `families`. The actor convenes it and is its first member."""
    if not families:
        raise ValidationError("A circle belongs to at least one family.")
    circle = Circle.objects.create(
        name=name.strip(), description=description, confidential=confidential
    )
    circle.families.set(families)
    CircleMembership.objects.create(circle=circle, user=actor, is_convener=True)
    for member in members or []:
        if member.pk != actor.pk:
            circle_member_add(actor=actor, circle=circle, user=member)
    if confidential:
        _audit_confidential_change(action="circle.create")
    else:
        audit_log(
            actor=actor, action="circle.create", target=circle, summary=f"Created circle {name}"
        )
    return circle


def _audit_confidential_change(*, action: str) -> None:
    """Admins read the audit log, and who is in a confidential circle is its members' own
    business: the entry says that a confidential circle changed, not whose, by whom or which
    (the actor of such a change is always a member: its convener, or the one leaving)."""
    audit_log(actor=None, action=action, summary="A confidential circle's membership changed")


@transaction.atomic
def circle_member_add(
    *, actor: User, circle: Circle, user: User, is_convener: bool = False
) -> CircleMembership:
    """Add a person from a school in one of the circle's families. Pupils never join a
    circle: they talk on pupil voice boards, where every post is checked first."""
    if visibility.is_pupil_record(user):
        raise ValidationError(
            "Pupils cannot join circles: they take part on pupil voice boards, where a teacher "
            "checks every post first."
        )
    circle_families = set(circle.families.values_list("pk", flat=True))
    eligible = bool(visibility.family_ids_of_user(user) & circle_families)
    if not eligible:
        raise ValidationError(f"{user} is not in a school of this circle's families.")
    membership, created = CircleMembership.objects.get_or_create(
        circle=circle, user=user, defaults={"is_convener": is_convener}
    )
    if created and circle.confidential:
        _audit_confidential_change(action="circle.add_member")
    elif created:
        audit_log(
            actor=actor,
            action="circle.add_member",
            target=circle,
            summary=f"Added {user.email} to a circle",
            detail={"user": user.pk},
        )
    return membership


@transaction.atomic
def circle_member_remove(*, actor: User, membership: CircleMembership) -> None:
    circle = membership.circle
    if (
        membership.is_convener
        and not circle.memberships.filter(is_convener=True).exclude(pk=membership.pk).exists()
        and circle.memberships.count() > 1
    ):
        raise ValidationError("Name another convener before the last convener leaves.")
    if circle.confidential:
        _audit_confidential_change(action="circle.remove_member")
    else:
        audit_log(
            actor=actor,
            action="circle.remove_member",
            target=circle,
            summary=f"Removed {membership.user.email} from a circle",
            detail={"user": membership.user_id},
        )
    membership.delete()


@transaction.atomic
def circle_post_create(*, actor: User, circle: Circle, body: str) -> CirclePost:
    if not circle.memberships.filter(user=actor).exists():
        raise PermissionDenied("Only members can post in a circle.")
    body = body.strip()
    if not body:
        raise ValidationError({"body": "Write something before posting."})
    return CirclePost.objects.create(circle=circle, author=actor, body=body)
