"""Work for the task worker: matching runs, and emails about coaching."""

from datetime import datetime, timedelta
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from kinship.accounts.models import User
from kinship.core.sending import send_once
from kinship.families.models import CircleMembership, FamilyRole
from kinship.meetings.ics import Method
from kinship.mentoring import emails
from kinship.mentoring.models import (
    CohortMeeting,
    MatchingRun,
    Pair,
    PairMeeting,
    Participant,
)


def matching_task_failed(sender: object, task_result: Any, **kwargs: Any) -> None:
    """A matching task that failed outright (an error, or its worker lost too often) ends
    its run as failed, with a message on the run's page instead of "Reading profiles" for
    ever."""
    if task_result.task.func is not run_matching.func or task_result.status != "FAILED":
        return
    [run_id] = task_result.args
    MatchingRun.objects.filter(
        pk=run_id, status__in=(MatchingRun.Status.QUEUED, MatchingRun.Status.RUNNING)
    ).update(
        status=MatchingRun.Status.FAILED,
        error="The matcher stopped before it finished. Start a new run; if it stops again, "
        "tell your Kinship administrator.",
        finished_at=timezone.now(),
    )


@task()
def run_matching(run_id: int) -> int:
    """Run the matcher for a queued run; returns the number of pairs proposed."""
    from kinship.mentoring.services import matching_run_execute

    return matching_run_execute(run_id=run_id).matched


@task()
def send_notice(kind: str, participant_id: int) -> int:
    participant = (
        Participant.objects.select_related("user", "programme").filter(pk=participant_id).first()
    )
    if participant is None or kind != "nominated":
        return 0
    key = f"mentoring.nominated:{participant.pk}:{participant.user_id}"
    return int(send_once(key, emails.nominated_email(participant).send))


def _pairs(pair_ids: list[int]) -> list[Pair]:
    return list(
        Pair.objects.filter(pk__in=pair_ids).select_related(
            "programme", "mentee__user", "coach__user", "declined_by"
        )
    )


@task()
def send_pair_notice(kind: str, pair_ids: list[int]) -> int:
    """ "published": both members hear who they are paired with. "declined": the other
    member and the programme's coordinators hear that a pair was declined. Each email is
    claimed by pair and person, so a task run again sends only what is still owed."""
    sent = 0
    for pair in _pairs(pair_ids):
        members = [pair.mentee.user, pair.coach.user]
        if kind == "published" and pair.status == Pair.Status.PUBLISHED:
            for person in members:
                email = emails.published_email(person, pair)
                sent += send_once(f"mentoring.pair_published:{pair.pk}:{person.pk}", email.send)
        elif kind == "declined":
            for person in members:
                if person.pk != pair.declined_by_id:
                    email = emails.declined_email(person, pair, coordinator=False)
                    key = f"mentoring.pair_declined:{pair.pk}:member:{person.pk}"
                    sent += send_once(key, email.send)
            coordinators = User.objects.filter(
                family_roles__family_id=pair.programme.family_id,
                family_roles__role=FamilyRole.Role.COORDINATOR,
                is_active=True,
            )
            for person in coordinators:
                email = emails.declined_email(person, pair, coordinator=True)
                key = f"mentoring.pair_declined:{pair.pk}:coordinator:{person.pk}"
                sent += send_once(key, email.send)
    return sent


@task()
def send_pair_meeting_invitation(meeting_id: int, method: str) -> int:
    meeting = (
        PairMeeting.objects.select_related(
            "pair__mentee__user",
            "pair__coach__user",
            "pair__mentee__school",
            "pair__coach__school",
            "created_by",
        )
        .filter(pk=meeting_id)
        .first()
    )
    if meeting is None:
        return 0
    sent = 0
    for person in (meeting.pair.mentee.user, meeting.pair.coach.user):
        email = emails.pair_meeting_email(person, meeting, Method(method))
        # A move or a cancellation raises SEQUENCE: a new email, claimed afresh.
        key = f"mentoring.pair_meeting:{meeting.pk}:{method}:{meeting.sequence}:{person.pk}"
        sent += send_once(key, email.send)
    return sent


def cohort_people(meeting: CohortMeeting) -> list[User]:
    circle_id = meeting.programme.cohort_id
    if circle_id is None:
        return []
    return list(
        User.objects.filter(
            pk__in=CircleMembership.objects.filter(circle_id=circle_id).values("user_id"),
            is_active=True,
        )
    )


@task()
def send_cohort_meeting_invitation(meeting_id: int, method: str) -> int:
    meeting = (
        CohortMeeting.objects.select_related("programme__created_by", "host_school")
        .filter(pk=meeting_id)
        .first()
    )
    if meeting is None:
        return 0
    sent = 0
    for person in cohort_people(meeting):
        email = emails.cohort_meeting_email(person, meeting, Method(method))
        key = f"mentoring.cohort_meeting:{meeting.pk}:{method}:{meeting.sequence}:{person.pk}"
        sent += send_once(key, email.send)
    return sent


def send_reminders() -> int:
    """Tomorrow's pair and cohort meetings: a reminder to each person. Run daily; each
    meeting's reminder is sent once."""
    moment = timezone.now()
    tomorrow = timezone.localdate(moment) + timedelta(days=1)
    start = datetime.combine(tomorrow, datetime.min.time(), tzinfo=timezone.get_default_timezone())
    end = start + timedelta(days=1)
    sent = 0
    pair_meetings = PairMeeting.objects.filter(
        starts_at__gte=start,
        starts_at__lt=end,
        cancelled=False,
        reminder_sent_at__isnull=True,
        pair__status=Pair.Status.PUBLISHED,
    ).select_related(
        "pair__mentee__user", "pair__coach__user", "pair__mentee__school", "pair__coach__school"
    )
    for meeting in pair_meetings:
        open_questions = meeting.pair.questions.filter(answered_at__isnull=True).count()
        for person in (meeting.pair.mentee.user, meeting.pair.coach.user):
            email = emails.reminder_email(person, meeting, open_questions)
            # Claimed per person: an overlapping run read the same meetings.
            key = f"mentoring.pair_reminder:{meeting.pk}:{meeting.starts_at:%Y-%m-%d}:{person.pk}"
            sent += send_once(key, email.send)
        PairMeeting.objects.filter(pk=meeting.pk).update(reminder_sent_at=moment)
    cohort = CohortMeeting.objects.filter(
        Q(starts_at__gte=start) & Q(starts_at__lt=end),
        cancelled=False,
        reminder_sent_at__isnull=True,
    ).select_related("programme", "host_school")
    for gathering in cohort:
        for person in cohort_people(gathering):
            email = emails.cohort_reminder_email(person, gathering)
            key = (
                f"mentoring.cohort_reminder:{gathering.pk}:{gathering.starts_at:%Y-%m-%d}:"
                f"{person.pk}"
            )
            sent += send_once(key, email.send)
        CohortMeeting.objects.filter(pk=gathering.pk).update(reminder_sent_at=moment)
    return sent
