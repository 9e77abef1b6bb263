"""Small template filters for the accounts pages."""

from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def whole_minutes(value: timedelta | None) -> int | str:
    """A duration in whole minutes ('' when there is none, so `default` can step in)."""
    if not isinstance(value, timedelta):
        return ""
    return int(value.total_seconds() // 60)
