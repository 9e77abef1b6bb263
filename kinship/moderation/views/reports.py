"""Reports: agreement and school bias with intervals, the scale, the meeting's agenda with
notes and outcomes, a CSV export and a PDF summary for each school."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kinship.core.concurrency import EditConflict, edit_version
from kinship.core.feedback import report_errors, report_form_errors
from kinship.core.http import AuthenticatedHttpRequest
from kinship.core.spreadsheet import SafeWriter
from kinship.moderation import analysis, services
from kinship.moderation.forms import OutcomeForm
from kinship.moderation.models import Outcome, Round, RoundPerson, Script
from kinship.moderation.pdf import school_summary_pdf
from kinship.moderation.views.access import get_round_for_user, get_script_for_user


def _reportable_round(request: AuthenticatedHttpRequest, pk: int) -> Round:
    """Coordinators see reports at any time; the round's other people once judging closes,
    so no judge learns a script's school or grade while still judging."""
    round_ = get_round_for_user(request.user, pk, perm="moderation.view_reports")
    coordinator = request.user.has_perm("moderation.manage_round", round_)
    if not coordinator and round_.status != Round.Status.CLOSED:
        raise PermissionDenied(_("The reports open to everyone in the round when judging closes."))
    return round_


def _chart_data(report: analysis.RoundReport) -> dict[str, Any]:
    levels = report.round.levels
    data: dict[str, Any] = {"agreement": [], "bias": [], "scale": []}
    if report.agreement:
        a = report.agreement
        for label, estimate in (
            (_("Judges agree exactly"), a.judges_exact),
            (_("Judges within one level"), a.judges_adjacent),
            (_("School grade = consensus"), a.school_exact),
            (_("Fleiss' kappa"), a.fleiss),
            (_("Krippendorff's alpha"), a.alpha),
        ):
            data["agreement"].append(
                {
                    "label": str(label),
                    "value": estimate.value,
                    "low": estimate.low,
                    "high": estimate.high,
                }
            )
    for shift in report.bias:
        boundary = f"{levels[shift.lower]}/{levels[shift.lower + 1]}"
        data["bias"].append(
            {
                "label": f"{shift.school} · {boundary}",
                "value": shift.shift,
                "low": shift.low,
                "high": shift.high,
            }
        )
    for row in report.rows:
        if row.theta is not None and row.se is not None and abs(row.theta) < 1e6:
            data["scale"].append(
                {
                    "code": row.script.code,
                    "theta": row.theta,
                    "se": row.se,
                    "school": report.school_names[row.script.school_id],
                }
            )
    return analysis.json_ready(data)  # type: ignore[no-any-return]


@require_GET
@login_required
def report(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    round_ = _reportable_round(request, pk)
    result = analysis.round_report(round_)
    coordinator = request.user.has_perm("moderation.manage_round", round_)
    return render(
        request,
        "moderation/report.html",
        {
            "round": round_,
            "report": result,
            "charts": _chart_data(result),
            "show_judges": coordinator,
            "me": str(request.user.pk),
            "schools": round_.schools.select_related("school"),
        },
    )


@require_GET
@login_required
def report_csv(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, pk, perm="moderation.manage_round")
    result = analysis.round_report(round_, samples=200)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="moderation-round-{round_.pk}.csv"'
    writer = SafeWriter(response)
    writer.writerow(
        [
            "script",
            "school",
            "school_grade",
            "external_grades",
            "consensus",
            "theta",
            "se",
            "chance_school_grade_wrong",
            "outcome",
            "agreed_grade",
            "reason",
        ]
    )
    for row in result.rows:
        outcome = row.outcome
        writer.writerow(
            [
                row.script.code,
                result.school_names[row.script.school_id],
                round_.level_name(row.script.school_grade),
                " ".join(round_.level_name(g) for g in row.external),
                round_.level_name(row.consensus),
                "" if row.theta is None else analysis.theta_text(row.theta),
                "" if row.se is None or row.se != row.se else f"{row.se:.3f}",
                "" if row.misgrade is None else f"{row.misgrade:.3f}",
                outcome.get_decision_display() if outcome and outcome.decision else "",
                round_.level_name(outcome.agreed_grade) if outcome else "",
                outcome.reason if outcome else "",
            ]
        )
    services.pupil_work_viewed(
        actor=request.user,
        scripts=[r.script for r in result.rows],
        where="CSV export",
        request=request,
    )
    return response


@require_GET
@login_required
def school_summary(request: AuthenticatedHttpRequest, pk: int, urn: int) -> HttpResponse:
    round_ = _reportable_round(request, pk)
    round_school = round_.schools.select_related("school").filter(school__urn=urn).first()
    if round_school is None:
        raise Http404
    coordinator = request.user.has_perm("moderation.manage_round", round_)
    uploader = round_.people.filter(
        user=request.user, role=RoundPerson.Role.UPLOADER, school=round_school.school
    ).exists()
    if not (coordinator or uploader):
        raise PermissionDenied(_("A school's summary is for its uploaders and the coordinators."))
    result = analysis.round_report(round_, samples=500)
    content = school_summary_pdf(result, round_school.school)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="moderation-{round_.pk}-{round_school.school.urn}.pdf"'
    )
    return response


@require_GET
@login_required
def meeting(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    round_ = _reportable_round(request, pk)
    result = analysis.round_report(round_, samples=200)
    can_record = request.user.has_perm("moderation.manage_round", round_)
    items = [
        (
            row,
            OutcomeForm(
                levels=round_.levels,
                prefix=f"s{row.script.pk}",
                initial=_outcome_initial(row.outcome),
                version=_outcome_version(row.script, row.outcome),
            )
            if can_record
            else None,
        )
        for row in result.rows
    ]
    services.pupil_work_viewed(
        actor=request.user,
        scripts=[r.script for r in result.rows],
        where="meeting agenda",
        request=request,
    )
    return render(
        request,
        "moderation/meeting.html",
        {
            "round": round_,
            "report": result,
            "items": items,
            "can_record": can_record,
        },
    )


def _outcome_initial(outcome: Outcome | None) -> dict[str, Any]:
    return {
        "notes": outcome.notes if outcome else "",
        "decision": outcome.decision if outcome else "",
        "agreed_grade": outcome.agreed_grade if outcome else None,
        "reason": outcome.reason if outcome else "",
    }


def _outcome_version(script: Script, outcome: Outcome | None) -> str:
    """The outcome's edit version; a script not yet discussed has an empty outcome's."""
    return edit_version(outcome or Outcome(script=script), services.OUTCOME_FIELDS)


@require_http_methods(["GET", "POST"])
@login_required
def outcome(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """One script's outcome on a page of its own; the meeting agenda posts here too, and a
    save refused because someone else's came first is shown here beside theirs."""
    script = get_script_for_user(request.user, pk, perm="moderation.record_outcome")
    current = Outcome.objects.filter(script=script).first()
    form = OutcomeForm(
        request.POST or None,
        levels=script.round.levels,
        prefix=f"s{script.pk}",
        initial=_outcome_initial(current),
        version=_outcome_version(script, current),
    )
    back = f"{redirect('moderation:meeting', pk=script.round_id).url}#script-{script.code}"
    status = 200
    if request.method == "POST":
        if not form.is_valid():
            report_form_errors(request, form)
            return redirect(back)
        data = form.cleaned_data
        try:
            services.outcome_record(
                actor=request.user,
                script=script,
                notes=data["notes"],
                decision=data["decision"],
                agreed_grade=data["agreed_grade"],
                reason=data["reason"],
                version=form.version,
            )
        except ValidationError as error:
            report_errors(request, error)
        except EditConflict as conflict:
            form.show_conflict(conflict)
            status = 409
        else:
            messages.success(request, _("Saved for %(code)s.") % {"code": script.code})
        if status == 200:
            return redirect(back)
    return render(
        request,
        "moderation/outcome.html",
        {"script": script, "round": script.round, "form": form, "back": back},
        status=status,
    )
