"""Setting up a series and changing or cancelling its dates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinship.accounts.models import User
from kinship.core.concurrency import EditConflict, edit_version
from kinship.core.feedback import apply_errors, report_form_errors
from kinship.core.http import AuthenticatedHttpRequest
from kinship.meetings import recurrence, services
from kinship.meetings.forms import EditScopeForm, SeriesForm, initial_from_series
from kinship.meetings.models import Rsvp
from kinship.meetings.views.access import (
    get_event_for_user,
    get_family_to_organise,
    get_series_for_user,
    refuse_if_managed_elsewhere,
)


@require_http_methods(["GET", "POST"])
@login_required
def series_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    family = get_family_to_organise(request.user, slug)
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
    refuse_if_managed_elsewhere(series)
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
    refuse_if_managed_elsewhere(event.series)
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
