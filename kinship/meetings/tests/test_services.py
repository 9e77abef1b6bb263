"""Planning and running a series: dates that respect every school's term dates, edits to
one date or many, replies with limited places, meeting records and finding a date."""

from datetime import date, time, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from kinship.conftest import Personas
from kinship.families.models import CircleMembership
from kinship.meetings import selectors, services
from kinship.meetings.models import Event, Rsvp, Series
from kinship.meetings.services import Scope
from kinship.meetings.tasks import send_reminders
from kinship.meetings.tests.conftest import y6_fields
from kinship.schools.services import term_calendar_save
from kinship.schools.term_dates import HalfTerm, TermYear

pytestmark = pytest.mark.django_db
D = date


def dates_of(series: Series) -> list[date]:
    return list(
        series.events.filter(cancelled=False).order_by("date").values_list("date", flat=True)
    )


def test_plan_moves_a_date_when_a_school_is_closed_and_says_why(term_dates: Personas) -> None:
    plan = services.plan_series(family=term_dates.family, fields=y6_fields(term_dates))
    assert [p.date for p in plan.dates] == [
        D(2031, 9, 17), D(2031, 11, 19), D(2032, 1, 22), D(2032, 3, 10), D(2032, 4, 28),
        D(2032, 6, 23),
    ]  # fmt: skip
    [moved] = plan.moved
    assert (moved.original, moved.date) == (D(2032, 1, 21), D(2032, 1, 22))
    assert "Cedar Primary School" in moved.reason and "INSET" in moved.reason
    assert plan.description == "the 3rd Wednesday of every half-term"
    assert plan.unchecked == []


def test_plan_can_leave_clashing_dates_out_instead(term_dates: Personas) -> None:
    plan = services.plan_series(
        family=term_dates.family, fields=y6_fields(term_dates, policy="drop")
    )
    assert D(2032, 1, 21) not in [p.date for p in plan.dates]
    assert [d.date for d in plan.dropped] == [D(2032, 1, 21)]
    assert "Cedar" in plan.dropped[0].reason


def test_schools_without_term_dates_are_named_not_guessed(people: Personas) -> None:
    term_calendar_save(
        actor=None,
        year=TermYear(2031, (HalfTerm(D(2031, 9, 3), D(2031, 10, 24)),)),
        school=people.school,
    )
    plan = services.plan_series(
        family=people.family, fields=y6_fields(people, until=D(2031, 10, 24))
    )
    assert [school.name for school in plan.unchecked] == [
        "Birch Primary School",
        "Cedar Primary School",
    ]
    assert [p.date for p in plan.dates] == [D(2031, 9, 17)]


def test_reference_school_without_term_dates_is_refused_clearly(people: Personas) -> None:
    with pytest.raises(ValidationError) as error:
        services.plan_series(family=people.family, fields=y6_fields(people))
    assert "Alder Primary School has no term dates" in str(error.value)


def test_a_one_off_date_when_a_school_is_closed_is_refused(term_dates: Personas) -> None:
    fields = y6_fields(term_dates, rule=None, until=None, first_date=D(2032, 1, 21))
    with pytest.raises(ValidationError) as error:
        services.plan_series(family=term_dates.family, fields=fields)
    assert "Cedar Primary School is closed (INSET day: writing training)" in str(error.value)


def test_a_common_inset_day_may_fall_when_pupils_are_away(term_dates: Personas) -> None:
    fields = y6_fields(
        term_dates, rule=None, until=None, first_date=D(2032, 1, 5), kind="common_inset"
    )
    plan = services.plan_series(family=term_dates.family, fields=fields)
    assert [p.date for p in plan.dates] == [D(2032, 1, 5)]


def test_every_two_weeks_in_term_time_only(term_dates: Personas) -> None:
    fields = y6_fields(
        term_dates,
        first_date=D(2031, 12, 2),
        until=D(2032, 1, 31),
        rule={"rrule": "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"},
    )
    plan = services.plan_series(family=term_dates.family, fields=fields)
    # Tue 30 Dec falls in the Christmas holidays: the same half-term has no later day.
    assert [p.date for p in plan.dates] == [
        D(2031, 12, 2),
        D(2031, 12, 16),
        D(2032, 1, 13),
        D(2032, 1, 27),
    ]
    assert [d.date for d in plan.dropped] == [D(2031, 12, 30)]


def test_series_create_saves_the_planned_dates_and_invites_by_email(
    term_dates: Personas, django_capture_on_commit_callbacks: object
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        series = services.series_create(
            actor=term_dates.coordinator, family=term_dates.family, fields=y6_fields(term_dates)
        )
    assert len(dates_of(series)) == 6
    moved = series.events.get(date=D(2032, 1, 22))
    assert moved.original_date == D(2032, 1, 21) and "Cedar" in moved.move_reason
    recipients = sorted(address for message in mail.outbox for address in message.to)
    # Every invitee, once, with all six dates; the organiser has them in Kinship already.
    assert recipients == sorted([term_dates.head.email, term_dates.teacher.email])
    # Six dates: a file to import, since mail clients act on one meeting per invitation.
    message = mail.outbox[0]
    assert isinstance(message, EmailMultiAlternatives)
    assert message.alternatives == []
    [(name, content, mimetype)] = message.attachments
    assert (name, mimetype) == ("invite.ics", "application/ics; method=PUBLISH")
    assert str(content).count("BEGIN:VEVENT") == 6


def test_changing_one_date_sends_a_request_clients_can_accept(
    term_dates: Personas, django_capture_on_commit_callbacks: object
) -> None:
    series = services.series_create(
        actor=term_dates.coordinator, family=term_dates.family, fields=y6_fields(term_dates)
    )
    event = series.events.get(date=D(2031, 11, 19))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        services.series_update(
            actor=term_dates.coordinator,
            event=event,
            scope=Scope.ONE,
            fields=y6_fields(term_dates, first_date=D(2031, 11, 20)),
        )
    message = mail.outbox[0]
    assert isinstance(message, EmailMultiAlternatives)
    assert message.subject.startswith("Updated: Y6 teachers' meeting, Thu 20 Nov 2031")
    content, mimetype = message.alternatives[0]
    assert mimetype == "text/calendar; method=REQUEST"
    text = str(content)
    assert text.count("BEGIN:VEVENT") == 1
    assert f"UID:event-{event.uid}@kinship" in text and "SEQUENCE:1" in text
    assert "DTSTART;TZID=Europe/London:20311120T154500" in text


def test_editing_one_date_leaves_the_others_alone(term_dates: Personas) -> None:
    series = services.series_create(
        actor=term_dates.coordinator, family=term_dates.family, fields=y6_fields(term_dates)
    )
    before = {e.pk: (e.date, e.starts_at, e.sequence) for e in series.events.all()}
    target = series.events.get(date=D(2031, 11, 19))
    services.series_update(
        actor=term_dates.coordinator,
        event=target,
        scope=Scope.ONE,
        fields=y6_fields(term_dates, first_date=D(2031, 11, 20), start_time=time(16, 0)),
    )
    after = {e.pk: (e.date, e.starts_at, e.sequence) for e in series.events.all()}
    changed = {pk for pk in before if before[pk] != after[pk]}
    assert changed == {target.pk}
    target.refresh_from_db()
    assert target.date == D(2031, 11, 20) and target.edited and target.sequence == 1


def test_editing_the_whole_series_keeps_a_one_date_edit(term_dates: Personas) -> None:
    series = services.series_create(
        actor=term_dates.coordinator, family=term_dates.family, fields=y6_fields(term_dates)
    )
    target = series.events.get(date=D(2031, 11, 19))
    services.series_update(
        actor=term_dates.coordinator,
        event=target,
        scope=Scope.ONE,
        fields=y6_fields(term_dates, first_date=D(2031, 11, 20)),
    )
    first = series.events.get(date=D(2031, 9, 17))
    services.series_update(
        actor=term_dates.coordinator,
        event=first,
        scope=Scope.ALL,
        fields=y6_fields(term_dates, start_time=time(16, 0)),
    )
    target.refresh_from_db()
    assert target.date == D(2031, 11, 20) and timezone.localtime(target.starts_at).hour == 15
    others = series.events.exclude(pk=target.pk)
    assert {timezone.localtime(e.starts_at).hour for e in others} == {16}


def test_this_and_following_splits_the_series(term_dates: Personas) -> None:
    series = services.series_create(
        actor=term_dates.coordinator, family=term_dates.family, fields=y6_fields(term_dates)
    )
    spring = series.events.get(date=D(2032, 3, 10))
    following = services.series_update(
        actor=term_dates.coordinator,
        event=spring,
        scope=Scope.FOLLOWING,
        fields=y6_fields(term_dates, rule={"per": "half-term", "nth": 3, "weekday": "TH"}),
    )
    assert following.pk != series.pk
    assert dates_of(series) == [D(2031, 9, 17), D(2031, 11, 19), D(2032, 1, 22)]
    assert dates_of(following) == [D(2032, 3, 11), D(2032, 4, 29), D(2032, 6, 24)]


def test_cancelling_a_date_keeps_it_but_tells_calendars(term_dates: Personas) -> None:
    series = services.series_create(
        actor=term_dates.coordinator, family=term_dates.family, fields=y6_fields(term_dates)
    )
    event = series.events.get(date=D(2031, 9, 17))
    [cancelled] = services.event_cancel(actor=term_dates.coordinator, event=event)
    assert cancelled.cancelled and cancelled.sequence == 1
    assert len(dates_of(series)) == 5


def _small_meeting(people: Personas, capacity: int) -> Event:
    series = services.series_create(
        actor=people.coordinator,
        family=people.family,
        fields=y6_fields(
            people, rule=None, until=None, capacity=capacity, first_date=D(2031, 9, 17)
        ),
    )
    return series.events.get()


def test_places_are_limited_and_the_waiting_list_moves_up(
    term_dates: Personas, django_capture_on_commit_callbacks: object
) -> None:
    event = _small_meeting(term_dates, capacity=1)
    assert services.rsvp_set(user=term_dates.head, event=event, status="going").status == "going"
    waiting = services.rsvp_set(user=term_dates.teacher, event=event, status="going")
    assert waiting.status == Rsvp.Status.WAITING
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        services.rsvp_set(user=term_dates.head, event=event, status="declined")
    waiting.refresh_from_db()
    assert waiting.status == Rsvp.Status.GOING
    assert [m.to for m in mail.outbox] == [[term_dates.teacher.email]]
    assert "A place for you" in mail.outbox[0].subject


def test_replying_twice_keeps_a_place_in_the_queue(term_dates: Personas) -> None:
    event = _small_meeting(term_dates, capacity=1)
    services.rsvp_set(user=term_dates.head, event=event, status="going")
    first = services.rsvp_set(user=term_dates.teacher, event=event, status="going")
    again = services.rsvp_set(user=term_dates.teacher, event=event, status="going")
    assert again.pk == first.pk and again.responded_at == first.responded_at


def test_actions_belong_to_invitees_and_show_until_done(term_dates: Personas) -> None:
    event = _small_meeting(term_dates, capacity=10)
    with pytest.raises(ValidationError):
        services.action_add(
            actor=term_dates.coordinator, event=event, text="Share", owner=term_dates.outsider
        )
    action = services.action_add(
        actor=term_dates.coordinator, event=event, text="Share the rota", owner=term_dates.teacher
    )
    assert list(selectors.open_actions(term_dates.teacher)) == [action]
    services.action_set_done(actor=term_dates.teacher, action=action, done=True)
    assert list(selectors.open_actions(term_dates.teacher)) == []


def test_attendance_marks_who_came(term_dates: Personas) -> None:
    event = _small_meeting(term_dates, capacity=10)
    services.rsvp_set(user=term_dates.head, event=event, status="going")
    services.rsvp_set(user=term_dates.teacher, event=event, status="going")
    services.attendance_record(
        actor=term_dates.coordinator, event=event, present=[term_dates.teacher]
    )
    attended = dict(event.rsvps.values_list("user__email", "attended"))
    assert attended == {term_dates.head.email: False, term_dates.teacher.email: True}


def test_poll_ranks_slots_when_every_school_is_open_first(term_dates: Personas) -> None:
    poll = services.poll_create(
        actor=term_dates.coordinator,
        family=term_dates.family,
        title="Moderation",
        slots=[
            (D(2032, 1, 21), time(15, 45), time(17)),  # Cedar's INSET day
            (D(2032, 1, 22), time(15, 45), time(17)),
            (D(2032, 1, 27), time(15, 45), time(17)),
        ],
    )
    slots = {slot.date: slot.pk for slot in poll.slots.all()}
    for user in (term_dates.head, term_dates.teacher, term_dates.coordinator):
        services.poll_answer(
            user=user,
            poll=poll,
            answers={slots[D(2032, 1, 21)]: "yes", slots[D(2032, 1, 22)]: "maybe",
                     slots[D(2032, 1, 27)]: "maybe" if user == term_dates.head else "yes"},
        )  # fmt: skip
    ranking = selectors.poll_ranking(poll)
    assert [r.slot.date for r in ranking] == [D(2032, 1, 27), D(2032, 1, 22), D(2032, 1, 21)]
    assert "Cedar Primary School" in ranking[-1].closed[0]


def test_closing_a_poll_invites_everyone_to_the_chosen_date(term_dates: Personas) -> None:
    poll = services.poll_create(
        actor=term_dates.coordinator,
        family=term_dates.family,
        title="Moderation",
        slots=[(D(2032, 1, 22), time(15, 45), time(17)), (D(2032, 1, 27), time(9), time(12))],
    )
    slot = poll.slots.get(date=D(2032, 1, 27))
    series = services.poll_close(
        actor=term_dates.coordinator, poll=poll, slot=slot, fields=y6_fields(term_dates)
    )
    event = series.events.get()
    assert event.date == D(2032, 1, 27) and timezone.localtime(event.starts_at).hour == 9
    with pytest.raises(ValidationError):
        services.poll_close(
            actor=term_dates.coordinator, poll=poll, slot=slot, fields=y6_fields(term_dates)
        )


def test_a_confidential_circle_meeting_is_hidden_from_coordinators_and_admins(
    term_dates: Personas,
) -> None:
    series = services.series_create(
        actor=term_dates.head,
        family=term_dates.family,
        fields=y6_fields(
            term_dates, audience="circle", circle=term_dates.confidential_circle,
            title="Heads' room", rule=None, until=None, first_date=D(2031, 9, 17),
        ),
    )  # fmt: skip
    for user in (term_dates.coordinator, term_dates.admin):
        assert not selectors.series_visible_to(user).filter(pk=series.pk).exists()
        assert not user.has_perm("meetings.view_series", series)
    for user in (term_dates.head, term_dates.teacher):
        assert user.has_perm("meetings.view_series", series)


def test_upcoming_events_do_not_include_the_past(term_dates: Personas) -> None:
    series = services.series_create(
        actor=term_dates.coordinator, family=term_dates.family, fields=y6_fields(term_dates)
    )
    past = timezone.now() - timedelta(days=1)
    Event.objects.filter(series=series, date=D(2031, 9, 17)).update(
        starts_at=past - timedelta(hours=1), ends_at=past
    )
    upcoming = [e.date for e in selectors.upcoming_events(term_dates.teacher)]
    assert upcoming == [
        D(2031, 11, 19),
        D(2032, 1, 22),
        D(2032, 3, 10),
        D(2032, 4, 28),
        D(2032, 6, 23),
    ]


def test_a_partner_invited_by_name_sees_that_event_and_no_other(term_dates: Personas) -> None:
    with_partner = services.series_create(
        actor=term_dates.coordinator,
        family=term_dates.family,
        fields=y6_fields(
            term_dates, title="Careers fair planning", guests=[term_dates.partner],
            rule=None, until=None, first_date=D(2031, 9, 17),
        ),
    )  # fmt: skip
    without = services.series_create(
        actor=term_dates.coordinator, family=term_dates.family, fields=y6_fields(term_dates)
    )
    assert term_dates.partner.has_perm("meetings.view_series", with_partner)
    assert term_dates.partner.has_perm("meetings.reply_to_series", with_partner)
    assert not term_dates.partner.has_perm("meetings.view_series", without)
    invited = selectors.events_invited_to(term_dates.partner)
    assert {e.series_id for e in invited} == {with_partner.pk}


def test_a_confidential_circles_poll_is_the_circles_alone(term_dates: Personas) -> None:
    poll = services.poll_create(
        actor=term_dates.head,
        family=term_dates.family,
        title="Heads' room date",
        circle=term_dates.confidential_circle,
        slots=[(D(2032, 1, 22), time(16), time(17)), (D(2032, 1, 27), time(16), time(17))],
    )
    for user in (term_dates.coordinator, term_dates.admin, term_dates.outsider):
        assert not user.has_perm("meetings.view_poll", poll)
        assert not user.has_perm("meetings.close_poll", poll)
        assert not selectors.family_polls_visible_to(user, term_dates.family).exists()
    assert term_dates.teacher.has_perm("meetings.answer_poll", poll)
    assert list(selectors.polls_asked_of(term_dates.teacher)) == [poll]


def test_moving_the_audience_tells_who_is_in_and_who_is_out(
    term_dates: Personas, django_capture_on_commit_callbacks: object
) -> None:
    series = services.series_create(
        actor=term_dates.head, family=term_dates.family, fields=y6_fields(term_dates)
    )
    event = series.events.get(date=D(2031, 11, 19))
    services.rsvp_set(user=term_dates.coordinator, event=event, status="going")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        services.series_update(
            actor=term_dates.head,
            event=event,
            scope=Scope.ALL,
            fields=y6_fields(
                term_dates, audience="circle", circle=term_dates.confidential_circle,
                title="Restructure (private)",
            ),
        )  # fmt: skip
    by_person = {m.to[0]: m for m in mail.outbox}
    # The coordinator is out: told, without the new title; the teacher (a member) updated.
    out = by_person[term_dates.coordinator.email]
    assert out.subject.startswith("Cancelled: A meeting you are no longer invited to")
    assert "Restructure" not in str(out.body) + str(out.attachments[0][1])
    assert "Restructure (private)" in by_person[term_dates.teacher.email].subject
    assert not event.rsvps.filter(user=term_dates.coordinator).exists()
    assert set(series.events.values_list("sequence", flat=True)) == {1}


def test_editing_a_one_off_can_change_who_is_invited(term_dates: Personas) -> None:
    series = services.series_create(
        actor=term_dates.head,
        family=term_dates.family,
        fields=y6_fields(term_dates, rule=None, until=None, first_date=D(2031, 9, 17)),
    )
    services.series_update(
        actor=term_dates.head,
        event=series.events.get(),
        scope=Scope.ONE,
        fields=y6_fields(
            term_dates, rule=None, until=None, first_date=D(2031, 9, 17),
            audience="circle", circle=term_dates.confidential_circle,
        ),
    )  # fmt: skip
    series.refresh_from_db()
    assert series.audience == "circle"
    assert not term_dates.coordinator.has_perm("meetings.view_series", series)


def test_whole_series_edits_and_cancellations_leave_the_past_alone(term_dates: Personas) -> None:
    series = services.series_create(
        actor=term_dates.coordinator, family=term_dates.family, fields=y6_fields(term_dates)
    )
    past = series.events.get(date=D(2031, 9, 17))
    Event.objects.filter(pk=past.pk).update(
        starts_at=timezone.now() - timedelta(days=2), ends_at=timezone.now() - timedelta(days=2)
    )
    later = series.events.get(date=D(2031, 11, 19))
    services.series_update(
        actor=term_dates.coordinator,
        event=later,
        scope=Scope.ALL,
        fields=y6_fields(term_dates, start_time=time(16, 0)),
    )
    services.event_cancel(actor=term_dates.coordinator, event=later, scope=Scope.ALL)
    past.refresh_from_db()
    assert past.sequence == 0 and not past.cancelled
    assert not series.events.exclude(pk=past.pk).filter(cancelled=False).exists()


def test_this_and_following_from_a_moved_date_keeps_that_date(term_dates: Personas) -> None:
    series = services.series_create(
        actor=term_dates.coordinator, family=term_dates.family, fields=y6_fields(term_dates)
    )
    moved = series.events.get(date=D(2032, 1, 22))  # the rule gave Wed 21 Jan
    following = services.series_update(
        actor=term_dates.coordinator,
        event=moved,
        scope=Scope.FOLLOWING,
        fields=y6_fields(term_dates, first_date=D(2032, 1, 22), start_time=time(16, 0)),
    )
    moved.refresh_from_db()
    assert moved.series_id == following.pk and not moved.cancelled
    assert moved.date == D(2032, 1, 22) and timezone.localtime(moved.starts_at).hour == 16


def test_more_places_move_the_waiting_list_up(term_dates: Personas) -> None:
    event = _small_meeting(term_dates, capacity=1)
    services.rsvp_set(user=term_dates.head, event=event, status="going")
    waiting = services.rsvp_set(user=term_dates.teacher, event=event, status="going")
    assert waiting.status == Rsvp.Status.WAITING
    services.event_update(
        actor=term_dates.coordinator,
        event=event,
        fields=y6_fields(term_dates, rule=None, until=None, first_date=event.date, capacity=5),
    )
    waiting.refresh_from_db()
    assert waiting.status == Rsvp.Status.GOING


def test_reminders_skip_people_no_longer_invited(people: Personas) -> None:
    day = timezone.localdate() + timedelta(days=1)
    series = services.series_create(
        actor=people.head,
        family=people.family,
        fields=y6_fields(
            people, rule=None, until=None, first_date=day, audience="circle",
            circle=people.confidential_circle, title="Heads' room",
        ),
    )  # fmt: skip
    event = series.events.get()
    services.rsvp_set(user=people.teacher, event=event, status="going")
    CircleMembership.objects.filter(circle=people.confidential_circle, user=people.teacher).delete()
    mail.outbox.clear()
    assert send_reminders() == 0
    assert mail.outbox == []


def test_dates_far_from_today_are_refused(term_dates: Personas) -> None:
    with pytest.raises(ValidationError, match="ten years after"):
        services.plan_series(
            family=term_dates.family,
            fields=y6_fields(term_dates, rule=None, until=None, first_date=D(9999, 12, 31)),
        )
