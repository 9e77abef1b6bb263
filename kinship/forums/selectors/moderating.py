"""What waits for a moderator or a teacher: flags on the boards they look after, pupils'
posts to approve, and the count the dashboard shows."""

from django.db.models import Q, QuerySet

from kinship.accounts.types import Viewer
from kinship.families.models import Circle
from kinship.forums.models import (
    Board,
    BoardKind,
    Flag,
    Post,
    PostStatus,
)
from kinship.forums.selectors.reading import posts_visible_to
from kinship.forums.selectors.safeguarding import alerts_for
from kinship.membership import visibility


def moderated_board_filter(user: Viewer) -> Q:
    """Boards whose flags this user reviews: a family board's coordinators; a circle board's
    conveners (and, for an open circle, its families' coordinators); a pupil board's
    teachers at the schools taking part."""
    if not visibility.is_staff_account(user):
        return Q(pk__in=[])
    coordinated = visibility.coordinated_family_ids(user)
    convened = visibility.member_circle_ids(user).filter(is_convener=True)
    open_circles = Circle.objects.filter(confidential=False, families__in=coordinated).values("pk")
    teaching = Board.schools.through.objects.filter(
        school_id__in=visibility.staff_school_ids(user)
    ).values("board_id")
    return (
        Q(kind=BoardKind.FAMILY, family_id__in=coordinated)
        | Q(kind=BoardKind.CIRCLE, circle_id__in=convened)
        | Q(kind=BoardKind.CIRCLE, circle_id__in=open_circles)
        | Q(kind=BoardKind.PUPIL, pk__in=teaching)
    )


def open_flags_for(user: Viewer) -> QuerySet[Flag]:
    # Most people moderate no board: one small query says so, and the costly one is skipped.
    boards = list(Board.objects.filter(moderated_board_filter(user)).values_list("pk", flat=True))
    if not boards:
        return Flag.objects.none()
    return (
        Flag.objects.filter(resolved_at__isnull=True, post__thread__board__in=boards)
        .filter(post__in=posts_visible_to(user).values("pk"))
        .select_related("post", "post__author", "post__thread", "post__thread__board", "flagged_by")
        .order_by("created_at")
    )


def pending_approvals_for(user: Viewer) -> QuerySet[Post]:
    """Pupil posts waiting for a teacher of this user's schools."""
    if not visibility.is_staff_account(user):
        return Post.objects.none()
    return (
        Post.objects.filter(
            status=PostStatus.PENDING, school_id__in=visibility.staff_school_ids(user)
        )
        .select_related("author", "school", "thread", "thread__board")
        .order_by("created_at")
    )


def has_open_work(user: Viewer) -> dict[str, int]:
    return {
        "flags": open_flags_for(user).count(),
        "approvals": pending_approvals_for(user).count(),
        "alerts": alerts_for(user).count(),
    }
