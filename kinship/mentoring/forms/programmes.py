"""Forms for a programme, its people's profiles, nominations, conflicts and matching review."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kinship.accounts.models import ExpertiseTag, User
from kinship.core.concurrency import VersionedFormMixin
from kinship.core.forms import StyledFormMixin
from kinship.mentoring.forms.dates import DATE
from kinship.mentoring.models import (
    Conflict,
    Pair,
    Participant,
    Programme,
    Rhythm,
)
from kinship.mentoring.services import Profile, ProgrammeFields
from kinship.schools.models import School


class ProgrammeForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=150, help_text=_('For example "New heads 2026–27".')
    )
    description = forms.CharField(
        label=_("What it offers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Markdown is fine."),
    )
    starts_on = forms.DateField(label=_("Starts"), widget=DATE)
    ends_on = forms.DateField(label=_("Ends"), widget=DATE)
    eligibility = forms.TypedChoiceField(
        label=_("Who may be coached"),
        coerce=int,
        choices=Programme.Eligibility.choices,
        initial=Programme.Eligibility.FIRST_AND_SECOND,
    )
    rhythm = forms.ChoiceField(label=_("Expected coaching rhythm"), choices=Rhythm.choices)
    cohort_meetings_expected = forms.IntegerField(
        label=_("Cohort meetings a year"), min_value=0, max_value=12, initial=3
    )
    avoid_line_managers = forms.BooleanField(
        label=_("Never pair a head with their line manager"), required=False, initial=True
    )
    avoid_same_trust = forms.BooleanField(
        label=_("Never pair two schools of the same trust"), required=False
    )
    applications_open = forms.BooleanField(
        label=_("Taking applications"), required=False, initial=True
    )

    @classmethod
    def initial_from(cls, programme: Programme) -> dict[str, Any]:
        return {name: getattr(programme, name) for name in cls.base_fields}

    def to_fields(self) -> ProgrammeFields:
        return ProgrammeFields(**self.cleaned_data)


class ProfileForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    """What a head or coach tells the programme. Matching reads the vision statement, the
    priorities (needs or expertise) and, if they allow it, their school's figures."""

    school = forms.ModelChoiceField(label=_("School"), queryset=School.objects.none())
    headship_year = forms.TypedChoiceField(
        label=_("Year of headship"),
        coerce=int,
        required=False,
        choices=[
            ("", "—"),
            (1, _("First year")),
            (2, _("Second year")),
            (3, _("Third year")),
            (4, _("Fourth year or more")),
        ],
    )
    vision = forms.CharField(
        label=_("Your vision, in a few sentences"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you want your school to be. Matching looks for a vision like yours."),
    )
    priorities = forms.ModelMultipleChoiceField(
        label=_("Priorities"),
        queryset=ExpertiseTag.objects.order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    priorities_note = forms.CharField(
        label=_("Priorities in your own words"), max_length=300, required=False
    )
    context_note = forms.CharField(
        label=_("School context you choose to share"),
        max_length=300,
        required=False,
        help_text=_('For example "Requires Improvement, inspection due this year".'),
    )
    share_school_context = forms.BooleanField(
        label=_(
            "Let my school's figures (phase, size, free school meals, urban or rural) count "
            "towards the match"
        ),
        required=False,
        initial=True,
    )
    capacity = forms.IntegerField(
        label=_("How many heads you can coach"), min_value=1, max_value=6, initial=1, required=False
    )
    availability = forms.CharField(
        label=_("Availability"),
        max_length=300,
        required=False,
        help_text=_('For example "Tuesday afternoons; happy to host visits".'),
    )

    def __init__(self, *args: Any, role: str, schools: QuerySet[School], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.role = role
        self.fields["school"].queryset = schools  # type: ignore[attr-defined]
        if role == Participant.Role.MENTEE:
            del self.fields["capacity"]
            self.fields["priorities"].help_text = _("What you would most like help with.")
            self.fields["headship_year"].required = True
        else:
            del self.fields["headship_year"]
            self.fields["priorities"].label = _("Expertise you can offer")
            self.fields["capacity"].required = True

    @staticmethod
    def initial_from(participant: Participant) -> dict[str, Any]:
        return {
            "school": participant.school_id,
            "headship_year": participant.headship_year,
            "vision": participant.vision,
            "priorities": list(participant.priorities.all()),
            "priorities_note": participant.priorities_note,
            "context_note": participant.context_note,
            "share_school_context": participant.share_school_context,
            "capacity": participant.capacity,
            "availability": participant.availability,
        }

    def to_profile(self) -> Profile:
        data = self.cleaned_data
        return Profile(
            school=data["school"],
            vision=data["vision"],
            priorities=list(data["priorities"]),
            priorities_note=data["priorities_note"],
            context_note=data["context_note"],
            share_school_context=data["share_school_context"],
            headship_year=data.get("headship_year") or None,
            capacity=data.get("capacity") or 1,
            availability=data["availability"],
        )


class NominateForm(StyledFormMixin, forms.Form):
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(label=_("Nominate as"), choices=Participant.Role.choices)

    def clean_email(self) -> User:
        user = User.objects.filter(email__iexact=self.cleaned_data["email"], is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("Nobody with that address uses Kinship yet."))
        return user


class ConflictForm(StyledFormMixin, forms.Form):
    other = forms.ModelChoiceField(label=_("Person"), queryset=User.objects.none())
    kind = forms.ChoiceField(label=_("Why"), choices=Conflict.Kind.choices)

    def __init__(self, *args: Any, people: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["other"].queryset = people  # type: ignore[attr-defined]


class SwapForm(forms.Form):
    first = forms.ModelChoiceField(queryset=Pair.objects.none())
    second = forms.ModelChoiceField(queryset=Pair.objects.none())

    def __init__(self, *args: Any, pairs: QuerySet[Pair], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["first"].queryset = pairs  # type: ignore[attr-defined]
        self.fields["second"].queryset = pairs  # type: ignore[attr-defined]


class ProposeForm(forms.Form):
    mentee = forms.ModelChoiceField(queryset=Participant.objects.none())
    coach = forms.ModelChoiceField(queryset=Participant.objects.none())

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = programme.participants.filter(status=Participant.Status.ACCEPTED)
        self.fields["mentee"].queryset = people.filter(role=Participant.Role.MENTEE)  # type: ignore[attr-defined]
        self.fields["coach"].queryset = people.filter(role=Participant.Role.COACH)  # type: ignore[attr-defined]


class DeclineForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why this pair will not work"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only the programme's coordinators read this."),
    )
