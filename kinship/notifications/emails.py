"""Notification emails: one at a time or a digest, each with a one-click unsubscribe.

Every email carries List-Unsubscribe and List-Unsubscribe-Post (RFC 8058) so mail apps offer
their own unsubscribe button, and the same signed link in its text.
"""

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from django.core.mail import EmailMultiAlternatives
from django.urls import reverse

from kinship.accounts.types import Viewer
from kinship.core.emails import absolute, compose
from kinship.notifications.models import Frequency, Notification
from kinship.notifications.registry import DigestLine, DigestSection, DutyEmail
from kinship.notifications.tokens import ALL, unsubscribe_token


def unsubscribe_url(user: Viewer, topic: str = ALL) -> str:
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
        **context,
    }
    return compose(
        to=to,
        subject=subject,
        template=f"notifications/email/{template}.txt",
        html_template=f"notifications/email/{template}.html",
        context=context,
        headers={
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )


def single_email(notification: Notification) -> EmailMultiAlternatives:
    return _message(
        to=notification.recipient,
        subject=notification.title,
        template="single",
        context={"notification": notification, "url": absolute(notification.url)},
        topic=notification.topic or ALL,
    )


def digest_email(
    person: Any,
    frequency: str,
    notifications: Sequence[Notification],
    sections: Sequence[DigestSection] = (),
) -> EmailMultiAlternatives:
    daily = frequency == Frequency.DAILY
    count = len(notifications)
    subject = (
        f"Kinship {'today' if daily else 'this week'}: {count} new "
        f"{'thing' if count == 1 else 'things'} in your families"
    )
    if not notifications and sections:
        subject = sections[0].subject
    items = [(n, absolute(n.url)) for n in notifications]
    return _message(
        to=person,
        subject=subject,
        template="digest",
        context={
            "items": items,
            "daily": daily,
            "sections": [_absolute_links(section) for section in sections],
            "list_url": absolute(reverse("notifications:list")),
        },
    )


def _absolute_links(section: DigestSection) -> DigestSection:
    def line(it: DigestLine) -> DigestLine:
        return replace(it, url=absolute(it.url) if it.url else "")

    return replace(
        section,
        lines=tuple(line(it) for it in section.lines),
        links=tuple(line(it) for it in section.links),
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
    return compose(
        to=person,
        subject=described.subject,
        template="notifications/email/duty.txt",
        html_template="notifications/email/duty.html",
        context=context,
        headers={"Auto-Submitted": "auto-generated"},
    )
