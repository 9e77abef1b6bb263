"""Forms for a staggered INSET plan: its settings, a school's part, a preference, pins."""

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kinship.accounts.models import User
from kinship.core.concurrency import VersionedFormMixin
from kinship.core.dates import uk_date, uk_day
from kinship.core.forms import StyledFormMixin
from kinship.schools.models import School
from kinship.visits.models import Subject, YearGroup
from kinship.visits.selectors.plans import SchoolState
from kinship.visits.services.plans import MAX_CAPACITY, MAX_STAGGERED_DAYS, TIME_LIMITS, PlanFields

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%H:%M", **kwargs)


def _date(label: Any, **kwargs: Any) -> forms.DateField:
    return forms.DateField(label=label, input_formats=DATE_FORMATS, widget=DateInput(), **kwargs)


class PlanForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=150, help_text=_("e.g. 'Spring term visits 2027'.")
    )
    window_start = _date(_("First day of the window"))
    window_end = _date(
        _("Last day of the window"),
        help_text=_("e.g. the spring term: the staggered days fall inside it."),
    )
    common_inset_date = _date(
        _("Common INSET day"),
        required=False,
        help_text=_(
            "The day every school's staff train together, inside the window. Leave empty if "
            "there is none in it."
        ),
    )
    staggered_days = forms.IntegerField(
        label=_("Staggered INSET days each school takes"),
        min_value=1,
        max_value=MAX_STAGGERED_DAYS,
        initial=1,
    )
    default_capacity = forms.IntegerField(
        label=_("Visitors a school takes a day"),
        min_value=0,
        max_value=MAX_CAPACITY,
        initial=3,
        help_text=_("Until its lead says how many: think of how many classrooms are open."),
    )
    allow_unlisted = forms.BooleanField(
        label=_("When people's choices are full, place them at another school in the family"),
        required=False,
        initial=True,
    )
    time_limit_s = forms.IntegerField(
        label=_("Seconds the planner may search"),
        min_value=TIME_LIMITS[0],
        max_value=TIME_LIMITS[1],
        initial=30,
        help_text=_(
            "It stops sooner when it has proved its plan the best; if not, it says how close "
            "it got."
        ),
    )
    visit_start = forms.TimeField(label=_("Visits start"), widget=TimeInput(), initial="08:45")
    visit_end = forms.TimeField(label=_("Visits end"), widget=TimeInput(), initial="15:15")
    preferences_due = _date(_("Staff say where they would like to go by"), required=False)

    def to_fields(self) -> PlanFields:
        data = self.cleaned_data
        return PlanFields(**{name: data[name] for name in PlanFields.__dataclass_fields__})


def initial_from_plan(plan: Any) -> dict[str, Any]:
    return {name: getattr(plan, name) for name in PlanFields.__dataclass_fields__}


class PlanSchoolForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    """A school's part: whether it takes part, its figures, and which of its open days are
    candidates (all of them, until its lead unticks some)."""

    takes_part = forms.BooleanField(label=_("Takes part in this plan"), required=False)
    inset_days = forms.IntegerField(
        label=_("Staggered INSET days it takes"),
        min_value=1,
        max_value=MAX_STAGGERED_DAYS,
        required=False,
        help_text=_("Leave empty for the plan's number."),
    )
    host_capacity = forms.IntegerField(
        label=_("Visitors it can take a day"),
        min_value=0,
        max_value=MAX_CAPACITY,
        required=False,
        help_text=_(
            "How many classrooms are open to visitors on a day. Leave empty for the plan's number."
        ),
    )
    candidates = forms.MultipleChoiceField(
        label=_("Days it could take as INSET"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    rule_out_weekdays = forms.TypedMultipleChoiceField(
        label=_("Or rule out whole weekdays"),
        choices=list(
            enumerate((_("Mondays"), _("Tuesdays"), _("Wednesdays"), _("Thursdays"), _("Fridays")))
        ),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("e.g. 'we cannot release staff on Fridays'."),
    )
    reschedulable = forms.MultipleChoiceField(
        label=_("Our INSET days the plan may move"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "A plan's INSET day never adds to yours: it takes the place of one you tick here "
            "(the nearest in date), which becomes a pupil day, so you keep 190 pupil days and "
            "5 INSET days. A day still to be decided needs no tick."
        ),
    )

    def __init__(
        self,
        *args: Any,
        state: SchoolState,
        common: date | None,
        plan_days: int,
        plan_capacity: int,
        own_insets: list[date] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reschedulable"].choices = [  # type: ignore[attr-defined]
            (day.isoformat(), uk_date(day)) for day in own_insets or []
        ]
        self.open_days = [day for day in state.open_days if day != common]
        self.fields["candidates"].choices = [  # type: ignore[attr-defined]
            (day.isoformat(), uk_day(day)) for day in self.open_days
        ]
        self.fields["inset_days"].widget.attrs["placeholder"] = _("%(n)d, as the plan") % {
            "n": plan_days
        }
        self.fields["host_capacity"].widget.attrs["placeholder"] = _("%(n)d, as the plan") % {
            "n": plan_capacity
        }

    def reschedulable_days(self) -> list[date]:
        return [date.fromisoformat(day) for day in self.cleaned_data["reschedulable"]]

    def excluded(self) -> list[date]:
        chosen = set(self.cleaned_data["candidates"])
        weekdays = set(self.cleaned_data["rule_out_weekdays"])
        return [
            day
            for day in self.open_days
            if day.isoformat() not in chosen or day.weekday() in weekdays
        ]

    def weeks(self) -> list[tuple[str, list[tuple[date, Any]]]]:
        """The candidate checkboxes a week at a time, Monday to Friday, each week named by its
        Monday; a day that cannot be a candidate comes with None instead of a checkbox."""
        options = {
            date.fromisoformat(option.data["value"]): option for option in self["candidates"]
        }
        if not options:
            return []
        first, last = min(options), max(options)
        weeks = []
        monday = first - timedelta(days=first.weekday())
        while monday <= last:
            days = [monday + timedelta(days=offset) for offset in range(5)]
            weeks.append((uk_date(monday), [(day, options.get(day)) for day in days]))
            monday += timedelta(days=7)
        return weeks


class SchoolChoiceField(forms.ModelChoiceField[School]):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class PreferenceForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    school = SchoolChoiceField(
        label=_("I would visit from"), queryset=School.objects.none(), empty_label=None
    )
    will_visit = forms.TypedChoiceField(
        label=_("Will you visit another school on your staggered INSET day?"),
        choices=[("yes", _("Yes, I will visit")), ("no", _("No, not this time"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    first_choice = SchoolChoiceField(
        label=_("First choice"), queryset=School.objects.none(), required=False
    )
    second_choice = SchoolChoiceField(
        label=_("Second choice"), queryset=School.objects.none(), required=False
    )
    third_choice = SchoolChoiceField(
        label=_("Third choice"), queryset=School.objects.none(), required=False
    )
    focus_subject = forms.ChoiceField(
        label=_("Or a subject I would like to see"),
        choices=[("", _("No particular subject")), *Subject.choices],
        required=False,
    )
    focus_year_group = forms.ChoiceField(
        label=_("Or a year group"),
        choices=[("", _("No particular year group")), *YearGroup.choices],
        required=False,
    )

    def __init__(
        self, *args: Any, own: Sequence[School], schools: Sequence[School], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = School.objects.filter(pk__in=[s.pk for s in own]).order_by(  # type: ignore[attr-defined]
            "name"
        )
        choices = School.objects.filter(pk__in=[s.pk for s in schools]).order_by("name")
        for name in ("first_choice", "second_choice", "third_choice"):
            self.fields[name].queryset = choices  # type: ignore[attr-defined]
            self.fields[name].empty_label = _("No school")  # type: ignore[attr-defined]

    def choices(self) -> list[School]:
        return [
            school
            for name in ("first_choice", "second_choice", "third_choice")
            if (school := self.cleaned_data.get(name)) is not None
        ]


class PersonChoiceField(forms.ModelChoiceField[User]):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class InsetPinForm(StyledFormMixin, forms.Form):
    school = SchoolChoiceField(label=_("School"), queryset=School.objects.none())
    date = _date(_("Its INSET day"))

    def __init__(self, *args: Any, schools: Sequence[School], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = School.objects.filter(  # type: ignore[attr-defined]
            pk__in=[s.pk for s in schools]
        ).order_by("name")


class VisitPinForm(StyledFormMixin, forms.Form):
    person = PersonChoiceField(label=_("Person"), queryset=User.objects.none())
    host = SchoolChoiceField(label=_("Goes to"), queryset=School.objects.none())
    date = _date(_("On (leave empty for any of their INSET days)"), required=False)

    def __init__(
        self, *args: Any, people: Sequence[User], schools: Sequence[School], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            pk__in=[p.pk for p in people]
        ).order_by("display_name")
        self.fields["host"].queryset = School.objects.filter(  # type: ignore[attr-defined]
            pk__in=[s.pk for s in schools]
        ).order_by("name")
