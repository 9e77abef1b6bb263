"""Writing to the append-only audit log."""

from typing import Any

from django.db import models
from django.http import HttpRequest

from kinship.core.models import AuditEntry


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def audit_log(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    summary: str = "",
    detail: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
) -> AuditEntry:
    """Record a sensitive action. `actor` is a user, or None for the system or a visitor."""
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEntry.objects.create(
        actor_id=actor.pk if is_user else None,
        actor_email=actor.email if is_user else "",
        action=action,
        object_type=target._meta.label if target is not None else "",
        object_id=str(target.pk) if target is not None else "",
        summary=summary[:255],
        detail=detail or {},
        ip_address=client_ip(request),
    )
