"""The per-request memo behind `visibility`: a person's membership rows and the answers built
from them are read once per request (see `kinship.membership.middleware`), and forgotten the
moment any role, membership or circle changes (a new generation), so a service that changes
memberships mid-request is seen at once. Outside a request nothing is remembered."""

import itertools
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save

from kinship.accounts.types import Viewer
from kinship.families.models import Circle, CircleMembership, FamilyMembership, FamilyRole
from kinship.schools.models import SchoolRole

M = TypeVar("M", bound=Model)

MEMO_ATTRIBUTE = "_kinship_memberships"
_generations = itertools.count(1)
_generation = next(_generations)


class _Memo:
    """Answers for one user object in one request, valid while the generation holds."""

    def __init__(self) -> None:
        self.generation = _generation
        self.answers: dict[Hashable, Any] = {}


def remember_memberships(user: Viewer) -> None:
    """From now on, read this user object's memberships once (until `forget_memberships`)."""
    setattr(user, MEMO_ATTRIBUTE, _Memo())


def forget_memberships(user: Viewer) -> None:
    if getattr(user, MEMO_ATTRIBUTE, None) is not None:
        setattr(user, MEMO_ATTRIBUTE, None)


def memberships_changed(**_kwargs: Any) -> None:
    """A role, membership or circle changed: every memo answers afresh from now on."""
    global _generation
    _generation = next(_generations)


for _model in (SchoolRole, FamilyRole, FamilyMembership, CircleMembership, Circle):
    for _signal in (post_save, post_delete):
        _signal.connect(memberships_changed, sender=_model, dispatch_uid=f"memo-{_model}")
m2m_changed.connect(memberships_changed, sender=Circle.families.through, dispatch_uid="memo-cf")


def remembered(user: Viewer, key: Hashable, compute: Callable[[], Any]) -> Any:
    """`compute()`, once per request and generation for a remembered user; else each time."""
    memo = getattr(user, MEMO_ATTRIBUTE, None)
    if not isinstance(memo, _Memo):
        return compute()
    if memo.generation != _generation:
        memo.answers.clear()
        memo.generation = _generation
    if key not in memo.answers:
        memo.answers[key] = compute()
    return memo.answers[key]


def pinned(
    user: Viewer,
    key: Hashable,
    build: Callable[[], QuerySet[M]],
    sets: dict[str, Hashable] | None = None,
) -> QuerySet[M]:
    """`build()`, or within a request the same rows by primary key, read once. `sets` names
    columns read in the same query and the `id_set` each fills: {"school_id": "schools"}."""
    memo = getattr(user, MEMO_ATTRIBUTE, None)
    if not isinstance(memo, _Memo):
        return build()
    columns = list(sets or {})

    def read() -> QuerySet[M]:
        found = build()
        rows = list(found.order_by().values_list("pk", *columns))  # no join just to sort
        for n, column in enumerate(columns, start=1):
            memo.answers[("id_set", (sets or {})[column])] = frozenset(row[n] for row in rows)
        return found.model._default_manager.filter(pk__in=[row[0] for row in rows])

    result: QuerySet[M] = remembered(user, key, read)
    return result


def id_set(
    user: Viewer, key: Hashable, column: Callable[[], QuerySet[Any]], field: str
) -> frozenset[Any]:
    """The values of `field` in `column()`, as a set: within a request read once, so that a
    predicate asked about many objects (a page's has_perm calls) costs one query, not one each.
    Outside a request it is read afresh each time, like everything here."""
    memo = getattr(user, MEMO_ATTRIBUTE, None)

    def read() -> frozenset[Any]:
        found = column()  # reading pinned rows may fill in this very set (see `pinned`)
        if isinstance(memo, _Memo) and ("id_set", key) in memo.answers:
            filled: frozenset[Any] = memo.answers[("id_set", key)]
            return filled
        return frozenset(found.values_list(field, flat=True))

    return frozenset(remembered(user, ("id_set", key), read))
