"""The pair space itself: its page, declining a pair and the head's questions.

Every view finds the pair through its membership first. Meetings and actions are in
pair_meetings, goals, resources and reflections in pair_goals."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinship.core.concurrency import EditConflict, edit_version, form_status, saved
from kinship.core.feedback import apply_errors, report_form_errors
from kinship.core.http import AuthenticatedHttpRequest
from kinship.mentoring import selectors, services
from kinship.mentoring.forms import (
    AnswerForm,
    DeclineForm,
    MoveForm,
    PairActionForm,
    QuestionForm,
    ResourceForm,
)
from kinship.mentoring.models import Pair
from kinship.mentoring.views.access import get_pair_for_user


def _back_to(pair: Pair, anchor: str = "") -> str:
    return f"{pair.get_absolute_url()}{'#' + anchor if anchor else ''}"


def _back(pair: Pair, anchor: str = "") -> HttpResponse:
    return redirect(_back_to(pair, anchor))


def _edit_page(
    request: AuthenticatedHttpRequest,
    form: Form,
    heading: str,
    back: str,
    back_label: str = "",
    status: int = 200,
) -> HttpResponse:
    """The one page for correcting something in the pair space: its form, Save and Cancel.
    `status` is 409 when the save was refused because someone else saved first."""
    return render(
        request,
        "mentoring/edit_form.html",
        {
            "form": form,
            "heading": heading,
            "back": back,
            "back_label": back_label or _("Pair space"),
        },
        status=status,
    )


@require_GET
@login_required
def pair_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    pair = get_pair_for_user(request.user, pk)
    user = request.user
    return render(
        request,
        "mentoring/pair_detail.html",
        {
            "pair": pair,
            "space": selectors.pair_space(pair),
            "profiles": selectors.pair_profiles(pair),
            "is_head": pair.mentee.user_id == user.pk,
            "other": pair.coach.user if pair.mentee.user_id == user.pk else pair.mentee.user,
            "can_change": user.has_perm("mentoring.change_pair", pair),
            "can_keep_questions": user.has_perm("mentoring.keep_questions", pair),
            "can_share": user.has_perm("mentoring.share_resources", pair),
            "question_form": QuestionForm(),
            "action_form": PairActionForm(pair=pair),
            "resource_form": ResourceForm(),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def pair_decline(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    pair = get_pair_for_user(request.user, pk, perm="mentoring.decline_pair")
    form = DeclineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.pair_decline(actor=request.user, pair=pair, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.info(request, _("Declined. The coordinators will propose another pairing."))
            return redirect("mentoring:home")
    return render(request, "mentoring/pair_decline.html", {"pair": pair, "form": form})


@require_POST
@login_required
def question_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    pair = get_pair_for_user(request.user, pk, perm="mentoring.keep_questions")
    form = QuestionForm(request.POST)
    if not form.is_valid():
        report_form_errors(request, form)
        return _back(pair, "questions")
    services.question_add(actor=request.user, pair=pair, **form.cleaned_data)
    messages.success(request, _("Added to your questions."))
    return _back(pair, "questions")


@require_http_methods(["GET", "POST"])
@login_required
def question_edit(request: AuthenticatedHttpRequest, pk: int, question_id: int) -> HttpResponse:
    pair = get_pair_for_user(request.user, pk, perm="mentoring.keep_questions")
    question = get_object_or_404(pair.questions, pk=question_id)
    form = QuestionForm(
        request.POST or None,
        initial={"text": question.text, "tags": question.tags},
        version=edit_version(question, services.QUESTION_EDIT_FIELDS),
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.question_update(
                actor=request.user, question=question, version=form.version, **form.cleaned_data
            )
        except EditConflict as conflict:
            form.show_conflict(conflict)
            status = 409
        else:
            messages.success(request, _("Question saved."))
            return _back(pair, "questions")
    back = _back_to(pair, "questions")
    return _edit_page(request, form, _("Edit a question"), back, status=status)


@require_POST
@login_required
def question_move(request: AuthenticatedHttpRequest, pk: int, question_id: int) -> HttpResponse:
    pair = get_pair_for_user(request.user, pk, perm="mentoring.keep_questions")
    question = get_object_or_404(pair.questions, pk=question_id, answered_at__isnull=True)
    form = MoveForm(request.POST)
    if form.is_valid():
        services.question_move(
            actor=request.user, question=question, direction=form.cleaned_data["direction"]
        )
    else:
        report_form_errors(request, form)
    return _back(pair, f"question-{question.pk}")


@require_http_methods(["GET", "POST"])
@login_required
def question_answer(request: AuthenticatedHttpRequest, pk: int, question_id: int) -> HttpResponse:
    """Tick a question off: posted from the meeting or the pair space, or from a page of its
    own, which is also where a refused stale answer shows the other person's."""
    pair = get_pair_for_user(request.user, pk, perm="mentoring.change_pair")
    question = get_object_or_404(pair.questions, pk=question_id)
    version = edit_version(question, services.QUESTION_ANSWER_FIELDS)
    form = AnswerForm(request.POST or None, pair=pair, version=version)
    # An answered question has no answer form; only a save from a form shown while it was
    # open gets as far as the service, which refuses it with the answer given meanwhile.
    if question.answered_at is not None and (request.method == "GET" or form.version is None):
        raise Http404
    back = _back_to(pair, "questions")
    if request.method == "POST":
        if not form.is_valid():
            if form.version is None:  # the inline forms of the meeting and pair pages
                report_form_errors(request, form)
                return _back(pair, "questions")
        else:
            meeting = form.cleaned_data["meeting"]
            if saved(
                form,
                lambda: services.question_answer(
                    actor=request.user,
                    question=question,
                    answer=form.cleaned_data["answer"],
                    meeting=meeting,
                    version=form.version,
                ),
            ):
                messages.success(request, _("Ticked off."))
                if meeting is not None:
                    return redirect(f"{meeting.get_absolute_url()}#agenda")
                return redirect(back)
    return _edit_page(request, form, _("Tick off a question"), back, status=form_status(form))


@require_POST
@login_required
def question_reopen(request: AuthenticatedHttpRequest, pk: int, question_id: int) -> HttpResponse:
    pair = get_pair_for_user(request.user, pk, perm="mentoring.change_pair")
    question = get_object_or_404(pair.questions, pk=question_id, answered_at__isnull=False)
    services.question_reopen(actor=request.user, question=question)
    messages.info(request, _("Back on the list."))
    return _back(pair, "questions")


@require_POST
@login_required
def question_delete(request: AuthenticatedHttpRequest, pk: int, question_id: int) -> HttpResponse:
    pair = get_pair_for_user(request.user, pk, perm="mentoring.keep_questions")
    question = get_object_or_404(pair.questions, pk=question_id)
    services.question_delete(actor=request.user, question=question)
    messages.info(request, _("Question deleted."))
    return _back(pair, "questions")
