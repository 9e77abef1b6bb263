"""What personal data each app holds, and what export and erasure do with it.

Each app declares, in its `privacy.py`, one `Relation` per model field that points at a
person (foreign key, one-to-one or many-to-many to the user model), and registers them from
its AppConfig.ready(). This app never imports the others: it reads their declarations.
A test walks every model and fails if any relation to a person is not declared.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.apps import apps
from django.db import models


class Erase(StrEnum):
    """What erasure does with the rows that point at the person."""

    # The rows exist only for the person (their settings, replies, subscriptions): deleted.
    DELETE = "delete"
    # Shared work others rely on (a resource, minutes, a meeting): kept, and shown as the
    # work of a "Former member" because the account itself is anonymised.
    FORMER_MEMBER = "former member"
    # Kept as it is for a stated legal reason (safeguarding records, KCSIE): not erased.
    RETAIN = "retain"
    # Kept for the school's review for `retain_days` after erasure, then deleted by
    # `manage.py apply_retention`.
    RETAIN_THEN_DELETE = "retain, then delete"


@dataclass(frozen=True)
class Relation:
    """One field that points at a person, e.g. `Relation("forums.Post", "author", ...)`."""

    model: str  # "app_label.ModelName"
    field: str
    erase: Erase
    why: str  # one line for docs/retention.md and the "Your data" page
    export: bool = True  # False where the rows are another person's confidential record
    exclude: tuple[str, ...] = ()  # fields never exported (secrets, tokens, hashes)
    # Pupils' rows may need a different rule from staff's (their posts are held for review).
    pupil_erase: Erase | None = None
    retain_days: Callable[[], int] | None = None
    # Rows never deleted, by erasure or by retention: those a safeguarding record needs.
    retention_exempt: Callable[[models.QuerySet[Any]], models.QuerySet[Any]] | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.model.lower(), self.field)

    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)

    def erase_for(self, *, is_pupil: bool) -> Erase:
        return self.pupil_erase if is_pupil and self.pupil_erase else self.erase


_relations: dict[tuple[str, str], Relation] = {}
_owners: dict[tuple[str, str], str] = {}
# Extra steps an app needs after its rows are handled (e.g. forgetting invitations by email).
_erase_steps: list[Callable[..., None]] = []


def register(app_label: str, relations: Iterable[Relation]) -> None:
    """Declare an app's relations to a person. Declaring one twice is a mistake."""
    for relation in relations:
        if relation.key in _relations and _owners[relation.key] != app_label:
            raise ValueError(f"{relation.model}.{relation.field} is declared twice")
        timed = Erase.RETAIN_THEN_DELETE in (relation.erase, relation.pupil_erase)
        if timed and relation.retain_days is None:
            raise ValueError(f"{relation.model}.{relation.field} needs retain_days")
        _relations[relation.key] = relation
        _owners[relation.key] = app_label


def register_erase_step(step: Callable[..., None]) -> None:
    """A step run after the rows are handled: step(user, *, name=old name, email=old email)."""
    if step not in _erase_steps:
        _erase_steps.append(step)


def relations() -> list[Relation]:
    return sorted(_relations.values(), key=lambda r: r.key)


def relation_for(model: type[models.Model], field: str) -> Relation | None:
    return _relations.get((model._meta.label_lower, field))


def owner_of(relation: Relation) -> str:
    return _owners[relation.key]


def erase_steps() -> list[Callable[..., None]]:
    return list(_erase_steps)
