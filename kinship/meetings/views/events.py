"""An event's page: replies, the register, the agenda, minutes, actions and its .ics file."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinship.core.concurrency import EditConflict, edit_version
from kinship.core.feedback import report_errors, report_form_errors
from kinship.core.http import AuthenticatedHttpRequest
from kinship.meetings import emails, selectors, services
from kinship.meetings.forms import (
    ActionForm,
    AgendaItemForm,
    AttendanceForm,
    EditScopeForm,
    MinutesForm,
    RsvpForm,
)
from kinship.meetings.models import Action, AgendaItem, Event, Rsvp
from kinship.meetings.views.access import fail, get_event_for_user


@require_GET
@login_required
def event_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = get_event_for_user(request.user, pk)
    user = request.user
    replies = list(event.rsvps.select_related("user").order_by("responded_at", "pk"))
    mine = next((reply for reply in replies if reply.user_id == user.pk), None)
    can_manage = user.has_perm("meetings.change_series", event.series)
    people = selectors.invitees(event.series)
    return render(
        request,
        "meetings/event_detail.html",
        {
            "event": event,
            "series": event.series,
            "going": [r for r in replies if r.status == Rsvp.Status.GOING],
            "waiting": [r for r in replies if r.status == Rsvp.Status.WAITING],
            "declined": [r for r in replies if r.status == Rsvp.Status.DECLINED],
            "mine": mine,
            "can_reply": user.has_perm("meetings.reply_to_series", event.series),
            "can_propose": user.has_perm("meetings.propose_agenda_item", event.series),
            "can_manage": can_manage,
            "agenda": event.agenda_items.select_related("proposer"),
            "actions": event.actions.select_related("owner"),
            "agenda_form": AgendaItemForm(),
            "action_form": ActionForm(people=people) if can_manage else None,
            "scope_form": EditScopeForm(),
            "location": emails.location_of(event),
            "now": timezone.now(),
        },
    )


@require_POST
@login_required
def event_rsvp(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = get_event_for_user(request.user, pk, perm="meetings.reply_to_series")
    form = RsvpForm(request.POST)
    if not form.is_valid():
        report_form_errors(request, form)
        return redirect(event)
    try:
        reply = services.rsvp_set(
            user=request.user, event=event, status=form.cleaned_data["status"]
        )
    except ValidationError as error:
        report_errors(request, error)
        return redirect(event)
    if reply.status == Rsvp.Status.WAITING:
        messages.info(request, _("The event is full: you are on the waiting list."))
    elif reply.status == Rsvp.Status.GOING:
        messages.success(request, _("You are going."))
    else:
        messages.success(request, _("Thank you: you are down as not going."))
    return redirect(event)


@require_http_methods(["GET", "POST"])
@login_required
def event_attendance(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = get_event_for_user(request.user, pk, perm="meetings.change_series")
    people = selectors.invitees(event.series)
    attended = list(event.rsvps.filter(attended=True).values_list("user_id", flat=True))
    going = list(event.rsvps.filter(status=Rsvp.Status.GOING).values_list("user_id", flat=True))
    form = AttendanceForm(
        request.POST or None, people=people, initial={"present": attended or going}
    )
    if request.method == "POST" and form.is_valid():
        count = services.attendance_record(
            actor=request.user, event=event, present=form.cleaned_data["present"]
        )
        messages.success(request, _("Register saved: %(count)d present.") % {"count": count})
        return redirect(event)
    return render(request, "meetings/attendance.html", {"event": event, "form": form})


@require_POST
@login_required
def agenda_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = get_event_for_user(request.user, pk, perm="meetings.propose_agenda_item")
    form = AgendaItemForm(request.POST)
    if not form.is_valid():
        report_form_errors(request, form)
        return redirect(event)
    try:
        services.agenda_item_add(actor=request.user, event=event, **form.cleaned_data)
    except ValidationError as error:
        report_errors(request, error)
        return redirect(event)
    messages.success(request, _("Added to the agenda."))
    return redirect(f"{event.get_absolute_url()}#agenda")


@require_POST
@login_required
def agenda_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = AgendaItem.objects.select_related("event", "event__series").filter(pk=pk).first()
    if item is None or not request.user.has_perm("meetings.view_series", item.event.series):
        raise Http404
    own = item.proposer_id == request.user.pk
    if not own and not request.user.has_perm("meetings.change_series", item.event.series):
        raise fail(_("Only whoever proposed an item, or the organiser, can take it off."))
    services.agenda_item_remove(actor=request.user, item=item)
    messages.success(request, _("Taken off the agenda."))
    return redirect(f"{item.event.get_absolute_url()}#agenda")


@require_http_methods(["GET", "POST"])
@login_required
def minutes_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = get_event_for_user(request.user, pk, perm="meetings.change_series")
    version = edit_version(event, services.MINUTES_EDIT_FIELDS)
    form = MinutesForm(request.POST or None, initial={"minutes": event.minutes}, version=version)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.minutes_save(
                actor=request.user, event=event, text=form.cleaned_data["minutes"],
                version=form.version,
            )  # fmt: skip
        except EditConflict as conflict:
            form.show_conflict(conflict)
            status = 409
        else:
            messages.success(
                request, _("Minutes saved. The earlier minutes are kept in their history.")
            )
            return redirect(f"{event.get_absolute_url()}#minutes")
    return render(
        request, "meetings/minutes_form.html", {"event": event, "form": form}, status=status
    )


@require_POST
@login_required
def action_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = get_event_for_user(request.user, pk, perm="meetings.change_series")
    form = ActionForm(request.POST, people=selectors.invitees(event.series))
    if not form.is_valid():
        report_form_errors(request, form)
        return redirect(f"{event.get_absolute_url()}#actions")
    try:
        services.action_add(actor=request.user, event=event, **form.cleaned_data)
    except ValidationError as error:
        report_errors(request, error)
        return redirect(f"{event.get_absolute_url()}#actions")
    messages.success(request, _("Action recorded: it is on its owner's dashboard until done."))
    return redirect(f"{event.get_absolute_url()}#actions")


@require_POST
@login_required
def action_done(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    action = Action.objects.select_related("event", "event__series").filter(pk=pk).first()
    visible = action is not None and (
        action.owner_id == request.user.pk
        or request.user.has_perm("meetings.view_series", action.event.series)
    )
    if action is None or not visible:
        raise Http404
    if not request.user.has_perm("meetings.complete_action", action):
        raise fail(_("Only the action's owner or the meeting's organiser can tick it off."))
    done = request.POST.get("done", "1") != "0"
    services.action_set_done(actor=request.user, action=action, done=done)
    messages.success(request, _("Marked done.") if done else _("Reopened."))
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return redirect(next_url)
    return redirect(f"{action.event.get_absolute_url()}#actions")


@require_GET
@login_required
def event_ics(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = get_event_for_user(request.user, pk)
    calendar = emails.feed_calendar(request.user, Event.objects.filter(pk=event.pk))
    response = HttpResponse(calendar, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kinship-event-{event.pk}.ics"'
    return response
