"""The DSL's side of a held pupil post: telling the safeguarding leads, the append-only
record of what was done, closing the alert, and escalating a high-severity alert nobody
has acted on (to the deputies, then the head) after a number of school hours.

Nothing here puts a pupil's words in an email, a notification or the audit log.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kinship.accounts.models import User
from kinship.core.audit import audit_log
from kinship.forums import selectors
from kinship.forums.models import (
    EscalationLevel,
    PostStatus,
    SafeguardingAction,
    SafetyAlert,
)
from kinship.forums.school_hours import SchoolDay, after_school_hours
from kinship.notifications.registry import DutyEmail
from kinship.notifications.services import notify

ALERT_KIND = "forums.safety_alert"
ESCALATION_KIND = "forums.safety_escalation"
NOTE_LIMIT = 5000
REPEAT_WINDOW = timedelta(minutes=10)


def _queue_url() -> str:
    return reverse("forums:safeguarding_queue")


def alert_tell_leads(alert: SafetyAlert) -> None:
    """Every safeguarding lead of the school (designated and deputies) is told at once.
    The notification names the school only; its email is a duty (see describe_duty_email)."""
    notify(
        recipients=selectors.safeguarding_leads_to_alert(alert.school),
        kind=ALERT_KIND,
        target=alert,
        title=_("A pupil post was held for you to review (%(school)s)")
        % {"school": alert.school.name},
        url=_queue_url(),
    )


def describe_duty_email(person: Any, notifications: Sequence[Any]) -> DutyEmail:
    """What a safeguarding duty email says: the school(s), how many posts wait, a link to
    the queue. Never the pupil's name or words."""
    alert_ids = [n.target_id for n in notifications]
    schools = sorted(
        set(SafetyAlert.objects.filter(pk__in=alert_ids).values_list("school__name", flat=True))
    )
    waiting = (
        selectors.alerts_visible_to(person)
        .filter(resolved_at__isnull=True, school__name__in=schools)
        .count()
    )
    where = ", ".join(schools) or _("your school")
    escalated = any(n.kind == ESCALATION_KIND for n in notifications)
    count = ngettext("%(n)d pupil post held for you", "%(n)d pupil posts held for you", waiting) % {
        "n": waiting
    }
    if escalated:
        subject = _("Safeguarding: not yet acted on at %(school)s, %(count)s") % {
            "school": where,
            "count": count,
        }
    else:
        subject = _("Safeguarding: %(count)s at %(school)s") % {"count": count, "school": where}
    lines = [
        ngettext(
            "%(n)d new alert since the last email.",
            "%(n)d new alerts since the last email.",
            len(notifications),
        )
        % {"n": len(notifications)},
        _(
            "Sign in to Kinship to read them and record what you did. "
            "No email carries what a pupil wrote."
        ),
    ]
    if escalated:
        lines.insert(
            0,
            _(
                "A high-severity post has waited longer than the school allows, "
                "with nothing recorded."
            ),
        )
    return DutyEmail(subject=subject, lines=tuple(lines), url=_queue_url())


@transaction.atomic
def safeguarding_action_record(
    *, actor: User, alert: SafetyAlert, kind: str, note: str
) -> SafeguardingAction:
    """Add to the alert's record what the DSL did, with a note. Never changed afterwards.
    Recording anything counts as acting on the alert: it is not escalated after this."""
    if not actor.has_perm("forums.record_safeguarding_action", alert):
        raise PermissionDenied(_("Only the school's safeguarding leads record what was done."))
    errors: dict[str, str] = {}
    if kind not in SafeguardingAction.Kind.values:
        errors["kind"] = _("Choose what you did.")
    note = note.strip()
    if not note:
        errors["note"] = _("Write a note for the school's safeguarding records.")
    elif len(note) > NOTE_LIMIT:
        errors["note"] = _("Keep the note under 5,000 characters.")
    if errors:
        raise ValidationError(errors)
    # A repeated POST (a double click, a resubmitted form) returns the first entry: an
    # append-only record cannot lose a duplicate afterwards.
    repeated = alert.actions.filter(
        actor=actor, kind=kind, note=note, created_at__gte=timezone.now() - REPEAT_WINDOW
    ).first()
    if repeated is not None:
        return repeated
    action = SafeguardingAction.objects.create(
        alert=alert,
        actor=actor,
        actor_name=actor.display_name or actor.email,
        kind=kind,
        note=note,
    )
    audit_log(
        actor=actor,
        action="forums.safeguarding_action",
        target=alert,
        summary=f"Recorded on safety alert {alert.pk}: {action.get_kind_display()}",
    )
    return action


@transaction.atomic
def alert_close(*, actor: User, alert: SafetyAlert, outcome: str) -> SafetyAlert:
    """Close an alert once something is on its record: publish the post as safe, or keep
    it hidden. The record stays open to later entries."""
    if not actor.has_perm("forums.resolve_alert", alert):
        raise PermissionDenied(_("Only the school's safeguarding leads review these."))
    if outcome not in SafetyAlert.Outcome.values:
        raise ValidationError({"outcome": _("Choose what happens to the post.")})
    if not alert.actions.exists():
        raise ValidationError(_("Record what was done before closing the alert."))
    now = timezone.now()
    closed = SafetyAlert.objects.filter(pk=alert.pk, resolved_at__isnull=True).update(
        outcome=outcome, resolved_by=actor, resolved_at=now
    )
    if not closed:
        raise ValidationError(_("This alert has already been closed."))
    alert.refresh_from_db()
    post = alert.post
    post.reviewed_by, post.reviewed_at = actor, now
    if outcome == SafetyAlert.Outcome.RELEASED:
        from kinship.forums.services.posting import _published

        post.status = PostStatus.PUBLISHED
        post.save(update_fields=["status", "reviewed_by", "reviewed_at"])
        _published(post)
    else:
        post.status = PostStatus.DECLINED
        post.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    audit_log(
        actor=actor,
        action="forums.safety_resolve",
        target=alert,
        summary=f"Safety alert closed: {alert.get_outcome_display()}",
    )
    return alert


# Escalation


def _school_day() -> SchoolDay:
    start, end = settings.SAFEGUARDING_SCHOOL_DAY
    return SchoolDay(
        start=time.fromisoformat(start), end=time.fromisoformat(end), zone=settings.TIME_ZONE
    )


def escalation_due(alert: SafetyAlert, level: int, *, is_open: Any = None) -> datetime | None:
    """When the alert reaches `level` (1 deputies, 2 head) if nobody acts: N school hours
    after it was held for the deputies, as many again for the head."""
    hours = settings.SAFEGUARDING_ESCALATION_SCHOOL_HOURS * level
    return after_school_hours(
        alert.created_at,
        hours,
        is_open=is_open or selectors.school_open_day(alert.school),
        school_day=_school_day(),
    )


@dataclass(frozen=True)
class Escalation:
    alert_id: int
    level: int
    told: int
    who: str


@transaction.atomic
def _escalate_step(alert: SafetyAlert, level: int, now: datetime) -> Escalation | None:
    """Raise the alert from `level` to `level + 1` and tell the next people, if this run is
    the one that raises it: a conditional UPDATE, so overlapping runs tell them once."""
    raised = SafetyAlert.objects.filter(
        pk=alert.pk, escalation_level=level, resolved_at__isnull=True, actions__isnull=True
    ).update(escalation_level=level + 1, escalated_at=now)
    if not raised:
        return None
    alert.escalation_level, alert.escalated_at = level + 1, now
    hours = settings.SAFEGUARDING_ESCALATION_SCHOOL_HOURS * (level + 1)
    if level + 1 == EscalationLevel.DEPUTIES:
        people = selectors.deputies_of(alert.school)
        who = "the deputy safeguarding leads"
        if not people.exists():  # no deputies named: straight to the head
            people, who = selectors.heads_of(alert.school), "the head (no deputies named)"
    else:
        people, who = selectors.heads_of(alert.school), "the head"
    made = notify(
        recipients=people,
        kind=ESCALATION_KIND,
        target=alert,
        title=_("A high-severity held pupil post at %(school)s has waited %(hours)s school hours")
        % {"school": alert.school.name, "hours": f"{hours:g}"},
        url=_queue_url(),
    )
    audit_log(
        actor=None,
        action="forums.safety_escalate",
        target=alert,
        summary=f"Safety alert {alert.pk} not acted on in {hours:g} school hours: told {who}",
    )
    return Escalation(alert_id=alert.pk, level=level + 1, told=len(made), who=who)


def alerts_escalate(*, now: datetime | None = None) -> list[Escalation]:
    """Escalate every open high-severity alert nobody has acted on whose time has come.
    Safe to run twice and to overlap (cron every 10 minutes): each step happens once."""
    now = now or timezone.now()
    done: list[Escalation] = []
    for alert in selectors.overdue_high_alerts():
        is_open = selectors.school_open_day(alert.school)
        level = alert.escalation_level
        while level < EscalationLevel.HEAD:
            due = escalation_due(alert, level + 1, is_open=is_open)
            if due is None or now < due:
                break
            step = _escalate_step(alert, level, now)
            if step is None:
                break
            done.append(step)
            level += 1
    return done
