"""The nav items of the library, forums and notifications, with the unread count.

A tag in base.html, so the core template knows none of these apps.
"""

from typing import Any

from django import template

from kinship.membership.context_processors import account_kind_of
from kinship.notifications import selectors

register = template.Library()


@register.inclusion_tag("notifications/_nav.html", takes_context=True)
def sharing_nav(context: dict[str, Any], part: str) -> dict[str, Any]:
    """`part` "sections": the Library and Forums items of the main menu; "account": the
    Notifications item, with the unread count, beside the person's name."""
    request = context["request"]
    user = request.user
    account = part == "account"
    return {
        "request": request,
        "user": user,
        "account": account_kind_of(user),
        "part": part,
        "unread": selectors.unread_count(user) if account and user.is_authenticated else 0,
    }
