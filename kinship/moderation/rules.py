"""Who may do what in moderation.

A round's people (its coordinators, judges and uploaders) see pupil work, so each of them
must sign in with a second factor: the "sees_pupil_work" rule below is what
kinship.accounts asks. The family's other coordinators see that a round exists and how far
it has got, never its scripts. A judge never sees a script of their own school, nor, while
judging, any script's school or grade.
"""

from kinship.accounts.types import Viewer
from kinship.core.rules import add_perm, add_rule, predicate
from kinship.membership.predicates import is_family_coordinator
from kinship.moderation.models import Round, RoundPerson, Script
from kinship.moderation.selectors import judge_school_ids


def _roles(user: Viewer, round_id: int) -> set[str]:
    if not user.is_authenticated:
        return set()
    return set(
        RoundPerson.objects.filter(user=user, round_id=round_id).values_list("role", flat=True)
    )


@predicate
def takes_part_in_moderation(user: Viewer) -> bool:
    return bool(user.is_authenticated and RoundPerson.objects.filter(user=user).exists())


@predicate
def is_round_person(user: Viewer, round_: Round | None) -> bool:
    return round_ is not None and bool(_roles(user, round_.pk))


@predicate
def coordinates_round(user: Viewer, round_: Round | None) -> bool:
    return round_ is not None and RoundPerson.Role.COORDINATOR in _roles(user, round_.pk)


@predicate
def judges_round(user: Viewer, round_: Round | None) -> bool:
    return round_ is not None and RoundPerson.Role.JUDGE in _roles(user, round_.pk)


@predicate
def uploads_to_round(user: Viewer, round_: Round | None) -> bool:
    return round_ is not None and RoundPerson.Role.UPLOADER in _roles(user, round_.pk)


@predicate
def coordinates_round_family(user: Viewer, round_: Round | None) -> bool:
    return round_ is not None and bool(is_family_coordinator(user, round_.family))


@predicate
def coordinates_script_round(user: Viewer, script: Script | None) -> bool:
    return script is not None and bool(coordinates_round(user, script.round))


@predicate
def uploads_for_script_school(user: Viewer, script: Script | None) -> bool:
    if script is None or not user.is_authenticated or not uploads_to_round(user, script.round):
        return False
    return RoundPerson.objects.filter(
        user=user, round_id=script.round_id, role=RoundPerson.Role.UPLOADER, school=script.school_id
    ).exists()


@predicate
def judges_script_blind(user: Viewer, script: Script | None) -> bool:
    """A judge of the round may see the pages of a script from a school they do not work at."""
    if script is None or not user.is_authenticated or not judges_round(user, script.round):
        return False
    return script.school_id not in judge_school_ids(user.pk, script.round_id)


# kinship.accounts.rules.sees_pupil_work asks this rule: anyone in a round signs in with 2FA.
add_rule("sees_pupil_work", takes_part_in_moderation)

add_perm("moderation.create_round", is_family_coordinator)
add_perm("moderation.view_round", is_round_person | coordinates_round_family)
add_perm("moderation.manage_round", coordinates_round)
add_perm("moderation.upload_scripts", uploads_to_round | coordinates_round)
add_perm("moderation.judge_round", judges_round)
add_perm("moderation.view_reports", is_round_person)
add_perm("moderation.view_script", coordinates_script_round | uploads_for_script_school)
add_perm(
    "moderation.view_script_pages",
    coordinates_script_round | uploads_for_script_school | judges_script_blind,
)
add_perm("moderation.record_outcome", coordinates_script_round)
