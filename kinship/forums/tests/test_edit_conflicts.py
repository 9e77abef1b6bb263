"""A post edited in two places at once: the later stale save is refused, not lost."""

import pytest
from django.urls import reverse

from kinship.conftest import signed_in_client
from kinship.core.concurrency import EditConflict, edit_version
from kinship.core.tests.stale import stale_save_is_refused
from kinship.forums import services
from kinship.forums.models import Post

pytestmark = pytest.mark.django_db


def test_two_stale_saves_keep_one_refuse_the_other_and_history_keeps_both(forum):
    p = forum.people
    thread = services.thread_create(actor=p.teacher, board=forum.board, title="T", body="Start")
    post = thread.posts.get()
    url = reverse("forums:post_edit", args=[post.pk])
    tab_a, tab_b = signed_in_client(p.teacher), signed_in_client(p.teacher)
    version = stale_save_is_refused(
        tab_a, tab_b, url, {"body": "Words from tab A"}, {"body": "Words from tab B"},
        shows="Words from tab A",
    )  # fmt: skip
    post.refresh_from_db()
    assert post.body == "Words from tab A"
    # Saving again from the conflict page overwrites knowingly, and history keeps every version.
    again = tab_b.post(url, {"body": "Words from tab B", "edit_version": version})
    assert again.status_code == 302
    post.refresh_from_db()
    assert post.body == "Words from tab B"
    assert sorted(post.revisions.values_list("body", flat=True)) == ["Start", "Words from tab A"]


def test_the_service_refuses_a_stale_version_and_a_script_without_one_still_saves(forum):
    p = forum.people
    thread = services.thread_create(actor=p.teacher, board=forum.board, title="T", body="Start")
    post = thread.posts.get()
    seen = edit_version(post, services.POST_EDIT_FIELDS)
    services.post_edit(actor=p.teacher, post=post, body="Second", version=seen)
    with pytest.raises(EditConflict) as raised:
        services.post_edit(actor=p.teacher, post=post, body="Third", version=seen)
    current = raised.value.current
    assert isinstance(current, Post) and current.body == "Second"
    services.post_edit(actor=p.teacher, post=post, body="Third")  # no version: a script
    post.refresh_from_db()
    assert post.body == "Third"
    # The history was built from the row as saved, not from a stale copy in memory.
    assert sorted(post.revisions.values_list("body", flat=True)) == ["Second", "Start"]
