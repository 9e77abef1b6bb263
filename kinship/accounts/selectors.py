"""Read-only queries about people, the directory and invitations."""

from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice

from kinship.accounts.models import ExpertiseTag, Invitation, User
from kinship.accounts.tokens import invitation_token_hash
from kinship.membership import visibility
from kinship.membership.visibility import STAFF_ROLES
from kinship.schools.models import School, SchoolRole

LEAD_ONLY = (SchoolRole.Role.LEAD,)


def directory_people_for(viewer: User, *, q: str = "", tag: str = "") -> QuerySet[User]:
    """People listed in the directory who lead or work at a school sharing an active family
    with `viewer`, optionally matching `q` (name, job title, expertise) and the tag slug `tag`.

    Each person comes with `directory_roles` (their staff roles at those schools, with the
    school) and their expertise tags prefetched, so a page costs the same at any length.
    """
    roles_in_reach = SchoolRole.objects.filter(
        role__in=STAFF_ROLES, school__in=visibility.schools_sharing_a_family_with(viewer)
    )
    people = visibility.active_staff_accounts().filter(
        listed_in_directory=True, pk__in=roles_in_reach.values("user_id")
    )
    if q:
        people = people.filter(
            Q(display_name__icontains=q)
            | Q(job_title__icontains=q)
            | Q(ask_me_about__icontains=q)
            | Q(expertise__name__icontains=q)
        )
    if tag:
        people = people.filter(expertise__slug=tag)
    return people.distinct().prefetch_related(
        Prefetch("expertise", queryset=ExpertiseTag.objects.order_by("name")),
        Prefetch(
            "school_roles",
            queryset=SchoolRole.objects.filter(pk__in=roles_in_reach.values("pk"))
            .select_related("school")
            .order_by("school__name"),
            to_attr="directory_roles",
        ),
    )


def directory_tags_for(viewer: User) -> QuerySet[ExpertiseTag]:
    """Tags held by at least one person `viewer` can find in the directory."""
    return ExpertiseTag.objects.filter(
        pk__in=User.expertise.through.objects.filter(
            user__in=directory_people_for(viewer).values("pk")
        ).values("expertisetag_id")
    )


def schools_user_may_invite_to(user: User) -> QuerySet[School]:
    """Schools `user` leads, and member schools of families they coordinate that have no lead
    on Kinship yet (a coordinator may invite a school's first lead, never its staff)."""
    if not user.is_authenticated:
        return School.objects.none()
    return School.objects.filter(
        Q(pk__in=_schools_led_by(user)) | Q(pk__in=schools_awaiting_a_first_lead(user))
    ).order_by("name")


def _schools_led_by(user: User) -> QuerySet[SchoolRole, Any]:
    return visibility.school_ids_of_user(user, roles=LEAD_ONLY)


def schools_awaiting_a_first_lead(user: User) -> QuerySet[School, Any]:
    """Active member schools of the families `user` coordinates with no lead on Kinship."""
    with_a_lead = SchoolRole.objects.filter(role=SchoolRole.Role.LEAD).values("school_id")
    coordinated = visibility.coordinated_family_ids(user)
    return visibility.active_member_schools(coordinated).exclude(pk__in=with_a_lead).values("pk")


def invitations_visible_to(user: User) -> QuerySet[Invitation]:
    """Invitations `user` sent, and those to schools they lead (they may withdraw both)."""
    led = visibility.school_ids_of_user(user, roles=LEAD_ONLY)
    return (
        Invitation.objects.filter(Q(invited_by=user) | Q(school_id__in=led))
        .select_related("school", "invited_by", "accepted_by")
        .order_by("-created_at", "-pk")
    )


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation a link's token opens, or None for a token we never issued."""
    return (
        Invitation.objects.select_related("school", "invited_by")
        .filter(token_hash=invitation_token_hash(token))
        .first()
    )


def school_roles_of(user: User) -> QuerySet[SchoolRole]:
    return visibility.school_roles_of(user).select_related("school").order_by("school__name")


def family_roles_of(user: User) -> QuerySet[Any]:
    """The user's roles in families as a whole (coordinator, partner), with the family."""
    return user.family_roles.select_related("family").order_by("family__name")


def user_exists_with_email(email: str) -> bool:
    return User.objects.filter(email__iexact=email).exists()


def two_factor_device_of(user: User) -> TOTPDevice | None:
    """The confirmed authenticator-app device `user` signs in with, if any."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def people_led_by_ids(viewer: User) -> QuerySet[Any]:
    """Ids of the people at the schools `viewer` leads: whose account notices they may see."""
    led = visibility.school_ids_of_user(viewer, roles=LEAD_ONLY)
    return User.objects.filter(school_roles__school_id__in=led).values("pk")
