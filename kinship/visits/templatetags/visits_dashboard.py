"""The dashboard's visits panel: what waits for the person about classroom visits, and visit
plans asking where they would like to go.

A template tag, so the families dashboard shows it without importing the visits app.
"""

from typing import Any

from django import template
from django.utils import timezone

from kinship.visits.selectors.plans import plans_visible_to
from kinship.visits.selectors.proposals import waiting_for
from kinship.visits.selectors.visits import my_visits

register = template.Library()
PANEL_ITEMS = 5


@register.inclusion_tag("visits/_dashboard_panel.html", takes_context=True)
def visits_panel(context: dict[str, Any]) -> dict[str, Any]:
    user = context["request"].user
    if not user.has_perm("visits.use_visits"):
        return {"show": False}
    open_plans = (
        plans_visible_to(user)
        .filter(published_at__isnull=True, window_end__gte=timezone.localdate())
        .exclude(preferences__person=user)
        .order_by("window_start")[:PANEL_ITEMS]
    )
    return {
        "show": True,
        "user": user,
        "mine": my_visits(user, limit=PANEL_ITEMS),
        "plans": [plan for plan in open_plans if user.has_perm("visits.state_preference", plan)],
        "term_dates": list(waiting_for(user)[:PANEL_ITEMS]),
    }
