"""Programmes, places and pairs as their coordinators and members see them."""

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from kinship.accounts.models import ExpertiseTag, User
from kinship.accounts.types import Viewer
from kinship.families.models import Circle, Family, FamilyMembership
from kinship.membership import visibility
from kinship.mentoring.models import (
    MatchingRun,
    Pair,
    Participant,
    Programme,
    Question,
)
from kinship.schools.models import School, SchoolRole

ACTIVE = FamilyMembership.Status.ACTIVE
LIVE = (Pair.Status.PROPOSED, Pair.Status.PUBLISHED)


def _participants() -> QuerySet[Participant]:
    return Participant.objects.select_related("user", "school").prefetch_related(
        Prefetch("priorities", queryset=ExpertiseTag.objects.order_by("name"))
    )


def programmes_coordinated_by(user: Viewer) -> QuerySet[Programme]:
    families = visibility.coordinated_family_ids(user)
    return Programme.objects.filter(family_id__in=families).select_related("family")


def families_coordinated_by(user: Viewer) -> QuerySet[Family]:
    return Family.objects.filter(pk__in=visibility.coordinated_family_ids(user)).order_by("name")


def programmes_open_to(user: User) -> QuerySet[Programme]:
    """Programmes taking applications in the families where `user` works."""
    families = visibility.staff_family_ids(user)
    return (
        Programme.objects.filter(family_id__in=families, applications_open=True)
        .exclude(participants__user=user)
        .select_related("family")
    )


def places_of(user: User) -> QuerySet[Participant]:
    """The user's places in programmes, each with its programme and any live pair."""
    return (
        Participant.objects.filter(user=user)
        .exclude(status=Participant.Status.WITHDRAWN)
        .select_related("programme", "programme__family", "school")
        .order_by("-programme__starts_on")
    )


def pairs_of(user: Viewer) -> QuerySet[Pair]:
    """Published pairs the user is the head or coach of."""
    open_questions = (
        Question.objects.filter(pair=OuterRef("pk"), answered_at__isnull=True)
        .order_by()
        .values("pair")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        Pair.objects.filter(
            Q(mentee__user=user) | Q(coach__user=user), status=Pair.Status.PUBLISHED
        )
        .select_related(
            "programme", "mentee__user", "coach__user", "mentee__school", "coach__school"
        )
        # A counting subquery, not Count(): grouping by every joined column made the
        # dashboard's query slow to plan.
        .annotate(open_questions=Coalesce(Subquery(open_questions), 0))
        .order_by("-programme__starts_on", "pk")
    )


def participants_of(programme: Programme) -> QuerySet[Participant]:
    return _participants().filter(programme=programme).order_by("role", "user__display_name")


def school_choices_for(user: Viewer, programme: Programme, role: str) -> QuerySet[School]:
    """Member schools of the programme's family the user may take part for: a school they
    lead (to be coached), or one they lead or work at (to coach)."""
    roles = (
        (SchoolRole.Role.LEAD,)
        if role == Participant.Role.MENTEE
        else (SchoolRole.Role.LEAD, SchoolRole.Role.STAFF)
    )
    return (
        School.objects.filter(
            pk__in=visibility.school_ids_of_user(user, roles=roles),
            family_memberships__family_id=programme.family_id,
            family_memberships__status=ACTIVE,
        )
        .distinct()
        .order_by("name")
    )


def circles_to_adopt(user: Viewer, programme: Programme) -> QuerySet[Circle]:
    """Confidential circles of the programme's family that `user` convenes: what a head in
    a programme without a cohort may bring to it as its cohort."""
    if programme.cohort_id is not None:
        return Circle.objects.none()
    return Circle.objects.filter(
        confidential=True,
        families=programme.family_id,
        pk__in=visibility.member_circle_ids(user).filter(is_convener=True),
    ).distinct()


def place_in(user: User, programme: Programme) -> Participant | None:
    """The user's place in the programme (any status), if they have one."""
    return Participant.objects.filter(programme=programme, user=user).first()


def pair_for_mentee(participant: Participant) -> Pair | None:
    return (
        Pair.objects.filter(mentee=participant, status__in=LIVE)
        .select_related("coach__user", "coach__school")
        .first()
    )


def pairs_for_review(programme: Programme) -> QuerySet[Pair]:
    return (
        Pair.objects.filter(programme=programme, status__in=LIVE)
        .select_related("mentee__user", "mentee__school", "coach__user", "coach__school")
        .order_by("status", "mentee__user__display_name")
    )


def declined_pairs(programme: Programme) -> QuerySet[Pair]:
    return (
        Pair.objects.filter(programme=programme, status=Pair.Status.DECLINED)
        .select_related("mentee__user", "coach__user", "declined_by")
        .order_by("-declined_at")
    )


def latest_run(programme: Programme) -> MatchingRun | None:
    return programme.runs.order_by("-created_at", "-pk").first()
