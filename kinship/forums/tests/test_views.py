"""Forum, library and notification pages: methods, query counts that do not grow, uploads
refused with a message, and the pupil shown by first name and school only."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinship.accounts.models import User
from kinship.conftest import signed_in_client
from kinship.core.tests.hostile_files import hostile_corpus
from kinship.forums import services
from kinship.library.models import Resource, ResourceVersion
from kinship.library.tests.conftest import pdf_upload, share_page
from kinship.tests.matrix import OK
from kinship.tests.matrix_forums import FORUMS_CASES
from kinship.tests.matrix_library import LIBRARY_CASES

pytestmark = pytest.mark.django_db
CASES = [case for case in LIBRARY_CASES + FORUMS_CASES if case.label == ""]


@pytest.mark.parametrize("case", CASES, ids=[case.url_name for case in CASES])
def test_no_page_takes_a_method_it_does_not_expect(people, case):
    case.setup(people)
    role = next(role for role, cell in case.expected.items() if cell == OK and role != "anonymous")
    client = signed_in_client(people.by_role(role))
    url = reverse(case.url_name, args=case.args(people)) + case.query
    assert client.delete(url).status_code == 405


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_search_page_costs_the_same_for_many_results(people):
    client = signed_in_client(people.teacher)
    share_page(people.head, title="Fractions one", family=people.family)
    few = count_queries(client, "/library/?q=fractions")
    for n in range(12):
        share_page(people.head, title=f"Fractions {n}", family=people.family)
    assert count_queries(client, "/library/?q=fractions") == few


def test_a_board_and_a_thread_cost_the_same_for_many_posts(forum):
    p = forum.people
    client = signed_in_client(p.head)
    thread = services.thread_create(actor=p.teacher, board=forum.board, title="T0", body="x")
    board_few = count_queries(client, forum.board.get_absolute_url())
    thread_few = count_queries(client, thread.get_absolute_url())
    for n in range(6):
        services.thread_create(actor=p.coordinator, board=forum.board, title=f"T{n + 1}", body="y")
        services.post_reply(actor=p.teacher, thread=thread, body=f"reply {n}")
    assert count_queries(client, forum.board.get_absolute_url()) == board_few
    assert count_queries(client, thread.get_absolute_url()) == thread_few


def test_sharing_a_pdf_from_the_page(people):
    client = signed_in_client(people.teacher)
    response = client.post("/library/share/?kind=file", {
        "kind": "file", "title": "Volume plan", "subject": "maths", "phase": "primary",
        "key_stage": "ks2", "year_groups": ["5"], "licence": "cc_by", "audience": "family",
        "family": people.family.pk, "file": pdf_upload("volume.pdf", "Multilink cuboids"),
    })  # fmt: skip
    resource = Resource.objects.get()
    assert response.status_code == 302 and response["Location"] == resource.get_absolute_url()
    assert "Multilink cuboids" in resource.body_text
    download = signed_in_client(people.head).get(f"/library/{resource.pk}/versions/1/download/")
    body = b"".join(getattr(download, "streaming_content", []))
    assert download.status_code == 200 and body.startswith(b"%PDF")
    assert download["Content-Disposition"].startswith('attachment; filename="volume.pdf"')
    assert (
        signed_in_client(people.outsider)
        .get(f"/library/{resource.pk}/versions/1/download/")
        .status_code
        == 404
    )


@pytest.mark.parametrize("sample", hostile_corpus(), ids=lambda sample: sample.label)
def test_hostile_uploads_are_refused_with_a_message_and_nothing_is_stored(people, sample):
    client = signed_in_client(people.teacher)
    response = client.post("/library/share/?kind=file", {
        "kind": "file", "title": "Bad", "subject": "maths", "phase": "primary",
        "key_stage": "ks2", "licence": "cc_by", "audience": "family", "family": people.family.pk,
        "file": SimpleUploadedFile(sample.filename, sample.content),
    })  # fmt: skip
    assert response.status_code == 200
    assert "Please check the form" in response.content.decode()
    assert not Resource.objects.exists() and not ResourceVersion.objects.exists()


def test_a_new_version_keeps_the_history(people):
    client = signed_in_client(people.teacher)
    resource = share_page(people.teacher, title="Plan", body="First", family=people.family)
    response = client.post(
        f"/library/{resource.pk}/versions/new/", {"body": "Second", "note": "Fixed typos"}
    )
    assert response.status_code == 302
    page = client.get(resource.get_absolute_url()).content.decode()
    assert "Version 2" in page and "Version 1" in page and "Fixed typos" in page
    assert (
        signed_in_client(people.head).get(f"/library/{resource.pk}/versions/new/").status_code
        == 403
    )


def test_a_pupil_is_shown_by_first_name_and_school_only(forum):
    p = forum.people
    # A name a pupil typed before staff named pupils: only its first word shows.
    User.objects.filter(pk=p.pupil.pk).update(display_name="Pip Longsurname 07700900123")
    thread = services.thread_create(
        actor=p.pupil, board=forum.pupil_board, title="Benches", body="Please"
    )
    services.post_approve(actor=p.head, post=thread.posts.get())
    page = signed_in_client(forum.birch_pupil).get(thread.get_absolute_url()).content.decode()
    assert "Pip, Alder Primary School" in page and "Longsurname" not in page
    assert "07700" not in page


def test_a_confidential_circles_file_never_reaches_non_members_through_an_attachment(forum):
    """Finding: a family file attached to a forum reply, then moved to a confidential circle's
    audience and given a new version, was served to anyone who could read the post, and the
    thread showed its title. (The attach form was broken too: its choices were sliced.)"""
    from kinship.core.uploads import check_upload
    from kinship.library.forms import LIBRARY_UPLOADS
    from kinship.library.models import Audience
    from kinship.library.services import ResourceFields, resource_update, resource_version_add

    p = forum.people
    teacher = signed_in_client(p.teacher)
    teacher.post("/library/share/?kind=file", {
        "kind": "file", "title": "Staffing plan", "subject": "other", "phase": "primary",
        "key_stage": "none", "licence": "cc_by", "audience": "family", "family": p.family.pk,
        "file": pdf_upload("plan.pdf", "Who goes where"),
    })  # fmt: skip
    resource = Resource.objects.get(title="Staffing plan")
    # The attach form works: the choice is valid and the reply carries the file.
    thread = services.thread_create(actor=p.teacher, board=forum.board, title="Plans", body="x")
    reply = teacher.post(
        reverse("forums:reply", args=[thread.pk]),
        {"body": "Here it is", "attachments": [resource.pk]},
    )
    assert reply.status_code == 302
    post = thread.posts.get(is_opening=False)
    assert list(post.attachments.all()) == [resource]
    url = reverse("forums:attachment", args=[post.pk, resource.pk])
    assert signed_in_client(p.coordinator).get(url).status_code == 200

    resource_update(
        actor=p.teacher,
        resource=resource,
        fields=ResourceFields(
            title="Staffing plan", audience=Audience.CIRCLE, circle=p.confidential_circle
        ),
    )
    data = pdf_upload("plan-v2.pdf", "Names and posts").read()
    upload = check_upload(data, filename="plan-v2.pdf", policy=LIBRARY_UPLOADS)
    resource_version_add(actor=p.teacher, resource=resource, note="v2", upload=upload)

    for person in (p.coordinator, p.head, p.teacher):
        client = signed_in_client(person)
        assert client.get(url).status_code == 404, person
        assert "Staffing plan" not in client.get(thread.get_absolute_url()).content.decode()
