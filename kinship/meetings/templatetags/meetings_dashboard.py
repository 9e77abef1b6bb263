"""The dashboard's meetings panel: my next events and my open actions.

A template tag, so the families dashboard shows it without importing the meetings app.
"""

from typing import Any

from django import template

from kinship.meetings import selectors

register = template.Library()


@register.inclusion_tag("meetings/_dashboard_panel.html", takes_context=True)
def meetings_panel(context: dict[str, Any]) -> dict[str, Any]:
    request = context["request"]
    user = request.user
    return {
        "request": request,
        "events": selectors.upcoming_events(user, limit=5),
        "actions": list(selectors.open_actions(user)[:10]),
        "show": user.has_perm("meetings.use_calendar"),
    }
