from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from kinship.core.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin[AuditEntry]):
    """Read-only: the log is append-only, and the database enforces it too."""

    list_display = ["at", "actor_email", "action", "summary", "ip_address"]
    list_filter = ["action"]
    search_fields = ["actor_email", "action", "summary"]
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
