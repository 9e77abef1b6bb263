"""Edit versions: the same saved row always gives the same version, a changed field a new one,
and a conflict shows choices by their labels."""

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from django import forms
from django.db import transaction

from kinship.core.concurrency import (
    EditConflict,
    VersionedFormMixin,
    _comparable,
    edit_version,
    lock_or_empty,
)
from kinship.forums.models import Post, PostStatus
from kinship.notifications.models import NotificationSettings


def row(**values: object) -> Post:
    """An unsaved post: edit versions read only the named fields, so no database is needed."""
    return Post(**values)


def test_a_changed_field_changes_the_version_and_an_equal_one_does_not() -> None:
    first = edit_version(row(body="A", hidden_reason="x"), ["body", "hidden_reason"])
    again = edit_version(row(body="A", hidden_reason="x"), ["hidden_reason", "body"])
    changed = edit_version(row(body="B", hidden_reason="x"), ["body", "hidden_reason"])
    assert first == again
    assert first != changed


def test_dictionaries_compare_by_key_and_plain_lists_keep_their_order() -> None:
    assert _comparable({"b": 1, "a": 2}) == _comparable({"a": 2, "b": 1})
    assert _comparable(["second", "first"]) != _comparable(["first", "second"])
    assert _comparable({"x", "y"}) == _comparable({"y", "x"})


def test_the_same_instant_in_two_time_zones_is_one_version() -> None:
    london_summer = timezone(timedelta(hours=1))
    utc = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
    assert _comparable(utc) == _comparable(utc.astimezone(london_summer))
    assert repr(_comparable(utc)) == repr(_comparable(utc.astimezone(london_summer)))


class StatusForm(VersionedFormMixin, forms.Form):
    status = forms.ChoiceField(choices=PostStatus.choices)


def test_a_conflict_shows_choice_labels_not_stored_values() -> None:
    form = StatusForm({"status": PostStatus.HIDDEN, "edit_version": "abc"})
    assert form.is_valid()
    current = row(status=PostStatus.PUBLISHED)
    form.show_conflict(EditConflict(current, ["status"]))
    [changed] = form.edit_conflict
    assert (changed.theirs, changed.yours) == (
        str(PostStatus.PUBLISHED.label),
        str(PostStatus.HIDDEN.label),
    )
    assert form.shown_version == edit_version(current, ["status"])
    assert form.errors["__all__"]


@pytest.mark.django_db
def test_a_row_not_yet_saved_compares_as_empty_and_a_first_save_since_is_a_conflict(
    people: Any,
) -> None:
    fields = ["frequency", "emails_enabled"]
    lookup = {"user": people.teacher}
    seen = edit_version(NotificationSettings(**lookup), fields)
    with transaction.atomic():
        assert lock_or_empty(NotificationSettings, lookup, fields, seen) is None
    NotificationSettings.objects.create(user=people.teacher, frequency="weekly")
    with transaction.atomic(), pytest.raises(EditConflict) as raised:
        lock_or_empty(NotificationSettings, lookup, fields, seen)
    current = raised.value.current
    assert isinstance(current, NotificationSettings) and current.frequency == "weekly"
    with transaction.atomic():
        locked = lock_or_empty(NotificationSettings, lookup, fields, raised.value.version)
    assert locked is not None and locked.pk == current.pk
