"""Read-only queries for families and circles, with the permission filter applied."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from kinship.families.models import (
    Circle,
    CircleMembership,
    CirclePost,
    Family,
    FamilyMembership,
    FamilyRole,
)
from kinship.schools.models import SchoolRole
from kinship.schools.selectors import family_ids_of_user

ACTIVE = FamilyMembership.Status.ACTIVE


def families_of_user(user: Any) -> QuerySet[Family]:
    """Families the user belongs to (through a school or a family role), with member counts."""
    return Family.objects.filter(pk__in=family_ids_of_user(user)).annotate(
        member_count=Count("memberships", filter=Q(memberships__status=ACTIVE), distinct=True)
    )


def families_visible_to(user: Any) -> QuerySet[Family]:
    if user.is_superuser:
        return Family.objects.annotate(
            member_count=Count("memberships", filter=Q(memberships__status=ACTIVE), distinct=True)
        )
    staff_family_ids = set(
        FamilyMembership.objects.filter(
            status=ACTIVE,
            school__roles__user=user,
            school__roles__role__in=(SchoolRole.Role.LEAD, SchoolRole.Role.STAFF),
        ).values_list("family_id", flat=True)
    ) | set(
        FamilyRole.objects.filter(user=user, role=FamilyRole.Role.COORDINATOR).values_list(
            "family_id", flat=True
        )
    )
    return Family.objects.filter(pk__in=staff_family_ids).annotate(
        member_count=Count("memberships", filter=Q(memberships__status=ACTIVE), distinct=True)
    )


def family_memberships(family: Family) -> QuerySet[FamilyMembership]:
    return family.memberships.select_related("school").order_by("school__name")


def family_coordinators(family: Family) -> QuerySet[FamilyRole]:
    return family.roles.filter(role=FamilyRole.Role.COORDINATOR).select_related("user")


def circles_visible_to(user: Any) -> QuerySet[Circle]:
    """Circles the user may open: their own, plus open circles of their families.

    Confidential circles appear only for their members, whoever asks.
    """
    if not user.is_authenticated:
        return Circle.objects.none()
    # A subquery, not a join: joining memberships would make member_count count only `user`.
    mine = Q(pk__in=CircleMembership.objects.filter(user=user).values("circle_id"))
    if user.is_superuser:
        open_to_me = Q(confidential=False)
    else:
        staff_families = families_visible_to(user).values("pk")
        open_to_me = Q(confidential=False, families__in=staff_families)
    return (
        Circle.objects.filter(mine | open_to_me)
        .distinct()
        .annotate(member_count=Count("memberships", distinct=True))
        .prefetch_related("families")
    )


def circles_of_user(user: Any) -> QuerySet[Circle]:
    return (
        Circle.objects.filter(pk__in=CircleMembership.objects.filter(user=user).values("circle_id"))
        .annotate(member_count=Count("memberships", distinct=True))
        .prefetch_related("families")
    )


def circle_posts(circle: Circle) -> QuerySet[CirclePost]:
    return circle.posts.select_related("author")


def circle_members(circle: Circle) -> QuerySet[Any]:
    return (
        circle.memberships.select_related("user")
        .prefetch_related(
            Prefetch(
                "user__school_roles",
                queryset=SchoolRole.objects.select_related("school").exclude(
                    role=SchoolRole.Role.PUPIL
                ),
            )
        )
        .order_by("user__display_name")
    )


@dataclass
class Dashboard:
    families: list[Family]
    circles: list[Circle]
    invitations: list[FamilyMembership]
    new_posts: list[CirclePost]
    new_members: list[FamilyMembership]
    school_roles: list[SchoolRole]
    partner_families: list[Family]


def dashboard_for(user: Any) -> Dashboard:
    """Everything the dashboard shows, in a fixed number of queries however many families."""
    families = list(families_visible_to(user).filter(pk__in=family_ids_of_user(user)))
    family_ids = [family.pk for family in families]
    circles = list(circles_of_user(user))
    lead_school_ids = SchoolRole.objects.filter(user=user, role=SchoolRole.Role.LEAD).values(
        "school_id"
    )
    invitations = list(
        FamilyMembership.objects.filter(
            school_id__in=lead_school_ids, status=FamilyMembership.Status.INVITED
        ).select_related("family", "school")
    )
    new_posts = list(
        CirclePost.objects.filter(circle__memberships__user=user)
        .select_related("circle", "author")
        .order_by("-created_at")[:8]
    )
    new_members = list(
        FamilyMembership.objects.filter(family_id__in=family_ids, status=ACTIVE)
        .select_related("family", "school")
        .order_by("-joined_on", "-pk")[:8]
    )
    school_roles = list(SchoolRole.objects.filter(user=user).select_related("school"))
    partner_families = list(
        Family.objects.filter(roles__user=user, roles__role=FamilyRole.Role.PARTNER)
    )
    return Dashboard(
        families=families,
        circles=circles,
        invitations=invitations,
        new_posts=new_posts,
        new_members=new_members,
        school_roles=school_roles,
        partner_families=partner_families,
    )


def family_people(family: Family) -> QuerySet[Any]:
    """Staff of the family's active schools and its coordinators: who may join its circles."""
    from kinship.accounts.models import User

    return (
        User.objects.filter(
            Q(
                school_roles__role__in=(SchoolRole.Role.LEAD, SchoolRole.Role.STAFF),
                school_roles__school__family_memberships__family=family,
                school_roles__school__family_memberships__status=ACTIVE,
            )
            | Q(family_roles__family=family, family_roles__role=FamilyRole.Role.COORDINATOR)
        )
        .filter(is_active=True)
        .distinct()
        .order_by("display_name")
    )
