"""Notification emails: one at a time or a digest, each with a one-click unsubscribe.

Every email carries List-Unsubscribe and List-Unsubscribe-Post (RFC 8058) so mail apps offer
their own unsubscribe button, and the same signed link in its text.
"""

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from kinship.notifications.models import Frequency, Notification
from kinship.notifications.registry import DutyEmail
from kinship.notifications.tokens import ALL, unsubscribe_token


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def unsubscribe_url(user: Any, topic: str = ALL) -> str:
    return absolute(reverse("notifications:unsubscribe", args=[unsubscribe_token(user, topic)]))


def _message(
    *, to: Any, subject: str, template: str, context: dict[str, Any], topic: str = ALL
) -> EmailMultiAlternatives:
    link = unsubscribe_url(to, topic)
    context = {
        "person": to,
        "unsubscribe_url": link,
        "unsubscribe_all_url": unsubscribe_url(to) if topic != ALL else link,
        "settings_url": absolute(reverse("notifications:settings")),
        "site_url": settings.SITE_URL.rstrip("/"),
        **context,
    }
    text = render_to_string(f"notifications/email/{template}.txt", context)
    html = render_to_string(f"notifications/email/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split())[:200],
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to.email],
        headers={
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def single_email(notification: Notification) -> EmailMultiAlternatives:
    return _message(
        to=notification.recipient,
        subject=notification.title,
        template="single",
        context={"notification": notification, "url": absolute(notification.url)},
        topic=notification.topic or ALL,
    )


def digest_email(
    person: Any, frequency: str, notifications: Sequence[Notification]
) -> EmailMultiAlternatives:
    daily = frequency == Frequency.DAILY
    count = len(notifications)
    subject = (
        f"Kinship {'today' if daily else 'this week'}: {count} new "
        f"{'thing' if count == 1 else 'things'} in your families"
    )
    items = [(n, absolute(n.url)) for n in notifications]
    return _message(
        to=person,
        subject=subject,
        template="digest",
        context={
            "items": items,
            "daily": daily,
            "list_url": absolute(reverse("notifications:list")),
        },
    )


def duty_email(person: Any, described: DutyEmail) -> EmailMultiAlternatives:
    """A duty email (a safeguarding alert): no unsubscribe link and no List-Unsubscribe
    header, because it cannot be turned off; it says only what the app described."""
    context = {
        "person": person,
        "lines": described.lines,
        "url": absolute(described.url),
        "subject": described.subject,
    }
    message = EmailMultiAlternatives(
        subject=" ".join(described.subject.split())[:200],
        body=render_to_string("notifications/email/duty.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[person.email],
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(
        render_to_string("notifications/email/duty.html", context), "text/html"
    )
    return message
