"""Teacher boards: threads, replies, mentions, quotes, attachments, edits, pins and locks,
flags, hiding, and the posting limit."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from kinship.conftest import signed_in_client
from kinship.forums import services
from kinship.forums.models import Mention, PostStatus
from kinship.forums.ratelimit import RateLimited, check_posting_rate, posting_rate_check
from kinship.forums.selectors import posts_visible_to, threads_visible_to
from kinship.library.models import Audience
from kinship.library.tests.conftest import share_page
from kinship.notifications.models import Notification
from kinship.notifications.services import notification_settings_update

pytestmark = pytest.mark.django_db


def test_a_thread_and_reply_with_a_mention_notify_the_right_people(
    forum, django_capture_on_commit_callbacks
):
    p = forum.people
    with django_capture_on_commit_callbacks(execute=True):
        thread = services.thread_create(
            actor=p.teacher,
            board=forum.board,
            title="Moderation dates",
            body="Which Thursday suits? @Hana Head please check.",
        )
    opening = thread.posts.get()
    assert Mention.objects.filter(post=opening, user=p.head).exists()
    mention = Notification.objects.get(recipient=p.head, kind="forums.mention")
    assert "mentioned you" in mention.title
    assert [m.to for m in mail.outbox] == [[p.head.email]]  # mentions email at once by default
    services.post_reply(actor=p.head, thread=thread, body="The 12th works for Alder.")
    assert Notification.objects.filter(recipient=p.teacher, kind="forums.post").count() == 1


def test_a_mention_of_someone_who_cannot_read_the_board_does_nothing(forum):
    p = forum.people
    services.thread_create(
        actor=p.teacher, board=forum.board, title="Hi", body="@Otto Outsider hello"
    )
    assert not Mention.objects.exists()
    assert not Notification.objects.filter(recipient=p.outsider).exists()


def test_a_name_two_readers_share_tells_neither_rather_than_the_wrong_one(forum):
    """Issue 19: "@Nadia Rahman" emailed a different Nadia Rahman."""
    from kinship.accounts.models import User
    from kinship.forums.selectors import board_readers

    p = forum.people
    two = [r.pk for r in board_readers(forum.board).exclude(pk=p.teacher.pk)][:2]
    assert len(two) == 2
    User.objects.filter(pk__in=two).update(display_name="Nadia Rahman")
    services.thread_create(
        actor=p.teacher, board=forum.board, title="Hi", body="@Nadia Rahman could you check?"
    )
    assert not Mention.objects.exists()
    assert not Notification.objects.filter(kind="forums.mention").exists()


def test_quoting_editing_keeps_history(forum):
    p = forum.people
    thread = services.thread_create(
        actor=p.teacher, board=forum.board, title="T", body="First words"
    )
    first = thread.posts.get()
    reply = services.post_reply(
        actor=p.head, thread=thread, body="> First words\n\nAgreed", quote_of=first
    )
    assert reply.quote_of == first
    services.post_edit(actor=p.head, post=reply, body="Agreed, see you there")
    assert list(reply.revisions.values_list("body", flat=True)) == ["> First words\n\nAgreed"]
    with pytest.raises(PermissionDenied):
        services.post_edit(actor=p.teacher, post=reply, body="Not mine to change")


def test_attachments_must_fit_the_boards_readers(forum):
    p = forum.people
    family_resource = share_page(p.teacher, title="Writing pack", family=p.family)
    circle_resource = share_page(
        p.teacher, title="Secret", audience=Audience.CIRCLE, circle=p.confidential_circle
    )
    thread = services.thread_create(
        actor=p.teacher, board=forum.board, title="Pack", body="Here", attachments=[family_resource]
    )
    assert list(thread.posts.get().attachments.all()) == [family_resource]
    with pytest.raises(ValidationError, match="cannot be shared on this board"):
        services.thread_create(
            actor=p.teacher,
            board=forum.board,
            title="Leak",
            body="x",
            attachments=[circle_resource],
        )


def test_locked_threads_take_no_replies_but_moderators_can_still_post(forum):
    p = forum.people
    thread = services.thread_create(actor=p.teacher, board=forum.board, title="T", body="x")
    with pytest.raises(PermissionDenied):
        services.thread_set_state(actor=p.teacher, thread=thread, locked=True)
    services.thread_set_state(actor=p.coordinator, thread=thread, locked=True, pinned=True)
    with pytest.raises(PermissionDenied, match="locked"):
        services.post_reply(actor=p.head, thread=thread, body="late")
    services.post_reply(actor=p.coordinator, thread=thread, body="Closing this, thanks all")


def test_a_flag_reaches_the_coordinator_who_hides_the_post_with_a_reason(forum):
    p = forum.people
    thread = services.thread_create(
        actor=p.teacher, board=forum.board, title="T", body="Rude words"
    )
    post = thread.posts.get()
    services.post_flag(actor=p.head, post=post, reason="Unkind about a colleague")
    client = signed_in_client(p.coordinator)
    queue = client.get("/forums/review/").content.decode()
    assert "Unkind about a colleague" in queue
    response = client.post(
        f"/forums/posts/{post.pk}/hide/", {"reason": "Breaks our code of conduct"}
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.status == PostStatus.HIDDEN
    page = signed_in_client(p.head).get(thread.get_absolute_url()).content.decode()
    assert "Breaks our code of conduct" in page and "Rude words" not in page


def test_posting_too_fast_gets_a_friendly_message_not_an_error_page(forum):
    p = forum.people
    thread = services.thread_create(actor=p.teacher, board=forum.board, title="T", body="x")
    client = signed_in_client(p.head)
    for n in range(8):
        assert (
            client.post(f"/forums/threads/{thread.pk}/reply/", {"body": f"reply {n}"}).status_code
            == 302
        )
    response = client.post(f"/forums/threads/{thread.pk}/reply/", {"body": "one too many"})
    assert response.status_code == 429
    page = response.content.decode()
    assert "Take a breath" in page and "one too many" in page
    with pytest.raises(RateLimited):
        services.post_reply(actor=p.head, thread=thread, body="again")


def test_a_burst_across_the_turn_of_a_minute_is_still_limited(forum):
    head = forum.people.head  # staff: eight posts a minute
    turn = 60 * 29_000_000.0  # the start of some clock minute
    for second in (55, 56, 57, 58, 59):
        check_posting_rate(head, now=turn - 60 + second)
    for second in (1, 2, 3):
        check_posting_rate(head, now=turn + second)
    with pytest.raises(RateLimited):
        check_posting_rate(head, now=turn + 4)  # the ninth in ten seconds
    # A minute on, the earlier posts have aged out.
    check_posting_rate(head, now=turn + 65)


def test_a_confidential_circle_board_is_its_members_alone(forum):
    p = forum.people
    board = services.circle_board_ensure(actor=p.head, circle=p.confidential_circle)
    services.thread_create(actor=p.head, board=board, title="Budget worries", body="Help")
    assert threads_visible_to(p.teacher).filter(board=board).exists()
    for outsider in (p.coordinator, p.admin, p.outsider, p.pupil, p.partner):
        assert not threads_visible_to(outsider).filter(board=board).exists()
        assert not posts_visible_to(outsider).filter(thread__board=board).exists()
    with pytest.raises(PermissionDenied):
        services.circle_board_ensure(actor=p.coordinator, circle=p.confidential_circle)


def test_board_emails_follow_the_boards_own_frequency(forum, django_capture_on_commit_callbacks):
    p = forum.people
    notification_settings_update(
        actor=p.head, frequency="weekly", mentions="immediate", emails_enabled=True
    )
    services.board_subscribe(actor=p.head, board=forum.board, frequency="immediate")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.thread_create(
            actor=p.teacher, board=forum.board, title="Staff meeting", body="Agenda"
        )
    assert [m.to for m in mail.outbox] == [[p.head.email]]
    assert mail.outbox[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_refused_tries_do_not_count_towards_the_posting_limit(forum):
    p = forum.people
    pupil = forum.birch_pupil  # pupils: three posts a minute
    thread = services.thread_create(actor=p.teacher, board=forum.pupil_board, title="T", body="x")
    locked = services.thread_create(actor=p.teacher, board=forum.pupil_board, title="L", body="x")
    services.thread_set_state(actor=p.teacher, thread=locked, locked=True)
    refused = [
        lambda: services.post_reply(actor=pupil, thread=thread, body="   "),  # empty
        lambda: services.post_reply(actor=pupil, thread=thread, body="x" * 20_001),  # too long
        lambda: services.post_reply(actor=pupil, thread=locked, body="Hello"),  # locked
        lambda: services.thread_create(actor=pupil, board=forum.board, title="T", body="Hi"),
    ]
    for _ in range(3):
        for try_to_post in refused:
            with pytest.raises((ValidationError, PermissionDenied)):
                try_to_post()
    # Twelve refused tries, and still three posts are accepted.
    for n in range(3):
        services.post_reply(actor=pupil, thread=thread, body=f"Idea {n}")
    for _ in range(3):  # over the limit: refused, and not counted either
        with pytest.raises(RateLimited) as refusal:
            services.post_reply(actor=pupil, thread=thread, body="One more")
    assert "you have posted 3 times in the last minute" in str(refusal.value.message)
    assert thread.posts.filter(author=pupil).count() == 3


def test_the_limit_message_says_how_many_posts_and_when_the_next_is_taken(forum):
    head = forum.people.head  # staff: eight posts a minute
    start = 60 * 29_000_000.0
    for second in range(8):
        check_posting_rate(head, now=start + second)
    with pytest.raises(RateLimited) as refusal:
        posting_rate_check(head, now=start + 20)
    message = str(refusal.value.message)
    assert "you have posted 8 times in the last minute" in message
    assert "You can post again in about 40 seconds" in message  # when the first ages out
    posting_rate_check(head, now=start + 60)  # the first is over a minute old: one more
    with pytest.raises(RateLimited):
        posting_rate_check(head, now=start + 59.5)


def test_a_refused_check_counts_nothing(forum):
    head = forum.people.head
    start = 60 * 29_100_000.0
    for second in range(8):
        check_posting_rate(head, now=start + second)
    for second in range(10, 50):
        with pytest.raises(RateLimited):
            check_posting_rate(head, now=start + second)
    # Had the refusals counted, the limit would hold for a minute after the last of them.
    check_posting_rate(head, now=start + 61)
