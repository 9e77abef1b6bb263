"""Django admin for platform admins: programmes and matching runs only. Pairs, their spaces,
journals, feedback and the cohort's meetings are not registered: nothing confidential is
shown here."""

from django.contrib import admin

from kinship.core.admin import AuditedModelAdmin
from kinship.mentoring.models import MatchingRun, Programme


@admin.register(Programme)
class ProgrammeAdmin(AuditedModelAdmin[Programme]):
    list_display = ["name", "family", "starts_on", "ends_on", "applications_open"]
    list_filter = ["applications_open", "rhythm"]
    search_fields = ["name", "family__name"]
    raw_id_fields = ["family", "created_by"]
    exclude = ["cohort"]


@admin.register(MatchingRun)
class MatchingRunAdmin(AuditedModelAdmin[MatchingRun]):
    list_display = ["programme", "status", "matched", "unmatched", "created_at"]
    list_filter = ["status"]
    readonly_fields = [f.name for f in MatchingRun._meta.fields]
