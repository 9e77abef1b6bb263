"""Pupil sign-in: a class code, a login name and four pictures or a short password.

Pupil accounts have no real email address. The User model needs a unique one, so each gets
an address under the reserved `.invalid` domain (RFC 2606), which can never receive mail;
notifications never email pupils. The ordinary email sign-in cannot reach these accounts
because their passwords are only ever set through this module's secrets.

The pictures are SVG drawings from the lucide-static npm package (ISC licence), served as
static files, so they look the same on every device (emoji depend on the device's fonts).
A pupil chooses four in order, repeats allowed: 16⁴ = 65,536 sequences.
"""

import re
import uuid
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.backends import BaseBackend
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from kinship.accounts.models import User
from kinship.accounts.types import Viewer
from kinship.forums.models import PupilProfile
from kinship.membership import visibility

PUPIL_EMAIL_DOMAIN = "pupils.kinship.invalid"
PICTURES_NEEDED = 4
OLD_PICTURES_NEEDED = 3  # accounts made before four pictures; see docs/decisions.md
# A first name as a school writes it: letters, hyphens, apostrophes ("Mary-Jane", "D'Arcy").
FIRST_NAME_SHAPE = r"^[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_])){0,19}$"
INITIAL_SHAPE = r"^[^\W\d_]$"


@dataclass(frozen=True)
class Picture:
    name: str  # what the secret is made of: never change one, or its accounts stop working
    icon: str  # the lucide-static file, under static/vendor/lucide/
    label: Any  # the visible name and alternative text

    @property
    def static_path(self) -> str:
        return f"vendor/lucide/{self.icon}.svg"


# The first nine were the emoji pictures of three-picture accounts, so those still sign in.
PICTURES = (
    Picture("cat", "cat", _("cat")),
    Picture("dog", "dog", _("dog")),
    Picture("sun", "sun", _("sun")),
    Picture("tree", "tree-pine", _("tree")),
    Picture("star", "star", _("star")),
    Picture("boat", "sailboat", _("boat")),
    Picture("apple", "apple", _("apple")),
    Picture("fish", "fish", _("fish")),
    Picture("moon", "moon", _("moon")),
    Picture("bird", "bird", _("bird")),
    Picture("rabbit", "rabbit", _("rabbit")),
    Picture("flower", "flower", _("flower")),
    Picture("house", "house", _("house")),
    Picture("car", "car", _("car")),
    Picture("rocket", "rocket", _("rocket")),
    Picture("umbrella", "umbrella", _("umbrella")),
)
PICTURE_NAMES = tuple(picture.name for picture in PICTURES)
PICTURES_BY_NAME = {picture.name: picture for picture in PICTURES}


def shown_name(first_name: str, initial: str) -> str:
    """How a pupil appears to others: "Alfie J."."""
    return f"{first_name.strip()} {initial.strip().upper()}."


def pupil_shown_name(user: Viewer | None) -> str:
    """What others see of a pupil's name: the name staff gave ("Alfie J."). A name from
    before staff named pupils shows by its first word only, if that is a first name's
    shape, and anything else as "A pupil": a pupil could once type their own."""
    name = str(getattr(user, "display_name", "") or "")
    first, _sep, rest = name.partition(" ")
    if not re.fullmatch(FIRST_NAME_SHAPE, first):
        return str(_("A pupil"))
    if rest.endswith(".") and re.fullmatch(INITIAL_SHAPE, rest[:-1]):
        return name
    return first


def pupil_email() -> str:
    return f"pupil-{uuid.uuid4().hex}@{PUPIL_EMAIL_DOMAIN}"


def picture_secret(pictures: list[str] | tuple[str, ...]) -> str:
    return "pictures:" + "-".join(pictures)


def normal_class_code(class_code: str) -> str:
    return class_code.strip().upper()


def normal_login_name(login_name: str) -> str:
    return login_name.strip().lower()


def pupil_matching(class_code: str, login_name: str, secret: str) -> User | None:
    """The active pupil with this class code, login name and secret (four or three pictures
    as `picture_secret` makes them, or a password), or None. The pupil sign-in page calls it
    after its own throttle (kinship.forums.signin), never through
    `django.contrib.auth.authenticate`, so django-axes, which keeps the form posted with
    every failure, never sees a pupil's pictures or password."""
    profile = (
        PupilProfile.objects.select_related("user")
        .filter(
            pupil_class__code=normal_class_code(class_code),
            login_name=normal_login_name(login_name),
        )
        .first()
    )
    if profile is None or not secret:
        User().set_password(secret or "-")  # the same time taken as a real check
        return None
    user = profile.user
    if not visibility.is_pupil(user):
        return None
    return user if user.check_password(secret) else None


class PupilBackend(BaseBackend):
    """Keeps a signed-in pupil signed in (`get_user`). It authenticates nobody: a pupil's
    secret is checked only by `pupil_matching` on the pupil sign-in page, so the email and
    admin sign-in forms cannot be used to guess pictures past the pupil throttle."""

    def authenticate(self, request: HttpRequest | None, **credentials: Any) -> User | None:
        return None

    def get_user(self, user_id: int) -> User | None:
        return visibility.active_pupil_accounts().filter(pk=user_id).first()
