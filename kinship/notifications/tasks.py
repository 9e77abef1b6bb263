"""Sending notification emails: straight away (a task per batch), duty emails (a task per
person, a little later, so a burst is one email) and the daily and weekly digests (a task
the cron command enqueues). Each send checks what the recipient may see at that moment;
each notification is emailed at most once, and a task run again after the SMTP server
failed half-way sends only what it still owed. Tasks are enqueued with the change that
needs them (core.queue)."""

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from kinship.accounts.models import User
from kinship.core.queue import enqueue_with_change
from kinship.core.sending import send_once
from kinship.membership import visibility
from kinship.notifications import emails, registry, selectors
from kinship.notifications.models import Frequency, Notification, NotificationSettings

# A digest run twice (a retried cron job) sends nothing the second time.
DIGEST_GAP: dict[str, timedelta] = {
    Frequency.DAILY: timedelta(hours=20),
    Frequency.WEEKLY: timedelta(days=6),
}
LAST_SENT_FIELD: dict[str, str] = {
    Frequency.DAILY: "last_daily_at",
    Frequency.WEEKLY: "last_weekly_at",
}


def _claim(ids: list[int]) -> bool:
    """Mark notifications emailed; False if another worker got there first."""
    return Notification.objects.filter(pk__in=ids, emailed_at__isnull=True).update(
        emailed_at=timezone.now()
    ) == len(ids)


def _may_email(person: User) -> bool:
    return (
        person.is_active
        and not visibility.is_pupil_record(person)
        and selectors.settings_of(person).emails_enabled
    )


@task()
def send_immediate_emails(notification_ids: list[int]) -> int:
    """Each notification is claimed (core.sending) as it is emailed, then marked emailed:
    the claim keeps an overlapping copy or a retry from sending it twice, and a refused
    send gives the claim back, so the rest go when the task is run again."""
    sent = 0
    waiting = Notification.objects.filter(pk__in=notification_ids, emailed_at__isnull=True).exclude(
        kind__in=registry.duty_kinds()
    )
    for notification in waiting.select_related("recipient"):
        person = notification.recipient
        visible = selectors.notifications_for(person).filter(pk=notification.pk).exists()
        if visible and _may_email(person):
            email = emails.single_email(notification)
            sent += send_once(f"notifications.email:{notification.pk}", email.send)
        _claim([notification.pk])
    return sent


def enqueue_duty_emails(recipient_ids: Iterable[int]) -> None:
    """One task per person, run DUTY_EMAIL_DELAY_SECONDS from now where the task backend can
    defer (the database backend can): the first to run sends everything that has gathered."""
    delay = timedelta(seconds=settings.DUTY_EMAIL_DELAY_SECONDS)
    deferred = send_duty_emails
    if delay and send_duty_emails.get_backend().supports_defer:
        deferred = send_duty_emails.using(run_after=timezone.now() + delay)
    for recipient_id in recipient_ids:
        enqueue_with_change(deferred, recipient_id)


@task()
def send_duty_emails(recipient_id: int) -> int:
    """All of one person's unsent duty notifications (safeguarding alerts), as one email.
    Sent even when they turned emails off or unsubscribed: a duty is not a preference.
    Claimed in one UPDATE, so two overlapping tasks send it once. A group the SMTP server
    refuses is given back (its notifications stay unsent) while the groups already sent
    stay claimed; the task then fails, and a retry or the cron safety net sends the rest.
    A crash mid-way rolls the whole claim back: a duty email may then come twice, never
    not at all."""
    person = User.objects.filter(pk=recipient_id, is_active=True).first()
    if person is None or visibility.is_pupil_record(person):
        return 0
    refused: list[Exception] = []
    with transaction.atomic():
        waiting = list(
            Notification.objects.select_for_update(skip_locked=True)
            .filter(recipient=person, kind__in=registry.duty_kinds(), emailed_at__isnull=True)
            .order_by("created_at", "pk")
        )
        if not waiting or not _claim([n.pk for n in waiting]):
            transaction.set_rollback(True)
            return 0
        # Left out: anything the person may no longer see (no longer the school's DSL).
        visible = set(
            selectors.notifications_for(person)
            .filter(pk__in=[n.pk for n in waiting])
            .values_list("pk", flat=True)
        )
        # One email per app that describes them (an alert and its escalation go together).
        groups: dict[registry.DescribeDuty, list[Notification]] = {}
        for notification in waiting:
            if notification.pk in visible:
                describe = registry.describe_duty(notification.kind)
                groups.setdefault(describe, []).append(notification)
        sent = 0
        for describe, notifications in groups.items():
            try:
                emails.duty_email(person, describe(person, notifications)).send()
                sent += 1
            except Exception as error:  # the SMTP server refused: owed still
                refused.append(error)
                Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(
                    emailed_at=None
                )
    if refused:
        raise refused[0]
    return sent


def send_overdue_duty_emails(*, older_than: timedelta = timedelta(minutes=5)) -> int:
    """A safety net for cron: duty emails whose task was lost (a worker died) go now."""
    people = (
        Notification.objects.filter(
            kind__in=registry.duty_kinds(),
            emailed_at__isnull=True,
            created_at__lte=timezone.now() - older_than,
        )
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    return sum(send_duty_emails.call(pk) for pk in list(people))


def send_digests(frequency: str) -> int:
    """Each person's digest of this frequency, as one email: their waiting notifications and
    the sections other apps add (meetings' "what's on"). Idempotent."""
    if frequency not in DIGEST_GAP:
        raise ValueError(f"No digest is sent {frequency}.")
    now = timezone.now()
    field = LAST_SENT_FIELD[frequency]
    providers = registry.digest_providers(frequency)
    wanted = Q(
        pk__in=Notification.objects.filter(
            frequency=frequency, emailed_at__isnull=True, created_at__lte=now
        ).values("recipient_id")
    )
    for provider in providers:
        wanted |= Q(pk__in=provider.recipients(now))
    people = User.objects.filter(wanted).exclude(
        **{f"notification_settings__{field}__gte": now - DIGEST_GAP[frequency]}
    )
    return sum(_send_digest(person, frequency, now) for person in people.iterator())


@transaction.atomic
def _send_digest(person: User, frequency: str, now: datetime) -> bool:
    """One person's digest, if none went this period: the list of people may be stale (a
    retried or overlapping run), so the period is claimed here, on the settings row."""
    field = LAST_SENT_FIELD[frequency]
    NotificationSettings.objects.get_or_create(user=person)
    claimed = (
        NotificationSettings.objects.filter(user=person)
        .filter(
            Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__lt": now - DIGEST_GAP[frequency]})
        )
        .update(**{field: now})
    )
    if not claimed:
        return False
    waiting = Notification.objects.filter(
        recipient=person, frequency=frequency, emailed_at__isnull=True, created_at__lte=now
    )
    all_ids = list(waiting.values_list("pk", flat=True))
    # Only what is new to the person and they may see now: a post hidden or a circle left
    # since is dropped, and so is what they have already read in Kinship.
    shown = list(
        selectors.pending_digest(person, frequency).filter(pk__in=all_ids, read_at__isnull=True)
    )
    if all_ids and not _claim(all_ids):
        transaction.set_rollback(True)
        return False
    if not _may_email(person):
        return False
    sections = [
        section
        for provider in registry.digest_providers(frequency)
        for section in provider.sections(person, now)
        if section.lines
    ]
    if shown or sections:
        emails.digest_email(person, frequency, shown, sections).send()
        return True
    return False


@task()
def send_digests_task(frequency: str) -> int:
    return send_digests(frequency)
