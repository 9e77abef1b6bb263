"""Forms for a school's term dates: typed in, or imported from the file an LA publishes."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kinship.core.concurrency import VersionedFormMixin
from kinship.schools import term_dates
from kinship.schools.models import Closure
from kinship.schools.term_dates import HALF_TERM_NAMES, TermYear

MAX_TERM_FILE_BYTES = 1024 * 1024
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y"]
EXTRA_CLOSURE_ROWS = 4


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", attrs={"class": "form-control"}, **kwargs)


class HalfTermsForm(VersionedFormMixin, forms.Form):
    """Six half-terms, first and last day each; the later ones may be left blank."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for number, name in enumerate(HALF_TERM_NAMES, start=1):
            required = number == 1
            self.fields[f"start_{number}"] = forms.DateField(
                label=_("%(name)s: first day") % {"name": name},
                required=required,
                input_formats=DATE_FORMATS,
                widget=DateInput(),
            )
            self.fields[f"end_{number}"] = forms.DateField(
                label=_("%(name)s: last day") % {"name": name},
                required=required,
                input_formats=DATE_FORMATS,
                widget=DateInput(),
            )

    def pairs(self) -> list[tuple[str, Any, Any]]:
        return [
            (name, self[f"start_{number}"], self[f"end_{number}"])
            for number, name in enumerate(HALF_TERM_NAMES, start=1)
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for number, name in enumerate(HALF_TERM_NAMES, start=1):
            start, end = cleaned.get(f"start_{number}"), cleaned.get(f"end_{number}")
            if (start is None) != (end is None) and f"start_{number}" not in self.errors:
                missing = f"end_{number}" if end is None else f"start_{number}"
                self.add_error(
                    missing, _("Give both days of %(name)s, or neither.") % {"name": name}
                )
        return cleaned

    def half_terms(self) -> tuple[term_dates.HalfTerm, ...]:
        pairs = (
            (self.cleaned_data.get(f"start_{n}"), self.cleaned_data.get(f"end_{n}"))
            for n in range(1, len(HALF_TERM_NAMES) + 1)
        )
        return tuple(term_dates.HalfTerm(start, end) for start, end in pairs if start and end)


class ClosureForm(forms.Form):
    date = forms.DateField(
        label=_("Date"), required=False, input_formats=DATE_FORMATS, widget=DateInput()
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=Closure.Kind.choices,
        initial=Closure.Kind.INSET,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    label = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=120,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )


ClosureFormSet = forms.formset_factory(ClosureForm, extra=EXTRA_CLOSURE_ROWS, max_num=60)


def initial_from_year(year: TermYear | None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    if year is None:
        return {}, []
    half_terms: dict[str, Any] = {}
    for number, half in enumerate(year.half_terms, start=1):
        half_terms[f"start_{number}"] = half.start
        half_terms[f"end_{number}"] = half.end
    closures = [{"date": c.date, "kind": c.kind.value, "label": c.label} for c in year.closures]
    return half_terms, closures


def year_from_forms(
    academic_year: int, half_terms: HalfTermsForm, closures: Any
) -> term_dates.TermYear:
    """The TermYear typed in: blank closure rows are ignored."""
    rows = [row.cleaned_data for row in closures.forms if row.cleaned_data.get("date")]
    return term_dates.TermYear(
        start_year=academic_year,
        half_terms=half_terms.half_terms(),
        closures=tuple(
            term_dates.Closure(
                row["date"], term_dates.ClosureKind(row["kind"]), row.get("label", "")
            )
            for row in sorted(rows, key=lambda row: row["date"])
        ),
    )


class TermDatesImportForm(forms.Form):
    file = forms.FileField(
        label=_("Term dates file"),
        help_text=_(
            "The iCalendar (.ics) file your local authority publishes, or a CSV with the "
            "columns kind, start, end, label (kind: half_term, inset, bank_holiday or closure)."
        ),
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".ics,.csv"}),
    )

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_TERM_FILE_BYTES:
            raise forms.ValidationError(_("That file is over 1 MB: term dates are much smaller."))
        data: bytes = upload.read()
        if not data.strip():
            raise forms.ValidationError(_("That file is empty."))
        return data
