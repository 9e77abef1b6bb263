"""Reading boards, threads and posts, and the files attached to them: visibility is a filter
in each query, never a loop."""

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from kinship.accounts.models import User
from kinship.accounts.two_factor import second_factor_given
from kinship.accounts.types import Viewer
from kinship.forums.models import (
    Board,
    BoardKind,
    BoardSubscription,
    Post,
    PostStatus,
    SafeguardingLead,
    Thread,
)
from kinship.library.selectors import resources_visible_to
from kinship.membership import memo, visibility


def dsl_school_ids(user: User) -> QuerySet[Any]:
    return SafeguardingLead.objects.filter(user=user).values("school_id")


def board_filter(user: Viewer) -> Q:
    """A filter on Board: the boards `user` may read."""
    account = visibility.account_kind(user)
    if account == "pupil":
        taking_part = Board.schools.through.objects.filter(
            school_id__in=visibility.pupil_school_ids(user)
        ).values("board_id")
        return Q(kind=BoardKind.PUPIL, pk__in=taking_part)
    if account != "staff":
        return Q(pk__in=[])
    taking_part = Board.schools.through.objects.filter(
        school_id__in=visibility.staff_school_ids(user)
    ).values("board_id")
    return (
        Q(kind=BoardKind.FAMILY, family_id__in=visibility.family_staff_ids(user))
        | Q(kind=BoardKind.CIRCLE, circle_id__in=visibility.open_circle_ids(user))
        | Q(kind=BoardKind.PUPIL, pk__in=taking_part)
    )


def boards_visible_to(user: Viewer) -> QuerySet[Board]:
    """Within a request, the boards by primary key, read once (see `memo.pinned`)."""
    return memo.pinned(user, "forums.boards", lambda: Board.objects.filter(board_filter(user)))


def visible_board_ids(user: Viewer) -> list[int]:
    """The primary keys of the boards `user` may read; once per request."""
    return list(
        memo.remembered(
            user,
            "forums.board_ids",
            lambda: list(Board.objects.filter(board_filter(user)).values_list("pk", flat=True)),
        )
    )


def post_filter(user: Viewer) -> Q:
    """A filter on Post: the posts `user` may read (on boards they may read). Built once per
    request (a thread page filters by it four times): a Q is never changed by the queries
    that use it, and a change to the person's memberships starts afresh (`remembered`)."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    verified = second_factor_given(user)
    filter_: Q = memo.remembered(
        user, ("forums.post_filter", verified), lambda: _post_filter(user, verified)
    )
    return filter_


def _post_filter(user: User, verified: bool) -> Q:
    readable = Q(thread__board_id__in=visible_board_ids(user))
    waiting_for_me = Q(
        status__in=(PostStatus.PENDING, PostStatus.DECLINED),
        school_id__in=sorted(visibility.staff_school_id_set(user)),  # a list: no subquery
    )
    if verified:  # a DSL's held posts, only after a second factor
        waiting_for_me |= Q(
            status__in=(PostStatus.HELD, PostStatus.DECLINED), school_id__in=dsl_school_ids(user)
        )
    if visibility.is_pupil(user):
        waiting_for_me = Q(pk__in=[])
    # A reply is public only in a thread whose opening post is: a staff reply to a pupil's
    # thread still waiting for approval must not show that thread's title to anyone else.
    open_threads = Post.objects.filter(
        Q(status__in=(PostStatus.PUBLISHED, PostStatus.HIDDEN)) | Q(author=user) | waiting_for_me,
        is_opening=True,
    ).values("thread_id")
    public = Q(status__in=(PostStatus.PUBLISHED, PostStatus.HIDDEN)) & (
        Q(is_opening=True) | Q(thread_id__in=open_threads)
    )
    return readable & (public | Q(author=user) | waiting_for_me)


def posts_visible_to(user: Viewer) -> QuerySet[Post]:
    return Post.objects.filter(post_filter(user))


def visible_post_ids(user: Viewer) -> QuerySet[Any]:
    """For notifications: posts the person may read now, hidden ones left out."""
    return posts_visible_to(user).exclude(status=PostStatus.HIDDEN).values("pk")


def threads_visible_to(user: Viewer) -> QuerySet[Thread]:
    """Threads whose opening post the user may read: a pupil's thread title is theirs and
    their teachers' until it is approved."""
    openings = posts_visible_to(user).filter(is_opening=True).values("thread_id")
    return Thread.objects.filter(pk__in=openings)


def board_threads(user: Viewer, board: Board) -> QuerySet[Thread]:
    return (
        threads_visible_to(user)
        .filter(board=board)
        .select_related("author")
        .annotate(
            reply_count=Count(
                "posts", filter=Q(posts__status=PostStatus.PUBLISHED, posts__is_opening=False)
            )
        )
        .order_by("-pinned", "-last_activity_at", "-pk")
    )


def thread_posts(user: Viewer, thread: Thread) -> QuerySet[Post]:
    """The thread's posts this user may read, with authors, quotes and the attachments the
    user may open (a library resource never opens to someone outside its audience here)."""
    return (
        posts_visible_to(user)
        .filter(thread=thread)
        .select_related("author", "school", "quote_of", "quote_of__author")
        .prefetch_related(
            Prefetch(
                "attachments",
                queryset=_attachable_for_reader(user, thread.board),
                to_attr="visible_attachments",
            )
        )
        .order_by("created_at", "pk")
    )


def visible_post_ids_among(user: Viewer, post_ids: set[int]) -> set[int]:
    """Which of these posts `user` may read (one query, none for an empty set)."""
    if not post_ids:
        return set()
    return set(posts_visible_to(user).filter(pk__in=post_ids).values_list("pk", flat=True))


def posts_before(user: Viewer, post: Post) -> int:
    """How many posts of its thread `user` reads before this one, in the thread's order."""
    earlier = Q(created_at__lt=post.created_at) | Q(created_at=post.created_at, pk__lt=post.pk)
    return posts_visible_to(user).filter(earlier, thread_id=post.thread_id).count()


def _attachable_for_reader(user: Viewer, board: Board) -> QuerySet[Any]:
    """Attachments as their resources are *now*: a file moved since to an audience the board's
    readers are not all in (a confidential circle, another family) stops showing here, and
    an adult must also still be able to see it in the library; pupils see the pictures their
    teachers attached through the forum alone."""
    from kinship.library.models import Resource

    fitting = Resource.objects.filter(_fits_board(board))
    if not visibility.is_pupil(user):
        fitting = fitting.filter(pk__in=resources_visible_to(user).values("pk"))
    return fitting.select_related("current_version").order_by("title")


def _fits_board(board: Board) -> Q:
    """Library audiences that cover every reader of the board."""
    from kinship.library.models import Audience

    if board.kind == BoardKind.CIRCLE:
        fits = Q(audience=Audience.PLATFORM) | Q(
            audience=Audience.CIRCLE, circle_id=board.circle_id
        )
        if board.circle is not None and not board.circle.confidential:
            fits |= Q(audience=Audience.FAMILY, family__in=board.circle.families.all())
        return fits
    return Q(audience=Audience.PLATFORM) | Q(audience=Audience.FAMILY, family_id=board.family_id)


def attachable_resources(user: Viewer, board: Board) -> QuerySet[Any]:
    """Resources the author may attach: ones they can see whose audience covers the board's
    readers, so an attachment never shows a reader something they could not otherwise see.
    Not sliced: the form validates choices against it."""
    return resources_visible_to(user).filter(_fits_board(board)).order_by("-updated_at")


def attachment_for_reader(user: Viewer, post: Post, resource_pk: int) -> Any:
    """The post's attachment `resource_pk` if `user` may open it now, else None."""
    return (
        _attachable_for_reader(user, post.thread.board)
        .filter(pk=resource_pk, pk__in=post.attachments.values("pk"))
        .first()
    )


def board_topic_label(key: str) -> str:
    board = Board.objects.filter(pk=int(key)).first() if key.isdigit() else None
    return f"emails about the board {board.title}" if board else "emails about a board"


def subscription_of(user: User, board: Board) -> BoardSubscription | None:
    return BoardSubscription.objects.filter(user=user, board=board).first()


def known_names_for(board: Board) -> list[str]:
    """Full names of people at the schools taking part, for the filter to spot."""
    from kinship.accounts.models import User

    schools = board.schools.values("pk")
    return list(
        User.objects.filter(school_roles__school__in=schools)
        .exclude(display_name="")
        .values_list("display_name", flat=True)
        .distinct()
    )


def board_readers(board: Board) -> QuerySet[Any]:
    """Everyone who may read a board (for @mentions: a name that cannot read it is not
    linked, and nobody outside the board is told of it)."""
    from kinship.accounts.models import User

    if board.kind == BoardKind.FAMILY and board.family_id is not None:
        return visibility.staff_accounts_among(visibility.staff_of_families([board.family_id]))
    if board.kind == BoardKind.CIRCLE and board.circle is not None:
        return visibility.staff_accounts_among(visibility.circle_readers(board.circle))
    people = User.objects.filter(is_active=True)
    return people.filter(school_roles__school__in=board.schools.all()).distinct()
