"""The nav items of the library, forums and notifications, with the unread count.

One tag in base.html, so the core template knows none of these apps.
"""

from typing import Any

from django import template

from kinship.notifications import selectors

register = template.Library()


@register.inclusion_tag("notifications/_nav.html", takes_context=True)
def sharing_nav(context: dict[str, Any]) -> dict[str, Any]:
    request = context["request"]
    user = request.user
    return {
        "request": request,
        "user": user,
        "unread": selectors.unread_count(user) if user.is_authenticated else 0,
    }
