"""Words for the DSL's screens: categories of concern, severities, how long a post has waited."""

from datetime import datetime, timedelta

from django import template
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

from kinship.forums import concerns

register = template.Library()

SEVERITY_WORDS = {
    concerns.Severity.HIGH: "High",
    concerns.Severity.MEDIUM: "Medium",
    concerns.Severity.LOW: "Low",
}


@register.filter
def concern_label(category: str) -> str:
    return concerns.label(category) if category else ""


@register.filter
def alert_categories(reasons: list[dict[str, str]]) -> list[str]:
    """The labels of an alert's categories, most severe first, each once."""
    codes = [str(reason.get("category", "")) for reason in reasons if reason.get("category")]
    return [concerns.label(code) for code in concerns.by_urgency(codes)]


@register.filter
def severity_word(severity: int) -> str:
    try:
        return _(SEVERITY_WORDS[concerns.Severity(severity)])
    except (KeyError, ValueError):
        return _("Not graded")


@register.filter
def held_ago(value: datetime | None) -> str:
    """`3 hours ago`: the largest unit only, as a head would say it."""
    if value is None:
        return ""
    now = timezone.now()
    if now - value < timedelta(minutes=1):
        return _("just now")
    return _("%(time)s ago") % {"time": timesince(value, now, depth=1)}
