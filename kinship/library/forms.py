"""Library forms: the shape of what is typed and uploaded. Sharing rules live in services."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kinship.core.concurrency import VersionedFormMixin
from kinship.core.forms import CheckedFileField, StyledFormMixin
from kinship.core.uploads import IMAGES, OFFICE, Kind, UploadPolicy
from kinship.library.models import (
    YEAR_GROUPS,
    Audience,
    KeyStage,
    Licence,
    Phase,
    Resource,
    Subject,
)
from kinship.library.models import Kind as ResourceKind
from kinship.library.services import ResourceFields

LIBRARY_UPLOADS = UploadPolicy(
    kinds=frozenset({Kind.PDF, *IMAGES, *OFFICE}), max_bytes=20 * 1024 * 1024
)
YEAR_CHOICES = [
    (year, _("Reception") if year == "R" else _("Year %s") % year) for year in YEAR_GROUPS
]


def _blank(label: Any) -> list[tuple[str, Any]]:
    return [("", label)]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the library"), max_length=200, required=False)
    subject = forms.ChoiceField(choices=_blank(_("Any subject")) + Subject.choices, required=False)
    key_stage = forms.ChoiceField(
        choices=_blank(_("Any key stage")) + KeyStage.choices, required=False
    )
    phase = forms.ChoiceField(choices=_blank(_("Any phase")) + Phase.choices, required=False)
    kind = forms.ChoiceField(
        choices=[*_blank(_("Any kind")), *ResourceKind.choices],
        required=False,
    )
    licence = forms.ChoiceField(choices=_blank(_("Any licence")) + Licence.choices, required=False)
    year = forms.ChoiceField(choices=_blank(_("Any year")) + YEAR_CHOICES, required=False)
    tag = forms.SlugField(max_length=60, required=False)


class ResourceForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("What it is and how you used it: colleagues search these words."),
    )
    subject = forms.ChoiceField(label=_("Subject"), choices=Subject.choices)
    phase = forms.ChoiceField(label=_("Phase"), choices=Phase.choices)
    key_stage = forms.ChoiceField(label=_("Key stage"), choices=KeyStage.choices)
    year_groups = forms.MultipleChoiceField(
        label=_("Year groups"),
        choices=YEAR_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    tags = forms.CharField(
        label=_("Topics"),
        max_length=400,
        required=False,
        help_text=_("Separated by commas, e.g. fractions, reasoning, moderation."),
    )
    school: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Your school"), queryset=None, required=False, empty_label=_("Not for one school")
    )
    licence = forms.ChoiceField(
        label=_("Licence"),
        choices=Licence.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Open licences let colleagues adapt it. All rights reserved keeps it in a "
            "family or circle."
        ),
    )
    audience = forms.ChoiceField(
        label=_("Who can see it"), choices=Audience.choices, widget=forms.RadioSelect
    )
    family: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Family"), queryset=None, required=False
    )
    circle: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Circle"), queryset=None, required=False
    )

    def __init__(
        self, *args: Any, families: Any, circles: Any, schools: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["family"].queryset = families  # type: ignore[attr-defined]
        self.fields["circle"].queryset = circles  # type: ignore[attr-defined]
        self.fields["school"].queryset = schools  # type: ignore[attr-defined]

    def clean_tags(self) -> list[str]:
        tags = [part.strip() for part in self.cleaned_data["tags"].split(",") if part.strip()]
        if any(len(tag) > 60 for tag in tags):
            raise forms.ValidationError(_("Keep each topic under 60 characters."))
        return tags[:12]

    def resource_fields(self) -> ResourceFields:
        data = self.cleaned_data
        return ResourceFields(
            title=data["title"],
            summary=data["summary"],
            phase=data["phase"],
            key_stage=data["key_stage"],
            year_groups=data["year_groups"],
            subject=data["subject"],
            tags=data["tags"],
            licence=data["licence"],
            audience=data["audience"],
            family=data["family"],
            circle=data["circle"],
            school=data["school"],
        )

    @staticmethod
    def initial_for(resource: Resource) -> dict[str, Any]:
        return {
            "title": resource.title,
            "summary": resource.summary,
            "subject": resource.subject,
            "phase": resource.phase,
            "key_stage": resource.key_stage,
            "year_groups": resource.year_group_list,
            "tags": ", ".join(tag.name for tag in resource.tags.all()),
            "school": resource.school_id,
            "licence": resource.licence,
            "audience": resource.audience,
            "family": resource.family_id,
            "circle": resource.circle_id,
        }


class FileContentForm(StyledFormMixin, forms.Form):
    file = CheckedFileField(label=_("File"), policy=LIBRARY_UPLOADS)


class LinkContentForm(StyledFormMixin, forms.Form):
    url = forms.URLField(label=_("Link"), max_length=500, assume_scheme="https")


class PageContentForm(StyledFormMixin, forms.Form):
    body = forms.CharField(
        label=_("Page"),
        widget=forms.Textarea(attrs={"rows": 14}),
        max_length=100_000,
        help_text=_("Markdown: # headings, *emphasis*, lists, links, tables."),
    )


CONTENT_FORMS: dict[str, type[forms.Form]] = {
    "file": FileContentForm,
    "link": LinkContentForm,
    "page": PageContentForm,
}


class VersionNoteForm(StyledFormMixin, forms.Form):
    note = forms.CharField(label=_("What changed"), max_length=300)


class CommentForm(StyledFormMixin, forms.Form):
    body = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class UseForm(StyledFormMixin, forms.Form):
    used = forms.BooleanField(label=_("I used this"), required=False)
    stars = forms.TypedChoiceField(
        label=_("Rating"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=[("", _("No rating"))] + [(str(n), f"{n} ★") for n in range(1, 6)],
    )


class CollectionForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    audience = forms.ChoiceField(
        label=_("Who can see it"), choices=Audience.choices, widget=forms.RadioSelect
    )
    family: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Family"), queryset=None, required=False
    )
    circle: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Circle"), queryset=None, required=False
    )

    def __init__(self, *args: Any, families: Any, circles: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["family"].queryset = families  # type: ignore[attr-defined]
        self.fields["circle"].queryset = circles  # type: ignore[attr-defined]


class CollectionPickForm(forms.Form):
    collection: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Add to collection"), queryset=None
    )

    def __init__(self, *args: Any, collections: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["collection"].queryset = collections  # type: ignore[attr-defined]
