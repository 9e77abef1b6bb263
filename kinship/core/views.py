"""Error pages that explain themselves, the audit log and a health check."""

import sys
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kinship.core import health
from kinship.core.audit import erased_people
from kinship.core.models import AuditEntry


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/error.html", {"status": 400, "exception": exception}, status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/error.html", {"status": 403, "exception": exception}, status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/error.html", {"status": 404}, status=404)


# Read once at start-up: these pages must show when the database or cache cannot.
_ERRORS = Path(__file__).resolve().parent / "errors"
SERVER_ERROR_PAGE = (_ERRORS / "500.html").read_bytes()
UNAVAILABLE_PAGE = (_ERRORS / "503.html").read_bytes()
RETRY_AFTER_SECONDS = 60


def server_error(request: HttpRequest) -> HttpResponse:
    """A static page, built without templates, the database or the cache: called while
    handling any uncaught error, including the database being down (then 503)."""
    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        response = HttpResponse(UNAVAILABLE_PAGE, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    else:
        response = HttpResponse(SERVER_ERROR_PAGE, status=500)
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("accounts.view_audit_log"):
        raise PermissionDenied("Only platform admins can read the audit log.")
    entries = AuditEntry.objects.all()
    action = request.GET.get("action", "").strip()
    if action:
        entries = entries.filter(action__startswith=action)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    erased = erased_people()
    rows = [(entry, erased.actor(entry), erased.text(entry.summary)) for entry in page]
    return render(request, "core/audit_log.html", {"page": page, "rows": rows, "action": action})


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    parts = health.report()
    well = all(state == health.OK for state in parts.values())
    response = JsonResponse({"status": "ok" if well else "unwell", **parts})
    if not well:
        response.status_code = 503
    response["Cache-Control"] = "no-store"
    return response
