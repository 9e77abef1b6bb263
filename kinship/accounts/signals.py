"""Sign-ins, sign-outs and lockouts go into the audit log."""

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver
from django.http import HttpRequest

from kinship.core.audit import audit_log


@receiver(user_logged_in)
def audit_sign_in(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    audit_log(actor=user, action="auth.sign_in", target=user, request=request)


@receiver(user_logged_out)
def audit_sign_out(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
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
