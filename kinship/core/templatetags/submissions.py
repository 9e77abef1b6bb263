"""`{% submission_token %}`: the one-time token that makes a POST form safe to send twice."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from kinship.core import submissions

register = template.Library()


@register.simple_tag
def submission_token() -> SafeString:
    """A hidden input with a fresh token; put it beside `{% csrf_token %}` in every POST form."""
    return format_html(
        '<input type="hidden" name="{}" value="{}">', submissions.FIELD, submissions.new_token()
    )
