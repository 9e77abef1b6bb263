"""Read-only queries for families and circles, with the permission filter applied."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from kinship.accounts.types import Viewer
from kinship.families.models import (
    Circle,
    CirclePost,
    Family,
    FamilyMembership,
    FamilyRole,
)
from kinship.membership import visibility
from kinship.schools.models import SchoolRole

ACTIVE = FamilyMembership.Status.ACTIVE


def _with_member_count(families: QuerySet[Family]) -> QuerySet[Family]:
    return families.annotate(
        member_count=Count("memberships", filter=Q(memberships__status=ACTIVE), distinct=True)
    )


def families_of_user(user: Viewer) -> QuerySet[Family]:
    """Families the user belongs to (through a school or a family role), with member counts."""
    return _with_member_count(Family.objects.filter(pk__in=visibility.family_ids_of_user(user)))


def families_visible_to(user: Viewer) -> QuerySet[Family]:
    """Families the user may open, with member counts."""
    return _with_member_count(visibility.families_visible_to(user))


def family_memberships(family: Family) -> QuerySet[FamilyMembership]:
    return family.memberships.select_related("school").order_by("school__name")


def family_coordinators(family: Family) -> QuerySet[FamilyRole]:
    return family.roles.filter(role=FamilyRole.Role.COORDINATOR).select_related("user")


def circles_visible_to(user: Viewer) -> QuerySet[Circle]:
    """Circles the user may open: their own, plus open circles of their families.

    Confidential circles appear only for their members, whoever asks.
    """
    return (
        visibility.circles_visible_to(user)
        .annotate(member_count=Count("memberships", distinct=True))
        .prefetch_related("families")
    )


def circles_of_user(user: Viewer) -> QuerySet[Circle]:
    return (
        visibility.circles_of_user(user)
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


def dashboard_for(user: Viewer) -> Dashboard:
    """Everything the dashboard shows, in a fixed number of queries however many families."""
    families = list(families_visible_to(user).filter(pk__in=visibility.family_ids_of_user(user)))
    family_ids = [family.pk for family in families]
    circles = list(circles_of_user(user))
    lead_school_ids = visibility.school_ids_of_user(user, roles=(SchoolRole.Role.LEAD,))
    invitations = list(
        FamilyMembership.objects.filter(
            school_id__in=lead_school_ids, status=FamilyMembership.Status.INVITED
        ).select_related("family", "school")
    )
    new_posts = list(
        CirclePost.objects.filter(circle_id__in=visibility.member_circle_ids(user))
        .select_related("circle", "author")
        .order_by("-created_at")[:8]
    )
    new_members = list(
        FamilyMembership.objects.filter(family_id__in=family_ids, status=ACTIVE)
        .select_related("family", "school")
        .order_by("-joined_on", "-pk")[:8]
    )
    school_roles = list(visibility.school_roles_of(user).select_related("school"))
    partner_families = list(Family.objects.filter(pk__in=visibility.partnered_family_ids(user)))
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
    return visibility.family_staff_people(family).order_by("display_name")
