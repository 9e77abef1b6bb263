"""Reading boards, threads and posts. Visibility is a filter in each query, never a loop.

Who sees a board: a family board, the family's staff (its schools' staff and coordinators);
a circle board, whoever may open the circle (a confidential circle: its members only); a
pupil board, the pupils and staff of the schools taking part. Pupils never see an adults'
board. Who sees a post on a board they can see: everyone once it is published; its author
always; while it waits, the teachers of the pupil's school (for approval) and, when the
filter held it, the school's safeguarding leads.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.utils import timezone

from kinship.families.models import Circle, CircleMembership, Family, FamilyMembership, FamilyRole
from kinship.forums.models import (
    Board,
    BoardKind,
    BoardSubscription,
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
from kinship.schools.models import School, SchoolRole

STAFF_ROLES = (SchoolRole.Role.LEAD, SchoolRole.Role.STAFF)
ACTIVE = FamilyMembership.Status.ACTIVE


def _account(user: Any) -> str:
    return str(user.account_type) if user.is_authenticated and user.is_active else ""


def staff_school_ids(user: Any) -> QuerySet[Any]:
    return SchoolRole.objects.filter(user=user, role__in=STAFF_ROLES).values("school_id")


def pupil_school_ids(user: Any) -> QuerySet[Any]:
    return SchoolRole.objects.filter(user=user, role=SchoolRole.Role.PUPIL).values("school_id")


def dsl_school_ids(user: Any) -> QuerySet[Any]:
    return SafeguardingLead.objects.filter(user=user).values("school_id")


def family_ids_of_staff(user: Any) -> QuerySet[Any]:
    through_school = FamilyMembership.objects.filter(
        status=ACTIVE, school_id__in=staff_school_ids(user)
    ).values("family_id")
    coordinating = FamilyRole.objects.filter(user=user, role=FamilyRole.Role.COORDINATOR).values(
        "family_id"
    )
    return Family.objects.filter(Q(pk__in=through_school) | Q(pk__in=coordinating)).values("pk")


def circles_open_to(user: Any) -> QuerySet[Any]:
    """Circles the user may open (as families.view_circle, platform admins aside)."""
    member = CircleMembership.objects.filter(user=user).values("circle_id")
    open_in_my_families = Circle.objects.filter(
        confidential=False, families__in=family_ids_of_staff(user)
    ).values("pk")
    return Circle.objects.filter(Q(pk__in=member) | Q(pk__in=open_in_my_families)).values("pk")


def board_filter(user: Any) -> Q:
    """A filter on Board: the boards `user` may read."""
    account = _account(user)
    if account == "pupil":
        taking_part = Board.schools.through.objects.filter(
            school_id__in=pupil_school_ids(user)
        ).values("board_id")
        return Q(kind=BoardKind.PUPIL, pk__in=taking_part)
    if account != "staff":
        return Q(pk__in=[])
    taking_part = Board.schools.through.objects.filter(school_id__in=staff_school_ids(user)).values(
        "board_id"
    )
    return (
        Q(kind=BoardKind.FAMILY, family_id__in=family_ids_of_staff(user))
        | Q(kind=BoardKind.CIRCLE, circle_id__in=circles_open_to(user))
        | Q(kind=BoardKind.PUPIL, pk__in=taking_part)
    )


def boards_visible_to(user: Any) -> QuerySet[Board]:
    return Board.objects.filter(board_filter(user))


def post_filter(user: Any) -> Q:
    """A filter on Post: the posts `user` may read (on boards they may read)."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    readable = Q(thread__board__in=boards_visible_to(user).values("pk"))
    waiting_for_me = Q(
        status__in=(PostStatus.PENDING, PostStatus.DECLINED), school_id__in=staff_school_ids(user)
    ) | Q(status__in=(PostStatus.HELD, PostStatus.DECLINED), school_id__in=dsl_school_ids(user))
    if _account(user) == "pupil":
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
        .annotate(revision_count=Count("revisions"))
        .order_by("created_at", "pk")
    )


def _attachable_for_reader(user: Any, board: Board) -> QuerySet[Any]:
    from kinship.library.models import Resource

    # Attachments were checked against the board's audience when posted: anyone who can
    # read the post can open them here (pupils included, through the forum's own view).
    return Resource.objects.select_related("current_version").order_by("title")


def attachable_resources(user: Any, board: Board) -> QuerySet[Any]:
    """Resources the author may attach: ones they can see whose audience covers the board's
    readers, so an attachment never shows a reader something they could not otherwise see."""
    from kinship.library.models import Audience

    mine = resources_visible_to(user)
    if board.kind == BoardKind.CIRCLE:
        fits = Q(audience=Audience.PLATFORM) | Q(
            audience=Audience.CIRCLE, circle_id=board.circle_id
        )
        if board.circle is not None and not board.circle.confidential:
            fits |= Q(audience=Audience.FAMILY, family__in=board.circle.families.all())
    else:
        fits = Q(audience=Audience.PLATFORM) | Q(
            audience=Audience.FAMILY, family_id=board.family_id
        )
    return mine.filter(fits).order_by("-updated_at")[:100]


def visible_alert_ids(user: Any) -> QuerySet[Any]:
    return SafetyAlert.objects.filter(school_id__in=dsl_school_ids(user)).values("pk")


def board_topic_label(key: str) -> str:
    board = Board.objects.filter(pk=int(key)).first() if key.isdigit() else None
    return f"emails about the board {board.title}" if board else "emails about a board"


def subscription_of(user: Any, board: Board) -> BoardSubscription | None:
    return BoardSubscription.objects.filter(user=user, board=board).first()


def moderated_board_filter(user: Any) -> Q:
    """Boards whose flags this user reviews: a family board's coordinators; a circle board's
    conveners (and, for an open circle, its families' coordinators); a pupil board's
    teachers at the schools taking part."""
    if _account(user) != "staff":
        return Q(pk__in=[])
    coordinated = FamilyRole.objects.filter(user=user, role=FamilyRole.Role.COORDINATOR).values(
        "family_id"
    )
    convened = CircleMembership.objects.filter(user=user, is_convener=True).values("circle_id")
    open_circles = Circle.objects.filter(confidential=False, families__in=coordinated).values("pk")
    teaching = Board.schools.through.objects.filter(school_id__in=staff_school_ids(user)).values(
        "board_id"
    )
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
    if _account(user) != "staff":
        return Post.objects.none()
    return (
        Post.objects.filter(status=PostStatus.PENDING, school_id__in=staff_school_ids(user))
        .select_related("author", "school", "thread", "thread__board")
        .order_by("created_at")
    )


def alerts_for(user: Any, *, open_only: bool = True) -> QuerySet[SafetyAlert]:
    alerts = SafetyAlert.objects.filter(school_id__in=dsl_school_ids(user))
    if open_only:
        alerts = alerts.filter(resolved_at__isnull=True)
    return alerts.select_related(
        "post", "post__author", "post__thread", "post__thread__board", "school", "resolved_by"
    ).order_by("resolved_at", "created_at")


def alert_context(alert: SafetyAlert) -> QuerySet[Post]:
    """The posts around a held one, whatever their state: the DSL needs the whole picture."""
    return (
        Post.objects.filter(thread=alert.post.thread)
        .select_related("author", "school")
        .order_by("created_at", "pk")
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
        .order_by("user__display_name")
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

    people = User.objects.filter(is_active=True)
    if board.kind == BoardKind.FAMILY and board.family_id is not None:
        schools = FamilyMembership.objects.filter(family_id=board.family_id, status=ACTIVE).values(
            "school_id"
        )
        return people.filter(
            Q(school_roles__school__in=schools, school_roles__role__in=STAFF_ROLES)
            | Q(
                family_roles__family_id=board.family_id,
                family_roles__role=FamilyRole.Role.COORDINATOR,
            ),
            account_type="staff",
        ).distinct()
    if board.kind == BoardKind.CIRCLE:
        circle = board.circle
        members = Q(circle_memberships__circle=circle)
        if circle is not None and not circle.confidential:
            families = circle.families.values("pk")
            schools = FamilyMembership.objects.filter(family__in=families, status=ACTIVE).values(
                "school_id"
            )
            members |= Q(school_roles__school__in=schools, school_roles__role__in=STAFF_ROLES)
            members |= Q(family_roles__family__in=families, family_roles__role="coordinator")
        return people.filter(members, account_type="staff").distinct()
    return people.filter(school_roles__school__in=board.schools.all()).distinct()


def has_open_work(user: Any) -> dict[str, int]:
    return {
        "flags": open_flags_for(user).count(),
        "approvals": pending_approvals_for(user).count(),
        "alerts": alerts_for(user).count(),
    }


def schools_led_by(user: Any) -> QuerySet[School]:
    return School.objects.filter(roles__user=user, roles__role=SchoolRole.Role.LEAD).distinct()


def schools_of_pupil(user: Any) -> QuerySet[School]:
    return School.objects.filter(pk__in=pupil_school_ids(user)).order_by("name")


def schools_staffed_by(user: Any) -> QuerySet[School]:
    return School.objects.filter(pk__in=staff_school_ids(user))


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
