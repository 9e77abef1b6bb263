"""Replies to an event, its waiting list and the register of who came."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kinship.accounts.models import User
from kinship.core.audit import audit_log
from kinship.core.queue import enqueue_with_change
from kinship.meetings import selectors
from kinship.meetings.models import Event, Rsvp


def _places_taken(event: Event, *, excluding: User | None = None) -> int:
    going = event.rsvps.filter(status=Rsvp.Status.GOING)
    if excluding is not None:
        going = going.exclude(user=excluding)
    return going.count()


@transaction.atomic
def rsvp_set(*, user: User, event: Event, status: str) -> Rsvp:
    """Reply to an event. When it is full, "going" joins the waiting list; when a place is
    given up, the first person waiting gets it and is told."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.cancelled:
        raise ValidationError("This date has been cancelled.")
    if event.is_past:
        raise ValidationError("This event has already happened.")
    if status not in Rsvp.Status.values or status == Rsvp.Status.WAITING:
        raise ValidationError("Choose going or not going.")
    previous = event.rsvps.filter(user=user).first()
    if status == Rsvp.Status.GOING and previous and previous.status != Rsvp.Status.DECLINED:
        return previous  # already going or waiting: keep their place in the queue
    full = event.capacity is not None and _places_taken(event, excluding=user) >= event.capacity
    if status == Rsvp.Status.GOING and full:
        status = Rsvp.Status.WAITING
    rsvp, _ = Rsvp.objects.update_or_create(
        event=event, user=user, defaults={"status": status, "responded_at": timezone.now()}
    )
    if previous and previous.status == Rsvp.Status.GOING and status != Rsvp.Status.GOING:
        _promote_waiting(event)
    return rsvp


def _promote_all_waiting(event: Event) -> None:
    """After places are added (or freed), move people up while there is room."""
    while _promote_waiting(event):
        pass


def _promote_waiting(event: Event) -> bool:
    if event.capacity is not None and _places_taken(event) >= event.capacity:
        return False
    waiting = event.rsvps.filter(status=Rsvp.Status.WAITING).order_by("responded_at", "pk")
    # Only someone still invited: a person who has left the circle is not offered a place.
    first = waiting.filter(user__in=selectors.invitees(event.series)).first()
    if first is None:
        return False
    first.status = Rsvp.Status.GOING
    first.save(update_fields=["status"])
    from kinship.meetings.tasks import send_place_offered

    enqueue_with_change(send_place_offered, first.pk)
    return True


@transaction.atomic
def attendance_record(*, actor: User, event: Event, present: Iterable[User]) -> int:
    """Take the register: those present attended, everyone else who said yes did not."""
    present_ids = {person.pk for person in present}
    for user_id in present_ids:
        Rsvp.objects.get_or_create(
            event=event, user_id=user_id, defaults={"status": Rsvp.Status.GOING}
        )
    event.rsvps.filter(user_id__in=present_ids).update(attended=True)
    event.rsvps.exclude(user_id__in=present_ids).filter(status=Rsvp.Status.GOING).update(
        attended=False
    )
    event.attendance_taken_at = timezone.now()
    event.save(update_fields=["attendance_taken_at"])
    audit_log(
        actor=actor,
        action="meetings.attendance",
        target=event,
        summary=f"{len(present_ids)} present",
    )
    return len(present_ids)
