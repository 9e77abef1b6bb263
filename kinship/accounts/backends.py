"""An authentication backend that turns away password tries inside an account's delay."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from kinship.accounts import sign_in_delay

# Set on the request when a try was turned away unexamined, so the sign-in form can say how
# long to wait and the failure is not counted again (which would lengthen the owner's wait).
DELAYED_ATTRIBUTE = "kinship_sign_in_wait_seconds"
# Set when the password goes on to be checked: only such a failure slows the account (a try
# django-axes turns away for its address, or the delay turns away, never reaches it).
EXAMINED_ATTRIBUTE = "kinship_sign_in_examined"


class SignInDelayBackend:
    """Placed before the password backend: every sign-in form (ours and the admin's) passes
    through it. Raising PermissionDenied stops Django trying the later backends. It has no
    `get_user`, so no session is ever tied to it (test clients' force_login skips it)."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        email = kwargs.get("email") or username
        if not email or password is None:
            return None
        wait = sign_in_delay.seconds_to_wait(str(email))
        if wait:
            if request is not None:
                setattr(request, DELAYED_ATTRIBUTE, wait)
            raise PermissionDenied
        if request is not None:
            setattr(request, EXAMINED_ATTRIBUTE, True)
        return None


def turned_away_by_delay(request: HttpRequest, credentials: dict[str, Any] | None = None) -> bool:
    """django-axes' AXES_WHITELIST_CALLABLE: a try turned away by the delay is not counted
    against the address too, or an owner trying again while slowed by a stranger's
    guesses would lock their own school's address out."""
    return bool(getattr(request, DELAYED_ATTRIBUTE, 0))
