"""Template filters every page uses: dates as a head would write them, safe Markdown."""

from datetime import date, datetime, time

from django import template
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from kinship.core import dates
from kinship.core.markdown import rendered

register = template.Library()


def format_uk_date(value: date | datetime | None) -> str:
    """`Tue 3 Mar 2026`; datetimes are shown in Europe/London."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return dates.uk_date(value)


@register.filter
def uk_date(value: date | datetime | None) -> str:
    return format_uk_date(value)


@register.filter
def uk_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{format_uk_date(local)}, {local:%H:%M}"


@register.filter
def uk_day(value: date | None) -> str:
    """`Tue 3 Mar`, for tables where the year is in the heading."""
    if value is None:
        return ""
    return dates.uk_day(value)


@register.filter
def clock(value: datetime | time | None) -> str:
    """`15:45`, in Europe/London for a datetime (quicker than the `time` filter, which pages
    with hundreds of events feel)."""
    if value is None:
        return ""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{value:%H:%M}"


@register.filter
def markdown(text: str) -> SafeString:
    """User-written Markdown as HTML, sanitised with nh3 (rendered once per text)."""
    return mark_safe(rendered(text or ""))  # noqa: S308 - sanitised by nh3 in rendered()
