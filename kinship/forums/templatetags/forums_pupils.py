"""How a pupil's name shows beside what they write."""

from django import template

from kinship.accounts.types import Viewer
from kinship.forums.pupils import pupil_shown_name
from kinship.membership import visibility

register = template.Library()


@register.filter
def pupil_name(user: Viewer | None) -> str:
    return pupil_shown_name(user)


@register.filter
def is_pupil_record(user: Viewer | None) -> bool:
    """Whether a post's author is shown as a pupil (deactivated or not)."""
    return visibility.is_pupil_record(user)
