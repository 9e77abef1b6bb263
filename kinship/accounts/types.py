"""Typed names for the person acting.

`Viewer` is whoever a request is for, signed in or not: what `request.user` is, and what
django-rules hands a predicate. `User` (from `kinship.accounts.models`) is for an actor who
must be signed in: a service's `actor`, a notice's recipient. `kinship.core` may not import
this app, so it names its own `AbstractBaseUser | AnonymousUser` instead.
"""

from typing import TypeAlias, TypeGuard

from django.contrib.auth.models import AnonymousUser

from kinship.accounts.models import User

Viewer: TypeAlias = User | AnonymousUser

__all__ = ["User", "Viewer", "is_authenticated"]


def is_authenticated(user: Viewer) -> TypeGuard[User]:
    """Signed in, active or not: tells mypy that a `Viewer` is a `User` from here on."""
    return bool(user.is_authenticated)
