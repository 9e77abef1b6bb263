"""Template filters every page uses: dates as a head would write them, safe Markdown."""

from datetime import date, datetime, time

import nh3
from django import template
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

from kinship.core import dates

register = template.Library()

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
_ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "code", "pre",
    "h3", "h4", "a", "table", "thead", "tbody", "tr", "th", "td", "hr",
}  # fmt: skip


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
    """Render user-written Markdown, then sanitise with nh3 so no script or style survives."""
    html = _markdown.render(text or "")
    clean = nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above
