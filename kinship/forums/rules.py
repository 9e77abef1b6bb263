"""Who may read, write and look after boards, posts, pupils and safeguarding alerts.

Pupils write only on pupil boards of their school, never mention or message anyone, and
their posts wait for a teacher. Moderators (see selectors.moderated_board_filter) pin,
lock, hide and review flags. A school's lead names its safeguarding leads and makes pupil
accounts with its staff; the safeguarding leads review what the filter held.
"""

from collections.abc import Callable
from typing import Any

from kinship.accounts.types import Viewer
from kinship.core.rules import add_perm, add_rule, predicate
from kinship.forums import selectors
from kinship.forums.models import (
    Board,
    BoardKind,
    Post,
    PostStatus,
    PupilClass,
    SafetyAlert,
    Thread,
)
from kinship.membership import memo, visibility
from kinship.membership.predicates import (
    is_family_coordinator,
    is_lead_of_school,
    is_pupil_account,
    is_school_lead_anywhere,
    is_staff_account,
    works_at_a_school_of_family,
    works_at_school,
)
from kinship.schools.models import School


def _once(user: Viewer, question: str, obj: Any, answer: Callable[[], bool]) -> bool:
    """`answer()`, asked once per request for this person and object: a thread page asks
    whether its thread is readable several times, each a nested query to build."""
    return bool(memo.remembered(user, (question, type(obj).__name__, obj.pk), answer))


@predicate
def can_read_board(user: Viewer, board: Board | None) -> bool:
    if board is None or not user.is_authenticated:
        return False
    return board.pk in selectors.visible_board_ids(user)


@predicate
def can_write_on_board(user: Viewer, board: Board | None) -> bool:
    """Readers write, except on a circle's board, where only its members do."""
    if board is None or not can_read_board(user, board):
        return False
    if board.kind == BoardKind.CIRCLE:
        return visibility.is_circle_member(user, board.circle)
    return True


@predicate
def moderates_board(user: Viewer, board: Board | None) -> bool:
    if board is None or not user.is_authenticated:
        return False
    return _once(
        user,
        "moderates",
        board,
        lambda: Board.objects.filter(selectors.moderated_board_filter(user), pk=board.pk).exists(),
    )


@predicate
def can_read_thread(user: Viewer, thread: Thread | None) -> bool:
    if thread is None or not user.is_authenticated:
        return False
    return _once(
        user,
        "reads",
        thread,
        # As threads_visible_to: its opening post is one the user may read.
        lambda: selectors.posts_visible_to(user).filter(is_opening=True, thread=thread).exists(),
    )


@predicate
def can_reply_to_thread(user: Viewer, thread: Thread | None) -> bool:
    if thread is None or not can_read_thread(user, thread):
        return False
    if not can_write_on_board(user, thread.board):
        return False
    return not thread.locked or moderates_board(user, thread.board)


@predicate
def moderates_thread(user: Viewer, thread: Thread | None) -> bool:
    return thread is not None and bool(moderates_board(user, thread.board))


@predicate
def can_read_post(user: Viewer, post: Post | None) -> bool:
    if post is None or not user.is_authenticated:
        return False
    return _once(
        user, "reads", post, lambda: selectors.posts_visible_to(user).filter(pk=post.pk).exists()
    )


@predicate
def wrote_post(user: Viewer, post: Post | None) -> bool:
    return bool(post is not None and user.is_authenticated and post.author_id == user.pk)


@predicate
def moderates_post(user: Viewer, post: Post | None) -> bool:
    return post is not None and bool(moderates_board(user, post.thread.board))


@predicate
def teaches_at_post_school(user: Viewer, post: Post | None) -> bool:
    if post is None or post.school_id is None:
        return False
    return post.school_id in visibility.staff_school_id_set(user)


@predicate
def is_pending(user: Viewer, post: Post | None) -> bool:
    return bool(post is not None and post.status == PostStatus.PENDING)


@predicate
def is_published(user: Viewer, post: Post | None) -> bool:
    return bool(post is not None and post.status == PostStatus.PUBLISHED)


leads_school = is_lead_of_school
leads_any_school = is_school_lead_anywhere


@predicate
def is_school_dsl(user: Viewer, school: School | None) -> bool:
    if school is None or not user.is_authenticated:
        return False
    return selectors.dsl_school_ids(user).filter(school_id=school.pk).exists()


@predicate
def works_at_class_school(user: Viewer, pupil_class: PupilClass | None) -> bool:
    return pupil_class is not None and bool(works_at_school(user, pupil_class.school))


@predicate
def is_dsl_for_alert(user: Viewer, alert: SafetyAlert | None) -> bool:
    """The school's DSLs and deputies; its head once the alert has escalated to them."""
    if alert is None or not user.is_authenticated:
        return False
    return selectors.alerts_visible_to(user).filter(pk=alert.pk).exists()


@predicate
def sees_safeguarding_queue(user: Viewer) -> bool:
    return user.is_authenticated and selectors.sees_safeguarding_queue(user)


coordinates_board_family = is_family_coordinator
works_at_a_family_school = works_at_a_school_of_family


add_perm("forums.use_forums", is_staff_account | is_pupil_account)
add_perm("forums.view_board", can_read_board)
add_perm("forums.start_thread", can_write_on_board)
add_perm("forums.subscribe_board", can_read_board & is_staff_account)
add_perm("forums.moderate_board", moderates_board)
add_perm("forums.view_thread", can_read_thread)
add_perm("forums.reply", can_reply_to_thread)
add_perm("forums.moderate_thread", moderates_thread)
add_perm("forums.view_post", can_read_post)
# Pupils' words are kept as written: they do not edit, a teacher approves once.
add_perm("forums.change_post", can_read_post & wrote_post & is_staff_account & is_published)
add_perm("forums.flag_post", can_read_post & is_published & ~wrote_post)
add_perm("forums.hide_post", can_read_post & moderates_post & is_published)
add_perm("forums.approve_post", can_read_post & is_pending & teaches_at_post_school)
add_perm("forums.create_family_board", is_staff_account & coordinates_board_family)
add_perm("forums.create_pupil_board", is_staff_account & works_at_a_family_school)
add_perm("forums.name_safeguarding_leads", is_staff_account & leads_school)
add_perm("forums.manage_pupils", is_staff_account & works_at_school)
add_perm("forums.manage_pupil_class", is_staff_account & works_at_class_school)
add_perm("forums.review_pupil_posts", is_staff_account & (leads_school | is_school_dsl))
add_perm("forums.resolve_alert", is_staff_account & is_dsl_for_alert)
add_perm("forums.record_safeguarding_action", is_staff_account & is_dsl_for_alert)
add_perm("forums.view_safeguarding_queue", is_staff_account & sees_safeguarding_queue)
add_perm("forums.use_review_queue", is_staff_account)
add_perm("forums.view_pupil_account", is_pupil_account)

# kinship.accounts.rules asks this: they read pupils' held posts, so a second factor they have
# set up cannot be turned off.
add_rule("reviews_pupil_posts", is_staff_account & (sees_safeguarding_queue | leads_any_school))
