"""Reading boards, threads and posts. Visibility is a filter in each query, never a loop.

Who sees a board: a family board, the family's staff (its schools' staff and coordinators);
a circle board, whoever may open the circle (a confidential circle: its members only); a
pupil board, the pupils and staff of the schools taking part. Pupils never see an adults'
board. Who sees a post on a board they can see: everyone once it is published; its author
always; while it waits, the teachers of the pupil's school (for approval) and, when the
filter held it, the school's safeguarding leads.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Count, F, Max, Prefetch, Q, QuerySet
from django.utils import timezone

from kinship.accounts.two_factor import second_factor_given
from kinship.families.models import Circle, FamilyMembership
from kinship.forums.concerns import Severity
from kinship.forums.models import (
    Board,
    BoardKind,
    BoardSubscription,
    EscalationLevel,
    Flag,
    Post,
    PostStatus,
    PupilClass,
    PupilProfile,
    PupilSignInAttempt,
    SafeguardingLead,
    SafetyAlert,
    Thread,
)
from kinship.library.selectors import resources_visible_to
from kinship.membership import visibility
from kinship.schools.models import School, SchoolRole
from kinship.schools.selectors import calendar_for, term_year_of
from kinship.schools.term_dates import academic_year_of

STAFF_ROLES = (SchoolRole.Role.LEAD, SchoolRole.Role.STAFF)
ACTIVE = FamilyMembership.Status.ACTIVE


def dsl_school_ids(user: Any) -> QuerySet[Any]:
    return SafeguardingLead.objects.filter(user=user).values("school_id")


def board_filter(user: Any) -> Q:
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


def boards_visible_to(user: Any) -> QuerySet[Board]:
    """Within a request, the boards by primary key, read once (see `visibility.pinned`)."""
    return visibility.pinned(
        user, "forums.boards", lambda: Board.objects.filter(board_filter(user))
    )


def visible_board_ids(user: Any) -> list[int]:
    """The primary keys of the boards `user` may read; once per request."""
    return list(
        visibility.remembered(
            user,
            "forums.board_ids",
            lambda: list(Board.objects.filter(board_filter(user)).values_list("pk", flat=True)),
        )
    )


def post_filter(user: Any) -> Q:
    """A filter on Post: the posts `user` may read (on boards they may read)."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    readable = Q(thread__board_id__in=visible_board_ids(user))
    waiting_for_me = Q(
        status__in=(PostStatus.PENDING, PostStatus.DECLINED),
        school_id__in=visibility.staff_school_ids(user),
    )
    if second_factor_given(user):  # a DSL's held posts, only after a second factor
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


def posts_visible_to(user: Any) -> QuerySet[Post]:
    return Post.objects.filter(post_filter(user))


def visible_post_ids(user: Any) -> QuerySet[Any]:
    """For notifications: posts the person may read now, hidden ones left out."""
    return posts_visible_to(user).exclude(status=PostStatus.HIDDEN).values("pk")


def threads_visible_to(user: Any) -> QuerySet[Thread]:
    """Threads whose opening post the user may read: a pupil's thread title is theirs and
    their teachers' until it is approved."""
    openings = posts_visible_to(user).filter(is_opening=True).values("thread_id")
    return Thread.objects.filter(pk__in=openings)


def board_threads(user: Any, board: Board) -> QuerySet[Thread]:
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


def thread_posts(user: Any, thread: Thread) -> QuerySet[Post]:
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


def visible_post_ids_among(user: Any, post_ids: set[int]) -> set[int]:
    """Which of these posts `user` may read (one query, none for an empty set)."""
    if not post_ids:
        return set()
    return set(posts_visible_to(user).filter(pk__in=post_ids).values_list("pk", flat=True))


def posts_before(user: Any, post: Post) -> int:
    """How many posts of its thread `user` reads before this one, in the thread's order."""
    earlier = Q(created_at__lt=post.created_at) | Q(created_at=post.created_at, pk__lt=post.pk)
    return posts_visible_to(user).filter(earlier, thread_id=post.thread_id).count()


def _attachable_for_reader(user: Any, board: Board) -> QuerySet[Any]:
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


def attachable_resources(user: Any, board: Board) -> QuerySet[Any]:
    """Resources the author may attach: ones they can see whose audience covers the board's
    readers, so an attachment never shows a reader something they could not otherwise see.
    Not sliced: the form validates choices against it."""
    return resources_visible_to(user).filter(_fits_board(board)).order_by("-updated_at")


def attachment_for_reader(user: Any, post: Post, resource_pk: int) -> Any:
    """The post's attachment `resource_pk` if `user` may open it now, else None."""
    return (
        _attachable_for_reader(user, post.thread.board)
        .filter(pk=resource_pk, pk__in=post.attachments.values("pk"))
        .first()
    )


def led_school_ids(user: Any) -> QuerySet[Any]:
    return visibility.school_ids_of_user(user, roles=(SchoolRole.Role.LEAD,))


def alert_filter(user: Any) -> Q:
    """A filter on SafetyAlert: the school's DSLs and deputies see its alerts; its head sees
    one once it has escalated to them (they are told, so they must be able to act)."""
    if not visibility.is_staff_account(user):
        return Q(pk__in=[])
    return Q(school_id__in=dsl_school_ids(user)) | Q(
        school_id__in=led_school_ids(user), escalation_level__gte=EscalationLevel.HEAD
    )


def alerts_visible_to(user: Any) -> QuerySet[SafetyAlert]:
    return SafetyAlert.objects.filter(alert_filter(user))


def visible_alert_ids(user: Any) -> QuerySet[Any]:
    return alerts_visible_to(user).values("pk")


def sees_safeguarding_queue(user: Any) -> bool:
    return bool(
        visibility.is_staff_account(user)
        and (dsl_school_ids(user).exists() or alerts_visible_to(user).exists())
    )


def board_topic_label(key: str) -> str:
    board = Board.objects.filter(pk=int(key)).first() if key.isdigit() else None
    return f"emails about the board {board.title}" if board else "emails about a board"


def subscription_of(user: Any, board: Board) -> BoardSubscription | None:
    return BoardSubscription.objects.filter(user=user, board=board).first()


def moderated_board_filter(user: Any) -> Q:
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


def open_flags_for(user: Any) -> QuerySet[Flag]:
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


def pending_approvals_for(user: Any) -> QuerySet[Post]:
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


def _alert_rows(alerts: QuerySet[SafetyAlert]) -> QuerySet[SafetyAlert]:
    """With what the queue shows: the pupil's names and class, the school, the record."""
    return alerts.select_related(
        "post", "post__author", "post__thread", "post__thread__board", "school", "resolved_by"
    ).annotate(
        pupil_login_name=F("post__author__pupil_profile__login_name"),
        pupil_class_name=F("post__author__pupil_profile__pupil_class__name"),
        action_count=Count("actions"),
    )


def alerts_for(user: Any, *, open_only: bool = True) -> QuerySet[SafetyAlert]:
    """The DSL's queue: open alerts, most severe first, then the longest waiting first."""
    alerts = alerts_visible_to(user)
    if open_only:
        alerts = alerts.filter(resolved_at__isnull=True)
    return _alert_rows(alerts).order_by("resolved_at", "-severity", "created_at", "pk")


def closed_alerts_for(user: Any) -> QuerySet[SafetyAlert]:
    """Closed alerts, the most recently closed first."""
    alerts = alerts_visible_to(user).filter(resolved_at__isnull=False)
    return _alert_rows(alerts).order_by("-resolved_at", "-pk")


def alert_with_pupil(alert: SafetyAlert) -> SafetyAlert:
    """The alert again with the queue's annotations (the pupil's login name and class)."""
    return _alert_rows(SafetyAlert.objects.filter(pk=alert.pk)).get()


def alert_actions(alert: SafetyAlert) -> QuerySet[Any]:
    return alert.actions.order_by("created_at", "pk")


@dataclass(frozen=True)
class ThreadAround:
    """A held post with the thread around it: the opening post, a few before and after."""

    opening: Post | None  # None when the held post is the opening post
    before: list[Post]
    held: Post
    after: list[Post]
    skipped_before: int
    skipped_after: int


def alert_context(alert: SafetyAlert, *, around: int = 3) -> ThreadAround:
    """The posts around a held one, whatever their state (other held or waiting posts
    included, marked by the template): the DSL needs the whole picture."""
    held = Post.objects.select_related("author", "school").get(pk=alert.post_id)
    posts = Post.objects.filter(thread_id=held.thread_id).select_related("author", "school")
    earlier = Q(created_at__lt=held.created_at) | Q(created_at=held.created_at, pk__lt=held.pk)
    opening = None if held.is_opening else posts.filter(is_opening=True).first()
    replies_before = posts.filter(earlier, is_opening=False)
    replies_after = posts.exclude(earlier).exclude(pk=held.pk).exclude(is_opening=True)
    before = list(replies_before.order_by("-created_at", "-pk")[:around])[::-1]
    after = list(replies_after.order_by("created_at", "pk")[:around])
    return ThreadAround(
        opening=opening,
        before=before,
        held=held,
        after=after,
        skipped_before=replies_before.count() - len(before),
        skipped_after=replies_after.count() - len(after),
    )


def school_open_day(school: School) -> Callable[[date], bool]:
    """Whether the school is open to pupils on a day, from its term dates (its own, or its
    local authority's); Monday to Friday in a year it has none. Years load as needed."""
    years: dict[int, frozenset[date] | None] = {}

    def is_open(day: date) -> bool:
        year = academic_year_of(day)
        if year not in years:
            calendar = calendar_for(school, year)
            years[year] = term_year_of(calendar).open_days() if calendar else None
        found = years[year]
        return day.weekday() < 5 if found is None else day in found

    return is_open


def overdue_high_alerts() -> QuerySet[SafetyAlert]:
    """Open high-severity alerts nobody has acted on, not yet escalated to the head."""
    return (
        SafetyAlert.objects.filter(
            resolved_at__isnull=True,
            severity__gte=Severity.HIGH,
            escalation_level__lt=EscalationLevel.HEAD,
            actions__isnull=True,
        )
        .select_related("school")
        .order_by("created_at", "pk")
    )


def deputies_of(school: School) -> QuerySet[Any]:
    from kinship.accounts.models import User

    return User.objects.filter(
        pk__in=SafeguardingLead.objects.filter(
            school=school, role=SafeguardingLead.Role.DEPUTY
        ).values("user_id"),
        is_active=True,
    )


def heads_of(school: School) -> QuerySet[Any]:
    from kinship.accounts.models import User

    return User.objects.filter(
        school_roles__school=school, school_roles__role=SchoolRole.Role.LEAD, is_active=True
    ).distinct()


def safeguarding_leads_to_alert(school: School) -> QuerySet[Any]:
    from kinship.accounts.models import User

    return User.objects.filter(
        pk__in=SafeguardingLead.objects.filter(school=school).values("user_id"), is_active=True
    )


def pupil_posts_of_school(school: School) -> QuerySet[Post]:
    """Everything the school's pupils have written, kept for the school to review."""
    pupils = SchoolRole.objects.filter(school=school, role=SchoolRole.Role.PUPIL).values("user_id")
    return (
        Post.objects.filter(author_id__in=pupils)
        .select_related("author", "thread", "thread__board", "reviewed_by")
        .prefetch_related("revisions")
        .order_by("-created_at", "-pk")
    )


def pupil_classes_of(school: School) -> QuerySet[PupilClass]:
    return PupilClass.objects.filter(school=school).annotate(pupil_count=Count("pupils"))


def pupils_in(pupil_class: PupilClass) -> QuerySet[PupilProfile]:
    return pupil_class.pupils.select_related("user").order_by("login_name")


def safeguarding_leads_of(school: School) -> QuerySet[SafeguardingLead]:
    return (
        SafeguardingLead.objects.filter(school=school)
        .select_related("user")
        .order_by("role", "user__display_name")
    )


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


def has_open_work(user: Any) -> dict[str, int]:
    return {
        "flags": open_flags_for(user).count(),
        "approvals": pending_approvals_for(user).count(),
        "alerts": alerts_for(user).count(),
    }


def schools_led_by(user: Any) -> QuerySet[School]:
    return visibility.schools_of_user(user, roles=(SchoolRole.Role.LEAD,))


def schools_of_pupil(user: Any) -> QuerySet[School]:
    return School.objects.filter(pk__in=visibility.pupil_school_ids(user)).order_by("name")


def schools_staffed_by(user: Any) -> QuerySet[School]:
    return School.objects.filter(pk__in=visibility.staff_school_ids(user))


# The pupil sign-in throttle (see docs/decisions.md): wrong tries for one class code and
# login name pause it on that device; many from one device pause the device; many anywhere
# pause the name until an hour passes or the teacher unlocks. Known and unknown names are
# treated alike, so a pause never tells which names exist.
DEVICE_TRIES = 5
DEVICE_WINDOW = timedelta(minutes=10)
DEVICE_ALL_NAMES_TRIES = 20
NAME_TRIES = 30
NAME_WINDOW = timedelta(hours=1)


@dataclass(frozen=True)
class SignInPause:
    everywhere: bool  # the name is paused on every device: only the teacher or time unlocks
    until: datetime


def pupil_sign_in_pause(
    *, class_code: str, login_name: str, device: str, now: datetime | None = None
) -> SignInPause | None:
    """Why this device may not try this name now, or None. Tries made while paused are
    refused before any check and not recorded, so a pause ends when the time given says."""
    from kinship.forums.pupils import normal_class_code, normal_login_name

    now = now or timezone.now()
    name = PupilSignInAttempt.objects.filter(
        class_code=normal_class_code(class_code), login_name=normal_login_name(login_name)
    )
    everywhere = name.filter(created_at__gt=now - NAME_WINDOW).aggregate(
        n=Count("pk"), last=Max("created_at")
    )
    if everywhere["n"] >= NAME_TRIES:
        return SignInPause(everywhere=True, until=everywhere["last"] + NAME_WINDOW)
    for tries, limit in (
        (name.filter(device=device), DEVICE_TRIES),
        (PupilSignInAttempt.objects.filter(device=device), DEVICE_ALL_NAMES_TRIES),
    ):
        recent = tries.filter(created_at__gt=now - DEVICE_WINDOW).aggregate(
            n=Count("pk"), last=Max("created_at")
        )
        if recent["n"] >= limit:
            return SignInPause(everywhere=False, until=recent["last"] + DEVICE_WINDOW)
    return None


def pupil_sign_in_locks(pupil_class: PupilClass, *, now: datetime | None = None) -> dict[str, str]:
    """Login names in the class whose sign-in is paused now: 'everywhere' or 'device'."""
    now = now or timezone.now()
    recent = PupilSignInAttempt.objects.filter(
        class_code=pupil_class.code, created_at__gt=now - NAME_WINDOW
    )
    locks: dict[str, str] = {}
    per_device = (
        recent.filter(created_at__gt=now - DEVICE_WINDOW)
        .values("login_name", "device")
        .annotate(n=Count("pk"))
        .filter(n__gte=DEVICE_TRIES)
    )
    for on_device in per_device:
        locks[on_device["login_name"]] = "device"
    everywhere = recent.values("login_name").annotate(n=Count("pk")).filter(n__gte=NAME_TRIES)
    for anywhere in everywhere:
        locks[anywhere["login_name"]] = "everywhere"
    return locks
