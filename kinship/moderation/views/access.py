"""One access helper per object type: 404 for what the user may not know exists, 403 with
a message for what they may see but not do."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from kinship.accounts.models import User
from kinship.moderation.models import Page, Round, Script

DENIED = {
    "moderation.manage_round": _("Only the round's coordinators can do that."),
    "moderation.upload_scripts": _("Only the round's coordinators and uploaders add scripts."),
    "moderation.judge_round": _("Only the round's judges grade and compare scripts."),
    "moderation.view_reports": _("Reports are for the people taking part in the round."),
    "moderation.view_script": _(
        "Judges see scripts only on the grading and judging screens, without school or grade."
    ),
    "moderation.record_outcome": _("Only the round's coordinators record outcomes."),
}


def get_round_for_user(user: User, pk: int, *, perm: str = "moderation.view_round") -> Round:
    round_ = Round.objects.select_related("family").filter(pk=pk).first()
    if round_ is None or not user.has_perm("moderation.view_round", round_):
        raise Http404
    if perm != "moderation.view_round" and not user.has_perm(perm, round_):
        raise PermissionDenied(DENIED[perm])
    return round_


def get_script_for_user(user: User, pk: int, *, perm: str = "moderation.view_script") -> Script:
    script = Script.objects.select_related("round", "round__family", "school").filter(pk=pk).first()
    if script is None or not user.has_perm("moderation.view_round", script.round):
        raise Http404
    if not user.has_perm(perm, script):
        raise PermissionDenied(DENIED[perm])
    return script


def get_page_for_user(user: User, round_pk: int, code: str, number: int) -> Page:
    """Page `number` of script `code` in round `round_pk`; 404 for anyone who may not see
    its pages (outside the round, or a judge of the script's own school)."""
    page = (
        Page.objects.select_related("script", "script__round")
        .filter(script__round_id=round_pk, script__code=code, number=number)
        .first()
    )
    if page is None or not user.has_perm("moderation.view_script_pages", page.script):
        raise Http404
    return page
