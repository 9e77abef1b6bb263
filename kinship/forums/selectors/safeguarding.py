"""Safeguarding alerts: who sees them, their context in the thread, who is told, and when
an alert is overdue."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, F, Q, QuerySet

from kinship.accounts.types import Viewer
from kinship.forums.concerns import Severity
from kinship.forums.models import (
    EscalationLevel,
    Post,
    SafeguardingLead,
    SafetyAlert,
)
from kinship.forums.selectors.reading import dsl_school_ids
from kinship.membership import visibility
from kinship.schools.models import School, SchoolRole
from kinship.schools.selectors import calendar_for, term_year_of
from kinship.schools.term_dates import academic_year_of


def led_school_ids(user: Viewer) -> QuerySet[Any]:
    return visibility.school_ids_of_user(user, roles=(SchoolRole.Role.LEAD,))


def alert_filter(user: Viewer) -> Q:
    """A filter on SafetyAlert: the school's DSLs and deputies see its alerts; its head sees
    one once it has escalated to them (they are told, so they must be able to act)."""
    if not visibility.is_staff_account(user):
        return Q(pk__in=[])
    return Q(school_id__in=dsl_school_ids(user)) | Q(
        school_id__in=led_school_ids(user), escalation_level__gte=EscalationLevel.HEAD
    )


def alerts_visible_to(user: Viewer) -> QuerySet[SafetyAlert]:
    return SafetyAlert.objects.filter(alert_filter(user))


def visible_alert_ids(user: Viewer) -> QuerySet[Any]:
    return alerts_visible_to(user).values("pk")


def sees_safeguarding_queue(user: Viewer) -> bool:
    return bool(
        visibility.is_staff_account(user)
        and (dsl_school_ids(user).exists() or alerts_visible_to(user).exists())
    )


def _alert_rows(alerts: QuerySet[SafetyAlert]) -> QuerySet[SafetyAlert]:
    """With what the queue shows: the pupil's names and class, the school, the record."""
    return alerts.select_related(
        "post", "post__author", "post__thread", "post__thread__board", "school", "resolved_by"
    ).annotate(
        pupil_login_name=F("post__author__pupil_profile__login_name"),
        pupil_class_name=F("post__author__pupil_profile__pupil_class__name"),
        action_count=Count("actions"),
    )


def alerts_for(user: Viewer, *, open_only: bool = True) -> QuerySet[SafetyAlert]:
    """The DSL's queue: open alerts, most severe first, then the longest waiting first."""
    alerts = alerts_visible_to(user)
    if open_only:
        alerts = alerts.filter(resolved_at__isnull=True)
    return _alert_rows(alerts).order_by("resolved_at", "-severity", "created_at", "pk")


def closed_alerts_for(user: Viewer) -> QuerySet[SafetyAlert]:
    """Closed alerts, the most recently closed first."""
    alerts = alerts_visible_to(user).filter(resolved_at__isnull=False)
    return _alert_rows(alerts).order_by("-resolved_at", "-pk")


def alert_with_pupil(alert: SafetyAlert) -> SafetyAlert:
    """The alert again with the queue's annotations (the pupil's login name and class)."""
    return _alert_rows(SafetyAlert.objects.filter(pk=alert.pk)).get()


def alert_actions(alert: SafetyAlert) -> QuerySet[Any]:
    return alert.actions.order_by("created_at", "pk")


@dataclass(frozen=True)
class ThreadAround:
    """A held post with the thread around it: the opening post, a few before and after."""

    opening: Post | None  # None when the held post is the opening post
    before: list[Post]
    held: Post
    after: list[Post]
    skipped_before: int
    skipped_after: int


def alert_context(alert: SafetyAlert, *, around: int = 3) -> ThreadAround:
    """The posts around a held one, whatever their state (other held or waiting posts
    included, marked by the template): the DSL needs the whole picture."""
    held = Post.objects.select_related("author", "school").get(pk=alert.post_id)
    posts = Post.objects.filter(thread_id=held.thread_id).select_related("author", "school")
    earlier = Q(created_at__lt=held.created_at) | Q(created_at=held.created_at, pk__lt=held.pk)
    opening = None if held.is_opening else posts.filter(is_opening=True).first()
    replies_before = posts.filter(earlier, is_opening=False)
    replies_after = posts.exclude(earlier).exclude(pk=held.pk).exclude(is_opening=True)
    before = list(replies_before.order_by("-created_at", "-pk")[:around])[::-1]
    after = list(replies_after.order_by("created_at", "pk")[:around])
    return ThreadAround(
        opening=opening,
        before=before,
        held=held,
        after=after,
        skipped_before=replies_before.count() - len(before),
        skipped_after=replies_after.count() - len(after),
    )


def school_open_day(school: School) -> Callable[[date], bool]:
    """Whether the school is open to pupils on a day, from its term dates (its own, or its
    local authority's); Monday to Friday in a year it has none. Years load as needed."""
    years: dict[int, frozenset[date] | None] = {}

    def is_open(day: date) -> bool:
        year = academic_year_of(day)
        if year not in years:
            calendar = calendar_for(school, year)
            years[year] = term_year_of(calendar).open_days() if calendar else None
        found = years[year]
        return day.weekday() < 5 if found is None else day in found

    return is_open


def overdue_high_alerts() -> QuerySet[SafetyAlert]:
    """Open high-severity alerts nobody has acted on, not yet escalated to the head."""
    return (
        SafetyAlert.objects.filter(
            resolved_at__isnull=True,
            severity__gte=Severity.HIGH,
            escalation_level__lt=EscalationLevel.HEAD,
            actions__isnull=True,
        )
        .select_related("school")
        .order_by("created_at", "pk")
    )


def deputies_of(school: School) -> QuerySet[Any]:
    from kinship.accounts.models import User

    return User.objects.filter(
        pk__in=SafeguardingLead.objects.filter(
            school=school, role=SafeguardingLead.Role.DEPUTY
        ).values("user_id"),
        is_active=True,
    )


def heads_of(school: School) -> QuerySet[Any]:
    from kinship.accounts.models import User

    return User.objects.filter(
        school_roles__school=school, school_roles__role=SchoolRole.Role.LEAD, is_active=True
    ).distinct()


def safeguarding_leads_to_alert(school: School) -> QuerySet[Any]:
    from kinship.accounts.models import User

    return User.objects.filter(
        pk__in=SafeguardingLead.objects.filter(school=school).values("user_id"), is_active=True
    )


def safeguarding_leads_of(school: School) -> QuerySet[SafeguardingLead]:
    return (
        SafeguardingLead.objects.filter(school=school)
        .select_related("user")
        .order_by("role", "user__display_name")
    )
