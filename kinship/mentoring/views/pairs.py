"""The pair space: the head's questions, meetings with their notes and actions, goals,
resources and reflections. Every view finds the pair through its membership first."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinship.core.concurrency import EditConflict, edit_version
from kinship.core.feedback import apply_errors, report_errors, report_form_errors
from kinship.core.http import AuthenticatedHttpRequest
from kinship.meetings.ics import Method, build_calendar
from kinship.mentoring import notifications, selectors, services
from kinship.mentoring.forms import (
    AnswerForm,
    DeclineForm,
    DoneForm,
    GoalForm,
    GoalProgressForm,
    MeetingForm,
    MeetingNotesForm,
    MoveForm,
    PairActionForm,
    QuestionForm,
    ReflectionForm,
    ResourceForm,
)
from kinship.mentoring.models import Pair, PairAction, PairMeeting, Reflection
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


def _meeting(pair: Pair, meeting_id: int) -> PairMeeting:
    return get_object_or_404(pair.meetings.select_related("created_by"), pk=meeting_id)


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
    status = 200
    if request.method == "POST":
        if not form.is_valid():
            if form.version is None:  # the inline forms of the meeting and pair pages
                report_form_errors(request, form)
                return _back(pair, "questions")
        else:
            meeting = form.cleaned_data["meeting"]
            try:
                services.question_answer(
                    actor=request.user, question=question, answer=form.cleaned_data["answer"],
                    meeting=meeting, version=form.version,
                )  # fmt: skip
            except ValidationError as error:
                apply_errors(form, error)
            except EditConflict as conflict:
                form.show_conflict(conflict)
                status = 409
            else:
                messages.success(request, _("Ticked off."))
                if meeting is not None:
                    return redirect(f"{meeting.get_absolute_url()}#agenda")
                return redirect(back)
    return _edit_page(request, form, _("Tick off a question"), back, status=status)


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


@require_http_methods(["GET", "POST"])
@login_required
def meeting_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    pair = get_pair_for_user(request.user, pk, perm="mentoring.change_pair")
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_schedule(actor=request.user, pair=pair, **form.to_values())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Booked: you both have a calendar invitation."))
            return redirect(meeting)
    return render(request, "mentoring/meeting_form.html", {"pair": pair, "form": form})


@require_GET
@login_required
def meeting_detail(request: AuthenticatedHttpRequest, pk: int, meeting_id: int) -> HttpResponse:
    pair = get_pair_for_user(request.user, pk)
    meeting = _meeting(pair, meeting_id)
    agenda = selectors.meeting_agenda(meeting)
    for question in agenda:  # each answer form carries its question's version
        question.answer_version = edit_version(question, services.QUESTION_ANSWER_FIELDS)  # type: ignore[attr-defined]
    return render(
        request,
        "mentoring/meeting_detail.html",
        {
            "pair": pair,
            "meeting": meeting,
            "agenda": agenda,
            "actions": meeting.actions.select_related("owner"),
            "can_change": request.user.has_perm("mentoring.change_pair", pair),
            "action_form": PairActionForm(pair=pair, initial={"meeting": meeting.pk}),
            "location": notifications.pair_meeting_location(meeting),
            "now": timezone.now(),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def meeting_edit(request: AuthenticatedHttpRequest, pk: int, meeting_id: int) -> HttpResponse:
    pair = get_pair_for_user(request.user, pk, perm="mentoring.change_pair")
    meeting = _meeting(pair, meeting_id)
    form = MeetingForm(
        request.POST or None,
        initial=MeetingForm.initial_from(meeting),
        version=edit_version(meeting, services.MEETING_EDIT_FIELDS),
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(
                actor=request.user, meeting=meeting, version=form.version, **form.to_values()
            )
        except ValidationError as error:
            apply_errors(form, error)
        except EditConflict as conflict:
            form.show_conflict(conflict)
            status = 409
        else:
            messages.success(
                request, _("Saved; if the time or place changed, you both have an update.")
            )
            return redirect(meeting)
    return render(
        request,
        "mentoring/meeting_form.html",
        {"pair": pair, "form": form, "meeting": meeting},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@login_required
def meeting_notes(request: AuthenticatedHttpRequest, pk: int, meeting_id: int) -> HttpResponse:
    pair = get_pair_for_user(request.user, pk, perm="mentoring.change_pair")
    meeting = _meeting(pair, meeting_id)
    form = MeetingNotesForm(
        request.POST or None,
        initial={"notes": meeting.notes, "held": True},
        version=edit_version(meeting, services.MEETING_NOTES_FIELDS),
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_record(
                actor=request.user, meeting=meeting, version=form.version, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        except EditConflict as conflict:
            form.show_conflict(conflict)
            status = 409
        else:
            messages.success(request, _("Notes saved."))
            return redirect(f"{meeting.get_absolute_url()}#notes")
    return render(
        request,
        "mentoring/meeting_notes.html",
        {"pair": pair, "meeting": meeting, "form": form},
        status=status,
    )


@require_POST
@login_required
def meeting_cancel(request: AuthenticatedHttpRequest, pk: int, meeting_id: int) -> HttpResponse:
    pair = get_pair_for_user(request.user, pk, perm="mentoring.change_pair")
    meeting = _meeting(pair, meeting_id)
    try:
        services.meeting_cancel(actor=request.user, meeting=meeting)
    except ValidationError as error:
        report_errors(request, error)
        return redirect(meeting)
    messages.info(request, _("Cancelled; you both have been sent the cancellation."))
    return _back(pair, "meetings")


@require_GET
@login_required
def meeting_ics(request: AuthenticatedHttpRequest, pk: int, meeting_id: int) -> HttpResponse:
    pair = get_pair_for_user(request.user, pk)
    meeting = _meeting(pair, meeting_id)
    calendar = build_calendar(
        [notifications.pair_meeting_event(meeting)],
        method=Method.PUBLISH,
        name=notifications.pair_meeting_title(meeting),
        prodid=notifications.PRODID,
    )
    response = HttpResponse(calendar, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="coaching-{meeting.pk}.ics"'
    return response


@require_POST
@login_required
def action_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    pair = get_pair_for_user(request.user, pk, perm="mentoring.change_pair")
    form = PairActionForm(request.POST, pair=pair)
    if not form.is_valid():
        report_form_errors(request, form)
        return _back(pair, "actions")
    try:
        action = services.action_add(actor=request.user, pair=pair, **form.cleaned_data)
    except ValidationError as error:
        report_errors(request, error)
        return _back(pair, "actions")
    messages.success(request, _("Action recorded."))
    if action.meeting is not None:
        return redirect(f"{action.meeting.get_absolute_url()}#actions")
    return _back(pair, "actions")


@require_POST
@login_required
def action_done(request: AuthenticatedHttpRequest, pk: int, action_id: int) -> HttpResponse:
    pair = get_pair_for_user(request.user, pk, perm="mentoring.change_pair")
    action = get_object_or_404(pair.actions, pk=action_id)
    form = DoneForm(request.POST or {"done": "1"})
    done = form.cleaned_data["done"] if form.is_valid() else True
    services.action_set_done(actor=request.user, action=action, done=done)
    messages.success(request, _("Marked done.") if done else _("Reopened."))
    return _back(pair, "actions")


def _actions_page(pair: Pair, action: PairAction) -> str:
    """Where an action is listed: its meeting's page, or the pair space."""
    if action.meeting_id is not None:
        return reverse("mentoring:meeting_detail", args=[pair.pk, action.meeting_id]) + "#actions"
    return _back_to(pair, "actions")


@require_http_methods(["GET", "POST"])
@login_required
def action_edit(request: AuthenticatedHttpRequest, pk: int, action_id: int) -> HttpResponse:
    pair = get_pair_for_user(request.user, pk, perm="mentoring.change_pair")
    action = get_object_or_404(pair.actions, pk=action_id)
    initial = {"text": action.text, "owner": action.owner_id, "due": action.due}
    form = PairActionForm(
        request.POST or None,
        pair=pair,
        initial=initial,
        version=edit_version(action, services.ACTION_EDIT_FIELDS),
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in ("text", "owner", "due")}
        try:
            services.action_update(actor=request.user, action=action, version=form.version, **data)
        except ValidationError as error:
            apply_errors(form, error)
        except EditConflict as conflict:
            form.show_conflict(conflict)
            status = 409
        else:
            messages.success(request, _("Action saved."))
            return redirect(_actions_page(pair, action))
    back = _actions_page(pair, action)
    return _edit_page(request, form, _("Edit an action"), back, status=status)


@require_POST
@login_required
def action_delete(request: AuthenticatedHttpRequest, pk: int, action_id: int) -> HttpResponse:
    pair = get_pair_for_user(request.user, pk, perm="mentoring.change_pair")
    action = get_object_or_404(pair.actions, pk=action_id)
    back = _actions_page(pair, action)
    services.action_delete(actor=request.user, action=action)
    messages.info(request, _("Action deleted."))
    return redirect(back)


@require_http_methods(["GET", "POST"])
@login_required
def goals(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    pair = get_pair_for_user(request.user, pk)
    form = GoalForm(request.POST or None)
    if request.method == "POST":
        pair = get_pair_for_user(request.user, pk, perm="mentoring.change_pair")
        if form.is_valid():
            services.goal_add(actor=request.user, pair=pair, **form.cleaned_data)
            messages.success(request, _("Goal added."))
            return redirect("mentoring:goals", pair.pk)
    goals = selectors.pair_space(pair).goals
    for goal in goals:  # each progress form carries its goal's version
        goal.progress_version = edit_version(goal, services.GOAL_PROGRESS_FIELDS)  # type: ignore[attr-defined]
    return render(
        request,
        "mentoring/goals.html",
        {
            "pair": pair,
            "goals": goals,
            "form": form,
            "progress_form": GoalProgressForm(),
            "can_change": request.user.has_perm("mentoring.change_pair", pair),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def goal_progress(request: AuthenticatedHttpRequest, pk: int, goal_id: int) -> HttpResponse:
    """A progress note and where the goal stands: posted from the goals page, or from a page
    of its own, which is also where a refused stale save shows the other person's change."""
    pair = get_pair_for_user(request.user, pk, perm="mentoring.change_pair")
    goal = get_object_or_404(pair.goals, pk=goal_id)
    back = f"{reverse('mentoring:goals', args=[pair.pk])}#goal-{goal.pk}"
    version = edit_version(goal, services.GOAL_PROGRESS_FIELDS)
    form = GoalProgressForm(request.POST or None, initial={"status": goal.status}, version=version)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_progress(
                actor=request.user, goal=goal, version=form.version, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        except EditConflict as conflict:
            form.show_conflict(conflict)
            status = 409
        else:
            messages.success(request, _("Progress noted."))
            return redirect(back)
    return _edit_page(request, form, _("Note progress on a goal"), back, _("Goals"), status)


@require_http_methods(["GET", "POST"])
@login_required
def goal_edit(request: AuthenticatedHttpRequest, pk: int, goal_id: int) -> HttpResponse:
    pair = get_pair_for_user(request.user, pk, perm="mentoring.change_pair")
    goal = get_object_or_404(pair.goals, pk=goal_id)
    back = f"{reverse('mentoring:goals', args=[pair.pk])}#goal-{goal.pk}"
    form = GoalForm(
        request.POST or None,
        initial={"title": goal.title, "detail": goal.detail},
        version=edit_version(goal, services.GOAL_EDIT_FIELDS),
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_update(
                actor=request.user, goal=goal, version=form.version, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        except EditConflict as conflict:
            form.show_conflict(conflict)
            status = 409
        else:
            messages.success(request, _("Goal saved."))
            return redirect(back)
    return _edit_page(request, form, _("Edit a goal"), back, _("Goals"), status)


@require_POST
@login_required
def goal_delete(request: AuthenticatedHttpRequest, pk: int, goal_id: int) -> HttpResponse:
    pair = get_pair_for_user(request.user, pk, perm="mentoring.change_pair")
    goal = get_object_or_404(pair.goals, pk=goal_id)
    services.goal_delete(actor=request.user, goal=goal)
    messages.info(request, _("Goal removed."))
    return redirect("mentoring:goals", pair.pk)


@require_POST
@login_required
def resource_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    pair = get_pair_for_user(request.user, pk, perm="mentoring.share_resources")
    form = ResourceForm(request.POST, request.FILES)
    if not form.is_valid():
        report_form_errors(request, form)
        return _back(pair, "resources")
    try:
        services.resource_share(actor=request.user, pair=pair, **form.cleaned_data)
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(request, _("Shared with your head."))
    return _back(pair, "resources")


@require_POST
@login_required
def resource_remove(request: AuthenticatedHttpRequest, pk: int, resource_id: int) -> HttpResponse:
    pair = get_pair_for_user(request.user, pk, perm="mentoring.share_resources")
    resource = get_object_or_404(pair.resources, pk=resource_id)
    services.resource_remove(actor=request.user, resource=resource)
    messages.info(request, _("Removed, with its file."))
    return _back(pair, "resources")


@require_GET
@login_required
def resource_download(request: AuthenticatedHttpRequest, pk: int, resource_id: int) -> FileResponse:
    """A file the coach shared, for the pair alone: never a public media address."""
    pair = get_pair_for_user(request.user, pk)
    resource = get_object_or_404(pair.resources.exclude(file=""), pk=resource_id)
    response = FileResponse(
        resource.file.open("rb"),
        as_attachment=True,
        filename=resource.file_name or "resource",
        content_type=resource.content_type or "application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
@login_required
def reflection(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    pair = get_pair_for_user(request.user, pk)
    reflections = list(pair.reflections.select_related("author"))
    mine = next((r for r in reflections if r.author_id == request.user.pk), None)
    shown = mine or Reflection(pair=pair, author=request.user)  # none yet: an empty one
    form = ReflectionForm(
        request.POST or None,
        initial={"text": mine.text} if mine else {},
        version=edit_version(shown, services.REFLECTION_FIELDS),
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.reflection_save(
                actor=request.user, pair=pair, text=form.cleaned_data["text"],
                version=form.version,
            )  # fmt: skip
        except EditConflict as conflict:
            form.show_conflict(conflict)
            status = 409
        else:
            messages.success(request, _("Your reflection is saved."))
            return redirect("mentoring:reflection", pair.pk)
    return render(
        request,
        "mentoring/reflection.html",
        {"pair": pair, "reflections": reflections, "form": form},
        status=status,
    )
