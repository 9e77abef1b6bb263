from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kinship.accounts.models import User
from kinship.core.concurrency import VersionedFormMixin
from kinship.core.forms import StyledFormMixin
from kinship.families.models import Family
from kinship.schools.models import School
from kinship.schools.selectors import schools_matching


class FamilyForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    kind = forms.ChoiceField(label=_("Kind of family"), choices=Family.Kind.choices)
    description = forms.CharField(
        label=_("What the family is for"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class SchoolInviteForm(StyledFormMixin, forms.Form):
    """A school found by its name, town, postcode or URN (`urn`, from the choices page or
    an older form, names one exactly). `schools` holds the matches when there are several."""

    MAX_CHOICES = 20

    school = forms.CharField(
        label=_("School name, town, postcode or URN"), max_length=100, required=False
    )
    urn = forms.IntegerField(min_value=1, max_value=99_999_999, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.schools: list[School] = []
        if data.get("urn"):
            found = School.objects.filter(urn=data["urn"]).first()
            if found is None:
                raise forms.ValidationError(
                    _("No school has URN %(urn)s."), params={"urn": data["urn"]}
                )
            data["found"] = found
            return data
        query = " ".join((data.get("school") or "").split())
        if not query:
            raise forms.ValidationError(_("Enter a school's name, town, postcode or URN."))
        matches = list(schools_matching(query).filter(is_open=True)[: self.MAX_CHOICES + 1])
        if query.isdigit():
            exact = [school for school in matches if str(school.urn) == query]
            matches = exact or matches
        if not matches:
            if query.isdigit():
                raise forms.ValidationError(_("No school has URN %(urn)s."), params={"urn": query})
            raise forms.ValidationError(
                _("No open school's name, town or postcode matches “%(query)s”."),
                params={"query": query},
            )
        if len(matches) == 1:
            data["found"] = matches[0]
        else:
            self.schools = matches[: self.MAX_CHOICES]
            self.more = len(matches) > self.MAX_CHOICES
        return data


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
