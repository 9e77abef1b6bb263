"""One access helper per object: 404 for what the user may not know exists, 403 (with a
message) for what they may see but not change. Pair-space objects are looked up through
their pair, and a pair through its membership: nobody else is told a pair space exists."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from kinship.accounts.models import User
from kinship.mentoring.models import CohortMeeting, Pair, Participant, Programme

PAIR_RELATED = ("programme", "mentee__user", "mentee__school", "coach__user", "coach__school")


def require_mentoring(user: User) -> None:
    if not user.has_perm("mentoring.use_mentoring"):
        raise PermissionDenied(_("Coaching programmes are for school staff."))


def get_programme_for_user(
    user: User, pk: int, *, perm: str = "mentoring.view_programme"
) -> Programme:
    programme = Programme.objects.select_related("family", "cohort").filter(pk=pk).first()
    if programme is None or not user.has_perm("mentoring.view_programme", programme):
        raise Http404
    if perm != "mentoring.view_programme" and not user.has_perm(perm, programme):
        messages_by_perm = {
            "mentoring.manage_programme": _("Only the programme's coordinators can do that."),
            "mentoring.join_programme": _("You cannot join this programme now."),
            "mentoring.view_cohort": _("The cohort's page is for its new heads alone."),
            "mentoring.give_feedback": _("Only people taking part give feedback."),
        }
        raise PermissionDenied(messages_by_perm.get(perm, _("You cannot do that here.")))
    return programme


def get_participant_for_user(
    user: User, pk: int, *, perm: str = "mentoring.change_participant"
) -> Participant:
    participant = (
        Participant.objects.select_related("programme", "programme__family", "user", "school")
        .filter(pk=pk)
        .first()
    )
    if participant is None or not user.has_perm("mentoring.change_participant", participant):
        raise Http404
    if perm != "mentoring.change_participant" and not user.has_perm(perm, participant):
        raise PermissionDenied(_("Only the programme's coordinators can do that."))
    return participant


def get_pair_for_user(user: User, pk: int, *, perm: str = "mentoring.view_pair") -> Pair:
    """A pair space, for its head and its coach; a 404 for everyone else, whoever they are."""
    pair = Pair.objects.select_related(*PAIR_RELATED).filter(pk=pk).first()
    if pair is None or not user.has_perm("mentoring.view_pair", pair):
        raise Http404
    if perm != "mentoring.view_pair" and not user.has_perm(perm, pair):
        if not pair.is_live:
            raise PermissionDenied(_("This pair has ended: its space can be read, not added to."))
        if perm == "mentoring.keep_questions":
            raise PermissionDenied(
                _("The head keeps the question list; tick questions off at a meeting.")
            )
        if perm == "mentoring.share_resources":
            raise PermissionDenied(_("The coach shares resources here."))
        raise PermissionDenied(_("You cannot do that in this pair space."))
    return pair


def get_proposal_for_user(user: User, pk: int) -> Pair:
    """A pair as the matching page shows it (names, score, reasons): its coordinators."""
    pair = Pair.objects.select_related(*PAIR_RELATED).filter(pk=pk).first()
    if pair is None or not user.has_perm("mentoring.manage_programme", pair.programme):
        raise Http404
    return pair


def get_cohort_meeting_for_user(
    user: User, pk: int, *, perm: str = "mentoring.view_cohort_meeting"
) -> CohortMeeting:
    """Members open a cohort meeting; its coordinators may only change its date and place."""
    meeting = (
        CohortMeeting.objects.select_related("programme", "programme__family", "host_school")
        .filter(pk=pk)
        .first()
    )
    if meeting is None:
        raise Http404
    member = user.has_perm("mentoring.view_cohort_meeting", meeting)
    scheduler = user.has_perm("mentoring.schedule_cohort_meeting", meeting)
    if not (member or scheduler):
        raise Http404
    if not user.has_perm(perm, meeting):
        if perm == "mentoring.view_cohort_meeting":
            raise PermissionDenied(_("A cohort meeting's topics and notes are its members' alone."))
        raise PermissionDenied(_("Only the programme's coordinators change its dates."))
    return meeting
