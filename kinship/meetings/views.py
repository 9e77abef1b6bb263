"""Event pages: calendars, setting up a series, an event's page, meeting records, polls.

Thin: find the object the user may see (404 otherwise), check the permission (403 with a
message), hand the form to a service, render.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinship.accounts.models import User
from kinship.core.concurrency import EditConflict, edit_version
from kinship.core.feedback import apply_errors, report_errors, report_form_errors
from kinship.core.http import AuthenticatedHttpRequest
from kinship.families.models import Family
from kinship.families.views import get_family_for_user
from kinship.meetings import notifications, recurrence, selectors, services
from kinship.meetings.forms import (
    ActionForm,
    AgendaItemForm,
    AttendanceForm,
    CalendarSettingsForm,
    EditScopeForm,
    MinutesForm,
    PollCloseForm,
    PollForm,
    RsvpForm,
    SeriesForm,
    family_schools,
    initial_from_series,
)
from kinship.meetings.models import (
    Action,
    AgendaItem,
    Audience,
    CalendarSettings,
    DatePoll,
    Event,
    EventKind,
    PollAnswer,
    Rsvp,
    Series,
)
from kinship.schools.selectors import YearGrid, cached_year_grid

FIRST_YEAR, LAST_YEAR = 2000, 2100  # months the family calendar will show
MY_CALENDAR_DAYS = 183  # "My calendar" lists the next six months
FEED_PAST_DAYS = 120
FEED_FUTURE_DAYS = 550


def _fail(message: str) -> PermissionDenied:
    return PermissionDenied(message)


def get_series_for_user(user: User, pk: int, *, perm: str = "meetings.view_series") -> Series:
    series = Series.objects.select_related("family", "circle", "organiser").filter(pk=pk).first()
    if series is None or not user.has_perm("meetings.view_series", series):
        raise Http404
    if perm != "meetings.view_series" and not user.has_perm(perm, series):
        raise _fail(_("Only the organiser and the family's coordinators can do that."))
    return series


def get_event_for_user(user: User, pk: int, *, perm: str = "meetings.view_series") -> Event:
    event = (
        Event.objects.select_related(
            "series", "series__family", "series__circle", "series__organiser", "host_school"
        )
        .filter(pk=pk)
        .first()
    )
    if event is None or not user.has_perm("meetings.view_series", event.series):
        raise Http404
    if perm != "meetings.view_series" and not user.has_perm(perm, event.series):
        if perm == "meetings.reply_to_series":
            raise _fail(_("Only people invited to this event can reply to it."))
        raise _fail(_("Only the organiser and the family's coordinators can do that."))
    return event


def _refuse_if_managed_elsewhere(series: Series) -> None:
    """A series another part of Kinship owns (a visit from a plan) is changed there: edits
    here would not flow back, and the two would disagree."""
    if series.is_managed_elsewhere:
        raise _fail(
            _("%(where)s: change or cancel it there, not in the calendar.")
            % {"where": series.get_managed_by_display()}
        )


def get_poll_for_user(user: User, pk: int, *, perm: str = "meetings.view_poll") -> DatePoll:
    poll = DatePoll.objects.select_related("family", "circle", "organiser").filter(pk=pk).first()
    if poll is None or not user.has_perm("meetings.view_poll", poll):
        raise Http404
    if perm != "meetings.view_poll" and not user.has_perm(perm, poll):
        raise _fail(_("Only the poll's organiser and the family's coordinators can do that."))
    return poll


def _require_calendar(user: User) -> None:
    if not user.has_perm("meetings.use_calendar"):
        raise _fail(_("Calendars are for staff and partners."))


# Calendars


@require_GET
@login_required
def my_calendar(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_calendar(request.user)
    today = timezone.localdate()
    events = list(
        selectors.events_invited_to(request.user)
        .filter(date__gte=today, date__lte=today + timedelta(days=MY_CALENDAR_DAYS))
        .select_related("series", "series__family", "host_school")
        .order_by("starts_at")[:200]
    )
    replies = dict(
        Rsvp.objects.filter(user=request.user, event__in=[e.pk for e in events]).values_list(
            "event_id", "status"
        )
    )
    open_polls = list(selectors.polls_asked_of(request.user).select_related("family"))
    return render(
        request,
        "meetings/my_calendar.html",
        {
            "events": [(event, replies.get(event.pk)) for event in events],
            "actions": selectors.open_actions(request.user),
            "polls": open_polls[:10],
        },
    )


def _month_from(request: HttpRequest) -> date:
    text = request.GET.get("month", "")
    try:
        year, month = (int(part) for part in text.split("-"))
        if FIRST_YEAR <= year <= LAST_YEAR:
            return date(year, month, 1)
    except ValueError:
        pass
    return timezone.localdate().replace(day=1)


@dataclass(frozen=True)
class DayCell:
    day: date
    in_month: bool
    events: list[Event]
    out: list[str]  # schools whose pupils are not in
    everyone_out: bool


def _month_weeks(
    first: date, last: date, events: list[Event], grid: YearGrid
) -> list[list[DayCell]]:
    """Mondays to Fridays of the month's weeks, each with its events and who is out."""
    by_day: dict[date, list[Event]] = {}
    for event in events:
        by_day.setdefault(event.date, []).append(event)
    schools_with_dates = len(grid.open_days)
    weeks: list[list[DayCell]] = []
    monday = first - timedelta(days=first.weekday())
    while monday <= last:
        week = []
        for offset in range(5):
            day = monday + timedelta(days=offset)
            out = grid.out_on(day) if schools_with_dates else []
            everyone_out = bool(out) and len(out) == schools_with_dates
            week.append(DayCell(day, first <= day <= last, by_day.get(day, []), out, everyone_out))
        weeks.append(week)
        monday += timedelta(days=7)
    return weeks


@require_GET
@login_required
def family_calendar(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    family = get_family_for_user(request.user, slug)
    month = _month_from(request)
    first, last = selectors.month_bounds(month)
    events = list(selectors.family_events(request.user, family, first, last))
    academic_year = month.year if month.month >= 9 else month.year - 1
    schools = list(family_schools(family))
    grid, grid_version = cached_year_grid(schools, academic_year)
    return render(
        request,
        "meetings/family_calendar.html",
        {
            "family": family,
            "month": month,
            "previous_month": (first - timedelta(days=1)).replace(day=1),
            "next_month": last + timedelta(days=1),
            "events": events,
            "grid": grid,
            "grid_version": grid_version,
            "weeks": _month_weeks(first, last, events, grid),
            "weekday_names": [
                _("Monday"),
                _("Tuesday"),
                _("Wednesday"),
                _("Thursday"),
                _("Friday"),
            ],
            "academic_year": academic_year,
            "can_create": request.user.has_perm("meetings.create_series", family),
            "polls": list(selectors.family_polls_visible_to(request.user, family)),
        },
    )


# Setting up and changing events


def _get_family_to_organise(user: User, slug: str) -> Family:
    family = get_family_for_user(user, slug)
    if not user.has_perm("meetings.create_series", family):
        raise _fail(
            _("Coordinators, school leads and circle conveners of this family set up events.")
        )
    return family


@require_http_methods(["GET", "POST"])
@login_required
def series_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    family = _get_family_to_organise(request.user, slug)
    form = SeriesForm(
        request.POST or None,
        family=family,
        user=request.user,
        initial={"audience": "family", "start_time": "15:45", "end_time": "17:00"},
    )
    plan = None
    if request.method == "POST" and form.is_valid():
        fields = form.to_fields()
        _check_circle(request.user, fields)
        try:
            if "save" in request.POST:
                series = services.series_create(actor=request.user, family=family, fields=fields)
                messages.success(
                    request,
                    _("%(title)s is in the calendar; invitations are on their way.")
                    % {"title": series.title},
                )
                return redirect(series)
            plan = services.plan_series(family=family, fields=fields)
        except ValidationError as error:
            apply_errors(form, error)
    return render(
        request, "meetings/series_form.html", {"family": family, "form": form, "plan": plan}
    )


def _check_circle(user: User, fields: services.SeriesFields) -> None:
    if fields.circle is not None and not user.has_perm("families.view_circle", fields.circle):
        raise Http404


@require_GET
@login_required
def series_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    series = get_series_for_user(request.user, pk)
    events = series.events.select_related("host_school").annotate(
        going=Count("rsvps", filter=Q(rsvps__status=Rsvp.Status.GOING))
    )
    description = ""
    if series.rule:
        try:
            description = recurrence.describe(services.rule_from_json(series.rule))
        except ValueError:
            description = ""
    return render(
        request,
        "meetings/series_detail.html",
        {
            "series": series,
            "events": events,
            "rule_description": description,
            "can_manage": request.user.has_perm("meetings.change_series", series),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def event_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = get_event_for_user(request.user, pk, perm="meetings.change_series")
    series = event.series
    _refuse_if_managed_elsewhere(series)
    form = SeriesForm(
        request.POST or None,
        family=series.family,
        user=request.user,
        initial=initial_from_series(series, event),
        version=edit_version(event, services.EVENT_EDIT_FIELDS),
    )
    scope_form = EditScopeForm(request.POST or None)
    plan = None
    status = 200
    if request.method == "POST" and form.is_valid() and scope_form.is_valid():
        fields = form.to_fields()
        _check_circle(request.user, fields)
        # A one-off has a single date: changing it is changing "this date".
        scope = scope_form.cleaned_data["scope"] if series.rule else services.Scope.ONE
        if scope == services.Scope.ALL:
            fields.first_date = series.first_date
        try:
            if "save" in request.POST or scope == services.Scope.ONE:
                changed = services.series_update(
                    actor=request.user, event=event, scope=scope, fields=fields,
                    version=form.version,
                )  # fmt: skip
                messages.success(request, _("Saved; everyone invited has been sent the change."))
                return redirect(event if scope == services.Scope.ONE else changed)
            plan = services.plan_series(family=series.family, fields=fields)
        except ValidationError as error:
            apply_errors(form, error)
        except EditConflict as conflict:
            form.show_conflict(conflict)
            status = 409
    return render(
        request,
        "meetings/event_edit.html",
        {"event": event, "series": series, "form": form, "scope_form": scope_form, "plan": plan},
        status=status,
    )


@require_POST
@login_required
def event_cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = get_event_for_user(request.user, pk, perm="meetings.change_series")
    _refuse_if_managed_elsewhere(event.series)
    scope_form = EditScopeForm(request.POST)
    if not scope_form.is_valid():
        report_form_errors(request, scope_form)
        return redirect(event)
    cancelled = services.event_cancel(
        actor=request.user, event=event, scope=scope_form.cleaned_data["scope"]
    )
    messages.success(
        request,
        _("Cancelled %(count)d date(s); everyone invited has been told.")
        % {"count": len(cancelled)},
    )
    return redirect(event)


# An event's page


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
            "location": notifications.location_of(event),
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
        raise _fail(_("Only whoever proposed an item, or the organiser, can take it off."))
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
        raise _fail(_("Only the action's owner or the meeting's organiser can tick it off."))
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
    calendar = notifications.feed_calendar(request.user, Event.objects.filter(pk=event.pk))
    response = HttpResponse(calendar, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kinship-event-{event.pk}.ics"'
    return response


# Feed and settings


@require_http_methods(["GET", "POST"])
@login_required
def calendar_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_calendar(request.user)
    current = services.calendar_settings_of(request.user)
    form = CalendarSettingsForm(
        request.POST or None,
        initial={"weekly_digest": current.weekly_digest, "reminders": current.reminders},
        version=edit_version(current, services.CALENDAR_SETTINGS_EDIT_FIELDS),
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.calendar_settings_update(
                actor=request.user, version=form.version, **form.cleaned_data
            )
        except EditConflict as conflict:
            form.show_conflict(conflict)
            status = 409
        else:
            messages.success(request, _("Calendar settings saved."))
            return redirect("meetings:calendar_settings")
    feed_url = request.build_absolute_uri(reverse("meetings:feed", args=[current.feed_token]))
    context = {"form": form, "feed_url": feed_url}
    return render(request, "meetings/calendar_settings.html", context, status=status)


@require_POST
@login_required
def feed_reset(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_calendar(request.user)
    services.feed_token_reset(actor=request.user)
    messages.success(
        request, _("Your calendar has a new address. Subscribe again with it: the old one is off.")
    )
    return redirect("meetings:calendar_settings")


@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The secret-address feed calendar apps poll: everything the person is invited to."""
    found = CalendarSettings.objects.select_related("user").filter(feed_token=token).first()
    if found is None or not found.user.is_active:
        raise Http404
    user = found.user
    today = timezone.localdate()
    events = (
        selectors.events_invited_to(user)
        .filter(
            date__gte=today - timedelta(days=FEED_PAST_DAYS),
            date__lte=today + timedelta(days=FEED_FUTURE_DAYS),
        )
        .order_by("starts_at")
    )
    response = HttpResponse(
        notifications.feed_calendar(user, events), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "private, max-age=900"
    return response


# Finding a date


@require_http_methods(["GET", "POST"])
@login_required
def poll_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    family = _get_family_to_organise(request.user, slug)
    form = PollForm(request.POST or None, family=family, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            poll = services.poll_create(
                actor=request.user,
                family=family,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                circle=form.cleaned_data["circle"],
                slots=form.cleaned_data["slots"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Poll ready: share its page with those asked."))
            return redirect(poll)
    return render(request, "meetings/poll_form.html", {"family": family, "form": form})


@require_http_methods(["GET", "POST"])
@login_required
def poll_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    poll = get_poll_for_user(request.user, pk)
    can_answer = request.user.has_perm("meetings.answer_poll", poll)
    if request.method == "POST":
        if not can_answer:
            raise _fail(_("Only people asked in this poll can answer it."))
        answers: dict[int, str] = {}
        for key, value in request.POST.items():
            if key.startswith("slot-"):
                try:
                    answers[int(key.removeprefix("slot-"))] = str(value)
                except ValueError:
                    continue
        try:
            services.poll_answer(user=request.user, poll=poll, answers=answers)
        except ValidationError as error:
            report_errors(request, error)
        else:
            messages.success(request, _("Thank you: your answers are saved."))
        return redirect(poll)
    mine = dict(
        PollAnswer.objects.filter(slot__poll=poll, user=request.user).values_list(
            "slot_id", "answer"
        )
    )
    ranking = services.poll_ranking(poll)
    return render(
        request,
        "meetings/poll_detail.html",
        {
            "poll": poll,
            "ranking": ranking,
            "slots": [
                (r.slot, mine.get(r.slot.pk, ""))
                for r in sorted(ranking, key=lambda r: (r.slot.date, r.slot.start_time))
            ],
            "can_answer": can_answer and not poll.closed_at,
            "can_close": request.user.has_perm("meetings.close_poll", poll) and not poll.closed_at,
            "answers": PollAnswer.Answer.choices,
            "poll_schools": family_schools(poll.family),
            "answered": PollAnswer.objects.filter(slot__poll=poll)
            .values("user")
            .distinct()
            .count(),
        },
    )


@require_POST
@login_required
def poll_close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    poll = get_poll_for_user(request.user, pk, perm="meetings.close_poll")
    form = PollCloseForm(request.POST, poll=poll)
    if not form.is_valid():
        messages.error(request, _("Choose one of the poll's dates, and a host school from it."))
        return redirect(poll)
    slot, data = form.cleaned_data["slot"], form.cleaned_data
    fields = services.SeriesFields(
        title=poll.title,
        kind=data["kind"] or EventKind.NETWORK_MEETING,
        description=poll.description,
        audience=Audience.CIRCLE if poll.circle_id else Audience.FAMILY,
        circle=poll.circle,
        host_school=data["host_school"],
        online_url=data["online_url"],
        start_time=slot.start_time,
        end_time=slot.end_time,
        first_date=slot.date,
    )
    try:
        series = services.poll_close(actor=request.user, poll=poll, slot=slot, fields=fields)
    except ValidationError as error:
        report_errors(request, error)
        return redirect(poll)
    messages.success(request, _("Date chosen: the event is in the calendar and invitations sent."))
    return redirect(series)
