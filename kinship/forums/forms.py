"""Forum forms: input shape only; the services enforce who may do what."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kinship.core.concurrency import VersionedFormMixin
from kinship.core.forms import StyledFormMixin
from kinship.forums.models import SafeguardingAction, SafeguardingLead, SafetyAlert, SignInWith
from kinship.forums.pupils import (
    FIRST_NAME_SHAPE,
    INITIAL_SHAPE,
    OLD_PICTURES_NEEDED,
    PICTURES,
    PICTURES_NEEDED,
)
from kinship.notifications.models import Frequency

PICTURE_CHOICES = [(picture.name, picture.label) for picture in PICTURES]
ORDINALS = (_("1st picture"), _("2nd picture"), _("3rd picture"), _("4th picture"))


class FamilyBoardForm(StyledFormMixin, forms.Form):
    title = forms.CharField(
        label=_("Board name"), max_length=150, help_text=_("e.g. Kaizen: maths leads")
    )
    description = forms.CharField(
        label=_("What it is for"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class PupilBoardForm(StyledFormMixin, forms.Form):
    title = forms.CharField(
        label=_("Board name"),
        max_length=150,
        help_text=_("e.g. School councils: making playtimes better"),
    )
    topic = forms.CharField(
        label=_("The topic pupils will talk about"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    schools: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        label=_("Schools taking part"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, schools: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["schools"].queryset = schools  # type: ignore[attr-defined]


ATTACHABLE_SHOWN = 20


class _AttachmentsMixin(forms.Form):
    attachments: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        label=_("Attach from the library"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def setup_attachments(self, resources: Any) -> None:
        if resources is None:
            del self.fields["attachments"]
            return
        # The library grows without bound, and a checkbox for each of 500 resources made
        # every thread page slow: offer the newest; a sent form is checked against them all.
        shown = resources if self.is_bound else resources[:ATTACHABLE_SHOWN]
        self.fields["attachments"].queryset = shown  # type: ignore[attr-defined]


class ThreadForm(StyledFormMixin, _AttachmentsMixin):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Message"), widget=forms.Textarea(attrs={"rows": 8}), max_length=20_000
    )

    def __init__(self, *args: Any, resources: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_attachments(resources)


class ReplyForm(StyledFormMixin, _AttachmentsMixin):
    body = forms.CharField(
        label=_("Your reply"), widget=forms.Textarea(attrs={"rows": 6}), max_length=20_000
    )
    quote_of = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, resources: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_attachments(resources)


class EditForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    body = forms.CharField(
        label=_("Message"), widget=forms.Textarea(attrs={"rows": 8}), max_length=20_000
    )


class ReasonForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class OptionalReasonForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Note for the school's records"), max_length=300, required=False
    )


class SubscriptionForm(StyledFormMixin, forms.Form):
    frequency = forms.ChoiceField(
        label=_("Email me about new threads and replies"), choices=Frequency.choices
    )


class ThreadStateForm(forms.Form):
    pinned = forms.BooleanField(required=False)
    locked = forms.BooleanField(required=False)
    what = forms.ChoiceField(choices=[("pin", "pin"), ("lock", "lock")])


class SafeguardingActionForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("What you did"),
        choices=SafeguardingAction.Kind.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text=_(
            "For the school's safeguarding records: who you spoke to, what you logged and "
            "where. It cannot be changed afterwards; add another entry to correct it."
        ),
    )


class AlertCloseForm(StyledFormMixin, forms.Form):
    outcome = forms.ChoiceField(
        label=_("What happens to the post"),
        choices=SafetyAlert.Outcome.choices,
        widget=forms.RadioSelect,
    )


class PupilClassForm(StyledFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Name of the group"), max_length=100, help_text=_("e.g. School council 2026–27")
    )


def _picture_field(n: int, widget: type[forms.Widget]) -> forms.ChoiceField:
    choices = PICTURE_CHOICES if widget is forms.RadioSelect else [("", "—"), *PICTURE_CHOICES]
    return forms.ChoiceField(label=ORDINALS[n], choices=choices, required=False, widget=widget)


class _PicturesMixin(forms.Form):
    """Four pictures in order (repeats allowed). Staff choose from lists; pupils sign in
    with radio buttons showing the pictures (see forums/_picture_choices.html)."""

    picture_widget: type[forms.Widget] = forms.Select

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for n in range(PICTURES_NEEDED):
            self.fields[f"picture_{n + 1}"] = _picture_field(n, self.picture_widget)
        if "password" in self.fields:  # the pictures, then the password, as a teacher reads
            self.order_fields([name for name in self.fields if name != "password"])

    def pictures(self) -> list[str]:
        chosen = [self.cleaned_data.get(f"picture_{n}") or "" for n in range(1, 5)]
        return chosen if all(chosen) else []

    def picture_groups(self) -> list[tuple[Any, list[tuple[Any, Any]]]]:
        """Each picture field with its options beside the picture they stand for."""
        return [
            (self[f"picture_{n}"], list(zip(self[f"picture_{n}"], PICTURES, strict=True)))
            for n in range(1, PICTURES_NEEDED + 1)
        ]


class PupilNameForm(StyledFormMixin, forms.Form):
    """How a pupil is shown to others: a first name and an initial ("Alfie J.")."""

    first_name = forms.RegexField(
        label=_("First name"),
        regex=FIRST_NAME_SHAPE,
        max_length=20,
        error_messages={
            "invalid": _("A first name only: letters, hyphens and apostrophes, up to 20.")
        },
    )
    surname_initial = forms.RegexField(
        label=_("Initial of their surname"),
        regex=INITIAL_SHAPE,
        max_length=1,
        help_text=_("Shown as e.g. Alfie J. with the school's name, nothing more."),
        error_messages={"invalid": _("One letter.")},
    )


class PupilForm(PupilNameForm, _PicturesMixin):
    login_name = forms.CharField(
        label=_("Login name"),
        max_length=40,
        help_text=_("What the pupil types to sign in, e.g. amelia.b"),
    )
    sign_in_with = forms.ChoiceField(
        label=_("Signs in with"),
        choices=SignInWith.choices,
        widget=forms.RadioSelect,
        initial=SignInWith.PICTURES,
    )
    password = forms.CharField(
        label=_("Short password"),
        max_length=30,
        required=False,
        help_text=_("Only if the pupil signs in with a password: 4 to 30 characters."),
    )


class PupilSecretForm(StyledFormMixin, _PicturesMixin):
    sign_in_with = forms.ChoiceField(
        label=_("Signs in with"),
        choices=SignInWith.choices,
        widget=forms.RadioSelect,
        initial=SignInWith.PICTURES,
    )
    password = forms.CharField(label=_("Short password"), max_length=30, required=False)


class PupilSignInForm(StyledFormMixin, _PicturesMixin):
    picture_widget = forms.RadioSelect

    class_code = forms.CharField(
        label=_("Class code"),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    login_name = forms.CharField(
        label=_("Your login name"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    password = forms.CharField(
        label=_("Or your password"),
        max_length=30,
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def pictures(self) -> list[str]:
        """Four pictures, or three for an account made before pupils had four."""
        chosen = [self.cleaned_data.get(f"picture_{n}") or "" for n in range(1, 5)]
        if all(chosen):
            return chosen
        if all(chosen[:OLD_PICTURES_NEEDED]) and not chosen[OLD_PICTURES_NEEDED]:
            return chosen[:OLD_PICTURES_NEEDED]
        return []

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.pictures() and not cleaned.get("password"):
            raise forms.ValidationError(_("Choose your four pictures, or type your password."))
        return cleaned


class SafeguardingLeadForm(StyledFormMixin, forms.Form):
    person: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Member of staff"), queryset=None, empty_label=_("Choose a member of staff")
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=SafeguardingLead.Role.choices,
        initial=SafeguardingLead.Role.DESIGNATED,
        widget=forms.RadioSelect,
        help_text=_(
            "Both are alerted at once and can act. Deputies are also told when a "
            "high-severity post has waited too long; after that, the head is told."
        ),
    )

    def __init__(self, *args: Any, staff: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = staff  # type: ignore[attr-defined]
