"""Small filters for moderation pages: level names, scale positions, intervals."""

import math

from django import template

from kinship.moderation.analysis import theta_text
from kinship.moderation.models import Round

register = template.Library()


@register.filter
def level(round_: Round, index: int | None) -> str:
    return round_.level_name(index)


@register.filter
def levels_of(round_: Round, indices: list[int]) -> str:
    return ", ".join(round_.level_name(i) for i in indices) or "–"


@register.filter
def scale(value: float | None) -> str:
    return theta_text(value) or "–"


@register.filter
def number(value: float | None, places: int = 2) -> str:
    if value is None or not math.isfinite(value):
        return "–"
    return f"{value:.{places}f}"


@register.filter
def percent(value: float | None) -> str:
    if value is None or not math.isfinite(value):
        return "–"
    return f"{value:.0%}"


@register.filter
def interval(estimate: object, kind: str = "number") -> str:
    """'0.61 (0.48 to 0.72)', or with percentages; '–' when undefined."""
    value, low, high = (getattr(estimate, name) for name in ("value", "low", "high"))
    show = percent if kind == "percent" else number
    if value is None or not math.isfinite(value):
        return "–"
    if low is None or not math.isfinite(low):
        return show(value)
    return f"{show(value)} ({show(low)} to {show(high)})"


@register.filter
def get_item(mapping: dict[object, object], key: object) -> object:
    """mapping[key] in a template (numbers and strings both tried)."""
    if key in mapping:
        return mapping[key]
    try:
        return mapping.get(int(key), key)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return key


@register.filter
def boundary(round_: Round, lower: int) -> str:
    """'WTS/EXS' for the boundary above level `lower`."""
    return f"{round_.level_name(lower)}/{round_.level_name(lower + 1)}"
