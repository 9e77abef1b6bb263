"""Telling people what went wrong with what they sent: a service's ValidationError or a
form's errors, as messages on the page a redirect leads to, or on the form shown again."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest


def report_errors(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def report_form_errors(request: HttpRequest, form: Form) -> None:
    """A small form posted from a page: its errors go back to that page as messages."""
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, str(message))


def apply_errors(form: Form, error: ValidationError) -> None:
    """A service's errors onto the form: each on its field when the form has one."""
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
