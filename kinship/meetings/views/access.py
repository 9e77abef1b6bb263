"""Finding the series, event or poll a user may see (404 otherwise) and refusing, with a
message, what they may not do (403)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from kinship.accounts.models import User
from kinship.families.models import Family
from kinship.families.views import get_family_for_user
from kinship.meetings.models import DatePoll, Event, Series


def fail(message: str) -> PermissionDenied:
    return PermissionDenied(message)


def get_series_for_user(user: User, pk: int, *, perm: str = "meetings.view_series") -> Series:
    series = Series.objects.select_related("family", "circle", "organiser").filter(pk=pk).first()
    if series is None or not user.has_perm("meetings.view_series", series):
        raise Http404
    if perm != "meetings.view_series" and not user.has_perm(perm, series):
        raise fail(_("Only the organiser and the family's coordinators can do that."))
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
            raise fail(_("Only people invited to this event can reply to it."))
        raise fail(_("Only the organiser and the family's coordinators can do that."))
    return event


def refuse_if_managed_elsewhere(series: Series) -> None:
    """A series another part of Kinship owns (a visit from a plan) is changed there: edits
    here would not flow back, and the two would disagree."""
    if series.is_managed_elsewhere:
        raise fail(
            _("%(where)s: change or cancel it there, not in the calendar.")
            % {"where": series.get_managed_by_display()}
        )


def get_poll_for_user(user: User, pk: int, *, perm: str = "meetings.view_poll") -> DatePoll:
    poll = DatePoll.objects.select_related("family", "circle", "organiser").filter(pk=pk).first()
    if poll is None or not user.has_perm("meetings.view_poll", poll):
        raise Http404
    if perm != "meetings.view_poll" and not user.has_perm(perm, poll):
        raise fail(_("Only the poll's organiser and the family's coordinators can do that."))
    return poll


def require_calendar(user: User) -> None:
    if not user.has_perm("meetings.use_calendar"):
        raise fail(_("Calendars are for staff and partners."))


def get_family_to_organise(user: User, slug: str) -> Family:
    family = get_family_for_user(user, slug)
    if not user.has_perm("meetings.create_series", family):
        raise fail(
            _("Coordinators, school leads and circle conveners of this family set up events.")
        )
    return family
