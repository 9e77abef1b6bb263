"""Who may see, join and run family events.

Invitees see an event and reply to it; its organiser, and the family's coordinators, run it.
An event for a confidential circle is the circle's alone: coordinators and admins do not
see it, as they do not see the circle.
"""

from kinship.accounts.types import Viewer
from kinship.core.rules import add_perm, is_platform_admin, predicate
from kinship.families.models import Family
from kinship.meetings import selectors
from kinship.meetings.models import Action, Audience, DatePoll, Series
from kinship.membership import visibility
from kinship.membership.predicates import (
    is_family_coordinator,
    is_school_lead_in_family,
    is_staff_or_partner_account,
)


@predicate
def is_invited(user: Viewer, series: Series | None) -> bool:
    if series is None or not user.is_authenticated:
        return False
    return selectors.is_invited(user, series)


@predicate
def is_organiser(user: Viewer, series: Series | None) -> bool:
    return bool(series is not None and user.is_authenticated and series.organiser_id == user.pk)


@predicate
def coordinates_series_family(user: Viewer, series: Series | None) -> bool:
    return series is not None and visibility.coordinates_family_id(user, series.family_id)


@predicate
def is_for_confidential_circle(user: Viewer, series: Series | None) -> bool:
    return bool(
        series is not None
        and series.audience == Audience.CIRCLE
        and series.circle is not None
        and series.circle.confidential
    )


@predicate
def convenes_a_circle_of_family(user: Viewer, family: Family | None) -> bool:
    if family is None:
        return False
    return (
        visibility.member_circle_ids(user)
        .filter(is_convener=True, circle__families=family)
        .exists()
    )


@predicate
def owns_action(user: Viewer, action: Action | None) -> bool:
    return bool(action is not None and user.is_authenticated and action.owner_id == user.pk)


@predicate
def runs_action_meeting(user: Viewer, action: Action | None) -> bool:
    return action is not None and bool(can_manage_series.test(user, action.event.series))


@predicate
def is_poll_organiser(user: Viewer, poll: DatePoll | None) -> bool:
    return bool(poll is not None and user.is_authenticated and poll.organiser_id == user.pk)


@predicate
def is_asked_in_poll(user: Viewer, poll: DatePoll | None) -> bool:
    if poll is None or not user.is_authenticated:
        return False
    if poll.circle_id:
        return visibility.member_circle_ids(user).filter(circle_id=poll.circle_id).exists()
    return visibility.works_in_family_id(user, poll.family_id) or visibility.coordinates_family_id(
        user, poll.family_id
    )


@predicate
def coordinates_poll_family(user: Viewer, poll: DatePoll | None) -> bool:
    return poll is not None and visibility.coordinates_family_id(user, poll.family_id)


@predicate
def is_for_confidential_circle_poll(user: Viewer, poll: DatePoll | None) -> bool:
    return bool(poll is not None and poll.circle is not None and poll.circle.confidential)


overseen = ~is_for_confidential_circle & (coordinates_series_family | is_platform_admin)
can_view_series = is_invited | overseen
can_manage_series = is_organiser | overseen

add_perm("meetings.view_series", can_view_series)
add_perm("meetings.change_series", can_manage_series)
add_perm("meetings.reply_to_series", is_invited)
add_perm("meetings.propose_agenda_item", is_invited | can_manage_series)
add_perm(
    "meetings.create_series",
    is_family_coordinator | is_school_lead_in_family | convenes_a_circle_of_family,
)
add_perm("meetings.complete_action", owns_action | runs_action_meeting)
add_perm("meetings.use_calendar", is_staff_or_partner_account | is_platform_admin)

# A confidential circle's poll is its members' alone, as its meetings are.
overseen_poll = ~is_for_confidential_circle_poll & coordinates_poll_family
add_perm("meetings.view_poll", is_asked_in_poll | is_poll_organiser | overseen_poll)
add_perm("meetings.answer_poll", is_asked_in_poll)
add_perm("meetings.close_poll", is_poll_organiser | overseen_poll)
