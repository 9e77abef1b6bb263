"""Forms for moderation: they check the shape of what was sent; the services decide."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kinship.core.concurrency import VersionedFormMixin
from kinship.core.forms import CheckedFilesField, StyledFormMixin
from kinship.core.uploads import MB, Kind, UploadPolicy
from kinship.moderation.models import Outcome, Round, RoundPerson
from kinship.moderation.names import name_in_file_name, name_in_text
from kinship.moderation.services import RoundFields
from kinship.schools.models import School

SCRIPT_POLICY = UploadPolicy(
    kinds=frozenset({Kind.PDF, Kind.JPEG, Kind.PNG, Kind.HEIC}),
    max_bytes=15 * MB,
    max_pdf_pages=20,
)
DATE = forms.DateInput(attrs={"type": "date"})


class RoundForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    title = forms.CharField(max_length=200, label=_("Title"))
    year_group = forms.TypedChoiceField(
        label=_("Year group"),
        coerce=int,
        initial=6,
        choices=[(n, _("Year %(n)d") % {"n": n}) for n in range(1, 7)],
    )
    task = forms.CharField(max_length=200, label=_("Genre or task"))
    framework = forms.ChoiceField(
        choices=Round.Framework.choices,
        widget=forms.RadioSelect,
        label=_("Framework"),
        initial=Round.Framework.TAF,
    )
    custom_levels = forms.CharField(
        required=False,
        max_length=300,
        label=_("Custom levels, lowest first"),
        help_text=_("Separated by commas, e.g. Emerging, Developing, Secure, Mastery."),
    )
    method = forms.ChoiceField(choices=Round.Method.choices, label=_("Method"), initial="both")
    grades_per_script = forms.IntegerField(
        min_value=2, max_value=10, initial=2, label=_("External grades per script")
    )
    judgements_per_script = forms.IntegerField(
        min_value=2,
        max_value=60,
        initial=12,
        label=_("Comparisons per script"),
        help_text=_("More comparisons give a more reliable scale; 12 to 20 is usual."),
    )
    upload_deadline = forms.DateField(widget=DATE, label=_("Samples in by"))
    judging_deadline = forms.DateField(widget=DATE, label=_("Judging closes"))
    meeting_on = forms.DateField(widget=DATE, required=False, label=_("Moderation meeting"))
    schools = forms.ModelMultipleChoiceField(
        queryset=School.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label=_("Schools taking part"),
    )

    def __init__(self, *args: Any, schools: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if schools is not None:
            self.fields["schools"].queryset = schools  # type: ignore[attr-defined]

    def to_fields(self) -> RoundFields:
        data = self.cleaned_data
        return RoundFields(
            title=data["title"],
            year_group=data["year_group"],
            task=data["task"],
            framework=data["framework"],
            method=data["method"],
            levels=[level.strip() for level in data["custom_levels"].split(",")],
            upload_deadline=data["upload_deadline"],
            judging_deadline=data["judging_deadline"],
            meeting_on=data["meeting_on"],
            grades_per_script=data["grades_per_script"],
            judgements_per_script=data["judgements_per_script"],
        )


class PersonForm(StyledFormMixin, forms.Form):
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(choices=RoundPerson.Role.choices, label=_("Role"))


class SampleForm(StyledFormMixin, forms.Form):
    cohort = forms.IntegerField(
        min_value=1, max_value=500, required=False, label=_("Pupils in the year group")
    )
    extra = forms.IntegerField(
        min_value=0, max_value=30, initial=0, label=_("Extra scripts near the boundary")
    )
    extra_reason = forms.CharField(max_length=200, required=False, label=_("Disputed standard"))


class ScriptForm(StyledFormMixin, forms.Form):
    school = forms.ModelChoiceField(queryset=School.objects.none(), label=_("School"))
    grade = forms.TypedChoiceField(coerce=int, label=_("The school's grade"))
    pages = CheckedFilesField(
        policy=SCRIPT_POLICY, required=False, max_files=20, label=_("Pages (PDF, photos or scans)")
    )
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        max_length=20_000,
        label=_("Or the typed text"),
    )
    anchor = forms.BooleanField(required=False, label=_("An anchor script of known standard"))
    no_names = forms.BooleanField(
        required=False,
        label=_("I have checked: no pupil's name is on these pages or in this text"),
    )

    def __init__(self, *args: Any, schools: Any, levels: list[str], anchors: bool, **kw: Any):
        super().__init__(*args, **kw)
        self.fields["school"].queryset = schools  # type: ignore[attr-defined]
        if len(schools) == 1:
            self.fields["school"].empty_label = None  # type: ignore[attr-defined]
        self.fields["grade"].choices = list(enumerate(levels))  # type: ignore[attr-defined]
        if not anchors:
            del self.fields["anchor"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("pages") and not (data.get("text") or "").strip():
            if not self.errors:
                raise forms.ValidationError(_("Upload the pages or type the text."))
            return data
        warnings = [name_in_file_name(page.original_name) for page in data.get("pages") or []]
        warnings.append(name_in_text(data.get("text") or ""))
        found = [w for w in warnings if w is not None]
        if found and not data.get("no_names"):
            self.name_warnings = found
            shown = "; ".join(f"“{w.found}” in the {w.where}" for w in found)
            self.add_error(
                "no_names",
                _(
                    "This may hold a pupil's name (%(found)s). Kinship never keeps pupils' "
                    "names: cover or remove the name, then tick the box and upload again."
                )
                % {"found": shown},
            )
        return data


class GradeForm(forms.Form):
    grade = forms.TypedChoiceField(coerce=int, widget=forms.RadioSelect, label=_("Grade"))
    script = forms.CharField(max_length=9, widget=forms.HiddenInput)  # the code, not the id

    def __init__(self, *args: Any, levels: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["grade"].choices = list(enumerate(levels))  # type: ignore[attr-defined]


class DecisionForm(forms.Form):
    comparison = forms.IntegerField()
    chosen = forms.ChoiceField(choices=[("left", "left"), ("right", "right")])
    seconds = forms.FloatField(required=False, min_value=0)


class OutcomeForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000, label=_("Notes")
    )
    decision = forms.ChoiceField(
        choices=[("", _("Not decided yet")), *Outcome.Decision.choices],
        required=False,
        label=_("Outcome"),
    )
    agreed_grade = forms.TypedChoiceField(
        coerce=int, required=False, empty_value=None, label=_("Grade agreed")
    )
    reason = forms.CharField(required=False, max_length=1000, label=_("Why"))

    def __init__(self, *args: Any, levels: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agreed_grade"].choices = [("", "–"), *enumerate(levels)]  # type: ignore[attr-defined]


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=Round.Status.choices)
