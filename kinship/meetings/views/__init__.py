"""Event pages, one module per part: calendars, setting up and changing a series, an event's
page and its records, the feed and settings, and polls. Thin: find the object the user may
see (404 otherwise), check the permission (403 with a message), hand the form to a service,
render."""

from kinship.meetings.views.access import get_event_for_user, get_poll_for_user, get_series_for_user
from kinship.meetings.views.calendars import MY_CALENDAR_DAYS, DayCell, family_calendar, my_calendar
from kinship.meetings.views.events import (
    action_add,
    action_done,
    agenda_add,
    agenda_remove,
    event_attendance,
    event_detail,
    event_ics,
    event_rsvp,
    minutes_edit,
)
from kinship.meetings.views.feed import (
    FEED_FUTURE_DAYS,
    FEED_PAST_DAYS,
    calendar_settings,
    feed,
    feed_reset,
)
from kinship.meetings.views.polls import poll_close, poll_create, poll_detail
from kinship.meetings.views.series import event_cancel, event_edit, series_create, series_detail

__all__ = [
    "FEED_FUTURE_DAYS",
    "FEED_PAST_DAYS",
    "MY_CALENDAR_DAYS",
    "DayCell",
    "action_add",
    "action_done",
    "agenda_add",
    "agenda_remove",
    "calendar_settings",
    "event_attendance",
    "event_cancel",
    "event_detail",
    "event_edit",
    "event_ics",
    "event_rsvp",
    "family_calendar",
    "feed",
    "feed_reset",
    "get_event_for_user",
    "get_poll_for_user",
    "get_series_for_user",
    "minutes_edit",
    "my_calendar",
    "poll_close",
    "poll_create",
    "poll_detail",
    "series_create",
    "series_detail",
]
