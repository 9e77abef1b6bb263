from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kinship.accounts.models import User
from kinship.core.concurrency import VersionedFormMixin
from kinship.core.forms import StyledFormMixin
from kinship.families.models import Family
from kinship.schools.models import School


class FamilyForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    kind = forms.ChoiceField(label=_("Kind of family"), choices=Family.Kind.choices)
    description = forms.CharField(
        label=_("What the family is for"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class SchoolInviteForm(StyledFormMixin, forms.Form):
    urn = forms.IntegerField(
        label=_("School URN"),
        min_value=1,
        help_text=_("The six-digit number from Get Information about Schools."),
    )

    def clean_urn(self) -> School:
        urn = self.cleaned_data["urn"]
        school = School.objects.filter(urn=urn).first()
        if school is None:
            raise forms.ValidationError(_("No school has URN %(urn)s."), params={"urn": urn})
        return school


class PersonByEmailForm(StyledFormMixin, forms.Form):
    email = forms.EmailField(label=_("Email address"))

    def clean_email(self) -> User:
        email = self.cleaned_data["email"].lower()
        user = User.objects.filter(email=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(
                _("Nobody with that email address uses Kinship yet. Invite them to a school first.")
            )
        return user


class CircleForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    description = forms.CharField(
        label=_("What the circle is for"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    confidential = forms.BooleanField(
        label=_("Confidential"),
        required=False,
        help_text=_(
            "Only members can see a confidential circle: not coordinators, not administrators."
        ),
    )
    members = forms.ModelMultipleChoiceField(
        label=_("Members"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, candidates: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if candidates is not None:
            self.fields["members"].queryset = candidates  # type: ignore[attr-defined]


class CirclePostForm(StyledFormMixin, forms.Form):
    body = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10_000,
        help_text=_("Markdown is allowed: *emphasis*, lists, links."),
    )


class MembershipResponseForm(StyledFormMixin, forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("Accept")), ("decline", _("Decline"))])
