"""Visits' calendar series made before series knew their owner are marked as the visits
app's, so the meetings pages stop offering edits that would not reach the visit."""

from typing import Any

from django.db import migrations
from django.urls import reverse


def mark_visit_series(apps: Any, schema_editor: Any) -> None:
    Visit = apps.get_model("visits", "Visit")
    Series = apps.get_model("meetings", "Series")
    for visit in Visit.objects.filter(series__isnull=False).only("pk", "plan_id", "series_id"):
        if visit.plan_id is not None:
            owner = ("visit_plan", reverse("visits:plan_detail", args=[visit.plan_id]))
        else:
            owner = ("visit", reverse("visits:visit_detail", args=[visit.pk]))
        Series.objects.filter(pk=visit.series_id).update(managed_by=owner[0], managed_url=owner[1])


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0002_series_managed_by"),
        ("visits", "0001_initial"),
    ]

    operations = [migrations.RunPython(mark_visit_series, migrations.RunPython.noop)]
