"""Emails about a visit, sent by the task worker once the change has committed: a request to
the host, the answer to the visitor, and thanks to the host with what was taken away.
(The calendar invitations themselves come from the meetings app.)"""

from django.core.mail import EmailMultiAlternatives
from django.urls import reverse

from kinship.accounts.models import User
from kinship.core.emails import absolute, compose
from kinship.core.sending import send_once
from kinship.core.templatetags.kinship import format_uk_date
from kinship.visits.models import Reflection, Visit
from kinship.visits.services.calendar import host_people


def _email(
    to: User, subject: str, template: str, visit: Visit, **context: object
) -> EmailMultiAlternatives:
    url = absolute(reverse("visits:visit_detail", args=[visit.pk]))
    return compose(
        to=to,
        subject=subject,
        template=f"visits/email/{template}.txt",
        context={"visit": visit, "url": url, **context},
    )


def send(kind: str, visit_id: int) -> int:
    """Send the emails of one `kind` ("request", "answer", "thanks"); how many were sent.
    Each is claimed by kind, visit (with the answer given, or the reflection thanked for)
    and person, so the task run again sends only what it has not."""
    visit = (
        Visit.objects.select_related("visitor", "visitor_school", "host_school", "host", "offer")
        .filter(pk=visit_id)
        .first()
    )
    if visit is None:
        return 0
    day = format_uk_date(visit.date)
    emails: list[tuple[str, EmailMultiAlternatives]] = []
    if kind == "request":
        emails = [
            (f"visits.request:{visit.pk}:{person.pk}",
             _email(person, f"{visit.visitor.display_name} would like to visit on {day}",
                    "request", visit))
            for person in host_people(visit)
        ]  # fmt: skip
    elif kind == "answer":
        answer = "agreed" if visit.status == Visit.Status.ACCEPTED else "not possible"
        emails = [
            (f"visits.answer:{visit.pk}:{visit.status}:{visit.visitor_id}",
             _email(visit.visitor, f"Your visit to {visit.host_school.name} on {day}: {answer}",
                    "answer", visit))
        ]  # fmt: skip
    elif kind == "thanks":
        reflection = Reflection.objects.filter(visit=visit).first()
        if reflection is None:
            return 0
        emails = [
            (f"visits.thanks:{visit.pk}:{reflection.pk}:{person.pk}",
             _email(person, f"Thank you from {visit.visitor.display_name}: what they took away",
                    "thanks", visit, reflection=reflection))
            for person in host_people(visit)
        ]  # fmt: skip
    return sum(send_once(key, email.send) for key, email in emails)
