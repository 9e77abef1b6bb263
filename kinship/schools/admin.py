from django.contrib import admin

from kinship.core.admin import AuditedModelAdmin
from kinship.schools.models import School, SchoolRole


@admin.register(School)
class SchoolAdmin(AuditedModelAdmin[School]):
    list_display = ("name", "urn", "la_name", "phase", "status", "is_open", "gias_updated_at")
    list_filter = ("is_open", "phase")
    search_fields = ("name", "=urn", "town", "postcode")
    readonly_fields = ("gias_digest", "gias_updated_at", "latitude", "longitude")
    show_full_result_count = False  # counting 50,000 schools on every search is wasted work


@admin.register(SchoolRole)
class SchoolRoleAdmin(AuditedModelAdmin[SchoolRole]):
    list_display = ("user", "school", "role", "listed_on_profile", "since")
    list_filter = ("role", "listed_on_profile")
    list_select_related = ("user", "school")
    search_fields = ("user__email", "user__display_name", "school__name", "=school__urn")
    raw_id_fields = ("user", "school")
