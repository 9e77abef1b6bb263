"""A head's answer to a proposed change of the school's term dates, and the family's common
INSET days a coordinator proposes (issue 18)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinship.accounts.models import User
from kinship.core.feedback import apply_errors, report_errors, report_form_errors
from kinship.core.http import AuthenticatedHttpRequest
from kinship.core.templatetags.kinship import format_uk_date
from kinship.families.views import get_family_for_user
from kinship.schools.term_dates import academic_year_of
from kinship.visits.forms.visits import CommonDayAnswerForm, CommonDayForm, ProposalAnswerForm
from kinship.visits.models import TermDateProposal
from kinship.visits.selectors.proposals import common_day_answers
from kinship.visits.services import common_days, proposals


def get_proposal_for_user(user: User, pk: int, *, perm: str) -> TermDateProposal:
    proposal = (
        TermDateProposal.objects.select_related(
            "school", "family", "plan", "proposed_by", "decided_by"
        )
        .filter(pk=pk)
        .first()
    )
    if proposal is None or not user.has_perm("visits.view_proposal", proposal):
        raise Http404
    if perm != "visits.view_proposal" and not user.has_perm(perm, proposal):
        if not proposal.is_pending:
            raise PermissionDenied(_("This change has already been answered."))
        raise PermissionDenied(_("Only the school's head or leads answer for its term dates."))
    return proposal


def _answer_form(proposal: TermDateProposal, data: object = None) -> ProposalAnswerForm:
    if proposal.common_day is None or not proposal.is_pending:
        return ProposalAnswerForm(data)
    try:
        own, undecided = common_days.giving_way_choices(proposal)
    except ValidationError:
        own, undecided = [], False
    return CommonDayAnswerForm(data, own=own, undecided=undecided)


@require_GET
@login_required
def proposal_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    proposal = get_proposal_for_user(request.user, pk, perm="visits.view_proposal")
    about = proposal.plan.window_start if proposal.plan else proposal.common_day
    context = {
        "proposal": proposal,
        "can_answer": request.user.has_perm("visits.answer_proposal", proposal),
        "form": _answer_form(proposal),
        "year": academic_year_of(about or proposal.respond_by),
    }
    return render(request, "visits/proposal_detail.html", context)


@require_POST
@login_required
def proposal_answer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    proposal = get_proposal_for_user(request.user, pk, perm="visits.answer_proposal")
    form = _answer_form(proposal, request.POST)
    if not form.is_valid():
        report_form_errors(request, form)
        return redirect("visits:proposal_detail", pk=proposal.pk)
    accept = form.cleaned_data["decision"] == "accept"
    warnings: list[str] = []
    try:
        if accept and proposal.common_day is not None:
            warnings = common_days.common_day_accept(
                actor=request.user, proposal=proposal, gives_way=form.cleaned_data["gives_way"]
            )
        elif accept:
            warnings = proposals.proposal_accept(actor=request.user, proposal=proposal)
        else:
            proposals.proposal_decline(
                actor=request.user, proposal=proposal, reason=form.cleaned_data["reason"]
            )
    except ValidationError as error:
        report_errors(request, error)
        return redirect("visits:proposal_detail", pk=proposal.pk)
    school = proposal.school.name
    if accept:
        messages.success(
            request,
            _("Accepted: %(school)s's term dates have changed, and its staff have been told.")
            % {"school": school},
        )
        for warning in warnings:
            messages.warning(request, warning)
    else:
        messages.success(
            request,
            _("Declined: nothing changes at %(school)s, and the coordinators have been told.")
            % {"school": school},
        )
    return redirect("visits:proposal_detail", pk=proposal.pk)


@require_http_methods(["GET", "POST"])
@login_required
def common_day_list(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """The family's proposed common INSET days with each school's answer, and a form for a
    new one."""
    family = get_family_for_user(request.user, slug, perm="visits.propose_common_day")
    today = timezone.localdate()
    form = CommonDayForm(
        request.POST or None, initial={"respond_by": today + proposals.ANSWER_WITHIN}
    )
    if request.method == "POST" and form.is_valid():
        try:
            found = common_days.common_day_propose(
                actor=request.user,
                family=family,
                day=form.cleaned_data["day"],
                respond_by=form.cleaned_data["respond_by"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            count = len(found.asking)
            if count:
                messages.success(
                    request,
                    ngettext(
                        "Proposed: %(count)d school's head has been asked.",
                        "Proposed: %(count)d schools' heads have been asked.",
                        count,
                    )
                    % {"count": count},
                )
            else:
                messages.info(
                    request,
                    _("Nothing to ask: %(day)s is already an INSET day at every school.")
                    % {"day": format_uk_date(found.day)},
                )
            return redirect("visits:common_day_list", slug=family.slug)
    context = {"family": family, "form": form, "answers": common_day_answers(family)}
    return render(request, "visits/common_day_list.html", context)
