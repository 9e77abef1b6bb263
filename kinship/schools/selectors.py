"""Read-only queries about schools and who shares a family with whom."""

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Replace, Upper

from kinship.schools.models import School, SchoolRole

ACTIVE = "active"  # FamilyMembership.Status.ACTIVE, named here to keep schools below families


def schools_of_user(user: Any, *, roles: tuple[str, ...] | None = None) -> QuerySet[School]:
    """Schools where `user` holds a role (any role, or one of `roles`)."""
    if not user.is_authenticated:
        return School.objects.none()
    role_filter = SchoolRole.objects.filter(user=user)
    if roles:
        role_filter = role_filter.filter(role__in=roles)
    return School.objects.filter(pk__in=role_filter.values("school_id"))


def family_ids_of_user(user: Any) -> set[int]:
    """Families `user` belongs to: through an active member school, or a family role."""
    if not user.is_authenticated:
        return set()
    through_schools = School.families.through.objects.filter(
        status=ACTIVE, school__roles__user=user
    ).values_list("family_id", flat=True)
    through_roles = user.family_roles.values_list("family_id", flat=True)
    return set(through_schools) | set(through_roles)


def schools_sharing_a_family_with(user: Any) -> QuerySet[School]:
    """Active member schools of every family `user` belongs to (their own schools included)."""
    family_ids = family_ids_of_user(user)
    return School.objects.filter(
        family_memberships__family_id__in=family_ids, family_memberships__status=ACTIVE
    ).distinct()


def staff_roles_sharing_a_family_with(user: Any) -> QuerySet[SchoolRole]:
    """SchoolRole rows of staff in schools sharing a family with `user`."""
    return SchoolRole.objects.filter(
        school__in=schools_sharing_a_family_with(user), role__in=("lead", "staff")
    )


STAFF_ROLES = (SchoolRole.Role.LEAD, SchoolRole.Role.STAFF)


def schools_matching(query: str) -> QuerySet[School]:
    """Schools whose name or town contains `query`, whose postcode starts with it (spaces
    ignored), or whose URN it is; every school when `query` is blank. Ordered by name."""
    schools = School.objects.only(
        "urn", "name", "la_name", "phase", "status", "is_open", "town", "postcode"
    ).order_by("name", "urn")
    query = " ".join(query.split())
    if not query:
        return schools
    compact = query.replace(" ", "").upper()
    match = (
        Q(name__icontains=query)
        | Q(town__icontains=query)
        | Q(postcode_compact__startswith=compact)
    )
    if query.isdigit() and len(query) <= 9:
        match |= Q(urn=int(query))
    return schools.annotate(
        postcode_compact=Replace(Upper("postcode"), Value(" "), Value(""))
    ).filter(match)


@dataclass
class SchoolProfile:
    """What a school's page shows. `listed_staff` is None when the viewer may not see it."""

    school: School
    families: list[Any]
    map_schools: list[School]
    listed_staff: list[SchoolRole] | None
    website_url: str


def school_profile(school: School, *, with_staff: bool) -> SchoolProfile:
    """The school's active families, the schools it shares them with (for the map) and, when
    `with_staff`, the leads and staff who chose to be listed: four queries however many."""
    memberships = school.family_memberships.filter(status=ACTIVE).select_related("family")
    families = [membership.family for membership in memberships.order_by("family__name")]
    partners = (
        School.objects.filter(
            family_memberships__family__in=[family.pk for family in families],
            family_memberships__status=ACTIVE,
        )
        .exclude(pk=school.pk)
        .distinct()
        .only("urn", "name", "easting", "northing", "latitude", "longitude")
    )
    return SchoolProfile(
        school=school,
        families=families,
        map_schools=[school, *partners] if families else [school],
        listed_staff=listed_staff_of(school) if with_staff else None,
        website_url=website_url(school.website),
    )


def listed_staff_of(school: School) -> list[SchoolRole]:
    """Leads, then staff, who chose to appear on the school's profile; each person once.
    Pupils are never listed."""
    roles = (
        SchoolRole.objects.filter(
            school=school, role__in=STAFF_ROLES, listed_on_profile=True, user__is_active=True
        )
        .select_related("user")
        .prefetch_related("user__expertise")
        .order_by("role", "user__display_name", "user__pk")  # "lead" sorts before "staff"
    )
    seen: set[int] = set()
    listed = []
    for role in roles:
        if role.user_id not in seen:
            seen.add(role.user_id)
            listed.append(role)
    return listed


def website_url(website: str) -> str:
    """A link for the website GIAS gives (often without a scheme), or "" if it is not a web
    address: nothing but http and https ever reaches an href."""
    website = website.strip()
    if not website or any(character.isspace() for character in website):
        return ""
    if not website.lower().startswith(("http://", "https://")):
        if "://" in website or ":" in website.split("/")[0]:
            return ""
        website = f"https://{website}"
    parsed = urlsplit(website)
    if parsed.scheme.lower() not in ("http", "https") or "." not in (parsed.hostname or ""):
        return ""
    return website
