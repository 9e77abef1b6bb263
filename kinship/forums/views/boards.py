"""Boards, threads and posts: reading, starting, replying (with quotes and attachments),
editing with history, following by email, pinning and locking."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinship.core.concurrency import edit_version, form_status, saved
from kinship.core.feedback import apply_errors
from kinship.core.http import AuthenticatedHttpRequest
from kinship.families.models import Family, FamilyMembership
from kinship.families.views import get_circle_for_user, get_family_for_user
from kinship.forums import selectors, services
from kinship.forums.forms import (
    EditForm,
    FamilyBoardForm,
    PupilBoardForm,
    ReasonForm,
    ReplyForm,
    SubscriptionForm,
    ThreadForm,
    ThreadStateForm,
)
from kinship.forums.models import Board, BoardKind, Post, PostStatus, Thread
from kinship.forums.pupils import pupil_shown_name
from kinship.forums.ratelimit import RateLimited
from kinship.forums.views.access import get_board_for_user, get_post_for_user, get_thread_for_user
from kinship.membership import visibility
from kinship.notifications.selectors import default_frequency
from kinship.schools.models import School

THREADS_PER_PAGE = 30
# A thread of a thousand posts was one 1 MB page; 25 a page (as phpBB) keeps each quick.
POSTS_PER_PAGE = 25


def _require_forums(request: AuthenticatedHttpRequest) -> None:
    if not request.user.has_perm("forums.use_forums"):
        raise PermissionDenied(_("Forums are for school staff and their pupils."))


@require_GET
@login_required
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_forums(request)
    user = request.user
    boards = list(
        selectors.boards_visible_to(user)
        .select_related("family", "circle")
        .order_by("kind", "title")
    )
    is_staff = visibility.is_staff_account(user)
    context = {
        "family_boards": [b for b in boards if b.kind == BoardKind.FAMILY],
        "circle_boards": [b for b in boards if b.kind == BoardKind.CIRCLE],
        "pupil_boards": [b for b in boards if b.kind == BoardKind.PUPIL],
        "work": selectors.has_open_work(user) if is_staff else None,
        "families": list(Family.objects.filter(pk__in=visibility.family_staff_ids(user)))
        if is_staff
        else [],
        "schools_staffed": list(selectors.schools_staffed_by(user)) if is_staff else [],
        "schools_led": {s.pk for s in selectors.schools_led_by(user)} if is_staff else set(),
    }
    return render(request, "forums/home.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def family_board_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    family = get_family_for_user(request.user, slug)
    if not request.user.has_perm("forums.create_family_board", family):
        raise PermissionDenied(_("The family's coordinators open its boards."))
    form = FamilyBoardForm(request.POST or None)
    if form.is_valid():
        board = services.family_board_create(actor=request.user, family=family, **form.cleaned_data)
        messages.success(request, _("The board is open."))
        return redirect(board)
    return render(
        request, "forums/board_form.html", {"form": form, "family": family, "pupil": False}
    )


@require_http_methods(["GET", "POST"])
@login_required
def pupil_board_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    family = get_family_for_user(request.user, slug)
    if not request.user.has_perm("forums.create_pupil_board", family):
        raise PermissionDenied(_("Staff of the family's schools open pupil boards."))
    schools = School.objects.filter(
        family_memberships__family=family, family_memberships__status=FamilyMembership.Status.ACTIVE
    ).order_by("name")
    form = PupilBoardForm(request.POST or None, schools=schools)
    if form.is_valid():
        try:
            board = services.pupil_board_create(
                actor=request.user,
                family=family,
                title=form.cleaned_data["title"],
                topic=form.cleaned_data["topic"],
                schools=list(form.cleaned_data["schools"]),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("The pupil board is open. Every pupil post waits for a teacher.")
            )
            return redirect(board)
    return render(
        request, "forums/board_form.html", {"form": form, "family": family, "pupil": True}
    )


@require_GET
@login_required
def circle_board(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    circle = get_circle_for_user(request.user, pk)
    if not visibility.open_circle_ids(request.user).filter(pk=circle.pk).exists():
        raise Http404  # platform admins see open circles' pages, not their discussions
    if not visibility.is_staff_account(request.user):
        raise Http404
    board = services.circle_board_ensure(actor=request.user, circle=circle)
    return redirect(board)


@require_GET
@login_required
def board_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    board = get_board_for_user(request.user, pk)
    user = request.user
    page = Paginator(selectors.board_threads(user, board), THREADS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    subscription = (
        selectors.subscription_of(user, board) if visibility.is_staff_account(user) else None
    )
    can_start = user.has_perm("forums.start_thread", board)
    context = {
        "board": board,
        "page": page,
        "can_start": can_start,
        "can_subscribe": user.has_perm("forums.subscribe_board", board),
        "subscription_form": SubscriptionForm(
            initial={
                "frequency": subscription.frequency if subscription else default_frequency(user)
            }
        ),
        "subscribed": subscription is not None,
        "thread_form": ThreadForm(resources=_resources(request, board)) if can_start else None,
        "schools": list(board.schools.all()) if board.kind == BoardKind.PUPIL else [],
    }
    return render(request, "forums/board_detail.html", context)


def _resources(request: AuthenticatedHttpRequest, board: Board) -> Any:
    if visibility.is_pupil(request.user):
        return None
    return selectors.attachable_resources(request.user, board)


@require_POST
@login_required
def board_subscribe(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    board = get_board_for_user(request.user, pk, perm="forums.subscribe_board")
    form = SubscriptionForm(request.POST)
    if form.is_valid():
        services.board_subscribe(
            actor=request.user, board=board, frequency=form.cleaned_data["frequency"]
        )
        messages.success(request, _("Saved: you will hear about this board as you chose."))
    else:
        messages.error(request, _("Choose how often."))
    return redirect(board)


CHILDLINE = "https://www.childline.org.uk/"


def _post_feedback(request: AuthenticatedHttpRequest, post: Post) -> None:
    if post.status == PostStatus.PUBLISHED:
        messages.success(request, _("Posted."))
    elif post.status == PostStatus.HELD:
        # Kind, and true: an adult will read it. Never what the filter found, which would
        # teach a child to hide it, or frighten one who has just told of harm.
        messages.info(
            request,
            format_html(
                '{} {} <a href="{}">childline.org.uk</a>.',
                _("Thank you for writing this. A trusted adult at your school will read it soon."),
                _(
                    "If you need to talk to someone now, you can call Childline free on 0800 "
                    "1111, any time, or visit"
                ),
                CHILDLINE,
            ),
        )
    else:
        messages.info(
            request, _("Your post is saved. A teacher will check it before others see it.")
        )


@require_http_methods(["GET", "POST"])
@login_required
def thread_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    board = get_board_for_user(request.user, pk, perm="forums.start_thread")
    form = ThreadForm(request.POST or None, resources=_resources(request, board))
    status = 200
    if form.is_valid():
        try:
            thread = services.thread_create(
                actor=request.user,
                board=board,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                attachments=list(form.cleaned_data.get("attachments") or []),
            )
        except RateLimited as error:
            form.add_error(None, error)
            status = 429
        except ValidationError as error:
            apply_errors(form, error)
        else:
            _post_feedback(request, thread.posts.get(is_opening=True))
            return redirect(thread)
    return render(request, "forums/thread_form.html", {"board": board, "form": form}, status=status)


def _thread_context(
    request: AuthenticatedHttpRequest, thread: Thread, form: ReplyForm, *, page_number: Any
) -> dict[str, Any]:
    user = request.user
    board = thread.board
    paginator = Paginator(selectors.thread_posts(user, thread), POSTS_PER_PAGE)
    page = paginator.get_page(paginator.num_pages if page_number == "last" else page_number)
    posts = list(page.object_list)
    moderator = user.has_perm("forums.moderate_board", board)
    teaching = visibility.staff_school_id_set(user)
    is_staff = visibility.is_staff_account(user)
    # A quoted post may sit on another page: ask which of them this reader may see.
    quoted = selectors.visible_post_ids_among(user, {p.quote_of_id for p in posts if p.quote_of_id})
    for post in posts:
        published = post.status == PostStatus.PUBLISHED
        post.can_edit = is_staff and published and post.author_id == user.pk  # type: ignore[attr-defined]
        post.can_flag = published and post.author_id != user.pk  # type: ignore[attr-defined]
        post.can_hide = moderator and published  # type: ignore[attr-defined]
        post.can_approve = post.status == PostStatus.PENDING and post.school_id in teaching  # type: ignore[attr-defined]
        quote = post.quote_of
        shown = quote is not None and quote.pk in quoted
        post.quote_shown = shown and quote.status == PostStatus.PUBLISHED  # type: ignore[attr-defined,union-attr]
    return {
        "thread": thread,
        "board": board,
        "page": page,
        "posts": posts,
        "form": form,
        "moderator": moderator,
        "can_reply": user.has_perm("forums.reply", thread),
        "is_pupil": visibility.is_pupil(user),
        "flag_form": ReasonForm(),
        "hide_form": ReasonForm(),
    }


def _quote_initial(request: AuthenticatedHttpRequest, thread: Thread) -> dict[str, Any]:
    quote = request.GET.get("quote", "")
    if not quote.isdigit():
        return {}
    post = (
        selectors.posts_visible_to(request.user)
        .filter(pk=int(quote), thread=thread, status=PostStatus.PUBLISHED)
        .select_related("author")
        .first()
    )
    if post is None:
        return {}
    name = pupil_shown_name(post.author) if post.author else _("Former member")
    if post.author and not visibility.is_pupil_record(post.author):
        name = post.author.display_name
    quoted = "\n".join(f"> {line}" for line in post.body.splitlines() if not line.startswith(">"))
    return {"quote_of": post.pk, "body": f"{quoted}\n>\n> — {name}\n\n"}


@require_GET
@login_required
def thread_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    thread = get_thread_for_user(request.user, pk)
    form = ReplyForm(
        initial=_quote_initial(request, thread), resources=_resources(request, thread.board)
    )
    context = _thread_context(request, thread, form, page_number=request.GET.get("page"))
    return render(request, "forums/thread_detail.html", context)


@require_GET
@login_required
def post_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A post's own address (in emails and notifications): the page of its thread showing it."""
    post = get_post_for_user(request.user, pk)
    page = selectors.posts_before(request.user, post) // POSTS_PER_PAGE + 1
    return redirect(f"{post.thread.get_absolute_url()}?page={page}#post-{post.pk}")


@require_POST
@login_required
def reply(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    thread = get_thread_for_user(request.user, pk, perm="forums.reply")
    form = ReplyForm(request.POST, resources=_resources(request, thread.board))
    status = 200
    if form.is_valid():
        quote_id = form.cleaned_data.get("quote_of")
        quote = Post.objects.filter(pk=quote_id, thread=thread).first() if quote_id else None
        try:
            post = services.post_reply(
                actor=request.user,
                thread=thread,
                body=form.cleaned_data["body"],
                quote_of=quote,
                attachments=list(form.cleaned_data.get("attachments") or []),
            )
        except RateLimited as error:
            form.add_error(None, error)
            status = 429
        except ValidationError as error:
            apply_errors(form, error)
        else:
            _post_feedback(request, post)
            return redirect(post.get_absolute_url())
    # The form is shown again under the newest posts, where the reply will go.
    context = _thread_context(request, thread, form, page_number="last")
    return render(request, "forums/thread_detail.html", context, status=status)


@require_POST
@login_required
def thread_state(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    thread = get_thread_for_user(request.user, pk, perm="forums.moderate_thread")
    form = ThreadStateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose pin or lock."))
        return redirect(thread)
    if form.cleaned_data["what"] == "pin":
        services.thread_set_state(
            actor=request.user, thread=thread, pinned=form.cleaned_data["pinned"]
        )
    else:
        services.thread_set_state(
            actor=request.user, thread=thread, locked=form.cleaned_data["locked"]
        )
    messages.success(request, _("Saved."))
    return redirect(thread)


@require_http_methods(["GET", "POST"])
@login_required
def post_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = get_post_for_user(request.user, pk, perm="forums.change_post")
    version = edit_version(post, services.POST_EDIT_FIELDS)
    form = EditForm(request.POST or None, initial={"body": post.body}, version=version)
    if form.is_valid() and saved(
        form,
        lambda: services.post_edit(
            actor=request.user,
            post=post,
            body=form.cleaned_data["body"],
            version=form.version,
        ),
    ):
        messages.success(request, _("Saved. The earlier words are kept in the post's history."))
        return redirect(post.get_absolute_url())
    return render(
        request, "forums/post_edit.html", {"post": post, "form": form}, status=form_status(form)
    )


@require_GET
@login_required
def post_history(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = get_post_for_user(request.user, pk)
    # Only published posts have a public history; a waiting one's is its author's and teachers'.
    allowed = post.status == PostStatus.PUBLISHED or post.author_id == request.user.pk
    if not allowed and not request.user.has_perm("forums.approve_post", post):
        raise Http404
    return render(
        request, "forums/post_history.html", {"post": post, "revisions": post.revisions.all()}
    )


@require_GET
@login_required
def attachment(request: AuthenticatedHttpRequest, pk: int, resource_pk: int) -> FileResponse:
    """A library file attached to a post, for anyone who may read the post (pupils see the
    pictures their teachers attach, without a way into the library)."""
    post = get_post_for_user(request.user, pk)
    resource = selectors.attachment_for_reader(request.user, post, resource_pk)
    version = resource.current_version if resource else None
    if version is None or not version.file:
        raise Http404
    inline = version.content_type.startswith("image/")
    response = FileResponse(
        version.file.open("rb"),
        as_attachment=not inline,
        filename=version.original_name or "attachment",
        content_type=version.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response
