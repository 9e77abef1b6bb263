"""The cohort's meetings: dates set by the coordinators; topics, votes and notes kept by
the cohort's members alone. Also each person's coaching calendar address."""

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from kinship.accounts.models import User
from kinship.core.audit import audit_log
from kinship.core.concurrency import lock_unchanged
from kinship.core.queue import enqueue_with_change
from kinship.families.models import CircleMembership
from kinship.mentoring.models import (
    CoachingFeed,
    CohortMeeting,
    CohortTopic,
    CohortVote,
    Programme,
    new_feed_token,
)
from kinship.schools.models import School

# What each edit form changes, and so what its version covers (kinship.core.concurrency).
COHORT_MEETING_EDIT_FIELDS = (
    "title",
    "starts_at",
    "ends_at",
    "host_school",
    "location",
    "online_url",
)
COHORT_NOTES_FIELDS = ("notes",)


def _check(
    title: str, starts_at: datetime, ends_at: datetime, host: School | None, url: str
) -> None:
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = "Give the meeting a title."
    if ends_at <= starts_at:
        errors["ends_at"] = "The meeting must end after it starts."
    elif ends_at - starts_at > timedelta(hours=10):
        errors["ends_at"] = "A cohort meeting lasts ten hours at most."
    if host is None and not url:
        errors["host_school"] = "Choose a host school or give an online meeting link."
    if errors:
        raise ValidationError(errors)


def _is_member(user: User, meeting: CohortMeeting) -> bool:
    circle_id = meeting.programme.cohort_id
    if circle_id is None:
        return False
    return CircleMembership.objects.filter(circle_id=circle_id, user=user).exists()


def _invite(meeting: CohortMeeting, method: str) -> None:
    if meeting.ends_at < timezone.now():
        return
    from kinship.mentoring.tasks import send_cohort_meeting_invitation

    enqueue_with_change(send_cohort_meeting_invitation, meeting.pk, method)


@transaction.atomic
def cohort_meeting_create(
    *,
    actor: User,
    programme: Programme,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    host_school: School | None = None,
    location: str = "",
    online_url: str = "",
) -> CohortMeeting:
    """One of the cohort's meetings; the cohort's members are invited."""
    _check(title, starts_at, ends_at, host_school, online_url)
    meeting = CohortMeeting.objects.create(
        programme=programme,
        title=title.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        host_school=host_school,
        location=location.strip(),
        online_url=online_url,
    )
    audit_log(
        actor=actor,
        action="mentoring.cohort_meeting",
        target=meeting,
        summary=f"Set a cohort meeting date for {programme.name}",
    )
    _invite(meeting, "REQUEST")
    return meeting


@transaction.atomic
def cohort_meeting_update(
    *,
    actor: User,
    meeting: CohortMeeting,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    host_school: School | None = None,
    location: str = "",
    online_url: str = "",
    version: str | None = None,
) -> CohortMeeting:
    """Move or correct a cohort meeting; `version` is what the edit form showed
    (COHORT_MEETING_EDIT_FIELDS): a stale one raises EditConflict."""
    meeting = lock_unchanged(meeting, COHORT_MEETING_EDIT_FIELDS, version)
    _check(title, starts_at, ends_at, host_school, online_url)
    meeting.title, meeting.starts_at, meeting.ends_at = title.strip(), starts_at, ends_at
    meeting.host_school, meeting.location, meeting.online_url = host_school, location, online_url
    meeting.sequence += 1
    meeting.reminder_sent_at = None
    meeting.save()
    _invite(meeting, "REQUEST")
    return meeting


@transaction.atomic
def cohort_meeting_cancel(*, actor: User, meeting: CohortMeeting) -> CohortMeeting:
    meeting.cancelled = True
    meeting.sequence += 1
    meeting.save(update_fields=["cancelled", "sequence"])
    _invite(meeting, "CANCEL")
    return meeting


@transaction.atomic
def cohort_topic_propose(
    *, actor: User, meeting: CohortMeeting, title: str, detail: str = ""
) -> CohortTopic:
    """A topic for the meeting's agenda; the member proposing it votes for it."""
    if not _is_member(actor, meeting):
        raise PermissionDenied("Only the cohort's members propose topics.")
    if meeting.cancelled:
        raise ValidationError("This meeting has been cancelled.")
    if not title.strip():
        raise ValidationError({"title": "Say what you would like to discuss."})
    topic = CohortTopic.objects.create(
        meeting=meeting, proposer=actor, title=title.strip(), detail=detail.strip()
    )
    CohortVote.objects.create(topic=topic, user=actor)
    return topic


@transaction.atomic
def cohort_vote(*, actor: User, topic: CohortTopic, wanted: bool) -> bool:
    """Vote for a topic (or take the vote back): the most wanted topics head the agenda."""
    if not _is_member(actor, topic.meeting):
        raise PermissionDenied("Only the cohort's members vote.")
    if wanted:
        CohortVote.objects.get_or_create(topic=topic, user=actor)
    else:
        CohortVote.objects.filter(topic=topic, user=actor).delete()
    return wanted


@transaction.atomic
def cohort_notes_save(
    *, actor: User, meeting: CohortMeeting, notes: str, version: str | None = None
) -> CohortMeeting:
    """The cohort's shared notes; `version` is what the form showed (COHORT_NOTES_FIELDS):
    a stale one raises EditConflict."""
    if not _is_member(actor, meeting):  # before the lock: only members see the notes
        raise PermissionDenied("Only the cohort's members keep its notes.")
    meeting = lock_unchanged(meeting, COHORT_NOTES_FIELDS, version)
    meeting.notes = notes.strip()
    meeting.notes_by = actor
    meeting.notes_updated_at = timezone.now()
    meeting.save(update_fields=["notes", "notes_by", "notes_updated_at"])
    return meeting


def coaching_feed_of(user: User) -> CoachingFeed:
    feed, _ = CoachingFeed.objects.get_or_create(user=user)
    return feed


@transaction.atomic
def coaching_feed_reset(*, actor: User) -> CoachingFeed:
    """A new secret address for the coaching calendar; the old one stops at once."""
    feed = coaching_feed_of(actor)
    feed.token = new_feed_token()
    feed.save(update_fields=["token"])
    audit_log(actor=actor, action="mentoring.feed_reset", target=feed)
    return feed
