"""One access helper per object: 404 for what the user may not know exists, 403 with a
message for what they may see but not do."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from kinship.accounts.models import User
from kinship.forums.models import Board, Flag, Post, PupilClass, SafetyAlert, Thread
from kinship.schools.models import School


def get_board_for_user(user: User, pk: int, *, perm: str = "forums.view_board") -> Board:
    board = Board.objects.select_related("family", "circle").filter(pk=pk).first()
    if board is None or not user.has_perm("forums.view_board", board):
        raise Http404
    if perm != "forums.view_board" and not user.has_perm(perm, board):
        raise PermissionDenied(_denied(perm))
    return board


def get_thread_for_user(user: User, pk: int, *, perm: str = "forums.view_thread") -> Thread:
    thread = (
        Thread.objects.select_related("board", "board__family", "board__circle", "author")
        .filter(pk=pk)
        .first()
    )
    if thread is None or not user.has_perm("forums.view_thread", thread):
        raise Http404
    if perm != "forums.view_thread" and not user.has_perm(perm, thread):
        raise PermissionDenied(
            "This thread is locked: no more replies."
            if thread.locked and perm == "forums.reply"
            else _denied(perm)
        )
    return thread


def get_post_for_user(user: User, pk: int, *, perm: str = "forums.view_post") -> Post:
    post = (
        Post.objects.select_related(
            "thread", "thread__board", "thread__board__circle", "author", "school"
        )
        .filter(pk=pk)
        .first()
    )
    if post is None or not user.has_perm("forums.view_post", post):
        raise Http404
    if perm != "forums.view_post" and not user.has_perm(perm, post):
        raise PermissionDenied(_denied(perm))
    return post


def get_flag_for_user(user: User, pk: int) -> Flag:
    flag = (
        Flag.objects.select_related("post", "post__thread", "post__thread__board")
        .filter(pk=pk)
        .first()
    )
    if flag is None or not user.has_perm("forums.view_post", flag.post):
        raise Http404
    if not user.has_perm("forums.moderate_board", flag.post.thread.board):
        raise PermissionDenied(_denied("forums.moderate_board"))
    return flag


def get_alert_for_user(user: User, pk: int) -> SafetyAlert:
    alert = (
        SafetyAlert.objects.select_related("post", "post__thread", "school").filter(pk=pk).first()
    )
    if alert is None or not user.has_perm("forums.resolve_alert", alert):
        raise Http404
    return alert


def get_school_for_user(user: User, urn: int, *, perm: str) -> School:
    """Schools are public (GIAS); what is done for one needs `perm`."""
    school = School.objects.filter(urn=urn).first()
    if school is None or not user.has_perm("schools.view_school", school):
        raise Http404
    if not user.has_perm(perm, school):
        raise PermissionDenied(_denied(perm))
    return school


def get_pupil_class_for_user(user: User, pk: int) -> PupilClass:
    pupil_class = PupilClass.objects.select_related("school").filter(pk=pk).first()
    if pupil_class is None or not user.has_perm("forums.manage_pupil_class", pupil_class):
        raise Http404
    return pupil_class


DENIED = {
    "forums.start_thread": "Only the circle's members write on its board.",
    "forums.reply": "You cannot reply in this thread.",
    "forums.moderate_board": "Only the board's moderators can do that.",
    "forums.moderate_thread": "Only the board's moderators can pin or lock threads.",
    "forums.change_post": "Only the person who wrote a post can change it.",
    "forums.flag_post": "You cannot report this post.",
    "forums.hide_post": "Only the board's moderators can hide posts.",
    "forums.approve_post": "A teacher at the pupil's school approves their posts.",
    "forums.subscribe_board": "You cannot follow this board by email.",
    "forums.name_safeguarding_leads": "The school's lead names its safeguarding leads.",
    "forums.manage_pupils": "Staff of the school look after its pupil accounts.",
    "forums.review_pupil_posts": "The school's lead and safeguarding leads review pupils' posts.",
}


def _denied(perm: str) -> str:
    return DENIED.get(perm, "You cannot do that here.")
