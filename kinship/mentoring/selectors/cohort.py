"""The cohort, its meetings and topics, and the coaching calendars."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Min, Prefetch, Q, QuerySet
from django.utils import timezone

from kinship.accounts.models import User, Visibility
from kinship.accounts.types import Viewer
from kinship.families.models import CircleMembership
from kinship.membership import visibility
from kinship.mentoring.models import (
    CohortMeeting,
    Pair,
    PairMeeting,
    Programme,
)
from kinship.schools.models import SchoolRole


@dataclass
class CohortMember:
    user: User
    schools: list[str]
    email: str  # "" when they keep it to themselves
    phone: str


def cohort_members(programme: Programme) -> list[CohortMember]:
    """Who is in the cohort and how to reach them, as each has chosen: an address or
    number is shown only when its owner lets people in their families see it."""
    if programme.cohort_id is None:
        return []
    memberships = (
        CircleMembership.objects.filter(circle_id=programme.cohort_id)
        .select_related("user")
        .prefetch_related(
            Prefetch(
                "user__school_roles",
                queryset=SchoolRole.objects.filter(
                    role__in=(SchoolRole.Role.LEAD, SchoolRole.Role.STAFF)
                ).select_related("school"),
            )
        )
        .order_by("user__display_name")
    )
    members = []
    for membership in memberships:
        user = membership.user
        members.append(
            CohortMember(
                user=user,
                schools=sorted({role.school.name for role in user.school_roles.all()}),
                email=user.email if user.email_visibility == Visibility.FAMILIES else "",
                phone=user.phone if user.phone_visibility == Visibility.FAMILIES else "",
            )
        )
    return members


def cohort_meetings_of(programme: Programme) -> QuerySet[CohortMeeting]:
    return programme.cohort_meetings.select_related("host_school").annotate(
        topic_count=Count("topics", distinct=True)
    )


def cohort_topics(meeting: CohortMeeting, user: Viewer) -> list[Any]:
    """The topics proposed, most votes first: the agenda. Each knows if `user` voted."""
    topics: list[Any] = list(
        meeting.topics.select_related("proposer")
        .annotate(
            vote_count=Count("votes", distinct=True),
            mine=Count("votes", filter=Q(votes__user=user), distinct=True),
        )
        .order_by("-vote_count", "created_at", "pk")
    )
    return topics


# Calendars


def coaching_meetings_of(user: Viewer) -> QuerySet[PairMeeting]:
    return PairMeeting.objects.filter(
        Q(pair__mentee__user=user) | Q(pair__coach__user=user),
        pair__status=Pair.Status.PUBLISHED,
    ).select_related(
        "pair__mentee__user", "pair__coach__user", "pair__mentee__school", "pair__coach__school"
    )


def cohort_meetings_for(user: Viewer) -> QuerySet[CohortMeeting]:
    circles = visibility.member_circle_ids(user)
    return CohortMeeting.objects.filter(programme__cohort_id__in=circles).select_related(
        "programme", "host_school"
    )


def next_meeting_dates(pairs: Sequence[Pair]) -> dict[int, Any]:
    now = timezone.now()
    return dict(
        PairMeeting.objects.filter(
            pair__in=[p.pk for p in pairs], cancelled=False, ends_at__gte=now
        )
        .values("pair_id")
        .annotate(first=Min("starts_at"))
        .values_list("pair_id", "first")
    )
