"""Pupils and their schools: classes, the posts a school's pupils wrote, and the pupil
sign-in throttle."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Max, QuerySet
from django.utils import timezone

from kinship.accounts.types import Viewer
from kinship.forums.models import (
    Post,
    PupilClass,
    PupilProfile,
    PupilSignInAttempt,
)
from kinship.membership import visibility
from kinship.schools.models import School, SchoolRole


def pupil_posts_of_school(school: School) -> QuerySet[Post]:
    """Everything the school's pupils have written, kept for the school to review."""
    pupils = SchoolRole.objects.filter(school=school, role=SchoolRole.Role.PUPIL).values("user_id")
    return (
        Post.objects.filter(author_id__in=pupils)
        .select_related("author", "thread", "thread__board", "reviewed_by")
        .prefetch_related("revisions")
        .order_by("-created_at", "-pk")
    )


def pupil_classes_of(school: School) -> QuerySet[PupilClass]:
    return PupilClass.objects.filter(school=school).annotate(pupil_count=Count("pupils"))


def pupils_in(pupil_class: PupilClass) -> QuerySet[PupilProfile]:
    return pupil_class.pupils.select_related("user").order_by("login_name")


def schools_led_by(user: Viewer) -> QuerySet[School]:
    return visibility.schools_of_user(user, roles=(SchoolRole.Role.LEAD,))


def schools_of_pupil(user: Viewer) -> QuerySet[School]:
    return School.objects.filter(pk__in=visibility.pupil_school_ids(user)).order_by("name")


def schools_staffed_by(user: Viewer) -> QuerySet[School]:
    return School.objects.filter(pk__in=visibility.staff_school_ids(user))


# The pupil sign-in throttle (see docs/decisions.md): wrong tries for one class code and
# login name pause it on that device; many from one device pause the device; many anywhere
# pause the name until an hour passes or the teacher unlocks. Known and unknown names are
# treated alike, so a pause never tells which names exist.
DEVICE_TRIES = 5
DEVICE_WINDOW = timedelta(minutes=10)
DEVICE_ALL_NAMES_TRIES = 20
NAME_TRIES = 30
NAME_WINDOW = timedelta(hours=1)


@dataclass(frozen=True)
class SignInPause:
    everywhere: bool  # the name is paused on every device: only the teacher or time unlocks
    until: datetime


def pupil_sign_in_pause(
    *, class_code: str, login_name: str, device: str, now: datetime | None = None
) -> SignInPause | None:
    """Why this device may not try this name now, or None. Tries made while paused are
    refused before any check and not recorded, so a pause ends when the time given says."""
    from kinship.forums.pupils import normal_class_code, normal_login_name

    now = now or timezone.now()
    name = PupilSignInAttempt.objects.filter(
        class_code=normal_class_code(class_code), login_name=normal_login_name(login_name)
    )
    everywhere = name.filter(created_at__gt=now - NAME_WINDOW).aggregate(
        n=Count("pk"), last=Max("created_at")
    )
    if everywhere["n"] >= NAME_TRIES:
        return SignInPause(everywhere=True, until=everywhere["last"] + NAME_WINDOW)
    for tries, limit in (
        (name.filter(device=device), DEVICE_TRIES),
        (PupilSignInAttempt.objects.filter(device=device), DEVICE_ALL_NAMES_TRIES),
    ):
        recent = tries.filter(created_at__gt=now - DEVICE_WINDOW).aggregate(
            n=Count("pk"), last=Max("created_at")
        )
        if recent["n"] >= limit:
            return SignInPause(everywhere=False, until=recent["last"] + DEVICE_WINDOW)
    return None


def pupil_sign_in_locks(pupil_class: PupilClass, *, now: datetime | None = None) -> dict[str, str]:
    """Login names in the class whose sign-in is paused now: 'everywhere' or 'device'."""
    now = now or timezone.now()
    recent = PupilSignInAttempt.objects.filter(
        class_code=pupil_class.code, created_at__gt=now - NAME_WINDOW
    )
    locks: dict[str, str] = {}
    per_device = (
        recent.filter(created_at__gt=now - DEVICE_WINDOW)
        .values("login_name", "device")
        .annotate(n=Count("pk"))
        .filter(n__gte=DEVICE_TRIES)
    )
    for on_device in per_device:
        locks[on_device["login_name"]] = "device"
    everywhere = recent.values("login_name").annotate(n=Count("pk")).filter(n__gte=NAME_TRIES)
    for anywhere in everywhere:
        locks[anywhere["login_name"]] = "everywhere"
    return locks
