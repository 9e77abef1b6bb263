"""Who may see and do what in coaching programmes.

A programme is run by its family's coordinators (and platform admins). Its pair spaces are
the head's and the coach's alone, and a journal its head's alone: no coordinator, no admin,
no other head. The cohort's meetings are its circle's members' alone; coordinators set
their dates and never see their topics or notes.
"""

from kinship.accounts.types import Viewer
from kinship.core.rules import add_perm, is_platform_admin, predicate
from kinship.families.models import CircleMembership
from kinship.membership import visibility
from kinship.membership.predicates import is_staff_account
from kinship.mentoring.models import CohortMeeting, Pair, Participant, Programme


@predicate
def coordinates_programme(user: Viewer, programme: Programme | None) -> bool:
    return programme is not None and visibility.coordinates_family_id(user, programme.family_id)


@predicate
def works_in_programme_family(user: Viewer, programme: Programme | None) -> bool:
    if programme is None or not visibility.is_staff_account(user):
        return False
    return visibility.works_in_family_id(user, programme.family_id)


@predicate
def takes_part(user: Viewer, programme: Programme | None) -> bool:
    if programme is None or not user.is_authenticated:
        return False
    return Participant.objects.filter(
        programme=programme, user=user, status=Participant.Status.ACCEPTED
    ).exists()


@predicate
def is_in_programme(user: Viewer, programme: Programme | None) -> bool:
    """Has any place in the programme: nominated, applied, taking part or withdrawn."""
    if programme is None or not user.is_authenticated:
        return False
    return Participant.objects.filter(programme=programme, user=user).exists()


@predicate
def is_taking_applications(user: Viewer, programme: Programme | None) -> bool:
    return bool(programme is not None and programme.applications_open)


@predicate
def is_cohort_member(user: Viewer, programme: Programme | None) -> bool:
    if programme is None or programme.cohort_id is None or not user.is_authenticated:
        return False
    return CircleMembership.objects.filter(circle_id=programme.cohort_id, user=user).exists()


@predicate
def is_in_meeting_cohort(user: Viewer, meeting: CohortMeeting | None) -> bool:
    return meeting is not None and bool(is_cohort_member.test(user, meeting.programme))


@predicate
def coordinates_meeting_programme(user: Viewer, meeting: CohortMeeting | None) -> bool:
    return meeting is not None and bool(coordinates_programme.test(user, meeting.programme))


def _member_ids(pair: Pair) -> tuple[int, int]:
    return pair.mentee.user_id, pair.coach.user_id


@predicate
def is_pair_member(user: Viewer, pair: Pair | None) -> bool:
    """The head or the coach of a pair that has been published (and perhaps declined since):
    a proposal is the coordinator's working draft, not yet anyone's space."""
    if pair is None or not user.is_authenticated or pair.status == Pair.Status.PROPOSED:
        return False
    return user.pk in _member_ids(pair)


@predicate
def is_pair_head(user: Viewer, pair: Pair | None) -> bool:
    return (
        bool(is_pair_member.test(user, pair))
        and pair is not None
        and (pair.mentee.user_id == user.pk)
    )


@predicate
def is_pair_coach(user: Viewer, pair: Pair | None) -> bool:
    return (
        bool(is_pair_member.test(user, pair))
        and pair is not None
        and (pair.coach.user_id == user.pk)
    )


@predicate
def is_live_pair(user: Viewer, pair: Pair | None) -> bool:
    return bool(pair is not None and pair.status == Pair.Status.PUBLISHED)


@predicate
def owns_journal(user: Viewer, participant: Participant | None) -> bool:
    return bool(
        participant is not None
        and user.is_authenticated
        and participant.user_id == user.pk
        and participant.role == Participant.Role.MENTEE
    )


@predicate
def is_the_participant(user: Viewer, participant: Participant | None) -> bool:
    return bool(
        participant is not None and user.is_authenticated and participant.user_id == user.pk
    )


@predicate
def coordinates_participant_programme(user: Viewer, participant: Participant | None) -> bool:
    return participant is not None and bool(coordinates_programme.test(user, participant.programme))


can_manage_programme = coordinates_programme | is_platform_admin
can_manage_participant = coordinates_participant_programme | is_platform_admin

add_perm("mentoring.use_mentoring", is_staff_account)
add_perm(
    "mentoring.view_programme", works_in_programme_family | can_manage_programme | is_in_programme
)
add_perm("mentoring.manage_programme", can_manage_programme)
add_perm(
    "mentoring.join_programme",
    works_in_programme_family & is_taking_applications & ~is_in_programme,
)
add_perm("mentoring.manage_participant", can_manage_participant)
add_perm("mentoring.change_participant", is_the_participant | can_manage_participant)
add_perm("mentoring.give_feedback", takes_part)

# The pair space: its two members, and nobody else at all.
add_perm("mentoring.view_pair", is_pair_member)
add_perm("mentoring.change_pair", is_pair_member & is_live_pair)
add_perm("mentoring.keep_questions", is_pair_head & is_live_pair)
add_perm("mentoring.share_resources", is_pair_coach & is_live_pair)
add_perm("mentoring.decline_pair", is_pair_member & is_live_pair)
add_perm("mentoring.keep_journal", owns_journal)

# The cohort: its circle's members. Coordinators set the dates, and see nothing else.
add_perm("mentoring.view_cohort", is_cohort_member)
add_perm("mentoring.view_cohort_meeting", is_in_meeting_cohort)
add_perm("mentoring.schedule_cohort_meeting", coordinates_meeting_programme | is_platform_admin)
