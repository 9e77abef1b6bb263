"""Error pages that explain themselves, the audit log and a health check."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kinship.core.audit import erased_people
from kinship.core.models import AuditEntry


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/error.html", {"status": 400, "exception": exception}, status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/error.html", {"status": 403, "exception": exception}, status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/error.html", {"status": 404}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "core/error.html", {"status": 500}, status=500)


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
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
