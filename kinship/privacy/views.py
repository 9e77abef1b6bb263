"""The "Your data" page: what Kinship holds about a person, and a ZIP of it."""

from itertools import groupby

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kinship.core.http import AuthenticatedHttpRequest
from kinship.privacy import registry, services


def _check(request: AuthenticatedHttpRequest) -> None:
    if not request.user.has_perm("privacy.export_own_data"):
        raise PermissionDenied(_("A pupil's data request goes through their school."))


@require_GET
@login_required
def your_data(request: AuthenticatedHttpRequest) -> HttpResponse:
    _check(request)
    declared = sorted(registry.relations(), key=registry.owner_of)
    areas = [
        (apps.get_app_config(label).verbose_name, list(rows))
        for label, rows in groupby(declared, key=registry.owner_of)
    ]
    return render(request, "privacy/your_data.html", {"areas": areas})


@require_POST
@login_required
def your_data_download(request: AuthenticatedHttpRequest) -> HttpResponse:
    _check(request)
    archive = services.privacy_export(actor=request.user, user=request.user, request=request)
    response = HttpResponse(archive, content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="kinship-your-data.zip"'
    response["Cache-Control"] = "no-store"
    return response
