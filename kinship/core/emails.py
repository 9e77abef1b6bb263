"""How every Kinship email is put together: the site's own addresses, the sender, a subject
on one line, a plain-text body from a template and, when there is one, an HTML alternative.

Apps build their emails with `compose` and send them once the change that asks for them has
committed (`kinship.core.queue` for tasks, `kinship.core.sending` so a run again never sends
twice). Emails people may turn off carry List-Unsubscribe through `headers`: see
`kinship.notifications.emails`.
"""

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

SUBJECT_LENGTH = 200


def site_url() -> str:
    """The site's address without a trailing slash, e.g. https://kinship.example.org."""
    return str(settings.SITE_URL).rstrip("/")


def absolute(path: str) -> str:
    """A link for an email or a calendar file: `path` on the site's own address."""
    return site_url() + path


def compose(
    *,
    to: Any,
    subject: str,
    template: str,
    context: Mapping[str, object] | None = None,
    html_template: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> EmailMultiAlternatives:
    """An email to `to` (a person, or an address not yet anyone's) from `template`, rendered
    with the person and the site's address; a subject of several lines (a template's, or a
    title someone typed) becomes one, as mail headers must."""
    address = to if isinstance(to, str) else to.email
    person = None if isinstance(to, str) else to
    full = {"person": person, "site_url": site_url(), **(context or {})}
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split())[:SUBJECT_LENGTH],
        body=render_to_string(template, full),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[address],
        headers=dict(headers or {}),
    )
    if html_template:
        message.attach_alternative(render_to_string(html_template, full), "text/html")
    return message
