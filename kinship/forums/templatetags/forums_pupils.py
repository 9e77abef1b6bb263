"""How a pupil's name shows beside what they write."""

from django import template

from kinship.forums.pupils import pupil_shown_name

register = template.Library()


@register.filter
def pupil_name(user: object) -> str:
    return pupil_shown_name(user)
