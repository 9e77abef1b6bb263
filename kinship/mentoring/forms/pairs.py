"""Forms for the pair space: questions, meetings, actions, goals, resources, reflections,
journals and feedback."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinship.accounts.models import User
from kinship.core.concurrency import VersionedFormMixin
from kinship.core.forms import CheckedFileField, StyledFormMixin
from kinship.core.uploads import MB, Kind, UploadPolicy
from kinship.mentoring.forms.dates import DATE, TIME, at
from kinship.mentoring.models import (
    Goal,
    MeetingPlace,
    Pair,
    PairMeeting,
)


class QuestionForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Question"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    tags = forms.CharField(
        label=_("Tags"),
        max_length=200,
        required=False,
        help_text=_("Separated by commas, e.g. budget, staffing."),
    )


class AnswerForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    answer = forms.CharField(
        label=_("Answer, in a line or two"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    meeting = forms.ModelChoiceField(queryset=PairMeeting.objects.none(), required=False)

    def __init__(self, *args: Any, pair: Pair, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = pair.meetings.all()  # type: ignore[attr-defined]


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "up"), ("down", "down")])


class MeetingForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    day = forms.DateField(label=_("Date"), widget=DATE)
    start_time = forms.TimeField(label=_("Starts"), widget=TIME)
    end_time = forms.TimeField(label=_("Ends"), widget=TIME)
    place = forms.ChoiceField(
        label=_("Where"),
        choices=MeetingPlace.choices,
        widget=forms.RadioSelect,
        initial=MeetingPlace.COACH_SCHOOL,
    )
    location = forms.CharField(label=_("Room or address"), max_length=200, required=False)
    online_url = forms.URLField(
        label=_("Online meeting link"), required=False, assume_scheme="https", max_length=200
    )
    agenda_note = forms.CharField(
        label=_("Anything else to cover"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The agenda is the head's open questions; add anything else here."),
    )

    @staticmethod
    def initial_from(meeting: PairMeeting) -> dict[str, Any]:
        starts, ends = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
        return {
            "day": starts.date(),
            "start_time": starts.time(),
            "end_time": ends.time(),
            "place": meeting.place,
            "location": meeting.location,
            "online_url": meeting.online_url,
            "agenda_note": meeting.agenda_note,
        }

    def to_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "starts_at": at(data["day"], data["start_time"]),
            "ends_at": at(data["day"], data["end_time"]),
            "place": data["place"],
            "location": data["location"],
            "online_url": data["online_url"],
            "agenda_note": data["agenda_note"],
        }


class MeetingNotesForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Markdown is fine. Only the two of you can read them."),
    )
    held = forms.BooleanField(label=_("The meeting was held"), required=False, initial=True)


class PairActionForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    text = forms.CharField(label=_("Action"), max_length=300)
    owner = forms.ModelChoiceField(label=_("Who"), queryset=User.objects.none())
    due = forms.DateField(label=_("Due"), required=False, widget=DATE)
    meeting = forms.ModelChoiceField(
        queryset=PairMeeting.objects.none(), required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, pair: Pair, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            pk__in=[pair.mentee.user_id, pair.coach.user_id]
        )
        self.fields["meeting"].queryset = pair.meetings.all()  # type: ignore[attr-defined]


class DoneForm(forms.Form):
    done = forms.TypedChoiceField(choices=[("1", "done"), ("0", "open")], coerce=lambda v: v == "1")


class GoalForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Goal"), max_length=200)
    detail = forms.CharField(
        label=_("What success looks like"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class GoalProgressForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Progress note"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    status = forms.ChoiceField(label=_("Where it stands"), choices=Goal.Status.choices)


# What a coach may hand over as a file: documents, spreadsheets, slides, photos, text.
RESOURCE_FILES = UploadPolicy(
    kinds=frozenset(
        {Kind.PDF, Kind.DOCX, Kind.XLSX, Kind.PPTX, Kind.JPEG, Kind.PNG, Kind.HEIC, Kind.TEXT}
    ),
    max_bytes=20 * MB,
)


class ResourceForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    url = forms.URLField(label=_("Link"), required=False, assume_scheme="https", max_length=200)
    file = CheckedFileField(label=_("Or a file"), policy=RESOURCE_FILES, required=False)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReflectionForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Your reflection on the year"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What changed, what helped, what next. Read by the two of you alone."),
    )


class JournalForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    body = forms.CharField(
        label=_("Entry"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Only you can read your journal: not your coach, not the "
            "coordinators, not the administrators."
        ),
    )


class FeedbackForm(StyledFormMixin, forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How useful was this year's coaching?"),
        coerce=int,
        widget=forms.RadioSelect,
        choices=[(1, _("1: not useful")), (2, "2"), (3, "3"), (4, "4"), (5, _("5: very useful"))],
    )
    comment = forms.CharField(
        label=_("What should the programme keep or change?"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "The coordinators see comments without names, once at least three people have answered."
        ),
    )
