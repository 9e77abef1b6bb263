"""The pair's meetings, with their notes, calendar invitations and the actions agreed at them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinship.core.concurrency import edit_version, form_status, saved
from kinship.core.feedback import apply_errors, report_errors, report_form_errors
from kinship.core.http import AuthenticatedHttpRequest
from kinship.meetings.ics import Method, build_calendar
from kinship.mentoring import emails, selectors, services
from kinship.mentoring.forms import (
    DoneForm,
    MeetingForm,
    MeetingNotesForm,
    PairActionForm,
)
from kinship.mentoring.models import Pair, PairAction, PairMeeting
from kinship.mentoring.views.access import get_pair_for_user
from kinship.mentoring.views.pairs import _back, _back_to, _edit_page


def _meeting(pair: Pair, meeting_id: int) -> PairMeeting:
    return get_object_or_404(pair.meetings.select_related("created_by"), pk=meeting_id)


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
            "location": emails.pair_meeting_location(meeting),
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
    if (
        request.method == "POST"
        and form.is_valid()
        and saved(
            form,
            lambda: services.meeting_update(
                actor=request.user, meeting=meeting, version=form.version, **form.to_values()
            ),
        )
    ):
        messages.success(
            request, _("Saved; if the time or place changed, you both have an update.")
        )
        return redirect(meeting)
    return render(
        request,
        "mentoring/meeting_form.html",
        {"pair": pair, "form": form, "meeting": meeting},
        status=form_status(form),
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
    if (
        request.method == "POST"
        and form.is_valid()
        and saved(
            form,
            lambda: services.meeting_record(
                actor=request.user, meeting=meeting, version=form.version, **form.cleaned_data
            ),
        )
    ):
        messages.success(request, _("Notes saved."))
        return redirect(f"{meeting.get_absolute_url()}#notes")
    return render(
        request,
        "mentoring/meeting_notes.html",
        {"pair": pair, "meeting": meeting, "form": form},
        status=form_status(form),
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
        [emails.pair_meeting_event(meeting)],
        method=Method.PUBLISH,
        name=emails.pair_meeting_title(meeting),
        prodid=emails.PRODID,
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
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in ("text", "owner", "due")}
        if saved(
            form,
            lambda: services.action_update(
                actor=request.user, action=action, version=form.version, **data
            ),
        ):
            messages.success(request, _("Action saved."))
            return redirect(_actions_page(pair, action))
    back = _actions_page(pair, action)
    return _edit_page(request, form, _("Edit an action"), back, status=form_status(form))


@require_POST
@login_required
def action_delete(request: AuthenticatedHttpRequest, pk: int, action_id: int) -> HttpResponse:
    pair = get_pair_for_user(request.user, pk, perm="mentoring.change_pair")
    action = get_object_or_404(pair.actions, pk=action_id)
    back = _actions_page(pair, action)
    services.action_delete(actor=request.user, action=action)
    messages.info(request, _("Action deleted."))
    return redirect(back)
