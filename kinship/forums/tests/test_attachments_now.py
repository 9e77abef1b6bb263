"""A post's attachment is served after asking, now, whether the reader may read the post
and whether the file's audience still takes them in: not when the post was written."""

import pytest
from django.urls import reverse

from kinship.conftest import signed_in_client
from kinship.families.models import FamilyMembership
from kinship.families.services import circle_member_remove, family_membership_leave
from kinship.forums import services
from kinship.library.models import Audience
from kinship.library.tests.conftest import share_pdf

pytestmark = pytest.mark.django_db


def _reply_with_file(forum, resource):
    p = forum.people
    thread = services.thread_create(actor=p.head, board=forum.board, title="Plans", body="x")
    post = services.post_reply(
        actor=p.head, thread=thread, body="Here it is", attachments=[resource]
    )
    return post, reverse("forums:attachment", args=[post.pk, resource.pk])


def test_an_attachment_closes_when_the_readers_school_leaves_the_family(forum):
    p = forum.people
    resource = share_pdf(p.head, title="Staffing plan", lines=("Who",), family=p.family)
    post, url = _reply_with_file(forum, resource)
    assert signed_in_client(p.teacher).get(url).status_code == 200
    membership = FamilyMembership.objects.get(family=p.family, school=p.second_school)
    family_membership_leave(actor=p.teacher, membership=membership)
    teacher = signed_in_client(p.teacher)
    assert teacher.get(url).status_code == 404
    assert teacher.get(post.thread.get_absolute_url()).status_code == 404


def test_a_circle_boards_attachment_closes_when_the_reader_leaves_the_circle(forum):
    p = forum.people
    board = services.circle_board_ensure(actor=p.head, circle=p.confidential_circle)
    resource = share_pdf(
        p.head,
        title="Heads' notes",
        lines=("Private",),
        audience=Audience.CIRCLE,
        circle=p.confidential_circle,
    )
    thread = services.thread_create(actor=p.head, board=board, title="Notes", body="x")
    post = services.post_reply(actor=p.head, thread=thread, body="See", attachments=[resource])
    url = reverse("forums:attachment", args=[post.pk, resource.pk])
    assert signed_in_client(p.teacher).get(url).status_code == 200
    for outside in (p.coordinator, p.admin, p.outsider):
        assert signed_in_client(outside).get(url).status_code == 404, outside
    membership = p.confidential_circle.memberships.get(user=p.teacher)
    circle_member_remove(actor=p.head, membership=membership)
    assert signed_in_client(p.teacher).get(url).status_code == 404


def test_an_attachment_closes_when_its_file_moves_out_of_the_boards_audience(forum):
    from kinship.library.services import ResourceFields, resource_update

    p = forum.people
    resource = share_pdf(p.teacher, title="Budget", lines=("Lines",), family=p.family)
    _post, url = _reply_with_file(forum, resource)
    assert signed_in_client(p.coordinator).get(url).status_code == 200
    resource_update(
        actor=p.teacher,
        resource=resource,
        fields=ResourceFields(title="Budget", audience=Audience.CIRCLE, circle=p.open_circle),
    )
    # The teacher can still see the file in the library, but the board's readers are not
    # all in its new circle, so it no longer opens from the post, for anyone.
    for reader in (p.coordinator, p.teacher, p.head):
        assert signed_in_client(reader).get(url).status_code == 404, reader
