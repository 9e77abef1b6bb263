"""Library admin for platform admins: metadata of open resources only. A circle's resources
(and so a confidential circle's) and the files themselves stay out of the admin."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from kinship.core.admin import AuditedModelAdmin
from kinship.library.models import Audience, Resource


@admin.register(Resource)
class ResourceAdmin(AuditedModelAdmin[Resource]):
    list_display = ["title", "kind", "audience", "licence", "author", "updated_at"]
    list_filter = ["kind", "audience", "licence", "subject"]
    search_fields = ["title"]
    fields = ("title", "kind", "audience", "licence", "subject", "author", "family")
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[Resource]:
        return super().get_queryset(request).exclude(audience=Audience.CIRCLE)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
