"""Who may do what with accounts, invitations and the directory."""

from typing import Any

from kinship.accounts.types import Viewer
from kinship.core.rules import add_perm, is_platform_admin, predicate, test_rule
from kinship.membership import visibility
from kinship.membership.predicates import is_school_lead_anywhere, is_staff_account


@predicate
def sees_pupil_work(user: Viewer) -> bool:
    # The moderation app registers the rule "sees_pupil_work" for its judges and coordinators;
    # until then nobody sees pupil work.
    return bool(user.is_authenticated and test_rule("sees_pupil_work", user))


@predicate
def reviews_pupil_posts(user: Viewer) -> bool:
    # The forums app registers "reviews_pupil_posts" for DSLs and school leads, who read
    # pupils' held posts behind a second factor (kinship.accounts.two_factor).
    return bool(user.is_authenticated and test_rule("reviews_pupil_posts", user))


leads_a_school = is_school_lead_anywhere


@predicate
def coordinates_a_family(user: Viewer) -> bool:
    return visibility.coordinated_family_ids(user).exists()


@predicate
def sent_the_invitation(user: Viewer, invitation: Any) -> bool:
    return bool(
        invitation is not None and user.is_authenticated and invitation.invited_by_id == user.pk
    )


@predicate
def leads_the_invitation_school(user: Viewer, invitation: Any) -> bool:
    if invitation is None:
        return False
    return visibility.leads_school(user, invitation.school)


must_use_two_factor = is_platform_admin | sees_pupil_work
can_invite = is_staff_account & (leads_a_school | coordinates_a_family)

add_perm("accounts.use_directory", is_staff_account)
add_perm("accounts.view_audit_log", is_platform_admin)
add_perm("accounts.invite", can_invite)
# Seeing an invitation and withdrawing it go together: the inviter, or a lead of the school.
add_perm("accounts.revoke_invitation", sent_the_invitation | leads_the_invitation_school)
# Once on, a second factor stays on for those who must use it or who read pupils' held posts.
add_perm("accounts.remove_two_factor", ~(must_use_two_factor | reviews_pupil_posts))
