"""Boards, threads and posts. A post goes through `_post_write`: posting limits, then for a
pupil the link stripping and the word and pattern filter (held for the DSL, or waiting for
a teacher), for an adult the @mentions. Notifications go out when a post is published."""

import re
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kinship.accounts.models import User
from kinship.core.audit import audit_log
from kinship.core.concurrency import lock_unchanged
from kinship.families.models import Circle, Family, FamilyMembership
from kinship.forums import safety, selectors
from kinship.forums.models import (
    Board,
    BoardKind,
    BoardSubscription,
    Mention,
    Post,
    PostRevision,
    PostStatus,
    SafetyAlert,
    Thread,
    ThreadFollow,
)
from kinship.forums.pupils import pupil_shown_name
from kinship.forums.ratelimit import posting_rate_check, posting_rate_count
from kinship.library.models import Resource
from kinship.membership import visibility
from kinship.notifications.models import Frequency
from kinship.notifications.selectors import default_frequency
from kinship.notifications.services import notify
from kinship.schools.models import School

MENTION = re.compile(r"(?<![\w@])@([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})")
BODY_LIMIT = 20_000


def _topic(board: Board) -> str:
    return f"forums.board:{board.pk}"


def _confidential(board: Board) -> bool:
    return board.kind == BoardKind.CIRCLE and board.circle is not None and board.circle.confidential


# Boards


@transaction.atomic
def family_board_create(*, actor: User, family: Family, title: str, description: str = "") -> Board:
    if not actor.has_perm("forums.create_family_board", family):
        raise PermissionDenied(_("The family's coordinators open its boards."))
    if not title.strip():
        raise ValidationError({"title": _("Give the board a name.")})
    board = Board.objects.create(
        kind=BoardKind.FAMILY,
        family=family,
        title=title.strip(),
        description=description,
        created_by=actor,
    )
    audit_log(
        actor=actor, action="forums.board_create", target=board, summary=f"Opened {board.title}"
    )
    return board


@transaction.atomic
def circle_board_ensure(*, actor: User, circle: Circle) -> Board:
    """The circle's board, opened the first time a reader of the circle asks for it."""
    if not visibility.open_circle_ids(actor).filter(pk=circle.pk).exists() or (
        not visibility.is_staff_account(actor)
    ):
        raise PermissionDenied(_("You cannot open this circle."))
    board, _created = Board.objects.get_or_create(
        circle=circle,
        defaults={
            "kind": BoardKind.CIRCLE,
            "title": circle.name,
            "created_by": actor,
            "description": "",
        },
    )
    return board


@transaction.atomic
def pupil_board_create(
    *, actor: User, family: Family, title: str, topic: str, schools: Sequence[School]
) -> Board:
    """A pupil voice board for some of the family's schools, on a topic their teachers set."""
    if not actor.has_perm("forums.create_pupil_board", family):
        raise PermissionDenied(_("Staff of the family's schools open pupil boards."))
    member_ids = set(
        FamilyMembership.objects.filter(
            family=family, status=FamilyMembership.Status.ACTIVE
        ).values_list("school_id", flat=True)
    )
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = _("Give the board a name.")
    if not topic.strip():
        errors["topic"] = _("Say what the pupils will talk about.")
    if len(schools) < 1 or any(school.pk not in member_ids for school in schools):
        errors["schools"] = _("Choose schools of this family.")
    mine = set(visibility.staff_school_ids(actor).values_list("school_id", flat=True))
    if not errors and not any(school.pk in mine for school in schools):
        errors["schools"] = _("Include your own school.")
    if errors:
        raise ValidationError(errors)
    board = Board.objects.create(
        kind=BoardKind.PUPIL,
        family=family,
        title=title.strip(),
        description=topic.strip(),
        created_by=actor,
    )
    board.schools.set(schools)
    audit_log(
        actor=actor,
        action="forums.pupil_board_create",
        target=board,
        summary=f"Opened the pupil board {board.title}",
    )
    return board


@transaction.atomic
def board_subscribe(*, actor: User, board: Board, frequency: str) -> BoardSubscription:
    if not actor.has_perm("forums.subscribe_board", board):
        raise PermissionDenied(_("You cannot follow this board."))
    if frequency not in Frequency.values:
        raise ValidationError(_("Choose how often."))
    subscription, _created = BoardSubscription.objects.update_or_create(
        board=board, user=actor, defaults={"frequency": frequency}
    )
    return subscription


def board_unsubscribe(user: User, key: str) -> None:
    """From an email's unsubscribe link: no more emails about this board."""
    board = Board.objects.filter(pk=int(key)).first() if key.isdigit() else None
    if board is not None:
        BoardSubscription.objects.update_or_create(
            board=board, user=user, defaults={"frequency": Frequency.NEVER}
        )


# Writing


def _pupil_school(actor: User, board: Board) -> School:
    school = School.objects.filter(
        pk__in=visibility.pupil_school_ids(actor), pupil_boards=board
    ).first()
    if school is None:
        raise PermissionDenied(_("This board is not one your school takes part in."))
    return school


def _check_attachments(
    actor: User, board: Board, attachments: Sequence[Resource]
) -> list[Resource]:
    if not attachments:
        return []
    if visibility.is_pupil(actor):
        raise PermissionDenied(_("Only a teacher can attach pictures and files."))
    allowed = set(selectors.attachable_resources(actor, board).values_list("pk", flat=True))
    refused = [r.title for r in attachments if r.pk not in allowed]
    if refused:
        raise ValidationError(
            {"attachments": _("These cannot be shared on this board: %s") % ", ".join(refused)}
        )
    return list(attachments)


def _mentions(board: Board, body: str) -> list[User]:
    """People named as @First Last who can read the board (longest name first). A name two
    readers share is nobody's: telling one of them would as likely tell the wrong one."""
    names = [m.group(1) for m in MENTION.finditer(body)]
    if not names:
        return []
    readers = list(selectors.board_readers(board).only("pk", "display_name", "account_type"))
    named: dict[str, list[User]] = {}
    for reader in readers:
        if reader.display_name:
            named.setdefault(reader.display_name.lower(), []).append(reader)
    found: dict[int, User] = {}
    for name in names:
        words = name.split()
        for end in range(len(words), 0, -1):
            people = named.get(" ".join(words[:end]).lower(), [])
            if len(people) == 1:
                found[people[0].pk] = people[0]
            if people:
                break  # a shared name stops here too: "Nadia" is not meant by "@Nadia Rahman"
    return list(found.values())


def _post_write(
    *,
    actor: User,
    thread: Thread,
    body: str,
    is_opening: bool,
    quote_of: Post | None = None,
    attachments: Sequence[Resource] = (),
) -> Post:
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Write something before posting.")})
    if len(body) > BODY_LIMIT:
        raise ValidationError({"body": _("Keep a post under 20,000 characters.")})
    board = thread.board
    posting_rate_check(actor)  # counts nothing: only a saved post counts, below
    checked = _check_attachments(actor, board, attachments)
    if quote_of is not None and (
        quote_of.thread_id != thread.pk or not actor.has_perm("forums.view_post", quote_of)
    ):
        raise ValidationError(_("You can only quote a post in this thread."))
    post = Post(thread=thread, author=actor, is_opening=is_opening, quote_of=quote_of)
    if visibility.is_pupil(actor):
        post.school = _pupil_school(actor, board)
        text = f"{thread.title}\n{body}" if is_opening else body
        verdict = safety.check_message(text, known_names=selectors.known_names_for(board))
        post.body = safety.strip_links(body)
        post.status = PostStatus.HELD if verdict.held else PostStatus.PENDING
        post.save()
        posting_rate_count(actor)
        if verdict.held:
            _alert_raise(post, verdict)
        else:
            _tell_teachers(post)
    else:
        post.body = body
        post.status = PostStatus.PUBLISHED
        post.save()
        posting_rate_count(actor)
        post.attachments.set(checked)
        Mention.objects.bulk_create(
            [
                Mention(post=post, user=person)
                for person in _mentions(board, body)
                if person.pk != actor.pk and not visibility.is_pupil_record(person)
            ],
            ignore_conflicts=True,
        )
        _published(post)
    ThreadFollow.objects.get_or_create(thread=thread, user=actor)
    return post


@transaction.atomic
def thread_create(
    *, actor: User, board: Board, title: str, body: str, attachments: Sequence[Resource] = ()
) -> Thread:
    """Start a thread. A pupil's thread (its title too) waits for a teacher's approval."""
    if not actor.has_perm("forums.start_thread", board):
        raise PermissionDenied(_("You cannot start a thread here."))
    title = " ".join(title.split())
    if not title:
        raise ValidationError({"title": _("Give the thread a title.")})
    if visibility.is_pupil(actor):
        title = safety.strip_links(title)
    thread = Thread.objects.create(board=board, title=title[:200], author=actor)
    _post_write(actor=actor, thread=thread, body=body, is_opening=True, attachments=attachments)
    return thread


@transaction.atomic
def post_reply(
    *,
    actor: User,
    thread: Thread,
    body: str,
    quote_of: Post | None = None,
    attachments: Sequence[Resource] = (),
) -> Post:
    if not actor.has_perm("forums.reply", thread):
        if thread.locked:
            raise PermissionDenied(_("This thread is locked: no more replies."))
        raise PermissionDenied(_("You cannot reply here."))
    return _post_write(
        actor=actor,
        thread=thread,
        body=body,
        is_opening=False,
        quote_of=quote_of,
        attachments=attachments,
    )


# What the edit form changes, and so what its edit version covers.
POST_EDIT_FIELDS = ("body",)


@transaction.atomic
def post_edit(*, actor: User, post: Post, body: str, version: str | None = None) -> Post:
    """Change a post's words; the earlier words stay in its history.

    `version` is the post's edit version as the form showed it: a post changed since raises
    EditConflict. The row is locked, so parallel edits each keep the words they replace."""
    if not actor.has_perm("forums.change_post", post):
        raise PermissionDenied(_("Only the person who wrote it can change it."))
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("A post cannot be empty.")})
    post = lock_unchanged(post, POST_EDIT_FIELDS, version)
    if body == post.body:
        return post
    PostRevision.objects.create(
        post=post, body=post.body, written_at=post.edited_at or post.created_at
    )
    post.body = body
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "edited_at"])
    new_mentions = [
        person
        for person in _mentions(post.thread.board, body)
        if person.pk != actor.pk and not Mention.objects.filter(post=post, user=person).exists()
    ]
    Mention.objects.bulk_create([Mention(post=post, user=p) for p in new_mentions])
    _tell_mentioned(post, new_mentions)
    return post


def _published(post: Post) -> None:
    """Tell the people who follow the thread or board, and anyone @mentioned."""
    thread = post.thread
    board = thread.board
    thread.last_activity_at = timezone.now()
    thread.save(update_fields=["last_activity_at"])
    mentioned = list(User.objects.filter(pk__in=post.mentions.values("user_id")))
    _tell_mentioned(post, mentioned)
    skip = {post.author_id, *(person.pk for person in mentioned)}
    subscriptions = {
        s.user_id: s.frequency
        for s in BoardSubscription.objects.filter(board=board).exclude(frequency=Frequency.NEVER)
    }
    followers = set(ThreadFollow.objects.filter(thread=thread).values_list("user_id", flat=True))
    people = User.objects.filter(pk__in=(set(subscriptions) | followers) - skip)
    name = _author_name(post)
    title = (
        _("New thread on %(board)s: %(thread)s")
        if post.is_opening
        else _("%(name)s replied in %(thread)s")
    ) % {"board": board.title, "thread": thread.title, "name": name}

    def frequency_of(person: User) -> str:
        return subscriptions.get(person.pk) or default_frequency(person)

    notify(
        recipients=people,
        kind="forums.post",
        title=title,
        body=_excerpt(post),
        url=post.get_absolute_url(),
        target=post,
        topic=_topic(board),
        frequency_of=frequency_of,
    )


def _tell_mentioned(post: Post, people: Sequence[User]) -> None:
    if not people:
        return
    name = _author_name(post)
    notify(
        recipients=people,
        kind="forums.mention",
        mention=True,
        target=post,
        title=_("%(name)s mentioned you in %(thread)s")
        % {"name": name, "thread": post.thread.title},
        body=_excerpt(post),
        url=post.get_absolute_url(),
        topic=_topic(post.thread.board),
    )


def _author_name(post: Post) -> str:
    if post.author is None:
        return _("Someone")
    if visibility.is_pupil_record(post.author):
        return pupil_shown_name(post.author)
    return post.author.display_name


def _excerpt(post: Post) -> str:
    text = re.sub(r"\s+", " ", re.sub(r"^>.*$", "", post.body, flags=re.M)).strip()
    return text[:280]


# Pupils' posts: approval and safeguarding


def _tell_teachers(post: Post) -> None:
    school = post.school
    assert school is not None  # a pupil's post always names their school
    teachers = visibility.staff_of_school(school)
    notify(
        recipients=teachers,
        kind="forums.approval",
        target=post,
        title=_("A pupil post on %(board)s is waiting for approval")
        % {"board": post.thread.board.title},
        url=post.get_absolute_url(),
    )


def _alert_raise(post: Post, verdict: safety.Verdict) -> SafetyAlert:
    """Hold the post for the school's safeguarding leads, with the filter's most severe
    category stored so the queue sorts on it, and tell them (a duty: see safeguarding.py)."""
    from kinship.forums.services.safeguarding import alert_tell_leads

    school = post.school
    assert school is not None  # a pupil's post always names their school
    alert = SafetyAlert.objects.create(
        post=post,
        school=school,
        reasons=[
            {"kind": f.kind, "excerpt": f.excerpt[:120], "category": f.category}
            for f in verdict.findings
        ],
        category=verdict.category,
        severity=int(verdict.severity),
    )
    alert_tell_leads(alert)
    audit_log(
        actor=None,
        action="forums.safety_hold",
        target=post,
        summary=f"Held a pupil post for the DSL: {', '.join(verdict.categories)}",
    )
    return alert
