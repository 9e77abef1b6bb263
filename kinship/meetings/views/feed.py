"""A person's calendar settings and their private calendar feed."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinship.core.concurrency import EditConflict, edit_version
from kinship.core.http import AuthenticatedHttpRequest
from kinship.meetings import emails, selectors, services
from kinship.meetings.forms import CalendarSettingsForm
from kinship.meetings.models import CalendarSettings
from kinship.meetings.views.access import require_calendar

FEED_PAST_DAYS = 120
FEED_FUTURE_DAYS = 550


@require_http_methods(["GET", "POST"])
@login_required
def calendar_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_calendar(request.user)
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
    require_calendar(request.user)
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
    closed = selectors.own_school_closures(
        user,
        today - timedelta(days=FEED_PAST_DAYS),
        today + timedelta(days=FEED_FUTURE_DAYS),
    )
    response = HttpResponse(
        emails.feed_calendar(user, events, closed), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "private, max-age=900"
    return response
