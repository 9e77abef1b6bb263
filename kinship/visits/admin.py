"""Django admin for platform admins. Reflections and joint actions are not here: what a
visitor took away is between the two sides of the visit."""

from django.contrib import admin

from kinship.core.admin import AuditedModelAdmin
from kinship.visits.models import ClearanceDeclaration, OpenClassroom, SolveRun, Visit, VisitPlan


@admin.register(VisitPlan)
class VisitPlanAdmin(AuditedModelAdmin[VisitPlan]):
    list_display = ["title", "family", "window_start", "window_end", "published_at"]
    search_fields = ["title", "family__name"]
    raw_id_fields = ["created_by", "published_by", "published_run"]


@admin.register(SolveRun)
class SolveRunAdmin(AuditedModelAdmin[SolveRun]):
    list_display = ["plan", "status", "requested_at", "finished_at"]
    list_filter = ["status"]
    readonly_fields = ["plan", "status", "requested_by", "problem", "ids", "result", "error"]


@admin.register(OpenClassroom)
class OpenClassroomAdmin(AuditedModelAdmin[OpenClassroom]):
    list_display = ["__str__", "school", "host", "active"]
    list_filter = ["active", "subject", "year_group"]
    raw_id_fields = ["school", "host"]


@admin.register(Visit)
class VisitAdmin(AuditedModelAdmin[Visit]):
    list_display = ["visitor", "visitor_school", "host_school", "date", "status", "source"]
    list_filter = ["status", "source"]
    date_hierarchy = "date"
    raw_id_fields = ["visitor", "host", "visitor_school", "host_school", "offer", "plan", "series"]
    exclude = ["decided_by"]


@admin.register(ClearanceDeclaration)
class ClearanceDeclarationAdmin(AuditedModelAdmin[ClearanceDeclaration]):
    """Read only: declarations are made and withdrawn by school leads, and audited."""

    list_display = ["person", "school", "declared_by", "declared_at", "withdrawn_at"]
    readonly_fields = [
        "school", "person", "wording", "declared_by", "declared_at", "withdrawn_at",
        "withdrawn_by",
    ]  # fmt: skip

    def has_add_permission(self, request: object) -> bool:
        return False
