"""Scripts: uploading a school's samples, the list, one script and its page images."""

import mimetypes
from pathlib import PurePosixPath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinship.core.feedback import apply_errors, report_errors
from kinship.core.http import AuthenticatedHttpRequest
from kinship.moderation import selectors, services
from kinship.moderation.forms import ScriptForm
from kinship.moderation.models import Round
from kinship.moderation.views.access import (
    get_page_for_user,
    get_round_for_user,
    get_script_for_user,
)


def _is_coordinator(request: AuthenticatedHttpRequest, round_: Round) -> bool:
    return bool(request.user.has_perm("moderation.manage_round", round_))


@require_http_methods(["GET", "POST"])
@login_required
def script_upload(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, pk, perm="moderation.upload_scripts")
    coordinator = _is_coordinator(request, round_)
    schools = selectors.uploader_schools(request.user, round_, coordinator=coordinator)
    form = ScriptForm(
        request.POST or None,
        request.FILES or None,
        schools=schools,
        levels=round_.levels,
        anchors=coordinator,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            script = services.script_upload(
                actor=request.user,
                round_=round_,
                school=data["school"],
                grade=data["grade"],
                files=data["pages"],
                text=data["text"],
                anchor=data.get("anchor", False),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Script %(code)s is in, with %(n)d page(s).")
                % {"code": script.code, "n": script.pages.count()},
            )
            return redirect("moderation:script_upload", pk=round_.pk)
    recent = selectors.round_scripts_for(request.user, round_, coordinator=coordinator)
    return render(
        request, "moderation/script_upload.html", {"round": round_, "form": form, "scripts": recent}
    )


@require_GET
@login_required
def script_list(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, pk, perm="moderation.upload_scripts")
    coordinator = _is_coordinator(request, round_)
    scripts = selectors.round_scripts_for(request.user, round_, coordinator=coordinator)
    return render(
        request,
        "moderation/script_list.html",
        {"round": round_, "scripts": scripts, "can_manage": coordinator},
    )


@require_GET
@login_required
def script_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    script = get_script_for_user(request.user, pk)
    pages = list(script.pages.order_by("number"))
    services.pupil_work_viewed(
        actor=request.user, scripts=[script], where="script page", request=request
    )
    return render(
        request,
        "moderation/script_detail.html",
        {
            "script": script,
            "round": script.round,
            "pages": pages,
            "can_withdraw": script.round.status == Round.Status.UPLOADING,
        },
    )


@require_POST
@login_required
def script_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    script = get_script_for_user(request.user, pk)
    round_ = script.round
    try:
        services.script_delete(actor=request.user, script=script)
    except ValidationError as error:
        report_errors(request, error)
        return redirect(script)
    messages.success(request, _("Script withdrawn; its pages are deleted."))
    return redirect("moderation:script_list", pk=round_.pk)


@require_GET
@login_required
def page_image(request: AuthenticatedHttpRequest, pk: int, code: str, number: int) -> FileResponse:
    """A page as an image, for whoever may see the script's pages. The view goes in the audit
    log once a script (the page showing the images has usually logged it already), and
    nothing keeps a copy: no cache, no stored name in the headers."""
    page = get_page_for_user(request.user, pk, code, number)
    if not page.image:
        raise Http404
    try:
        handle = default_storage.open(page.image, "rb")
    except OSError:
        raise Http404 from None
    services.page_image_viewed(actor=request.user, script=page.script, request=request)
    content_type = page.content_type or mimetypes.guess_type(page.image)[0] or "image/png"
    extension = PurePosixPath(page.image).suffix.lower() or ".png"
    response = FileResponse(
        handle, content_type=content_type, filename=f"{page.script.code}-{page.number}{extension}"
    )
    response["Cache-Control"] = "private, no-store"
    return response
