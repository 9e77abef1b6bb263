"""Forms for the cohort: its meetings, topics and votes, and the notes of a meeting."""

from datetime import time
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kinship.core.concurrency import VersionedFormMixin
from kinship.core.forms import StyledFormMixin
from kinship.mentoring.forms.dates import DATE, TIME, at
from kinship.schools.models import School


class CohortMeetingForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, initial=_("Cohort meeting"))
    day = forms.DateField(label=_("Date"), widget=DATE)
    start_time = forms.TimeField(label=_("Starts"), widget=TIME, initial=time(9, 30))
    end_time = forms.TimeField(label=_("Ends"), widget=TIME, initial=time(12, 30))
    host_school = forms.ModelChoiceField(
        label=_("Host school"), queryset=School.objects.none(), required=False
    )
    location = forms.CharField(label=_("Room"), max_length=200, required=False)
    online_url = forms.URLField(
        label=_("Online meeting link"), required=False, assume_scheme="https", max_length=200
    )

    def __init__(self, *args: Any, schools: QuerySet[School], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["host_school"].queryset = schools  # type: ignore[attr-defined]

    def to_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "starts_at": at(data["day"], data["start_time"]),
            "ends_at": at(data["day"], data["end_time"]),
            "host_school": data["host_school"],
            "location": data["location"],
            "online_url": data["online_url"],
        }


class TopicForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("What would you like to discuss?"), max_length=200)
    detail = forms.CharField(
        label=_("More detail"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class VoteForm(forms.Form):
    wanted = forms.TypedChoiceField(choices=[("1", "yes"), ("0", "no")], coerce=lambda v: v == "1")


class CohortNotesForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Markdown is fine. Only the cohort can read them."),
    )
