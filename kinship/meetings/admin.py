"""Django admin for platform admins. Events for confidential circles never appear here."""

from collections.abc import Mapping
from typing import Any

from django.contrib import admin
from django.db import models
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from kinship.core.admin import AuditedModelAdmin
from kinship.meetings.models import Audience, Event, Series

CONFIDENTIAL = Q(audience=Audience.CIRCLE, circle__confidential=True)
# Meeting links typed without a scheme are https, as in the app's own forms.
HTTPS_LINKS: Mapping[type[models.Field[Any, Any]], Mapping[str, Any]] = {
    models.URLField: {"assume_scheme": "https"}
}


class EventInline(admin.TabularInline[Event, Series]):
    model = Event
    extra = 0
    fields = ["date", "starts_at", "ends_at", "title", "cancelled", "edited", "sequence"]
    readonly_fields = ["sequence"]
    formfield_overrides = HTTPS_LINKS


@admin.register(Series)
class SeriesAdmin(AuditedModelAdmin[Series]):
    list_display = ["title", "family", "kind", "first_date", "until", "organiser", "cancelled"]
    list_filter = ["kind", "cancelled"]
    search_fields = ["title", "family__name"]
    raw_id_fields = ["organiser", "guests", "circle"]
    inlines = [EventInline]
    formfield_overrides = HTTPS_LINKS

    def get_queryset(self, request: HttpRequest) -> QuerySet[Series]:
        return super().get_queryset(request).exclude(CONFIDENTIAL)


@admin.register(Event)
class EventAdmin(AuditedModelAdmin[Event]):
    list_display = ["title", "date", "cancelled", "edited"]
    list_filter = ["cancelled"]
    search_fields = ["title"]
    date_hierarchy = "date"
    raw_id_fields = ["series", "minutes_by"]
    formfield_overrides = HTTPS_LINKS

    def get_queryset(self, request: HttpRequest) -> QuerySet[Event]:
        confidential = Series.objects.filter(CONFIDENTIAL).values("pk")
        return super().get_queryset(request).exclude(series__in=confidential)
