"""The dashboard's panel for the library and forums: what is new and what waits for you.

A template tag, so the families dashboard shows it without importing these apps.
"""

from typing import Any

from django import template

from kinship.forums import selectors
from kinship.library.selectors import recent_for
from kinship.membership import visibility

register = template.Library()


@register.inclusion_tag("forums/_dashboard_panel.html", takes_context=True)
def sharing_panel(context: dict[str, Any]) -> dict[str, Any]:
    request = context["request"]
    user = request.user
    is_staff = visibility.is_staff_account(user)
    return {
        "request": request,
        "user": user,
        "resources": recent_for(user, limit=5) if is_staff else [],
        "work": selectors.has_open_work(user) if is_staff else None,
        "pupil": visibility.is_pupil(user),
    }
