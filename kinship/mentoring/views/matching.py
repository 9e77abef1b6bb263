"""The coordinator's matching page: run the matcher (a background task, with progress),
review the proposals (lock, swap, choose a coach), publish."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kinship.core.feedback import report_errors, report_form_errors
from kinship.core.http import AuthenticatedHttpRequest
from kinship.mentoring import selectors, services
from kinship.mentoring.forms import ProposeForm, SwapForm
from kinship.mentoring.models import MatchingRun, Pair, Participant
from kinship.mentoring.views.access import get_programme_for_user, get_proposal_for_user


@require_GET
@login_required
def matching(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    programme = get_programme_for_user(request.user, pk, perm="mentoring.manage_programme")
    pairs = list(selectors.pairs_for_review(programme))
    paired = {pair.mentee_id for pair in pairs}
    accepted = selectors.participants_of(programme).filter(status=Participant.Status.ACCEPTED)
    coaches = [p for p in accepted if p.role == Participant.Role.COACH]
    load = {coach.pk: sum(1 for pair in pairs if pair.coach_id == coach.pk) for coach in coaches}
    return render(
        request,
        "mentoring/matching.html",
        {
            "programme": programme,
            "run": selectors.latest_run(programme),
            "proposed": [pair for pair in pairs if pair.status == Pair.Status.PROPOSED],
            "published": [pair for pair in pairs if pair.status == Pair.Status.PUBLISHED],
            "unmatched": [
                p for p in accepted if p.role == Participant.Role.MENTEE and p.pk not in paired
            ],
            "coaches": [(coach, load[coach.pk]) for coach in coaches],
            "declined": selectors.declined_pairs(programme)[:20],
        },
    )


@require_POST
@login_required
def matching_run(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    programme = get_programme_for_user(request.user, pk, perm="mentoring.manage_programme")
    try:
        services.matching_run_start(actor=request.user, programme=programme)
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.info(request, _("Matching has started: this page shows its progress."))
    return redirect("mentoring:matching", programme.pk)


@require_GET
@login_required
def run_progress(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The progress box alone, which the matching page polls (htmx) until the run ends."""
    run = MatchingRun.objects.select_related("programme").filter(pk=pk).first()
    if run is None:
        raise Http404
    get_programme_for_user(request.user, run.programme_id, perm="mentoring.manage_programme")
    response = render(
        request, "mentoring/_run_progress.html", {"run": run, "programme": run.programme}
    )
    if run.is_finished and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"  # show the new proposals
    return response


@require_POST
@login_required
def matching_publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    programme = get_programme_for_user(request.user, pk, perm="mentoring.manage_programme")
    try:
        count = services.matching_publish(actor=request.user, programme=programme)
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(
            request,
            _("Published %(count)d pair(s): each head and coach has been told.") % {"count": count},
        )
    return redirect("mentoring:matching", programme.pk)


@require_POST
@login_required
def pair_swap(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    programme = get_programme_for_user(request.user, pk, perm="mentoring.manage_programme")
    form = SwapForm(request.POST, pairs=programme.pairs.filter(status=Pair.Status.PROPOSED))
    if not form.is_valid():
        report_form_errors(request, form)
        return redirect("mentoring:matching", programme.pk)
    try:
        services.pair_swap(actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(request, _("Coaches swapped."))
    return redirect("mentoring:matching", programme.pk)


@require_POST
@login_required
def pair_propose(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    programme = get_programme_for_user(request.user, pk, perm="mentoring.manage_programme")
    form = ProposeForm(request.POST, programme=programme)
    if not form.is_valid():
        report_form_errors(request, form)
        return redirect("mentoring:matching", programme.pk)
    try:
        pair = services.pair_propose(actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(
            request,
            _("%(head)s is proposed to %(coach)s, and locked.")
            % {"head": pair.mentee.user, "coach": pair.coach.user},
        )
    return redirect("mentoring:matching", programme.pk)


@require_POST
@login_required
def pair_lock(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    pair = get_proposal_for_user(request.user, pk)
    locked = request.POST.get("locked", "1") == "1"
    try:
        services.pair_lock(actor=request.user, pair=pair, locked=locked)
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(
            request, _("Locked: matching again keeps this pair.") if locked else _("Unlocked.")
        )
    return redirect("mentoring:matching", pair.programme_id)
