"""Finding a date: polls over offered slots, ranked by who can come and which schools are open."""

from collections.abc import Sequence
from datetime import date, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kinship.accounts.models import User
from kinship.core.templatetags.kinship import format_uk_date
from kinship.families.models import Circle, Family
from kinship.meetings.models import DatePoll, PollAnswer, PollSlot, Series
from kinship.meetings.services.planning import SeriesFields
from kinship.meetings.services.series import series_create


@transaction.atomic
def poll_create(
    *,
    actor: User,
    family: Family,
    title: str,
    slots: Sequence[tuple[date, time, time]],
    circle: Circle | None = None,
    description: str = "",
) -> DatePoll:
    if not title.strip():
        raise ValidationError({"title": "Give the poll a title."})
    if len(slots) < 2:
        raise ValidationError({"slots": "Offer at least two dates to choose from."})
    if len(set((day, start) for day, start, _ in slots)) != len(slots):
        raise ValidationError({"slots": "The same date and time is offered twice."})
    for day, start, end in slots:
        if end <= start:
            raise ValidationError(
                {"slots": f"The slot on {format_uk_date(day)} ends before it starts."}
            )
        if day < timezone.localdate():
            raise ValidationError({"slots": f"{format_uk_date(day)} is in the past."})
        if day > timezone.localdate() + timedelta(days=3660):
            raise ValidationError({"slots": f"{format_uk_date(day)} is too far ahead."})
    poll = DatePoll.objects.create(
        family=family, title=title.strip(), circle=circle, organiser=actor, description=description
    )
    PollSlot.objects.bulk_create(
        [PollSlot(poll=poll, date=day, start_time=start, end_time=end) for day, start, end in slots]
    )
    return poll


@transaction.atomic
def poll_answer(*, user: User, poll: DatePoll, answers: dict[int, str]) -> None:
    if poll.closed_at:
        raise ValidationError("This poll is closed.")
    slot_ids = set(poll.slots.values_list("pk", flat=True))
    for slot_id, answer in answers.items():
        if slot_id not in slot_ids or answer not in PollAnswer.Answer.values:
            raise ValidationError("That answer does not belong to this poll.")
        PollAnswer.objects.update_or_create(slot_id=slot_id, user=user, defaults={"answer": answer})


@transaction.atomic
def poll_close(*, actor: User, poll: DatePoll, slot: PollSlot, fields: SeriesFields) -> Series:
    """Close the poll on the chosen slot and invite everyone to that date."""
    if poll.closed_at:
        raise ValidationError("This poll is already closed.")
    fields.first_date, fields.until, fields.rule = slot.date, slot.date, None
    fields.start_time, fields.end_time = slot.start_time, slot.end_time
    series = series_create(actor=actor, family=poll.family, fields=fields)
    poll.closed_at = timezone.now()
    poll.save(update_fields=["closed_at"])
    return series
