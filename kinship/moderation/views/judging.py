"""The judges' screens: blind grading, and comparative judgement two scripts side by side.

Both work as plain forms. With JavaScript the judging screen also fetches the next pairs as
JSON, preloads their page images and swaps them in at once when a decision is made, so the
next pair is on screen in well under 200 ms (static/moderation/judging.js measures it).
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kinship.core.feedback import report_errors, report_form_errors
from kinship.core.http import AuthenticatedHttpRequest
from kinship.moderation import selectors, services
from kinship.moderation.forms import DecisionForm, GradeForm
from kinship.moderation.models import Comparison, Round, Script
from kinship.moderation.views.access import get_round_for_user


def _judge(request: AuthenticatedHttpRequest, pk: int) -> tuple[Round, Any]:
    round_ = get_round_for_user(request.user, pk, perm="moderation.judge_round")
    person = selectors.judge_person(request.user, round_)
    if round_.status != Round.Status.JUDGING:
        raise PermissionDenied(_("Judging is not open in this round."))
    return round_, person


@require_http_methods(["GET", "POST"])
@login_required
def grade(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    round_, person = _judge(request, pk)
    if not round_.uses_grading:
        raise PermissionDenied(_("This round uses comparative judgement only."))
    if request.method == "POST":
        form = GradeForm(request.POST, levels=round_.levels)
        if not form.is_valid():
            report_form_errors(request, form)
            return redirect("moderation:grade", pk=round_.pk)
        script = round_.scripts.filter(code=form.cleaned_data["script"]).first()
        if script is None:
            raise Http404
        try:
            services.grade_record(
                actor=request.user, script=script, grade=form.cleaned_data["grade"]
            )
        except ValidationError as error:
            report_errors(request, error)
        else:
            messages.success(request, _("Grade saved."))
        return redirect("moderation:grade", pk=round_.pk)
    script = selectors.next_script_to_grade(person)
    if script is not None:
        services.pupil_work_viewed(
            actor=request.user, scripts=[script], where="blind grading", request=request
        )
    return render(
        request,
        "moderation/grade.html",
        {
            "round": round_,
            "script": script,
            "pages": list(script.pages.all()) if script else [],
            "form": GradeForm(
                levels=round_.levels, initial={"script": script.code if script else None}
            ),
            "progress": selectors.grading_progress(person),
        },
    )


def _pair_json(comparison: Comparison) -> dict[str, Any]:
    """A pair for the judging screen: codes, text and page images, never a school or grade."""

    def side(script: Script) -> dict[str, Any]:
        return {
            "code": script.code,
            "text": script.text,
            "pages": [
                {
                    "url": (
                        reverse(
                            "moderation:page_image",
                            args=[comparison.round_id, script.code, p.number],
                        )
                        if p.image
                        else None
                    ),
                    "number": p.number,
                    "ready": bool(p.image),
                }
                for p in script.pages.all()
            ],
        }

    return {"id": comparison.pk, "left": side(comparison.left), "right": side(comparison.right)}


@require_http_methods(["GET", "POST"])
@login_required
def judge(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    round_, _person = _judge(request, pk)
    wants_json = request.POST.get("format") == "json"
    if request.method == "POST":
        form = DecisionForm(request.POST)
        if not form.is_valid():
            if wants_json:
                return JsonResponse({"error": _("That decision could not be read.")}, status=400)
            report_form_errors(request, form)
            return redirect("moderation:judge", pk=round_.pk)
        comparison = round_.comparisons.filter(
            pk=form.cleaned_data["comparison"], judge=request.user
        ).first()
        if comparison is None:
            raise Http404
        try:
            services.comparison_decide(
                actor=request.user,
                comparison=comparison,
                chosen=form.cleaned_data["chosen"],
                seconds=form.cleaned_data["seconds"],
            )
        except ValidationError as error:
            if wants_json:
                return JsonResponse({"error": " ".join(error.messages)}, status=409)
            report_errors(request, error)
        if wants_json:
            return _queue_response(request, round_)
        return redirect("moderation:judge", pk=round_.pk)
    queue = selectors.judging_queue(request.user, round_)
    current = queue[0] if queue else None
    if current is not None:
        if current.shown_at is None:
            current.shown_at = timezone.now()
            current.save(update_fields=["shown_at"])
        services.pupil_work_viewed(
            actor=request.user,
            scripts=[current.left, current.right],
            where="comparative judgement",
            request=request,
        )
    return render(
        request,
        "moderation/judge.html",
        {
            "round": round_,
            "comparison": current,
            "progress": selectors.judging_progress(request.user, round_),
            "queue_url": reverse("moderation:judge_queue", args=[round_.pk]),
        },
    )


@require_GET
@login_required
def judge_queue(request: AuthenticatedHttpRequest, pk: int) -> JsonResponse:
    """The current and next pair as JSON, for the judging screen to preload."""
    round_, _person = _judge(request, pk)
    return _queue_response(request, round_)


def _queue_response(request: AuthenticatedHttpRequest, round_: Round) -> JsonResponse:
    queue = selectors.judging_queue(request.user, round_, limit=2)
    scripts = [s for c in queue for s in (c.left, c.right)]
    services.pupil_work_viewed(
        actor=request.user,
        scripts=scripts,
        where="comparative judgement (preloaded)",
        request=request,
    )
    progress = selectors.judging_progress(request.user, round_)
    return JsonResponse(
        {
            "pairs": [_pair_json(c) for c in queue],
            "progress": {
                "done": progress.done,
                "total": progress.total,
                "percent": progress.percent,
            },
        }
    )
