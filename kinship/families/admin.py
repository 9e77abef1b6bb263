"""Django admin for platform admins. Confidential circles never appear here."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from kinship.core.admin import AuditedModelAdmin
from kinship.families.models import Circle, CircleMembership, Family, FamilyMembership, FamilyRole


class FamilyMembershipInline(admin.TabularInline[FamilyMembership, Family]):
    model = FamilyMembership
    extra = 0
    autocomplete_fields = ["school"]


@admin.register(Family)
class FamilyAdmin(AuditedModelAdmin[Family]):
    list_display = ["name", "kind", "created_at"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [FamilyMembershipInline]


@admin.register(FamilyRole)
class FamilyRoleAdmin(AuditedModelAdmin[FamilyRole]):
    list_display = ["user", "family", "role", "since"]
    list_filter = ["role", "family"]
    search_fields = ["user__email", "family__name"]
    raw_id_fields = ["user"]


class CircleMembershipInline(admin.TabularInline[CircleMembership, Circle]):
    model = CircleMembership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Circle)
class OpenCircleAdmin(AuditedModelAdmin[Circle]):
    """Open circles only: a confidential circle's name, members and posts stay with its members."""

    list_display = ["name", "created_at"]
    search_fields = ["name"]
    exclude = ["confidential"]
    inlines = [CircleMembershipInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Circle]:
        return super().get_queryset(request).filter(confidential=False)
