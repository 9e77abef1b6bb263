"""Forms for signing in, profiles, invitations and second factors: input shape only."""

from typing import Any

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
    UsernameField,
)
from django.contrib.auth.password_validation import (
    password_validators_help_text_html,
    validate_password,
)
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.debug import sensitive_variables

from kinship.accounts.backends import DELAYED_ATTRIBUTE
from kinship.accounts.models import Invitation, User, Visibility
from kinship.core.concurrency import VersionedFormMixin
from kinship.core.forms import StyledFormMixin
from kinship.schools.models import School, SchoolRole


class AccessibleFormMixin(StyledFormMixin):
    """Bootstrap classes, and fields with errors marked invalid for sight as well as for
    screen readers (Django itself adds aria-invalid and aria-describedby to `_error`)."""

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name in self.errors:  # type: ignore[attr-defined]
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["class"] = f"{attrs.get('class', '')} is-invalid".strip()


class SignInForm(AccessibleFormMixin, AuthenticationForm):
    username = UsernameField(
        label=_("Email address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # UsernameField asks for autocomplete="username"; our usernames are email addresses.
        self.fields["username"].widget.attrs["autocomplete"] = "email"

    def clean_username(self) -> str:
        # One spelling per address, so that "Head@…" and "head@…" share a lockout count.
        return str(self.cleaned_data["username"]).strip().lower()

    @sensitive_variables()
    def clean(self) -> dict[str, Any]:
        email = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if email is not None and password:
            # The address goes under both names: django-axes counts failures under whichever
            # AXES_USERNAME_FORM_FIELD names (by default the user model's USERNAME_FIELD).
            self.user_cache = authenticate(
                self.request, username=email, email=email, password=password
            )
            if self.user_cache is None:
                wait = getattr(self.request, DELAYED_ATTRIBUTE, 0)
                if wait:
                    raise forms.ValidationError(
                        ngettext(
                            "There have been several wrong passwords for this account, so it "
                            "is slowed down for its safety. Wait %(seconds)d second and try "
                            "again, or reset your password.",
                            "There have been several wrong passwords for this account, so it "
                            "is slowed down for its safety. Wait %(seconds)d seconds and try "
                            "again, or reset your password.",
                            wait,
                        )
                        % {"seconds": wait},
                        code="slowed_down",
                    )
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


class KinshipPasswordChangeForm(AccessibleFormMixin, PasswordChangeForm):
    pass


class KinshipPasswordResetForm(AccessibleFormMixin, PasswordResetForm):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )


class KinshipSetPasswordForm(AccessibleFormMixin, SetPasswordForm):  # type: ignore[type-arg]
    pass


def _split_tags(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


class ProfileForm(VersionedFormMixin, AccessibleFormMixin, forms.Form):
    display_name = forms.CharField(
        label=_("Name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    job_title = forms.CharField(
        label=_("Job title"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    phone_visibility = forms.ChoiceField(
        label=_("Who can see my phone number"), choices=Visibility.choices
    )
    email_visibility = forms.ChoiceField(
        label=_("Who can see my email address"), choices=Visibility.choices
    )
    listed_in_directory = forms.BooleanField(
        label=_("List me in the directory of who knows what"), required=False
    )
    ask_me_about = forms.CharField(
        label=_("Ask me about"),
        max_length=200,
        required=False,
        help_text=_("One line, e.g. 'how we moved to whole-class reading in KS2'."),
    )
    expertise = forms.CharField(
        label=_("What I know about"),
        max_length=600,
        required=False,
        help_text=_("Topics separated by commas, e.g. phonics, SEND, Ofsted preparation."),
    )

    @classmethod
    def initial_for(cls, user: User) -> dict[str, Any]:
        return {
            "display_name": user.display_name,
            "job_title": user.job_title,
            "phone": user.phone,
            "phone_visibility": user.phone_visibility,
            "email_visibility": user.email_visibility,
            "listed_in_directory": user.listed_in_directory,
            "ask_me_about": user.ask_me_about,
            "expertise": ", ".join(tag.name for tag in user.expertise.all()),
        }

    def clean_expertise(self) -> list[str]:
        tags = _split_tags(self.cleaned_data["expertise"])
        if any(len(tag) > 60 for tag in tags):
            raise forms.ValidationError(_("Keep each topic under 60 characters."))
        return tags


class DirectorySearchForm(forms.Form):
    q = forms.CharField(label=_("Name or topic"), max_length=100, required=False)
    tag = forms.SlugField(label=_("Topic"), max_length=60, required=False)


class InvitationForm(AccessibleFormMixin, forms.Form):
    email = forms.EmailField(
        label=_("Email address"), widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )
    school = forms.ModelChoiceField(
        label=_("School"), queryset=School.objects.none(), empty_label=_("Choose a school")
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[
            (SchoolRole.Role.STAFF, SchoolRole.Role.STAFF.label),
            (SchoolRole.Role.LEAD, SchoolRole.Role.LEAD.label),
        ],
    )

    def __init__(self, *args: Any, schools: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["school"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = schools


class SignUpForm(AccessibleFormMixin, forms.Form):
    """A new account for the address an invitation was sent to."""

    display_name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name", "autofocus": True}),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, invitation: Invitation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.invitation = invitation

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords are different."))
        elif password1:
            person = User(email=self.invitation.email, display_name=cleaned.get("display_name", ""))
            try:
                validate_password(password1, user=person)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class CodeForm(AccessibleFormMixin, forms.Form):
    """A six-digit code from an authenticator app."""

    code = forms.CharField(
        label=_("Six-digit code"),
        max_length=7,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "size": "8",
                "autofocus": True,
            }
        ),
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if len(code) != 6 or not code.isascii() or not code.isdigit():
            raise forms.ValidationError(_("Enter the six digits your app shows."))
        return code


class ConfirmPasswordForm(AccessibleFormMixin, forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password
