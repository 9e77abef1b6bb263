"""Forms for open classrooms, asking for and answering visits, clearance and reflections."""

from collections.abc import Sequence
from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kinship.accounts.models import User
from kinship.core.concurrency import VersionedFormMixin
from kinship.core.forms import StyledFormMixin
from kinship.core.templatetags.kinship import format_uk_date
from kinship.schools.models import School
from kinship.visits.forms.plans import DATE_FORMATS, DateInput, PersonChoiceField, SchoolChoiceField
from kinship.visits.models import JointAction, Session, Subject, YearGroup
from kinship.visits.services.visits import OfferFields

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
]


class OfferForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    school = SchoolChoiceField(label=_("School"), queryset=School.objects.none(), empty_label=None)
    year_group = forms.ChoiceField(label=_("Year group"), choices=YearGroup.choices)
    subject = forms.ChoiceField(label=_("Subject"), choices=Subject.choices)
    focus = forms.CharField(
        label=_("What visitors will see"),
        max_length=200,
        help_text=_("e.g. 'segmenting and blending with the whole class, then keep-up groups'."),
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Days of the week"),
        choices=WEEKDAYS,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    session = forms.ChoiceField(
        label=_("When in the day"), choices=Session.choices, widget=forms.RadioSelect
    )
    room = forms.CharField(
        label=_("Room"), max_length=80, required=False, help_text=_("For the sign-in sheet.")
    )
    places = forms.IntegerField(label=_("Visitors at a time"), min_value=1, max_value=10, initial=2)
    notes = forms.CharField(
        label=_("Anything visitors should know"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Markdown is fine: where to park, what time to arrive."),
    )
    active = forms.BooleanField(label=_("Open to requests"), required=False, initial=True)

    def __init__(self, *args: Any, schools: Sequence[School], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = School.objects.filter(  # type: ignore[attr-defined]
            pk__in=[s.pk for s in schools]
        ).order_by("name")

    def to_fields(self) -> OfferFields:
        data = self.cleaned_data
        return OfferFields(
            school=data["school"],
            year_group=data["year_group"],
            subject=data["subject"],
            focus=data["focus"],
            weekdays=data["weekdays"],
            session=data["session"],
            room=data["room"],
            places=data["places"],
            notes=data["notes"],
            active=data["active"],
        )


class OfferFilterForm(StyledFormMixin, forms.Form):
    subject = forms.ChoiceField(
        label=_("Subject"), choices=[("", _("Any subject")), *Subject.choices], required=False
    )
    year_group = forms.ChoiceField(
        label=_("Year group"),
        choices=[("", _("Any year group")), *YearGroup.choices],
        required=False,
    )


class VisitRequestForm(StyledFormMixin, forms.Form):
    date = forms.DateField(
        label=_("Day you would like to come"), input_formats=DATE_FORMATS, widget=DateInput()
    )
    focus_question = forms.CharField(
        label=_("What would you like to find out?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One question helps the host plan, e.g. 'How do you keep the pace up in phonics?'"
        ),
    )


class RespondForm(StyledFormMixin, forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("Accept")), ("decline", _("Decline"))])
    note = forms.CharField(label=_("Note to the visitor"), max_length=300, required=False)


class ArrangeForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    room = forms.CharField(label=_("Room"), max_length=80, required=False)
    host = PersonChoiceField(
        label=_("Who they will see"), queryset=User.objects.none(), required=False
    )

    def __init__(self, *args: Any, people: Sequence[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = User.objects.filter(pk__in=[p.pk for p in people]).order_by(  # type: ignore[attr-defined]
            "display_name"
        )
        self.fields["host"].empty_label = _("Not named yet (the school's leads)")  # type: ignore[attr-defined]


class FocusForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    focus_question = forms.CharField(
        label=_("What would you like to find out?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReflectionForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    saw = forms.CharField(
        label=_("What I saw"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )
    will_try = forms.CharField(
        label=_("What I will try"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )
    offer_back = forms.CharField(
        label=_("What I can offer back"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        required=False,
        help_text=_("Something you could show or share with the host's school in return."),
    )


class ShareForm(forms.Form):
    agree = forms.TypedChoiceField(
        choices=[("1", "agree"), ("0", "withdraw")], coerce=lambda v: v == "1"
    )


class JointActionForm(StyledFormMixin, forms.Form):
    text = forms.CharField(label=_("What we will do together"), max_length=300)
    due = forms.DateField(
        label=_("By"), required=False, input_formats=DATE_FORMATS, widget=DateInput()
    )


class JointActionUpdateForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("Where it stands"), choices=JointAction.Status.choices)
    note = forms.CharField(
        label=_("How it is going"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ClearanceForm(StyledFormMixin, forms.Form):
    person = forms.IntegerField(widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        label=_("I confirm the declaration above"),
        error_messages={"required": _("Tick the box to confirm the declaration.")},
    )


class RecordVisitForm(StyledFormMixin, forms.Form):
    host_school = SchoolChoiceField(label=_("School you visited"), queryset=School.objects.none())
    date = forms.DateField(label=_("Day"), input_formats=DATE_FORMATS, widget=DateInput())
    focus_question = forms.CharField(
        label=_("What you went to see"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, schools: Sequence[School], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["host_school"].queryset = School.objects.filter(  # type: ignore[attr-defined]
            pk__in=[school.pk for school in schools]
        ).order_by("name")


class ProposalAnswerForm(StyledFormMixin, forms.Form):
    """A head's answer to a change of the school's term dates."""

    decision = forms.ChoiceField(choices=[("accept", _("Accept")), ("decline", _("Decline"))])
    reason = forms.CharField(
        label=_("Why not? (for the coordinators, if you decline)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CommonDayAnswerForm(ProposalAnswerForm):
    """Accepting a common INSET day: which of the school's own INSET days gives way."""

    gives_way = forms.TypedChoiceField(
        label=_("Which of the school's own INSET days becomes a pupil day instead"),
        coerce=date.fromisoformat,
        empty_value=None,
        required=False,
    )

    def __init__(self, *args: Any, own: Sequence[date], undecided: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[str, object]] = [(day.isoformat(), format_uk_date(day)) for day in own]
        if undecided:
            choices.insert(0, ("", _("None: the school still has an INSET day to decide")))
        field = self.fields["gives_way"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = choices


class CommonDayForm(StyledFormMixin, forms.Form):
    """A coordinator proposes a common INSET day to the family's heads."""

    day = forms.DateField(
        label=_("The common INSET day"), input_formats=DATE_FORMATS, widget=DateInput()
    )
    respond_by = forms.DateField(
        label=_("Heads answer by"), input_formats=DATE_FORMATS, widget=DateInput()
    )
