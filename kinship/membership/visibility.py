"""Membership and visibility as plain query-building functions.

Each function takes a user (possibly anonymous) and returns a bool, a set or a queryset
that callers may filter further or use as a subquery. Account kinds always check
`is_active`, so a deactivated account is nobody's staff, pupil or partner anywhere.

Confidential circles are visible to their members only: no coordinator, no platform admin.

Within a request (see `kinship.membership.middleware`) a person's rows (school roles, family
roles, their schools' family memberships, circles) are read once and the subqueries below
become short lists of primary keys: pages asked for them a dozen times over, and Django
spent most of each page building the same nested subqueries. Any change to those tables
starts a new generation, so a service that changes memberships mid-request is seen at once
(the memo itself is in `memo`).
"""

from typing import Any, TypeGuard, TypeVar

from django.db.models import Model, Q, QuerySet

from kinship.accounts.models import AccountType, User
from kinship.accounts.types import Viewer, is_authenticated
from kinship.families.models import Circle, CircleMembership, Family, FamilyMembership, FamilyRole
from kinship.membership.memo import id_set, pinned, remembered
from kinship.schools.models import School, SchoolRole

ACTIVE = FamilyMembership.Status.ACTIVE
STAFF_ROLES: tuple[str, ...] = (SchoolRole.Role.LEAD, SchoolRole.Role.STAFF)
M = TypeVar("M", bound=Model)


# Account kinds


def is_signed_in(user: Viewer) -> TypeGuard[User]:
    """An authenticated account that has not been deactivated."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def account_kind(user: Viewer) -> str:
    """The account type of an active, signed-in account; "" for anyone else."""
    return str(user.account_type) if is_signed_in(user) else ""


def is_staff_account(user: Viewer) -> TypeGuard[User]:
    """A school or family staff account (not Django's admin `is_staff` flag)."""
    return account_kind(user) == AccountType.STAFF


def is_pupil(user: Viewer) -> TypeGuard[User]:
    return account_kind(user) == AccountType.PUPIL


def is_pupil_record(user: Viewer | None) -> bool:
    """A pupil's account, active or not: for how a person is named and what they are sent,
    never for what they may do. A deactivated pupil is still shown and treated as a pupil."""
    return str(getattr(user, "account_type", "")) == AccountType.PUPIL


def is_partner(user: Viewer) -> TypeGuard[User]:
    return account_kind(user) == AccountType.PARTNER


def is_staff_or_partner(user: Viewer) -> TypeGuard[User]:
    return account_kind(user) in (AccountType.STAFF, AccountType.PARTNER)


def is_platform_admin(user: Viewer) -> TypeGuard[User]:
    return is_signed_in(user) and bool(user.is_superuser)


def active_staff_accounts() -> QuerySet[User]:
    """Every active staff account."""
    return staff_accounts_among(User.objects.all())


def staff_or_partner_accounts() -> QuerySet[User]:
    """Every active staff or partner account (who are sent the events digest)."""
    return User.objects.filter(
        is_active=True, account_type__in=(AccountType.STAFF, AccountType.PARTNER)
    )


def active_pupil_accounts() -> QuerySet[User]:
    """Every active pupil account (the pupils' own sign-in looks them up here)."""
    return User.objects.filter(is_active=True, account_type=AccountType.PUPIL)


def staff_accounts_among(people: QuerySet[User]) -> QuerySet[User]:
    """The active staff accounts among `people`."""
    return people.filter(is_active=True, account_type=AccountType.STAFF)


def pupil_records_among(people: QuerySet[User]) -> QuerySet[User]:
    """The pupils among `people`, active or not (an erased pupil's posts are kept longer)."""
    return people.filter(account_type=AccountType.PUPIL)


# Schools and roles


def school_roles_of(user: Viewer, *, roles: tuple[str, ...] | None = None) -> QuerySet[SchoolRole]:
    """The user's school roles (all, or only `roles`)."""
    if not is_authenticated(user):
        return SchoolRole.objects.none()

    def build() -> QuerySet[SchoolRole]:
        found = SchoolRole.objects.filter(user=user)
        return found.filter(role__in=roles) if roles else found

    return pinned(user, ("school_roles", roles), build, {"school_id": ("school_ids", roles)})


def school_ids_of_user(user: Viewer, *, roles: tuple[str, ...] | None = None) -> QuerySet[Any]:
    """A subquery of the schools where the user holds a role (any, or one of `roles`)."""
    return school_roles_of(user, roles=roles).values("school_id")


def staff_school_ids(user: Viewer) -> QuerySet[Any]:
    """A subquery of the schools where the user is a lead or staff member."""
    return school_ids_of_user(user, roles=STAFF_ROLES)


def staff_school_id_set(user: Viewer) -> frozenset[Any]:
    """The schools where the user is a lead or staff member, as a set (see `id_set`)."""
    return id_set(
        user,
        ("school_ids", STAFF_ROLES),
        lambda: school_roles_of(user, roles=STAFF_ROLES),
        "school_id",
    )


def pupil_school_ids(user: Viewer) -> QuerySet[Any]:
    return school_ids_of_user(user, roles=(SchoolRole.Role.PUPIL,))


def schools_of_user(user: Viewer, *, roles: tuple[str, ...] | None = None) -> QuerySet[School]:
    """Schools where the user holds a role (any role, or one of `roles`)."""
    return School.objects.filter(pk__in=school_ids_of_user(user, roles=roles))


def holds_school_role(user: Viewer, school: School | None, *, roles: tuple[str, ...]) -> bool:
    if school is None:
        return False
    return school.pk in id_set(
        user, ("school_ids", roles), lambda: school_roles_of(user, roles=roles), "school_id"
    )


def leads_school(user: Viewer, school: School | None) -> bool:
    return holds_school_role(user, school, roles=(SchoolRole.Role.LEAD,))


def works_at_school(user: Viewer, school: School | None) -> bool:
    return holds_school_role(user, school, roles=STAFF_ROLES)


def staff_of_school(school: School) -> QuerySet[User]:
    """Active people who lead or work at the school (its teachers, for approvals)."""
    at_school = SchoolRole.objects.filter(school=school, role__in=STAFF_ROLES).values("user_id")
    return User.objects.filter(pk__in=at_school, is_active=True)


def active_member_schools(family_ids: Any) -> QuerySet[School]:
    """Schools that are active members of the given families (ids or a subquery)."""
    return School.objects.filter(
        family_memberships__family_id__in=family_ids, family_memberships__status=ACTIVE
    ).distinct()


def family_ids_by_school(school_ids: Any) -> dict[int, set[int]]:
    """The families each of the given schools (ids or a subquery) is an active member of."""
    families: dict[int, set[int]] = {}
    pairs = FamilyMembership.objects.filter(school_id__in=school_ids, status=ACTIVE).values_list(
        "school_id", "family_id"
    )
    for school_id, family_id in pairs:
        families.setdefault(school_id, set()).add(family_id)
    return families


def families_of_school(school: School) -> QuerySet[Family]:
    """The families the school is an active member of, by name."""
    return Family.objects.filter(memberships__school=school, memberships__status=ACTIVE).order_by(
        "name"
    )


def schools_sharing_a_family_with(user: Viewer) -> QuerySet[School]:
    """Active member schools of every family the user belongs to (their own included)."""
    return active_member_schools(family_ids_of_user(user))


# Families


def staff_family_ids(user: Viewer) -> QuerySet[Any]:
    """A subquery of families in which the user works at an active member school."""

    def build() -> QuerySet[FamilyMembership]:
        return FamilyMembership.objects.filter(status=ACTIVE, school_id__in=staff_school_ids(user))

    return pinned(user, "staff_family_memberships", build, {"family_id": "staff_families"}).values(
        "family_id"
    )


def family_roles_of(user: Viewer, role: str | None = None) -> QuerySet[FamilyRole]:
    """The user's roles in families as a whole (all, or only `role`)."""
    if not is_authenticated(user):
        return FamilyRole.objects.none()

    def build() -> QuerySet[FamilyRole]:
        found = FamilyRole.objects.filter(user=user)
        return found.filter(role=role) if role else found

    return pinned(user, ("family_roles", role), build, {"family_id": ("family_roles", role)})


def family_role_ids(user: Viewer, role: str) -> QuerySet[Any]:
    return family_roles_of(user, role).values("family_id")


def coordinated_family_ids(user: Viewer) -> QuerySet[Any]:
    return family_role_ids(user, FamilyRole.Role.COORDINATOR)


def partnered_family_ids(user: Viewer) -> QuerySet[Any]:
    return family_role_ids(user, FamilyRole.Role.PARTNER)


def family_staff_ids(user: Viewer) -> QuerySet[Any]:
    """A subquery of the families whose staff the user counts among: they work at an active
    member school or coordinate the family. Platform admins are not waved through here."""

    def build() -> QuerySet[Family]:
        return Family.objects.filter(
            Q(pk__in=staff_family_ids(user)) | Q(pk__in=coordinated_family_ids(user))
        )

    return pinned(user, "family_staff", build, {"pk": "family_staff"}).values("pk")


def visible_family_ids(user: Viewer) -> QuerySet[Any]:
    """A subquery of the families the user may open (as families.view_family)."""
    if is_platform_admin(user):
        return Family.objects.values("pk")
    return family_staff_ids(user)


def families_visible_to(user: Viewer) -> QuerySet[Family]:
    """Families the user may open: their staff families, or every family for an admin."""
    return Family.objects.filter(pk__in=visible_family_ids(user))


def family_ids_of_user(user: Viewer) -> set[int]:
    """Families the user belongs to in any way: a role at an active member school (pupils
    included) or any family role (partners included). Not the same as being able to open
    the family: see `visible_family_ids`."""
    if not is_authenticated(user):
        return set()

    def read() -> frozenset[int]:
        through_schools = FamilyMembership.objects.filter(
            status=ACTIVE, school_id__in=school_ids_of_user(user)
        ).values_list("family_id", flat=True)
        through_roles = family_roles_of(user).values_list("family_id", flat=True)
        return frozenset(through_schools) | frozenset(through_roles)

    return set(remembered(user, "family_ids", read))


def coordinates_family_id(user: Viewer, family_id: int | None) -> bool:
    """Coordinates the family with this id (for rows that carry only the id)."""
    if family_id is None:
        return False
    return family_id in _coordinated_family_id_set(user)


def _coordinated_family_id_set(user: Viewer) -> frozenset[Any]:
    coordinator = FamilyRole.Role.COORDINATOR
    return id_set(
        user, ("family_roles", coordinator), lambda: coordinated_family_ids(user), "family_id"
    )


def staff_family_id_set(user: Viewer) -> frozenset[Any]:
    """The families in which the user works at an active member school, as a set."""
    return id_set(user, "staff_families", lambda: staff_family_ids(user), "family_id")


def works_in_family_id(user: Viewer, family_id: int | None) -> bool:
    """Leads or works at an active member school of the family with this id."""
    if family_id is None:
        return False
    return family_id in staff_family_id_set(user)


def is_family_coordinator(user: Viewer, family: Family | None) -> bool:
    if family is None:
        return False
    return family.pk in _coordinated_family_id_set(user)


def is_family_staff(user: Viewer, family: Family | None) -> bool:
    """Works at an active member school, or coordinates the family."""
    if family is None:
        return False
    return family.pk in id_set(user, "family_staff", lambda: family_staff_ids(user), "pk")


def staff_of_families(family_ids: Any) -> QuerySet[User]:
    """Active people who count among the staff of the given families (ids or a subquery):
    leads and staff of their active member schools, and their coordinators, whatever their
    account type (callers that need staff accounts only filter further)."""
    through_schools = SchoolRole.objects.filter(
        role__in=STAFF_ROLES,
        school__family_memberships__family_id__in=family_ids,
        school__family_memberships__status=ACTIVE,
    ).values("user_id")
    coordinators = FamilyRole.objects.filter(
        family_id__in=family_ids, role=FamilyRole.Role.COORDINATOR
    ).values("user_id")
    return User.objects.filter(Q(pk__in=through_schools) | Q(pk__in=coordinators), is_active=True)


def family_staff_people(family: Family) -> QuerySet[User]:
    return staff_of_families([family.pk])


def leads_a_school_in_family(user: Viewer, family: Family | None) -> bool:
    if family is None:
        return False

    def led() -> QuerySet[FamilyMembership]:
        return FamilyMembership.objects.filter(
            status=ACTIVE, school_id__in=school_ids_of_user(user, roles=(SchoolRole.Role.LEAD,))
        )

    return family.pk in id_set(user, "led_families", led, "family_id")


# Circles


def member_circle_ids(user: Viewer) -> QuerySet[Any]:
    """A subquery of the circles the user is a member of (confidential ones included)."""
    if not is_authenticated(user):
        return CircleMembership.objects.none().values("circle_id")

    def build() -> QuerySet[CircleMembership]:
        return CircleMembership.objects.filter(user=user)

    return pinned(user, "circle_memberships", build, {"circle_id": "circles"}).values("circle_id")


def open_circle_ids(user: Viewer) -> QuerySet[Any]:
    """A subquery of the circles a member of staff may open: their own, plus the open circles
    of their families. Platform admins are not waved through here."""

    def build() -> QuerySet[Circle]:
        in_my_families = Circle.objects.filter(
            confidential=False, families__in=family_staff_ids(user)
        ).values("pk")
        return Circle.objects.filter(Q(pk__in=member_circle_ids(user)) | Q(pk__in=in_my_families))

    return pinned(user, "open_circles", build, {"pk": "open_circles"}).values("pk")


def visible_circle_ids(user: Viewer) -> QuerySet[Any]:
    """A subquery of the circles the user may open (as families.view_circle): their own,
    open circles of their families, and every open circle for a platform admin.
    Confidential circles appear only for their members, whoever asks."""
    if not is_authenticated(user):
        return Circle.objects.none().values("pk")
    if is_platform_admin(user):
        return Circle.objects.filter(
            Q(pk__in=member_circle_ids(user)) | Q(confidential=False)
        ).values("pk")
    return open_circle_ids(user)


def circles_visible_to(user: Viewer) -> QuerySet[Circle]:
    # A subquery, not a join, so that callers may count memberships without the filter's
    # join narrowing the count to `user`.
    return Circle.objects.filter(pk__in=visible_circle_ids(user))


def circles_of_user(user: Viewer) -> QuerySet[Circle]:
    return Circle.objects.filter(pk__in=member_circle_ids(user))


def is_circle_member(user: Viewer, circle: Circle | None) -> bool:
    if circle is None:
        return False
    return circle.pk in id_set(user, "circles", lambda: member_circle_ids(user), "circle_id")


def is_circle_convener(user: Viewer, circle: Circle | None) -> bool:
    if circle is None:
        return False
    return member_circle_ids(user).filter(circle_id=circle.pk, is_convener=True).exists()


def circle_readers(circle: Circle) -> QuerySet[User]:
    """Active people who may open the circle: its members and, unless it is confidential,
    the staff of its families. Platform admins are not counted in."""
    members = Q(pk__in=CircleMembership.objects.filter(circle=circle).values("user_id"))
    if not circle.confidential:
        members |= Q(pk__in=staff_of_families(circle.families.values("pk")).values("pk"))
    return User.objects.filter(members, is_active=True)


def can_see_circle(user: Viewer, circle: Circle | None) -> bool:
    if circle is None:
        return False
    if not is_authenticated(user):
        return False
    if is_platform_admin(user):  # every open circle: not worth reading them all
        return visible_circle_ids(user).filter(pk=circle.pk).exists()
    return circle.pk in id_set(user, "open_circles", lambda: open_circle_ids(user), "pk")
