"""A long thread comes in pages, and a post's own address finds the page it is on."""

import pytest

from kinship.conftest import signed_in_client
from kinship.forums import services
from kinship.forums.models import Post, Thread
from kinship.forums.tests.conftest import Forum
from kinship.forums.views import boards

pytestmark = pytest.mark.django_db


@pytest.fixture
def long_thread(forum: Forum, monkeypatch: pytest.MonkeyPatch) -> Thread:
    """Seven posts, three a page: pages of 3, 3 and 1."""
    monkeypatch.setattr(boards, "POSTS_PER_PAGE", 3)
    p = forum.people
    thread = services.thread_create(actor=p.teacher, board=forum.board, title="Dates", body="p0")
    for n in range(1, 7):
        services.post_reply(actor=p.coordinator, thread=thread, body=f"p{n}")
    return thread


def _posts(thread: Thread) -> list[Post]:
    return list(thread.posts.order_by("created_at", "pk"))


def test_a_long_thread_shows_one_page_of_posts_with_accessible_links(forum, long_thread):
    client = signed_in_client(forum.people.head)
    posts = _posts(long_thread)
    first = client.get(long_thread.get_absolute_url()).content.decode()
    assert all(f'id="post-{post.pk}"' in first for post in posts[:3])
    assert f'id="post-{posts[3].pk}"' not in first
    assert '<nav aria-label="Pages">' in first
    assert 'href="?page=2"' in first and "Page 1 of 3" in first
    last = client.get(f"{long_thread.get_absolute_url()}?page=3").content.decode()
    assert f'id="post-{posts[6].pk}"' in last and f'id="post-{posts[5].pk}"' not in last
    assert 'href="?page=2"' in last


def test_a_page_past_the_end_shows_the_last_page(forum, long_thread):
    client = signed_in_client(forum.people.head)
    page = client.get(f"{long_thread.get_absolute_url()}?page=99").content.decode()
    assert f'id="post-{_posts(long_thread)[6].pk}"' in page


def test_a_short_thread_has_no_page_links(forum):
    p = forum.people
    thread = services.thread_create(actor=p.teacher, board=forum.board, title="One", body="x")
    page = signed_in_client(p.head).get(thread.get_absolute_url()).content.decode()
    assert 'aria-label="Pages"' not in page


def test_a_posts_address_lands_on_the_page_that_shows_it(forum, long_thread):
    client = signed_in_client(forum.people.head)
    posts = _posts(long_thread)
    for index, page in ((0, 1), (2, 1), (3, 2), (5, 2), (6, 3)):
        response = client.get(posts[index].get_absolute_url())
        assert response.status_code == 302
        expected = f"{long_thread.get_absolute_url()}?page={page}#post-{posts[index].pk}"
        assert response["Location"] == expected
        assert f'id="post-{posts[index].pk}"' in client.get(expected).content.decode()


def test_a_reply_lands_on_the_last_page(forum, long_thread):
    client = signed_in_client(forum.people.teacher)
    response = client.post(f"{long_thread.get_absolute_url()}reply/", {"body": "p7"}, follow=True)
    reply = _posts(long_thread)[-1]
    assert response.redirect_chain[-1][0].endswith(f"?page=3#post-{reply.pk}")
    assert f'id="post-{reply.pk}"' in response.content.decode()


def test_a_post_on_another_page_is_still_shown_as_quoted(forum, long_thread):
    p = forum.people
    first = _posts(long_thread)[0]
    services.post_reply(actor=p.coordinator, thread=long_thread, body="> p0\n\nYes", quote_of=first)
    page = signed_in_client(p.head).get(f"{long_thread.get_absolute_url()}?page=3")
    assert "Quoting" in page.content.decode()


def test_an_outsider_cannot_find_a_post_by_its_address(forum, long_thread):
    client = signed_in_client(forum.people.outsider)
    assert client.get(_posts(long_thread)[0].get_absolute_url()).status_code == 404


def test_the_reply_form_offers_the_newest_resources_and_takes_any_of_them(forum, monkeypatch):
    from kinship.forums import forms
    from kinship.library.tests.conftest import share_page

    monkeypatch.setattr(forms, "ATTACHABLE_SHOWN", 3)
    p = forum.people
    shared = [share_page(p.head, title=f"Plan {n}", family=p.family) for n in range(5)]
    thread = services.thread_create(actor=p.head, board=forum.board, title="Plans", body="x")
    client = signed_in_client(p.head)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert page.count('name="attachments"') == 3
    oldest = shared[0]
    assert f'value="{oldest.pk}"' not in page
    client.post(f"{thread.get_absolute_url()}reply/", {"body": "Old", "attachments": [oldest.pk]})
    assert list(_posts(thread)[-1].attachments.all()) == [oldest]
