"""What pupils reach and what others see of them: pupil pages only, a "My account" page
with nothing to edit, names that staff set (filtered, audited), kind words after posting,
and nothing a pupil wrote shown before approval."""

import pytest
from django.urls import reverse

from kinship.conftest import signed_in_client
from kinship.core.models import AuditEntry
from kinship.forums import services
from kinship.forums.models import PostStatus, PupilProfile

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name",
    [
        "accounts:password_change",
        "accounts:two_factor",
        "accounts:directory",
        "schools:school_list",
        "families:family_list",
        "families:circle_list",
        "library:search",
        "meetings:my_calendar",
        "visits:home",
        "mentoring:home",
        "moderation:round_list",
        "notifications:settings",
        "forums:review_queue",
        "forums:safeguarding_queue",
        "admin:index",
        "core:audit_log",
    ],
)
def test_a_pupil_is_refused_adult_pages(forum, name):
    assert signed_in_client(forum.birch_pupil).get(reverse(name)).status_code == 403


def test_the_two_factor_page_makes_no_device_for_a_pupil(forum):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    assert signed_in_client(forum.birch_pupil).get("/accounts/two-factor/").status_code == 403
    assert not TOTPDevice.objects.filter(user=forum.birch_pupil).exists()


def test_the_school_page_and_term_dates_are_not_for_pupils(forum):
    p = forum.people
    client = signed_in_client(forum.birch_pupil)
    assert client.get(f"/schools/{p.second_school.urn}/").status_code == 403


def test_my_account_shows_name_school_class_and_signing_out_with_nothing_to_edit(forum):
    client = signed_in_client(forum.birch_pupil)
    assert client.get("/accounts/profile/")["Location"] == "/forums/pupils/me/"
    page = client.get("/forums/pupils/me/").content.decode()
    assert "Leo B." in page and "Birch Primary School" in page and "Council" in page
    assert "Sign out" in page
    hidden = page.count('name="csrfmiddlewaretoken"') + page.count('name="submission_token"')
    fields = page.count("<input") - hidden
    assert fields == 0 and "<textarea" not in page and "<select" not in page
    assert signed_in_client(forum.people.teacher).get("/forums/pupils/me/").status_code == 403


def test_staff_set_a_pupils_name_as_first_name_and_initial_filtered_and_audited(forum):
    p = forum.people
    teacher = signed_in_client(p.teacher)
    user_id = forum.birch_pupil.pk
    url = f"/forums/pupil-groups/{forum.birch_group.pk}/pupils/{user_id}/name/"
    refused = teacher.post(
        url, {f"name-{user_id}-first_name": "07700900123", f"name-{user_id}-surname_initial": "J"}
    )
    assert refused.status_code == 200 and "A first name only" in refused.content.decode()
    held = teacher.post(
        url, {f"name-{user_id}-first_name": "Twat", f"name-{user_id}-surname_initial": "J"}
    )
    assert "This name cannot be used" in held.content.decode()
    forum.birch_pupil.refresh_from_db()
    assert forum.birch_pupil.display_name == "Leo B."
    assert (
        teacher.post(
            url, {f"name-{user_id}-first_name": "Alfie", f"name-{user_id}-surname_initial": "j"}
        ).status_code
        == 302
    )
    forum.birch_pupil.refresh_from_db()
    assert forum.birch_pupil.display_name == "Alfie J."
    entry = AuditEntry.objects.get(action="forums.pupil_rename")
    assert entry.actor_id == p.teacher.pk and entry.detail == {"from": "Leo B.", "to": "Alfie J."}
    # Staff of another school cannot.
    assert (
        signed_in_client(p.head)
        .post(url, {f"name-{user_id}-first_name": "Bob", f"name-{user_id}-surname_initial": "K"})
        .status_code
        == 404
    )
    # A pupil cannot, by any route.
    pupil = signed_in_client(forum.birch_pupil)
    assert (
        pupil.post(
            url, {f"name-{user_id}-first_name": "Bob", f"name-{user_id}-surname_initial": "K"}
        ).status_code
        == 403
    )
    assert pupil.post("/accounts/profile/", {"display_name": "Bob 07700900123"}).status_code == 302
    forum.birch_pupil.refresh_from_db()
    assert forum.birch_pupil.display_name == "Alfie J."


def test_the_name_staff_give_shows_beside_the_pupils_posts(forum):
    p = forum.people
    services.pupil_name_set(
        actor=p.teacher,
        profile=PupilProfile.objects.get(user=forum.birch_pupil),
        first_name="Alfie",
        initial="J",
    )
    thread = services.thread_create(
        actor=forum.birch_pupil, board=forum.pupil_board, title="Benches", body="Please"
    )
    services.post_approve(actor=p.teacher, post=thread.posts.get())
    page = signed_in_client(p.pupil).get(thread.get_absolute_url()).content.decode()
    assert "Alfie J., Birch Primary School" in page


def test_a_pupil_whose_post_is_held_is_told_kindly_where_to_get_help(forum):
    client = signed_in_client(forum.birch_pupil)
    response = client.post(
        f"/forums/boards/{forum.pupil_board.pk}/threads/new/",
        {"title": "Home", "body": "he hits me at home"},
        follow=True,
    )
    page = response.content.decode()
    assert "A trusted adult at your school will read it" in page
    assert "0800 1111" in page and "childline.org.uk" in page
    assert "disclosure" not in page.lower() and "Thank you!" not in page
    assert "A trusted adult will read this" in page  # beside the post itself


def test_a_pupil_whose_post_waits_is_told_a_teacher_will_check_it(forum):
    client = signed_in_client(forum.birch_pupil)
    response = client.post(
        f"/forums/boards/{forum.pupil_board.pk}/threads/new/",
        {"title": "Benches", "body": "Could we have a buddy bench?"},
        follow=True,
    )
    page = response.content.decode()
    assert "A teacher will check it before others see it." in page
    assert "Childline" not in page


def test_a_reply_in_a_thread_still_waiting_shows_its_title_to_nobody_else(forum):
    p = forum.people
    thread = services.thread_create(
        actor=p.pupil, board=forum.pupil_board, title="Secret den plans", body="Shall we?"
    )
    services.board_subscribe(actor=p.teacher, board=forum.pupil_board, frequency="immediate")
    reply = services.post_reply(actor=p.head, thread=thread, body="Let's talk in class.")
    assert reply.status == PostStatus.PUBLISHED
    for outsider in (p.teacher, forum.birch_pupil):  # Birch's teacher and pupil
        client = signed_in_client(outsider)
        assert client.get(f"/forums/posts/{reply.pk}/history/").status_code == 404
        assert "Secret den plans" not in client.get("/notifications/").content.decode()
        board = client.get(forum.pupil_board.get_absolute_url()).content.decode()
        assert "Secret den plans" not in board
    # The pupil who wrote it, and Alder's staff, read the reply.
    assert (
        "Let's talk in class."
        in signed_in_client(p.pupil).get(thread.get_absolute_url()).content.decode()
    )
