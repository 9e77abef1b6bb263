"""Operations that change events, one module per concern: planning a series, saving series
and their dates, replies and the register, agendas, minutes and actions, calendar settings,
and date polls. Each public function is one transaction; invitation emails (with .ics
files) are sent by a task once the transaction has committed."""

from kinship.meetings.services.calendar_settings import (
    CALENDAR_SETTINGS_EDIT_FIELDS,
    calendar_settings_of,
    calendar_settings_update,
    feed_token_reset,
)
from kinship.meetings.services.planning import (
    MAX_DATES,
    WEEKDAYS,
    WHEN_PUPILS_ARE_AWAY,
    Plan,
    PlannedDate,
    SeriesFields,
    plan_series,
    rule_from_json,
)
from kinship.meetings.services.polls import (
    poll_answer,
    poll_close,
    poll_create,
)
from kinship.meetings.services.records import (
    MINUTES_EDIT_FIELDS,
    action_add,
    action_set_done,
    agenda_item_add,
    agenda_item_remove,
    minutes_save,
)
from kinship.meetings.services.replies import attendance_record, rsvp_set
from kinship.meetings.services.series import (
    EVENT_EDIT_FIELDS,
    LONDON,
    SHARED_FIELDS,
    Scope,
    audit_name,
    event_cancel,
    event_update,
    series_create,
    series_update,
)

__all__ = [
    "CALENDAR_SETTINGS_EDIT_FIELDS",
    "EVENT_EDIT_FIELDS",
    "LONDON",
    "MAX_DATES",
    "MINUTES_EDIT_FIELDS",
    "SHARED_FIELDS",
    "WEEKDAYS",
    "WHEN_PUPILS_ARE_AWAY",
    "Plan",
    "PlannedDate",
    "Scope",
    "SeriesFields",
    "action_add",
    "action_set_done",
    "agenda_item_add",
    "agenda_item_remove",
    "attendance_record",
    "audit_name",
    "calendar_settings_of",
    "calendar_settings_update",
    "event_cancel",
    "event_update",
    "feed_token_reset",
    "minutes_save",
    "plan_series",
    "poll_answer",
    "poll_close",
    "poll_create",
    "rsvp_set",
    "rule_from_json",
    "series_create",
    "series_update",
]
