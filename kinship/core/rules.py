"""Predicates shared by every app, and typed names for the django-rules calls we make.

django-rules ships without type annotations; importing these instead of `rules.*` keeps
mypy strict in every app's rules.py.
"""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from rules import permissions, predicates, rulesets

Predicate = predicates.Predicate
predicate: Callable[[Callable[..., bool]], Any] = predicates.predicate
add_perm: Callable[[str, Any], None] = permissions.add_perm
add_rule: Callable[[str, Any], None] = rulesets.add_rule
test_rule: Callable[..., bool] = rulesets.test_rule


@predicate
def is_platform_admin(user: AbstractBaseUser | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.is_active and getattr(user, "is_superuser", False))
