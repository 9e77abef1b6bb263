"""Form helpers every app shares: Bootstrap classes on every field, and upload fields that
check files by their content."""

from typing import TYPE_CHECKING, Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinship.core.uploads import (
    MB,
    CheckedUpload,
    UploadPolicy,
    UploadRefused,
    accept_attribute,
    check_upload,
    describe_kinds,
)

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise


class StyledFormMixin:
    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(
                widget, forms.CheckboxInput | forms.CheckboxSelectMultiple | forms.RadioSelect
            ):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class CheckedFileField(forms.FileField):
    """A file field whose cleaned value is a `CheckedUpload`: checked by its content against
    `policy` (kinship.core.uploads), cleaned, and safe to store with
    `ContentFile(checked.content, name=checked.filename)`.

    The size limit is applied before the file is read, so an oversized upload costs nothing.
    """

    def __init__(self, *, policy: UploadPolicy, **kwargs: Any) -> None:
        self.policy = policy
        kwargs.setdefault("help_text", _help_text(policy))
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", accept_attribute(policy.kinds))

    def clean(self, data: Any, initial: Any = None) -> CheckedUpload | None:
        uploaded = super().clean(data, initial)
        if not uploaded:
            return None
        return _check_one(uploaded, self.policy)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class CheckedFilesField(forms.FileField):
    """Several files in one field (the pages of a script, say): a list of `CheckedUpload`s,
    all checked before any is returned, so one bad page refuses the lot."""

    widget = MultipleFileInput

    def __init__(self, *, policy: UploadPolicy, max_files: int = 20, **kwargs: Any) -> None:
        self.policy = policy
        self.max_files = max_files
        kwargs.setdefault("help_text", _help_text(policy))
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", accept_attribute(policy.kinds))
        self.widget.attrs["multiple"] = True

    def clean(self, data: Any, initial: Any = None) -> list[CheckedUpload]:
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files:
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return []
        if len(files) > self.max_files:
            raise forms.ValidationError(
                _("Upload at most %(count)d files at once.") % {"count": self.max_files}
            )
        checked: list[CheckedUpload] = []
        errors: list[str] = []
        for uploaded in files:
            try:
                checked.append(_check_one(super().clean(uploaded, initial), self.policy))
            except forms.ValidationError as error:
                errors.extend(
                    f"{getattr(uploaded, 'name', '')}: {message}" for message in error.messages
                )
        if errors:
            raise forms.ValidationError(errors)
        return checked


def _help_text(policy: UploadPolicy) -> "_StrPromise":
    # Lazy: upload fields are built when a form class is defined, before any language is active.
    return format_lazy(
        gettext_lazy("{kinds}, up to {size} MB."),
        kinds=describe_kinds(policy.kinds),
        size=policy.max_bytes // MB,
    )


def _check_one(uploaded: UploadedFile[Any], policy: UploadPolicy) -> CheckedUpload:
    name = uploaded.name or ""
    if uploaded.size is not None and uploaded.size > policy.max_bytes:
        raise forms.ValidationError(
            _("The file is %(size).1f MB; files here can be at most %(limit)d MB.")
            % {"size": uploaded.size / MB, "limit": policy.max_bytes // MB}
        )
    uploaded.seek(0)
    data = uploaded.read(policy.max_bytes + 1)
    try:
        return check_upload(data, filename=name, policy=policy)
    except UploadRefused as refusal:
        raise forms.ValidationError(str(refusal)) from None
