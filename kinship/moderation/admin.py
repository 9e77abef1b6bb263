"""Rounds appear in the admin by title and state only: scripts, pages, grades and the
meeting's notes are pupil work and confidential to the round, so they are not registered."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from kinship.core.admin import AuditedModelAdmin
from kinship.moderation.models import Round


@admin.register(Round)
class RoundAdmin(AuditedModelAdmin[Round]):
    list_display = ["title", "family", "status", "upload_deadline", "judging_deadline"]
    list_filter = ["status"]
    fields = ["title", "family", "year_group", "task", "method", "status"]
    readonly_fields = ["title", "family", "year_group", "task", "method", "status"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
