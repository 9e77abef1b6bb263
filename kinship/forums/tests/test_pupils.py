"""Pupil voice: pupils post, a teacher of their own school approves, pupils elsewhere reply.
The filter holds unsafe posts for the DSL; pupils never see adults' boards or message anyone."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import get_resolver

from kinship.conftest import signed_in_client
from kinship.forums import services
from kinship.forums.models import Mention, PostStatus, SafetyAlert
from kinship.forums.selectors import posts_visible_to, threads_visible_to
from kinship.library.tests.conftest import share_page
from kinship.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_a_pupil_post_waits_for_a_teacher_of_their_school_then_a_pupil_elsewhere_replies(forum):
    p = forum.people
    thread = services.thread_create(
        actor=p.pupil,
        board=forum.pupil_board,
        title="A buddy bench",
        body="Could every school have a buddy bench?",
    )
    post = thread.posts.get()
    assert post.status == PostStatus.PENDING and post.school == p.school
    # Nobody but the pupil and Alder's staff can see it, not even its title.
    assert not threads_visible_to(forum.birch_pupil).filter(pk=thread.pk).exists()
    assert not threads_visible_to(p.teacher).filter(pk=thread.pk).exists()  # Birch's teacher
    assert threads_visible_to(p.pupil).filter(pk=thread.pk).exists()
    assert Notification.objects.filter(recipient=p.head, kind="forums.approval").exists()
    with pytest.raises(PermissionDenied):
        services.post_approve(actor=p.teacher, post=post)
    services.post_approve(actor=p.head, post=post)
    assert threads_visible_to(forum.birch_pupil).filter(pk=thread.pk).exists()
    reply = services.post_reply(actor=forum.birch_pupil, thread=thread, body="Yes! Ours is blue.")
    assert reply.school == p.second_school and reply.status == PostStatus.PENDING
    assert not posts_visible_to(p.pupil).filter(pk=reply.pk).exists()
    services.post_approve(actor=p.teacher, post=reply)
    assert posts_visible_to(p.pupil).filter(pk=reply.pk).exists()


def test_a_post_with_personal_details_is_held_for_the_dsl_who_records_what_was_done(
    forum, django_capture_on_commit_callbacks
):
    p = forum.people
    with django_capture_on_commit_callbacks(execute=True):
        thread = services.thread_create(
            actor=p.pupil, board=forum.pupil_board, title="Hi", body="text me on 07700 900123"
        )
    post = thread.posts.get()
    assert post.status == PostStatus.HELD
    alert = SafetyAlert.objects.get(post=post)
    assert alert.school == p.school and alert.reasons[0]["kind"] in ("contact", "phone")
    # The DSL (Alder's head) is emailed, without the pupil's words.
    [email] = [m for m in mail.outbox if m.to == [p.head.email]]
    assert "07700" not in email.body and "held for you" in email.subject
    assert not posts_visible_to(p.teacher).filter(pk=post.pk).exists()
    client = signed_in_client(p.head)
    page = client.get(alert.get_absolute_url()).content.decode()
    assert "07700 900123" in page
    response = client.post(
        alert.get_absolute_url(),
        {"kind": "logged_on_school_system", "note": "Spoke to the pupil and logged it on CPOMS."},
    )
    assert response.status_code == 302
    response = client.post(f"{alert.get_absolute_url()}close/", {"outcome": "escalated"})
    assert response.status_code == 302
    alert.refresh_from_db()
    assert alert.outcome == "escalated" and alert.resolved_by == p.head
    post.refresh_from_db()
    assert post.status == PostStatus.DECLINED
    assert signed_in_client(p.teacher).get(alert.get_absolute_url()).status_code == 404


def test_links_are_removed_from_pupils_posts(forum):
    p = forum.people
    thread = services.thread_create(
        actor=p.pupil,
        board=forum.pupil_board,
        title="Games",
        body="Look at www.funny-games.com it is good",
    )
    assert "funny-games" not in thread.posts.get().body


def test_pupils_see_no_adults_board_and_cannot_write_on_one(forum):
    p = forum.people
    services.thread_create(actor=p.teacher, board=forum.board, title="Staff only", body="x")
    circle_board = services.circle_board_ensure(actor=p.head, circle=p.open_circle)
    for pupil in (p.pupil, forum.birch_pupil):
        assert not threads_visible_to(pupil).exclude(board=forum.pupil_board).exists()
        client = signed_in_client(pupil)
        assert client.get(forum.board.get_absolute_url()).status_code == 404
        assert client.get(circle_board.get_absolute_url()).status_code == 404
        # Not a pupil page at all: refused before the circle is even looked up.
        assert client.get(f"/forums/circles/{p.open_circle.pk}/").status_code == 403
        with pytest.raises(PermissionDenied):
            services.thread_create(actor=pupil, board=forum.board, title="Hi", body="hello")


def test_a_pupil_cannot_message_anyone(forum):
    p = forum.people
    # There is no private messaging at all.
    from kinship.tests.test_permission_matrix import _named_urls

    names = _named_urls(get_resolver().url_patterns)
    assert not [name for name in names if "message" in name or "chat" in name]
    # A pupil's @name is neither a mention nor a notification.
    thread = services.thread_create(
        actor=p.pupil,
        board=forum.pupil_board,
        title="Hello",
        body="@Leo hi, I like your bench idea",
    )
    post = thread.posts.get()
    assert post.status == PostStatus.HELD  # an @name from a pupil looks like a contact handle
    services.safeguarding_action_record(
        actor=p.head, alert=post.alert, kind="no_concern", note="Only a friendly hello."
    )
    services.alert_close(actor=p.head, alert=post.alert, outcome="released")
    assert not Mention.objects.exists()
    assert not Notification.objects.filter(kind="forums.mention").exists()
    # Pupils cannot attach files, nor write in circles.
    resource = share_page(p.head, title="Poster", family=p.family)
    with pytest.raises(PermissionDenied):
        services.post_reply(actor=p.pupil, thread=thread, body="x", attachments=[resource])
    assert signed_in_client(p.pupil).post(
        f"/families/circles/{p.open_circle.pk}/posts/", {"body": "hi"}
    ).status_code in (403, 404)


def test_everything_a_schools_pupils_wrote_is_kept_for_it_to_review(forum):
    p = forum.people
    t1 = services.thread_create(
        actor=p.pupil, board=forum.pupil_board, title="One", body="Nice idea"
    )
    services.post_decline(actor=p.head, post=t1.posts.get(), reason="Off topic")
    services.thread_create(actor=p.pupil, board=forum.pupil_board, title="Two", body="you idiot")
    client = signed_in_client(p.head)
    page = client.get(f"/forums/schools/{p.school.urn}/pupil-posts/").content.decode()
    assert "Nice idea" in page and "you idiot" in page and "Off topic" in page
    assert (
        signed_in_client(p.teacher).get(f"/forums/schools/{p.school.urn}/pupil-posts/").status_code
        == 403
    )


def test_a_pupil_signs_in_with_class_code_and_pictures(forum):
    from django.test import Client

    client = Client()
    code = forum.birch_group.code
    wrong = client.post(
        "/forums/pupils/sign-in/",
        {
            "class_code": code,
            "login_name": "leo",
            "picture_1": "cat",
            "picture_2": "sun",
            "picture_3": "fish",
            "picture_4": "dog",
        },
    )
    assert wrong.status_code == 200 and "did not match" in wrong.content.decode()
    right = client.post(
        "/forums/pupils/sign-in/",
        {
            "class_code": code.lower(),
            "login_name": "Leo",
            "picture_1": "cat",
            "picture_2": "sun",
            "picture_3": "fish",
            "picture_4": "rocket",
        },
    )
    assert right.status_code == 302 and right["Location"] == "/forums/"
    home = client.get("/forums/").content.decode()
    assert "Playtimes" in home and "Kaizen staffroom" not in home


def test_pupil_sign_in_locks_out_after_five_failures(forum):
    from django.test import Client

    client = Client()
    client.get("/forums/pupils/sign-in/")  # the device's cookie
    code = forum.birch_group.code
    bad = {"class_code": code, "login_name": "leo", "password": "nope"}
    for _ in range(5):
        client.post("/forums/pupils/sign-in/", bad)
    locked = client.post(
        "/forums/pupils/sign-in/",
        {
            "class_code": code,
            "login_name": "leo",
            "picture_1": "cat",
            "picture_2": "sun",
            "picture_3": "fish",
            "picture_4": "rocket",
        },
    )
    assert locked.status_code == 429
    assert "Too many tries on this device" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_dashboard_counts_only_the_forum_work_that_is_waiting(forum):
    p = forum.people
    # Nothing waits yet: the head is told so, not shown a list of noughts.
    page = signed_in_client(p.head).get("/").content.decode()
    assert "Nothing waiting for you in the forums." in page
    assert "0 pupil posts to approve" not in page and "reports to review" not in page
    services.thread_create(
        actor=p.pupil, board=forum.pupil_board, title="A buddy bench", body="Could we have one?"
    )
    page = signed_in_client(p.head).get("/").content.decode()
    assert "1 pupil post to approve" in page
    assert "report to review" not in page and "Nothing waiting" not in page
    # Birch's teacher cannot approve an Alder pupil's post, so nothing waits for them.
    page = signed_in_client(p.teacher).get("/").content.decode()
    assert "Nothing waiting for you in the forums." in page


def test_a_pupil_telling_of_harm_is_held_for_the_dsl_not_sent_to_a_teacher(forum):
    p = forum.people
    thread = services.thread_create(
        actor=p.pupil, board=forum.pupil_board, title="Playtimes", body="he hits me at home"
    )
    post = thread.posts.get()
    assert post.status == PostStatus.HELD
    alert = SafetyAlert.objects.get(post=post)
    assert [reason["kind"] for reason in alert.reasons] == ["disclosure"]
    assert not Notification.objects.filter(kind="forums.approval", target_id=post.pk).exists()
