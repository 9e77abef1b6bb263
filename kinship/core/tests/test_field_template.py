"""core/_field.html: every id a control names in aria-describedby is on the page, so a
screen reader reads a field's help text and its errors with it (issue 19)."""

import re

from django import forms
from django.template.loader import render_to_string

from kinship.core.forms import StyledFormMixin


class Sample(StyledFormMixin, forms.Form):
    title = forms.CharField(help_text="What people will see first.")
    count = forms.IntegerField()
    agree = forms.BooleanField(help_text="Tick to agree.")
    days = forms.MultipleChoiceField(
        choices=[("mon", "Monday"), ("tue", "Tuesday")],
        widget=forms.CheckboxSelectMultiple,
        help_text="Any you like.",
    )


def _rendered(form: forms.Form) -> str:
    return "".join(render_to_string("core/_field.html", {"field": field}) for field in form)


def test_help_text_and_errors_are_tied_to_their_fields():
    form = Sample({"title": "", "count": "many"})
    assert not form.is_valid()
    html = _rendered(form)
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    named = [
        name for value in re.findall(r'aria-describedby="([^"]+)"', html) for name in value.split()
    ]
    assert named and set(named) <= ids, set(named) - ids
    for field in ("title", "count", "agree", "days"):
        assert f"id_{field}_error" in named, field
    for field in ("title", "agree", "days"):
        assert f"id_{field}_helptext" in named, field
    assert html.count('aria-invalid="true"') >= 3  # the inputs and the checkbox
    # One container per field, however many errors it has: ids stay unique.
    assert len(re.findall(r'\bid="id_title_error"', html)) == 1


def test_a_valid_field_names_only_its_help_text():
    form = Sample({"title": "Hello", "count": "2", "agree": "on", "days": ["mon"]})
    assert form.is_valid()
    html = _rendered(form)
    assert "_error" not in html
    assert 'aria-describedby="id_agree_helptext"' in html
