"""Sign-ins, sign-outs and lockouts go into the audit log; failures slow the account down."""

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from kinship.accounts import sign_in_delay
from kinship.accounts.backends import EXAMINED_ATTRIBUTE
from kinship.accounts.models import User
from kinship.accounts.two_factor import sign_in_mark_fresh
from kinship.core.audit import audit_log


@receiver(user_logged_in)
def audit_sign_in(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    audit_log(actor=user, action="auth.sign_in", target=user, request=request)
    if request is not None and hasattr(request, "session"):
        sign_in_mark_fresh(request.session)
    if user.email:
        sign_in_delay.clear(user.email)


@receiver(user_login_failed)
def slow_the_account(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    # Only a password that was checked counts: a try turned away inside the delay (counting
    # it would lengthen the wait of an owner who tries again) or by django-axes was not.
    if request is not None and not getattr(request, EXAMINED_ATTRIBUTE, False):
        return
    email = credentials.get("email") or credentials.get("username")
    if email:
        sign_in_delay.failure_record(str(email))


@receiver(user_logged_out)
def audit_sign_out(sender: Any, request: HttpRequest, user: User | None, **kwargs: Any) -> None:
    if user is not None:
        audit_log(actor=user, action="auth.sign_out", target=user, request=request)


@receiver(user_locked_out)
def audit_lockout(sender: Any, request: HttpRequest, username: str, **kwargs: Any) -> None:
    audit_log(
        actor=None,
        action="auth.locked_out",
        summary=f"Locked out after repeated failures: {username}"[:255],
        detail={"username": username},
        request=request,
    )
