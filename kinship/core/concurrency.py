"""Optimistic concurrency for edit forms: a save never silently overwrites someone else's.

An edit form carries a *version* of the row as the form showed it: a hash of the fields the
form edits (so no migration is needed and a change to an unrelated column, such as a view
count, is no conflict). The service locks the row in its transaction with `lock_unchanged`,
which raises `EditConflict` when the row has changed since. The view shows the other
person's values beside the ones just typed (`core/_form_errors.html`), answers 409, and
carries the new version, so saving again overwrites knowingly; a third change in between is
caught again.

    form = PostEditForm(request.POST or None, version=edit_version(post, POST_FIELDS))
    try:
        services.post_edit(..., version=form.version)
    except EditConflict as conflict:
        form.show_conflict(conflict)
        return render(..., status=409)
"""

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.translation import gettext as _

from kinship.core.feedback import apply_errors
from kinship.core.templatetags.kinship import format_uk_date

VERSION_FIELD = "edit_version"

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class ChangedField:
    """One field the other person changed: its label, their value and, once the form is
    known, the value just typed."""

    name: str
    label: str
    theirs: str
    yours: str = ""


class EditConflict(Exception):
    """The row changed after the form was shown. `current` is the row as saved now."""

    def __init__(self, current: models.Model, fields: Sequence[str]):
        self.current = current
        self.fields = list(fields)
        self.version = edit_version(current, fields)
        super().__init__(_("Someone else saved a change to this while you were editing it."))


def _is_row(value: Any) -> bool:
    # By `_meta`, not isinstance, so a lazy request.user compares as its primary key too.
    return getattr(value, "_meta", None) is not None and hasattr(value, "pk")


def _comparable(value: Any) -> Any:
    """A value as the version sees it: related rows as primary keys (sorted, since a set of
    rows has no order), plain lists in their own order, dictionaries by key, aware times in
    UTC, so two reads of the same saved row always give the same version."""
    if isinstance(value, models.Manager):
        value = list(value.all())
    if isinstance(value, set | frozenset):
        return sorted((_comparable(item) for item in value), key=repr)
    if isinstance(value, list | tuple | models.QuerySet):
        items = list(value)
        if items and all(_is_row(item) for item in items):
            return sorted(item.pk for item in items)
        return [_comparable(item) for item in items]
    if isinstance(value, dict):
        return sorted((str(key), _comparable(item)) for key, item in value.items())
    if _is_row(value):
        return value.pk
    if isinstance(value, datetime) and timezone.is_aware(value):
        return value.astimezone(UTC)
    if isinstance(value, models.Choices):
        return value.value
    return value


def _values(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    names = list(fields)
    if instance.pk is None:  # an unsaved row has no related rows yet, and cannot list them
        many = {f.name for f in instance._meta.many_to_many}
        values = model_to_dict(instance, fields=[n for n in names if n not in many])
        values.update({name: [] for name in names if name in many})
    else:
        values = model_to_dict(instance, fields=names)
    for name in names:
        if name not in values:  # not an editable model field: a plain attribute
            values[name] = getattr(instance, name)
    return {name: _comparable(value) for name, value in values.items()}


def edit_version(instance: models.Model, fields: Iterable[str]) -> str:
    """A short hash of the fields as saved: equal versions mean nothing the form edits changed."""
    values = _values(instance, fields)
    text = "\x1f".join(f"{name}={values[name]!r}" for name in sorted(values))
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def lock_unchanged(instance: M, fields: Sequence[str], version: str | None) -> M:
    """Lock `instance`'s row until the transaction ends and return it as saved now.

    Raises EditConflict when `version` (from the form) no longer matches. `version=None`
    means the caller is not an edit form (a script, a service acting on its own) and skips
    the check, though it still locks, so parallel saves queue rather than interleave.
    Must be called inside `transaction.atomic()`.
    """
    manager = type(instance)._default_manager
    current = manager.select_for_update().get(pk=instance.pk)
    if version is not None and edit_version(current, fields) != version:
        raise EditConflict(current, fields)
    return current


def lock_or_empty(
    model: type[M], lookup: dict[str, Any], fields: Sequence[str], version: str | None
) -> M | None:
    """For a row an edit form may create (a school's part in a plan, an outcome not yet
    recorded): lock it if it exists and return it, or None.

    A missing row compares as a new, empty one built from `lookup`, so a form shown before
    anyone saved carries the empty row's version, and someone else's first save since is a
    conflict like any other change. Must be called inside `transaction.atomic()`.
    """
    current = model._default_manager.select_for_update().filter(**lookup).first()
    compared = current if current is not None else model(**lookup)
    if version is not None and edit_version(compared, fields) != version:
        raise EditConflict(compared, fields)
    return current


def _shown(value: Any) -> str:
    if value is None or value == "":
        return _("(empty)")
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return f"{format_uk_date(value.date())} {value:%H:%M}"
    if isinstance(value, date):
        return format_uk_date(value)
    if isinstance(value, list | tuple | set | models.QuerySet):
        return ", ".join(str(item) for item in value) or _("(none)")
    return str(value)


def _choice_label(field: forms.Field | None, value: Any) -> Any:
    """A choice's label ("Agreed") rather than its stored value ("agreed")."""
    choices = getattr(field, "choices", None)
    if choices is None or isinstance(value, list | tuple | set) or _is_row(value):
        return value
    wanted = _comparable(value)
    for key, label in choices:
        if isinstance(label, list | tuple):  # an optgroup
            for inner_key, inner_label in label:
                if str(inner_key) == str(wanted):
                    return str(inner_label)
        elif str(key) == str(wanted):
            return str(label)
    return value


class VersionedFormMixin:
    """For an edit form: carries the row's version and, after a conflict, shows the other
    person's values beside the ones just typed.

    Pass `version=edit_version(instance, fields)` when showing the form. The version is a
    plain hidden input rendered by `core/_form_errors.html` (not a form field, so templates
    that loop over hidden fields do not render it twice).
    """

    data: Any
    fields: dict[str, forms.Field]
    is_bound: bool
    add_error: Any
    cleaned_data: dict[str, Any]

    def __init__(self, *args: Any, version: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.shown_version = version
        self.edit_conflict: list[ChangedField] = []
        self.conflicted = False
        if self.is_bound:
            self.shown_version = str(self.data.get(VERSION_FIELD, ""))

    @property
    def version(self) -> str | None:
        """The version the person saw; None when the form did not carry one (a script)."""
        return self.shown_version or None

    def show_conflict(self, conflict: EditConflict) -> None:
        """Record the conflict for the template and carry the new version, so saving again
        overwrites what the person has now seen."""
        typed = getattr(self, "cleaned_data", {})
        changed = []
        for name in conflict.fields:
            theirs = getattr(conflict.current, name)
            if isinstance(theirs, models.Manager):
                theirs = list(theirs.all())
            yours = typed.get(name)
            if name in typed and _comparable(yours) == _comparable(theirs):
                continue  # the same on both sides: nothing to merge
            field = self.fields.get(name)
            label = str(field.label) if field and field.label else name.replace("_", " ")
            shown_yours = _shown(_choice_label(field, yours)) if name in typed else ""
            shown_theirs = _shown(_choice_label(field, theirs))
            changed.append(
                ChangedField(name, label[:1].upper() + label[1:], shown_theirs, shown_yours)
            )
        self.edit_conflict = changed
        self.conflicted = True
        self.shown_version = conflict.version
        self.add_error(None, str(conflict))


def saved(form: Any, save: Callable[[], object]) -> bool:
    """Call `save()` for a valid form; True once it has saved. Otherwise the form now says
    why: the service's errors on their fields or, when someone else saved first, their
    change beside yours. Show it again with `form_status(form)`.

        if request.method == "POST" and form.is_valid():
            if saved(form, lambda: services.goal_update(..., version=form.version)):
                return redirect(...)
        return render(..., status=form_status(form))
    """
    try:
        save()
    except ValidationError as error:
        apply_errors(form, error)
    except EditConflict as conflict:
        form.show_conflict(conflict)
    else:
        return True
    return False


def form_status(form: Any) -> int:
    """409 for a form refused because someone else saved first; else 200."""
    return 409 if getattr(form, "conflicted", False) else 200
