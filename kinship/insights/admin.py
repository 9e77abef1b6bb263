"""Django admin for platform admins: exchanges, to check what was recorded or rebuilt."""

from django.contrib import admin

from kinship.core.admin import AuditedModelAdmin
from kinship.insights.models import Exchange


@admin.register(Exchange)
class ExchangeAdmin(AuditedModelAdmin[Exchange]):
    list_display = ["date", "kind", "giver", "receiver", "family", "source"]
    list_filter = ["kind"]
    search_fields = ["source", "giver__name", "receiver__name"]
    raw_id_fields = ["giver", "receiver", "family"]
