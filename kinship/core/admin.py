"""Django admin: every registered model's admin is an AuditedModelAdmin, so each add, change
and delete made there is in Kinship's audit log as well as Django's LogEntry."""

import json
import threading
from typing import Any, Generic, TypeVar

from axes import admin as axes_admin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.db import models
from django.http import HttpRequest
from django_tasks_db import admin as tasks_admin
from django_tasks_db.models import DBTaskResult

from kinship.core.audit import Erased, audit_log, erased_people
from kinship.core.models import AuditEntry


def _changed_fields(message: Any) -> list[str]:
    """Field names from Django's change message: names only, never values (no secrets)."""
    names: list[str] = []
    for part in message if isinstance(message, list) else []:
        for change in part.values():
            if isinstance(change, dict):
                names.extend(str(name) for name in change.get("fields", []))
                if "name" in change:
                    names.append(f"{change['name']} {change.get('object', '')}".strip())
    return names


_M = TypeVar("_M", bound=models.Model)


class AuditedModelAdmin(admin.ModelAdmin[_M], Generic[_M]):
    """A ModelAdmin whose adds, changes and deletes also write Kinship's audit log."""

    def _audit(self, request: HttpRequest, verb: str, obj: models.Model, fields: list[str]) -> None:
        label = obj._meta.verbose_name
        summary = f"{verb.capitalize()} {label} {obj.pk} in the admin"
        if fields:
            summary += ": " + ", ".join(fields)
        audit_log(
            actor=request.user, action=f"admin.{verb}", target=obj, summary=summary,
            detail={"fields": fields}, request=request,
        )  # fmt: skip

    def log_addition(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        self._audit(request, "added", obj, _changed_fields(message))
        return super().log_addition(request, obj, message)

    def log_change(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        self._audit(request, "changed", obj, _changed_fields(message))
        return super().log_change(request, obj, message)

    def log_deletions(self, request: HttpRequest, queryset: Any) -> Any:
        for obj in queryset:  # a QuerySet keeps its rows, so the second pass reads no more
            self._audit(request, "deleted", obj, [])
        return super().log_deletions(request, queryset)


# Who was erased, read once per page (per thread: the admin instance is shared).
_shown = threading.local()


@admin.register(AuditEntry)
class AuditEntryAdmin(AuditedModelAdmin[AuditEntry]):
    """Read-only: the log is append-only, and the database enforces it too."""

    list_display = ["at", "actor", "action", "what", "ip_address"]
    list_filter = ["action"]
    search_fields = ["action", "object_type", "object_id"]
    date_hierarchy = "at"
    # Shown through the methods below, so an erased person reads as a former member.
    exclude = ["seq", "prev_hash", "hash", "actor_email", "summary", "detail"]
    readonly_fields = ["actor", "what", "details"]

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> Any:
        _shown.erased = erased_people()
        return super().changelist_view(request, extra_context)

    def change_view(self, request: HttpRequest, object_id: str, *args: Any, **kwargs: Any) -> Any:
        _shown.erased = erased_people()
        return super().change_view(request, object_id, *args, **kwargs)

    def _people(self) -> Erased:
        return getattr(_shown, "erased", None) or erased_people()

    @admin.display(description="actor")
    def actor(self, entry: AuditEntry) -> str:
        return self._people().actor(entry)

    @admin.display(description="summary")
    def what(self, entry: AuditEntry) -> str:
        return self._people().text(entry.summary)

    @admin.display(description="detail")
    def details(self, entry: AuditEntry) -> str:
        return self._people().text(json.dumps(entry.detail, sort_keys=True, ensure_ascii=False))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


# The admins of django-axes and the task queue, registered before ours: the same, audited
# (deleting an access attempt lifts a lockout).
class AccessAttemptAdmin(AuditedModelAdmin, axes_admin.AccessAttemptAdmin):  # type: ignore[type-arg]
    pass


class AccessLogAdmin(AuditedModelAdmin, axes_admin.AccessLogAdmin):  # type: ignore[type-arg]
    pass


class AccessFailureLogAdmin(AuditedModelAdmin, axes_admin.AccessFailureLogAdmin):  # type: ignore[type-arg]
    pass


class DBTaskResultAdmin(AuditedModelAdmin, tasks_admin.DBTaskResultAdmin):  # type: ignore[type-arg]
    pass


for _model, _admin in [
    (AccessAttempt, AccessAttemptAdmin), (AccessLog, AccessLogAdmin),
    (AccessFailureLog, AccessFailureLogAdmin), (DBTaskResult, DBTaskResultAdmin),
]:  # fmt: skip
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
        admin.site.register(_model, _admin)
