"""Minutes edited in two places at once: the later stale save is refused, not lost."""

import pytest
from django.urls import reverse

from kinship.conftest import Personas, signed_in_client
from kinship.core.concurrency import EditConflict, edit_version
from kinship.core.tests.stale import stale_save_is_refused
from kinship.meetings import services
from kinship.meetings.models import Event
from kinship.meetings.tests.conftest import D, y6_fields

pytestmark = pytest.mark.django_db


def _event(people: Personas) -> Event:
    series = services.series_create(
        actor=people.coordinator, family=people.family, fields=y6_fields(people)
    )
    return series.events.order_by("starts_at").first()  # type: ignore[return-value]


def test_two_stale_minutes_saves_keep_one_refuse_the_other_and_history_keeps_both(
    term_dates: Personas,
) -> None:
    event = _event(term_dates)
    services.minutes_save(actor=term_dates.coordinator, event=event, text="Draft")
    url = reverse("meetings:minutes_edit", args=[event.pk])
    tab_a = signed_in_client(term_dates.coordinator)
    tab_b = signed_in_client(term_dates.coordinator)
    version = stale_save_is_refused(
        tab_a, tab_b, url, {"minutes": "Minutes from tab A"}, {"minutes": "Minutes from tab B"},
        shows="Minutes from tab A",
    )  # fmt: skip
    event.refresh_from_db()
    assert event.minutes == "Minutes from tab A"
    # Saving again from the conflict page overwrites knowingly, and history keeps every version.
    again = tab_b.post(url, {"minutes": "Minutes from tab B", "edit_version": version})
    assert again.status_code == 302
    event.refresh_from_db()
    assert event.minutes == "Minutes from tab B"
    earlier = event.minutes_revisions.all()
    assert sorted(r.text for r in earlier) == ["Draft", "Minutes from tab A"]
    assert {r.written_by for r in earlier} == {term_dates.coordinator}
    page = tab_a.get(event.get_absolute_url()).content.decode()
    assert "2 earlier versions" in page and "Minutes from tab A" in page


def test_the_minutes_service_refuses_a_stale_version_and_a_script_still_saves(
    term_dates: Personas,
) -> None:
    event = _event(term_dates)
    coordinator = term_dates.coordinator
    seen = edit_version(event, services.MINUTES_EDIT_FIELDS)
    services.minutes_save(actor=coordinator, event=event, text="Second", version=seen)
    with pytest.raises(EditConflict) as raised:
        services.minutes_save(actor=coordinator, event=event, text="Third", version=seen)
    current = raised.value.current
    assert isinstance(current, Event) and current.minutes == "Second"
    services.minutes_save(actor=coordinator, event=event, text="Third")  # no version: a script
    event.refresh_from_db()
    assert event.minutes == "Third"
    # The history was built from the row as saved, not from a stale copy in memory.
    assert list(event.minutes_revisions.values_list("text", flat=True)) == ["Second"]


def test_two_stale_calendar_settings_saves_keep_one_and_refuse_the_other(
    people: Personas,
) -> None:
    url = reverse("meetings:calendar_settings")
    tab_a, tab_b = signed_in_client(people.teacher), signed_in_client(people.teacher)
    # Tab A turns the weekly email off; tab B, still showing it on, turns reminders off.
    theirs_then_yours = (
        '<td class="text-break preserve-lines">No</td>'
        '<td class="text-break preserve-lines">Yes</td>'
    )
    version = stale_save_is_refused(
        tab_a, tab_b, url, {"reminders": "on"}, {"weekly_digest": "on"}, shows=theirs_then_yours
    )
    settings = services.calendar_settings_of(people.teacher)
    assert (settings.weekly_digest, settings.reminders) == (False, True)
    again = tab_b.post(url, {"weekly_digest": "on", "edit_version": version})
    assert again.status_code == 302
    settings.refresh_from_db()
    assert (settings.weekly_digest, settings.reminders) == (True, False)


def test_the_calendar_settings_service_refuses_a_stale_version(people: Personas) -> None:
    current = services.calendar_settings_of(people.teacher)
    seen = edit_version(current, services.CALENDAR_SETTINGS_EDIT_FIELDS)
    services.calendar_settings_update(
        actor=people.teacher, weekly_digest=False, reminders=True, version=seen
    )
    with pytest.raises(EditConflict):
        services.calendar_settings_update(
            actor=people.teacher, weekly_digest=True, reminders=False, version=seen
        )
    services.calendar_settings_update(actor=people.teacher, weekly_digest=True, reminders=False)
    current.refresh_from_db()
    assert (current.weekly_digest, current.reminders) == (True, False)


def test_two_stale_event_saves_keep_one_and_refuse_the_other(term_dates: Personas) -> None:
    from kinship.meetings.tests.test_views import series_form

    series = services.series_create(
        actor=term_dates.coordinator, family=term_dates.family, fields=y6_fields(term_dates)
    )
    event = series.events.get(date=D(2032, 1, 22))
    url = reverse("meetings:event_edit", args=[event.pk])
    tab_a = signed_in_client(term_dates.coordinator)
    tab_b = signed_in_client(term_dates.coordinator)
    form = {**series_form(term_dates, audience="family", schools=[]), "scope": "one", "save": "1"}
    version = stale_save_is_refused(
        tab_a, tab_b, url,
        {**form, "first_date": "2032-01-22", "room": "Room from tab A"},
        {**form, "first_date": "2032-01-22", "room": "Room from tab B"},
        shows="Room from tab A",
    )  # fmt: skip
    event.refresh_from_db()
    assert event.room == "Room from tab A"
    again = tab_b.post(
        url,
        {**form, "first_date": "2032-01-22", "room": "Room from tab B", "edit_version": version},
    )
    assert again.status_code == 302
    event.refresh_from_db()
    assert event.room == "Room from tab B"


def test_the_series_service_refuses_a_stale_version_and_a_script_still_saves(
    term_dates: Personas,
) -> None:
    series = services.series_create(
        actor=term_dates.coordinator, family=term_dates.family, fields=y6_fields(term_dates)
    )
    event = series.events.get(date=D(2032, 1, 22))
    seen = edit_version(event, services.EVENT_EDIT_FIELDS)
    update = services.series_update
    coordinator = term_dates.coordinator
    # A change to the whole series changes this date's version too.
    update(
        actor=coordinator, event=event, scope=services.Scope.ALL,
        fields=y6_fields(term_dates, title="Renamed"), version=seen,
    )  # fmt: skip
    with pytest.raises(EditConflict):
        update(
            actor=coordinator, event=event, scope=services.Scope.ALL,
            fields=y6_fields(term_dates, title="Stale"), version=seen,
        )  # fmt: skip
    update(
        actor=coordinator, event=event, scope=services.Scope.ALL,
        fields=y6_fields(term_dates, title="By a script"),
    )  # fmt: skip
    series.refresh_from_db()
    assert series.title == "By a script"
