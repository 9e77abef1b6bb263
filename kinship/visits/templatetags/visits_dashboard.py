"""The dashboard's visits panel: what waits for the person about classroom visits.

A template tag, so the families dashboard shows it without importing the visits app.
"""

from typing import Any

from django import template

from kinship.visits.selectors.visits import my_visits

register = template.Library()
PANEL_ITEMS = 5


@register.inclusion_tag("visits/_dashboard_panel.html", takes_context=True)
def visits_panel(context: dict[str, Any]) -> dict[str, Any]:
    user = context["request"].user
    show = user.has_perm("visits.use_visits")
    return {"mine": my_visits(user, limit=PANEL_ITEMS) if show else None, "show": show}
