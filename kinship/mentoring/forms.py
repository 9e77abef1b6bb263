"""Forms for programmes, profiles, matching review, the pair space and the cohort. They
check the shape of what was typed; the services enforce the rules."""

from datetime import date, datetime, time
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinship.accounts.models import ExpertiseTag, User
from kinship.core.concurrency import VersionedFormMixin
from kinship.core.forms import CheckedFileField, StyledFormMixin
from kinship.core.uploads import MB, Kind, UploadPolicy
from kinship.mentoring.models import (
    Conflict,
    Goal,
    MeetingPlace,
    Pair,
    PairMeeting,
    Participant,
    Programme,
    Rhythm,
)
from kinship.mentoring.services import Profile, ProgrammeFields
from kinship.schools.models import School

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
LONDON = timezone.get_default_timezone()


def at(day: date, moment: time) -> datetime:
    return datetime.combine(day, moment, tzinfo=LONDON)


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
