"""Forms for events, replies, meeting records and date polls."""

from datetime import date, datetime, time
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinship.accounts.models import User
from kinship.core.concurrency import VersionedFormMixin
from kinship.core.forms import StyledFormMixin
from kinship.families.models import Circle, Family, FamilyMembership, FamilyRole
from kinship.meetings.models import (
    Audience,
    ClashPolicy,
    DatePoll,
    Event,
    EventKind,
    PollSlot,
    Rsvp,
    Series,
)
from kinship.meetings.services import WEEKDAYS, Scope, SeriesFields
from kinship.membership.visibility import circles_visible_to
from kinship.schools.models import School, SchoolRole

WEEKDAY_CHOICES = list(
    zip(WEEKDAYS, ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday"), strict=True)
)
NTH_CHOICES = [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (5, "5th"), (-1, "last")]


class Repeat:
    ONCE = "once"
    HALF_TERM = "half_term"
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    RRULE = "rrule"
    CHOICES = [
        (ONCE, _("Once")),
        (HALF_TERM, _("Every half-term, on the chosen weekday of the half-term")),
        (WEEKLY, _("Every week during term time")),
        (FORTNIGHTLY, _("Every two weeks during term time")),
        (RRULE, _("A custom rule (RFC 5545 RRULE)")),
    ]


def family_schools(family: Family) -> QuerySet[School]:
    return School.objects.filter(
        family_memberships__family=family,
        family_memberships__status=FamilyMembership.Status.ACTIVE,
    ).order_by("name")


def family_people(family: Family) -> QuerySet[User]:
    """Staff of member schools, coordinators and partners: who may be invited by name."""
    return User.objects.filter(
        Q(
            pk__in=SchoolRole.objects.filter(
                role__in=(SchoolRole.Role.LEAD, SchoolRole.Role.STAFF),
                school__family_memberships__family=family,
                school__family_memberships__status=FamilyMembership.Status.ACTIVE,
            ).values("user_id")
        )
        | Q(pk__in=FamilyRole.objects.filter(family=family).values("user_id")),
        is_active=True,
    ).order_by("display_name")


class PersonChoiceField(forms.ModelMultipleChoiceField[User]):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.display_name} ({obj.email})"


class SeriesForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    """Set up an event or a series; `repeat` and its details become a school-aware rule."""

    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of event"), choices=EventKind.choices)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Markdown is fine."),
    )
    audience = forms.ChoiceField(
        label=_("Who is invited"), choices=Audience.choices, widget=forms.RadioSelect
    )
    circle = forms.ModelChoiceField(
        label=_("Circle"), queryset=Circle.objects.none(), required=False
    )
    schools = forms.ModelMultipleChoiceField(
        label=_("Schools"),
        queryset=School.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    guests = PersonChoiceField(
        label=_("People invited by name"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("The chosen people, or partners joining this event."),
    )
    host_school = forms.ModelChoiceField(
        label=_("Host school"), queryset=School.objects.none(), required=False
    )
    room = forms.CharField(label=_("Room"), max_length=120, required=False)
    online_url = forms.URLField(
        label=_("Online meeting link"), required=False, assume_scheme="https", max_length=200
    )
    capacity = forms.IntegerField(
        label=_("Places"),
        min_value=1,
        max_value=10000,
        required=False,
        help_text=_("Leave empty for no limit."),
    )
    first_date = forms.DateField(
        label=_("Date (first date of a series)"), widget=forms.DateInput(attrs={"type": "date"})
    )
    start_time = forms.TimeField(
        label=_("Starts"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end_time = forms.TimeField(
        label=_("Ends"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    repeat = forms.ChoiceField(label=_("Repeats"), choices=Repeat.CHOICES, initial=Repeat.ONCE)
    nth = forms.TypedChoiceField(label=_("Which"), choices=NTH_CHOICES, coerce=int, initial=1)
    weekday = forms.ChoiceField(label=_("Weekday"), choices=WEEKDAY_CHOICES, initial="WE")
    rrule = forms.CharField(
        label=_("RRULE"),
        required=False,
        max_length=300,
        help_text=_("For example FREQ=MONTHLY;BYDAY=1TU. Dates in the holidays are left out."),
    )
    until = forms.DateField(
        label=_("Repeat until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    reference_school = forms.ModelChoiceField(
        label=_("Count half-terms by the term dates of"),
        queryset=School.objects.none(),
        required=False,
        help_text=_("Schools' half-terms start on different days; choose whose count."),
    )
    policy = forms.ChoiceField(
        label=_("When a school is closed on a date"),
        choices=ClashPolicy.choices,
        initial=ClashPolicy.MOVE,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, family: Family, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        schools = family_schools(family)
        self.fields["schools"].queryset = schools  # type: ignore[attr-defined]
        self.fields["host_school"].queryset = schools  # type: ignore[attr-defined]
        self.fields["reference_school"].queryset = schools  # type: ignore[attr-defined]
        self.fields["circle"].queryset = circles_visible_to(user).filter(  # type: ignore[attr-defined]
            families=family
        )
        self.fields["guests"].queryset = family_people(family)  # type: ignore[attr-defined]

    def rule(self) -> dict[str, Any] | None:
        data = self.cleaned_data
        repeat, weekday = data["repeat"], data["weekday"]
        if repeat == Repeat.HALF_TERM:
            return {"per": "half-term", "nth": data["nth"], "weekday": weekday}
        if repeat == Repeat.WEEKLY:
            return {"rrule": f"FREQ=WEEKLY;BYDAY={weekday}"}
        if repeat == Repeat.FORTNIGHTLY:
            return {"rrule": f"FREQ=WEEKLY;INTERVAL=2;BYDAY={weekday}"}
        if repeat == Repeat.RRULE:
            return {"rrule": data["rrule"].strip()}
        return None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("repeat") == Repeat.RRULE and not (data.get("rrule") or "").strip():
            self.add_error("rrule", _("Write the rule, or choose another way to repeat."))
        if data.get("repeat") not in (None, Repeat.ONCE) and not data.get("until"):
            self.add_error("until", _("Say when the series ends."))
        return data

    def to_fields(self) -> SeriesFields:
        data = self.cleaned_data
        return SeriesFields(
            title=data["title"],
            kind=data["kind"],
            description=data["description"],
            audience=data["audience"],
            circle=data["circle"],
            schools=list(data["schools"]),
            guests=list(data["guests"]),
            host_school=data["host_school"],
            room=data["room"],
            online_url=data["online_url"],
            capacity=data["capacity"],
            first_date=data["first_date"],
            start_time=data["start_time"],
            end_time=data["end_time"],
            until=data["until"] if data["repeat"] != Repeat.ONCE else None,
            rule=self.rule(),
            reference_school=data["reference_school"],
            policy=data["policy"],
        )


def initial_from_series(series: Series, event: Event | None = None) -> dict[str, Any]:
    """Fill the form from a saved series (and, for one date, that event's own values)."""
    rule = series.rule or {}
    repeat, nth, weekday, rrule = Repeat.ONCE, 1, "WE", ""
    if rule.get("per") == "half-term":
        repeat, nth, weekday = Repeat.HALF_TERM, rule.get("nth", 1), rule.get("weekday", "WE")
    elif "rrule" in rule:
        text = str(rule["rrule"])
        for candidate, prefix in (
            (Repeat.FORTNIGHTLY, "FREQ=WEEKLY;INTERVAL=2;BYDAY="),
            (Repeat.WEEKLY, "FREQ=WEEKLY;BYDAY="),
        ):
            if text.startswith(prefix) and text[len(prefix) :] in WEEKDAYS:
                repeat, weekday = candidate, text[len(prefix) :]
                break
        else:
            repeat, rrule = Repeat.RRULE, text
    initial: dict[str, Any] = {
        "title": series.title,
        "kind": series.kind,
        "description": series.description,
        "audience": series.audience,
        "circle": series.circle,
        "schools": list(series.schools.all()),
        "guests": list(series.guests.all()),
        "host_school": series.host_school,
        "room": series.room,
        "online_url": series.online_url,
        "capacity": series.capacity,
        "first_date": series.first_date,
        "start_time": series.start_time,
        "end_time": series.end_time,
        "repeat": repeat,
        "nth": nth,
        "weekday": weekday,
        "rrule": rrule,
        "until": series.until if series.rule else None,
        "reference_school": series.reference_school,
        "policy": series.policy,
    }
    if event is not None:
        initial.update(
            title=event.title,
            host_school=event.host_school,
            room=event.room,
            online_url=event.online_url,
            capacity=event.capacity,
            first_date=event.date,
            start_time=timezone.localtime(event.starts_at).time(),
            end_time=timezone.localtime(event.ends_at).time(),
        )
    return initial


class EditScopeForm(forms.Form):
    scope = forms.ChoiceField(
        label=_("Change"),
        choices=[
            (Scope.ONE, _("This date only")),
            (Scope.FOLLOWING, _("This date and the ones after it")),
            (Scope.ALL, _("Every date in the series")),
        ],
        initial=Scope.ONE,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )


class RsvpForm(forms.Form):
    status = forms.ChoiceField(
        choices=[(Rsvp.Status.GOING, _("Going")), (Rsvp.Status.DECLINED, _("Not going"))]
    )


class AgendaItemForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("What would you like to discuss?"), max_length=200)
    detail = forms.CharField(
        label=_("A little more (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    minutes_allowed = forms.IntegerField(
        label=_("Minutes needed"), min_value=1, max_value=180, required=False
    )


class MinutesForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    minutes = forms.CharField(
        label=_("Minutes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Markdown is fine. Everyone invited can read the minutes."),
    )


class ActionForm(StyledFormMixin, forms.Form):
    text = forms.CharField(label=_("Action"), max_length=300)
    owner = forms.ModelChoiceField(label=_("Who"), queryset=User.objects.none())
    due = forms.DateField(
        label=_("Due"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, people: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people  # type: ignore[attr-defined]


class AttendanceForm(forms.Form):
    present = forms.ModelMultipleChoiceField(
        label=_("Present"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args: Any, people: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = people  # type: ignore[attr-defined]


class CalendarSettingsForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    weekly_digest = forms.BooleanField(
        label=_("Email me a weekly \u201cwhat's on\u201d"), required=False
    )
    reminders = forms.BooleanField(
        label=_("Email me the day before events I am going to"), required=False
    )


def _slot_date(text: str) -> date:
    """2026-12-09 or, as people in England write it, 09/12/2026."""
    if "/" in text:
        return datetime.strptime(text, "%d/%m/%Y").date()
    return date.fromisoformat(text)


class PollForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("What is the date for?"), max_length=200)
    description = forms.CharField(
        label=_("Details"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    circle = forms.ModelChoiceField(
        label=_("Ask"),
        queryset=Circle.objects.none(),
        required=False,
        empty_label=_("Everyone in the family"),
    )
    slots = forms.CharField(
        label=_("Dates and times to offer"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One a line: date, start and end, such as 09/12/2026 15:45-17:00."),
    )

    def __init__(self, *args: Any, family: Family, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["circle"].queryset = circles_visible_to(user).filter(  # type: ignore[attr-defined]
            families=family
        )

    def clean_slots(self) -> list[tuple[date, time, time]]:
        slots, problems = [], []
        for number, line in enumerate(self.cleaned_data["slots"].splitlines(), start=1):
            if not line.strip():
                continue
            try:
                day_text, times = line.split()
                start_text, end_text = times.split("-")
                slots.append(
                    (
                        _slot_date(day_text),
                        time.fromisoformat(start_text),
                        time.fromisoformat(end_text),
                    )
                )
            except ValueError:
                problems.append(f"line {number} ({line.strip()[:40]})")
        if problems:
            raise forms.ValidationError(
                _("Write each slot as 2026-12-09 15:45-17:00. Not understood: %(lines)s."),
                params={"lines": ", ".join(problems)},
            )
        return slots


class PollCloseForm(forms.Form):
    """Choose a poll's slot and where the meeting is; every value is checked, not trusted."""

    slot = forms.ModelChoiceField(queryset=PollSlot.objects.none())
    host_school = forms.ModelChoiceField(queryset=School.objects.none(), required=False)
    online_url = forms.URLField(required=False, assume_scheme="https", max_length=200)
    kind = forms.ChoiceField(choices=EventKind.choices, required=False)

    def __init__(self, *args: Any, poll: DatePoll, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = poll.slots.all()  # type: ignore[attr-defined]
        self.fields["host_school"].queryset = family_schools(poll.family)  # type: ignore[attr-defined]
