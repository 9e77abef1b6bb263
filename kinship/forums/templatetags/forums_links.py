"""The link from a circle's page to its board, so families' templates need not import us."""

from typing import Any

from django import template

from kinship.membership import visibility

register = template.Library()


@register.inclusion_tag("forums/_circle_board_link.html", takes_context=True)
def circle_board_link(context: dict[str, Any], circle: Any) -> dict[str, Any]:
    user = context["request"].user
    return {"circle": circle, "show": visibility.is_staff_account(user)}
