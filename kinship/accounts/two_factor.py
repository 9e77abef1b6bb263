"""Asking for a second factor before pupils' held writing is shown (issue 15: "anyone who
sees pupil writing (DSLs, leads reviewing posts) uses a second factor").

django-otp's middleware marks a request's user with `is_verified()`. Platform admins and
moderation judges must use a second factor from sign-in (`TwoFactorMiddleware`); a head
or DSL is asked at the door of the pages that show pupils' held or whole writing, so a
head who never opens them is not asked.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django_otp import user_has_device

from kinship.accounts.rules import reviews_pupil_posts
from kinship.accounts.types import Viewer

# Setting up a second factor needs a sign-in (or the password again) this recent: a session
# left open, or stolen, cannot bind a stranger's authenticator to the account.
FRESH_SIGN_IN_SECONDS = 10 * 60
SIGNED_IN_AT_KEY = "kinship_signed_in_at"


def sign_in_mark_fresh(session: SessionBase) -> None:
    session[SIGNED_IN_AT_KEY] = timezone.now().timestamp()


def sign_in_is_fresh(session: SessionBase) -> bool:
    signed_in_at = session.get(SIGNED_IN_AT_KEY)
    if not isinstance(signed_in_at, int | float):
        return False
    return 0 <= timezone.now().timestamp() - signed_in_at <= FRESH_SIGN_IN_SECONDS


def second_factor_given(user: Viewer) -> bool:
    """Whether `user` proved a second factor in this session. A user not taken from a
    request (a task, an email) never has: pupils' held writing is not shown there."""
    is_verified = getattr(user, "is_verified", None)
    return bool(callable(is_verified) and is_verified())


def second_factor_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Send a reviewer of pupils' posts without a verified second factor to give it (or set
    it up), then back."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        # Only those who may read pupils' held posts are asked; anyone else goes on to the
        # view's own refusal (a 403 or 404), not to a setup page for something they cannot see.
        if reviews_pupil_posts(user) and not second_factor_given(user):
            back = urlencode({"next": request.get_full_path()})
            if user_has_device(user, confirmed=True):
                return redirect(f"{reverse('accounts:two_factor_verify')}?{back}")
            messages.info(
                request,
                _(
                    "Pupils' held posts are shown only to people who sign in with a second "
                    "factor. Set it up now: it takes a minute with an authenticator app."
                ),
            )
            return redirect(f"{reverse('accounts:two_factor')}?{back}")
        return view(request, *args, **kwargs)

    return wrapped
