"""The dashboard's moderation panel: for each round someone is in, what waits for them
(scripts to grade, pairs to judge, samples to upload) and when the meeting is. Nothing at
all for someone in no round.

A template tag, so the families dashboard shows it without importing the moderation app.
"""

from typing import Any

from django import template

from kinship.moderation.selectors import dashboard_rounds

register = template.Library()


@register.inclusion_tag("moderation/_dashboard_panel.html", takes_context=True)
def moderation_panel(context: dict[str, Any]) -> dict[str, Any]:
    return {"rounds": dashboard_rounds(context["request"].user)}
