"""Calendars: a person's own list of coming events and a family's month view."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kinship.core.http import AuthenticatedHttpRequest
from kinship.families.views import get_family_for_user
from kinship.meetings import selectors
from kinship.meetings.forms import family_schools
from kinship.meetings.models import Event, Rsvp
from kinship.meetings.views.access import require_calendar
from kinship.schools.selectors import YearGrid, cached_year_grid

FIRST_YEAR, LAST_YEAR = 2000, 2100  # months the family calendar will show
MY_CALENDAR_DAYS = 183  # "My calendar" lists the next six months


@require_GET
@login_required
def my_calendar(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_calendar(request.user)
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
            "can_propose_common_day": request.user.has_perm("visits.propose_common_day", family),
            "polls": list(selectors.family_polls_visible_to(request.user, family)),
        },
    )
