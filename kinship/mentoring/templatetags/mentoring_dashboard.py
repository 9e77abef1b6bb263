"""The dashboard's coaching panel: my pairs, their next meeting and open questions, places
waiting for me, and the programmes I run. A template tag, so the families dashboard shows
it without importing the mentoring app."""

from typing import Any

from django import template

from kinship.mentoring import selectors

register = template.Library()


@register.inclusion_tag("mentoring/_dashboard_panel.html", takes_context=True)
def mentoring_panel(context: dict[str, Any]) -> dict[str, Any]:
    user = context["request"].user
    if not user.has_perm("mentoring.use_mentoring"):
        return {"show": False}
    pairs = list(selectors.pairs_of(user))
    next_dates = selectors.next_meeting_dates(pairs)
    places = list(selectors.places_of(user))
    coordinated = list(selectors.programmes_coordinated_by(user))
    return {
        "show": bool(pairs or places or coordinated),
        "pairs": [(pair, next_dates.get(pair.pk)) for pair in pairs],
        "nominations": [place for place in places if place.status == "nominated"],
        "coordinated": coordinated,
        "user": user,
    }
