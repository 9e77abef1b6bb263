"""Pupil sign-in: a class code, a login name and three pictures or a short password.

Pupil accounts have no real email address. The User model needs a unique one, so each gets
an address under the reserved `.invalid` domain (RFC 2606), which can never receive mail;
notifications never email pupils. The ordinary email sign-in cannot reach these accounts
because their passwords are only ever set through this module's secrets.
"""

import uuid
from typing import Any

from django.contrib.auth.backends import BaseBackend
from django.http import HttpRequest

from kinship.accounts.models import AccountType, User
from kinship.forums.models import PupilProfile

PUPIL_EMAIL_DOMAIN = "pupils.kinship.invalid"
USERNAME_PREFIX = "pupil:"
PICTURES = (
    ("cat", "🐱", "cat"),
    ("dog", "🐶", "dog"),
    ("sun", "☀️", "sun"),
    ("tree", "🌳", "tree"),
    ("star", "⭐", "star"),
    ("boat", "⛵", "boat"),
    ("apple", "🍎", "apple"),
    ("fish", "🐟", "fish"),
    ("moon", "🌙", "moon"),
)
PICTURE_NAMES = tuple(name for name, _emoji, _label in PICTURES)


def pupil_email() -> str:
    return f"pupil-{uuid.uuid4().hex}@{PUPIL_EMAIL_DOMAIN}"


def picture_secret(pictures: list[str] | tuple[str, ...]) -> str:
    return "pictures:" + "-".join(pictures)


def pupil_username(class_code: str, login_name: str) -> str:
    """What django-axes counts failures under: one class code and login name."""
    return f"{USERNAME_PREFIX}{class_code.strip().upper()}:{login_name.strip().lower()}"


class PupilBackend(BaseBackend):
    """Authenticates `username="pupil:CODE:login"` with the pupil's secret."""

    def authenticate(  # type: ignore[override]
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if not username or not password or not username.startswith(USERNAME_PREFIX):
            return None
        code, _sep, login_name = username.removeprefix(USERNAME_PREFIX).partition(":")
        profile = (
            PupilProfile.objects.select_related("user")
            .filter(pupil_class__code=code, login_name=login_name)
            .first()
        )
        if profile is None:
            User().set_password(password)  # the same time taken as a real check
            return None
        user = profile.user
        if user.account_type != AccountType.PUPIL or not user.is_active:
            return None
        return user if user.check_password(password) else None

    def get_user(self, user_id: int) -> User | None:
        return User.objects.filter(
            pk=user_id, is_active=True, account_type=AccountType.PUPIL
        ).first()
