"""Telling people things: in Kinship at once, by email straight away or in a digest.

`notify` is what the other apps call. Emails are sent by the task worker after the
transaction commits, and every send checks again that the recipient may see the target.
"""

from collections.abc import Callable, Iterable

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kinship.accounts.models import User
from kinship.core.concurrency import lock_or_empty
from kinship.core.queue import enqueue_with_change
from kinship.membership import visibility
from kinship.notifications import registry, selectors
from kinship.notifications.models import Frequency, Notification, NotificationSettings
from kinship.notifications.tokens import ALL

BODY_LIMIT = 600


@transaction.atomic
def notify(
    *,
    recipients: Iterable[User],
    kind: str,
    title: str,
    url: str,
    target: models.Model,
    topic: str = "",
    body: str = "",
    frequency_of: Callable[[User], str] | None = None,
    mention: bool = False,
) -> list[Notification]:
    """One notification for each recipient (each once, inactive people skipped).

    `frequency_of(user)` says how this recipient wants emails about it (their board's
    choice); without it, their own default (for mentions, their mentions choice). Pupils
    are never emailed. A duty kind (registry.register_duty_kind) is emailed to everyone
    else whatever they chose, a short while later so that a burst goes as one email.
    """
    duty = registry.is_duty(kind)
    content_type = ContentType.objects.get_for_model(target)
    now = timezone.now()
    made: list[Notification] = []
    seen: set[int] = set()
    for person in recipients:
        if person.pk in seen or not person.is_active:
            continue
        seen.add(person.pk)
        frequency: str
        if visibility.is_pupil_record(person):
            frequency = Frequency.NEVER
        elif duty:
            frequency = Frequency.IMMEDIATE
        elif frequency_of is not None:
            frequency = frequency_of(person)
        else:
            frequency = selectors.default_frequency(person, mention=mention)
        made.append(
            Notification(
                recipient=person,
                kind=kind,
                title=title[:255],
                body=body[:BODY_LIMIT],
                url=url,
                topic=topic,
                target_type=content_type,
                target_id=target.pk,
                frequency=frequency,
                created_at=now,
                emailed_at=now if frequency == Frequency.NEVER else None,
            )
        )
    created = Notification.objects.bulk_create(made)
    immediate = [n.pk for n in created if n.frequency == Frequency.IMMEDIATE and n.pk]
    if immediate and duty:
        from kinship.notifications.tasks import enqueue_duty_emails

        people = sorted({n.recipient_id for n in created if n.frequency == Frequency.IMMEDIATE})
        enqueue_duty_emails(people)
    elif immediate:
        from kinship.notifications.tasks import send_immediate_emails

        enqueue_with_change(send_immediate_emails, immediate)
    return created


@transaction.atomic
def notification_mark_read(*, actor: User, notification: Notification) -> Notification:
    if not actor.has_perm("notifications.change_notification", notification):
        raise PermissionDenied(_("That is someone else's notification."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def notifications_mark_all_read(*, actor: User) -> int:
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(
        read_at=timezone.now()
    )


SETTINGS_FIELDS = ("frequency", "mentions", "emails_enabled")


@transaction.atomic
def notification_settings_update(
    *,
    actor: User,
    frequency: str,
    mentions: str,
    emails_enabled: bool,
    version: str | None = None,
) -> NotificationSettings:
    """A person's email choices. `version` is the choices as the form showed them (never
    saved counts as the defaults): a change saved since raises EditConflict."""
    lock_or_empty(NotificationSettings, {"user": actor}, SETTINGS_FIELDS, version)
    if frequency not in Frequency.values or mentions not in Frequency.values:
        raise ValidationError(_("Choose how often from the list."))
    found, _created = NotificationSettings.objects.update_or_create(
        user=actor,
        defaults={"frequency": frequency, "mentions": mentions, "emails_enabled": emails_enabled},
    )
    return found


@transaction.atomic
def unsubscribe(*, token: str) -> tuple[User, str]:
    """Act on a signed unsubscribe link: a topic's emails off, or all emails off."""
    described = selectors.unsubscribe_describe(token)
    if described is None:
        raise ValidationError(_("This unsubscribe link is not one Kinship made."))
    user, topic, label = described
    if label is None:
        raise ValidationError(_("Kinship does not recognise what this link was for."))
    handler = registry.topic_for(topic) if topic != ALL else None
    if handler is not None:
        handler[0].unsubscribe(user, handler[1])
        # Emails already waiting for a digest about it are not sent either (duties still are).
        Notification.objects.filter(recipient=user, topic=topic, emailed_at__isnull=True).exclude(
            kind__in=registry.duty_kinds()
        ).update(emailed_at=timezone.now(), frequency=Frequency.NEVER)
    else:
        # Duty emails (safeguarding alerts) ignore this switch: see tasks.send_duty_emails.
        NotificationSettings.objects.update_or_create(user=user, defaults={"emails_enabled": False})
    return user, label
