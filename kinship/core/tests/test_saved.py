"""`saved` and `form_status`: what an edit view does with its service's answer."""

import pytest
from django import forms
from django.core.exceptions import ValidationError

from kinship.core.concurrency import EditConflict, VersionedFormMixin, form_status, saved
from kinship.core.models import SentEmail


class KeyForm(VersionedFormMixin, forms.Form):
    key = forms.CharField()


def bound() -> KeyForm:
    form = KeyForm({"key": "reminder-1"}, version="v1")
    assert form.is_valid()
    return form


def test_a_save_that_goes_through_is_saved_and_answers_200() -> None:
    calls: list[str] = []
    form = bound()
    assert saved(form, lambda: calls.append("saved"))
    assert calls == ["saved"] and form_status(form) == 200 and not form.errors


def test_a_service_error_lands_on_its_field_and_answers_200() -> None:
    def refuse() -> None:
        raise ValidationError({"key": "That key is taken."})

    form = bound()
    assert not saved(form, refuse)
    assert form.errors["key"] == ["That key is taken."] and form_status(form) == 200


@pytest.mark.django_db
def test_someone_elses_save_first_shows_theirs_and_answers_409() -> None:
    theirs = SentEmail.objects.create(key="reminder-2")

    def conflict() -> None:
        raise EditConflict(theirs, ["key"])

    form = bound()
    assert not saved(form, conflict)
    assert form_status(form) == 409
    assert [change.theirs for change in form.edit_conflict] == ["reminder-2"]
    assert form.version != "v1"  # the next save overwrites what the person has now seen


def test_any_other_error_is_not_swallowed() -> None:
    def broken() -> None:
        raise RuntimeError("a bug")

    with pytest.raises(RuntimeError):
        saved(bound(), broken)
