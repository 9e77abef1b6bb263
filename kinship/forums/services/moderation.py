"""Approving and declining pupils' posts, reports, hiding, pins and locks (the DSL's side is
in safeguarding.py)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kinship.accounts.models import User
from kinship.core.audit import audit_log
from kinship.forums import selectors
from kinship.forums.models import (
    Flag,
    Post,
    PostStatus,
    Thread,
)
from kinship.forums.services.posting import _confidential, _published
from kinship.membership import visibility
from kinship.notifications.models import Frequency
from kinship.notifications.services import notify


@transaction.atomic
def post_approve(*, actor: User, post: Post) -> Post:
    """A teacher of the pupil's school lets everyone on the board see the post."""
    if not actor.has_perm("forums.approve_post", post):
        raise PermissionDenied(_("A teacher at the pupil's school approves their posts."))
    updated = Post.objects.filter(pk=post.pk, status=PostStatus.PENDING).update(
        status=PostStatus.PUBLISHED, reviewed_by=actor, reviewed_at=timezone.now()
    )
    if not updated:
        raise ValidationError(_("Someone has already dealt with this post."))
    post.refresh_from_db()
    audit_log(actor=actor, action="forums.approve", target=post, summary="Approved a pupil post")
    _published(post)
    if post.author is not None:
        notify(
            recipients=[post.author],
            kind="forums.approved",
            target=post,
            title=_("Your post on %(board)s is up for everyone to read")
            % {"board": post.thread.board.title},
            url=post.get_absolute_url(),
        )
    return post


@transaction.atomic
def post_decline(*, actor: User, post: Post, reason: str) -> Post:
    """Not approved: kept for the school to review, shown to nobody else."""
    if not actor.has_perm("forums.approve_post", post):
        raise PermissionDenied(_("A teacher at the pupil's school reviews their posts."))
    post.status, post.reviewed_by, post.reviewed_at = PostStatus.DECLINED, actor, timezone.now()
    post.hidden_reason = reason.strip()[:300]
    post.save(update_fields=["status", "reviewed_by", "reviewed_at", "hidden_reason"])
    audit_log(
        actor=actor, action="forums.decline", target=post, summary="Did not approve a pupil post"
    )
    return post


# Moderation


@transaction.atomic
def post_flag(*, actor: User, post: Post, reason: str) -> Flag:
    if not actor.has_perm("forums.flag_post", post):
        raise PermissionDenied(_("You cannot report this post."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say what is wrong with it.")})
    flag = Flag.objects.create(post=post, flagged_by=actor, reason=reason[:300])
    moderators = visibility.active_staff_accounts().filter(
        pk__in=[
            u.pk
            for u in selectors.board_readers(post.thread.board)
            if u.has_perm("forums.moderate_board", post.thread.board)
        ]
    )
    notify(
        recipients=moderators.exclude(pk=actor.pk),
        kind="forums.flag",
        target=post,
        title=_("A post in %(thread)s was reported") % {"thread": post.thread.title},
        url=reverse("forums:review_queue"),
        frequency_of=lambda person: Frequency.IMMEDIATE,
    )
    return flag


@transaction.atomic
def post_hide(*, actor: User, post: Post, reason: str) -> Post:
    if not actor.has_perm("forums.hide_post", post):
        raise PermissionDenied(_("Only the board's moderators can hide posts."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason: everyone sees it instead of the post.")})
    post.status, post.hidden_reason = PostStatus.HIDDEN, reason[:300]
    post.reviewed_by, post.reviewed_at = actor, timezone.now()
    post.save(update_fields=["status", "hidden_reason", "reviewed_by", "reviewed_at"])
    post.flags.filter(resolved_at__isnull=True).update(
        resolved_by=actor, resolved_at=timezone.now(), outcome=Flag.Outcome.HIDDEN
    )
    audit_log(
        actor=actor,
        action="forums.hide",
        target=post,
        summary="Hid a post" if _confidential(post.thread.board) else f"Hid a post: {reason}"[:255],
    )
    return post


@transaction.atomic
def flag_dismiss(*, actor: User, flag: Flag) -> Flag:
    if not actor.has_perm("forums.moderate_board", flag.post.thread.board):
        raise PermissionDenied(_("Only the board's moderators review reports."))
    flag.resolved_by, flag.resolved_at, flag.outcome = actor, timezone.now(), Flag.Outcome.KEPT
    flag.save(update_fields=["resolved_by", "resolved_at", "outcome"])
    return flag


@transaction.atomic
def thread_set_state(
    *, actor: User, thread: Thread, pinned: bool | None = None, locked: bool | None = None
) -> Thread:
    if not actor.has_perm("forums.moderate_thread", thread):
        raise PermissionDenied(_("Only the board's moderators can pin or lock threads."))
    if pinned is not None:
        thread.pinned = pinned
    if locked is not None:
        thread.locked = locked
    thread.save(update_fields=["pinned", "locked"])
    return thread
