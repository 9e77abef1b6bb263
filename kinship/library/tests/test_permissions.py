"""Who sees, finds, downloads, changes and withdraws a resource, for every audience and every
kind of person: the author's colleagues in the family, a circle's members (a confidential
circle's alone), everyone on Kinship; never pupils, partners, another family or the signed
out. Anything not shown is a 404, so a guessed address says nothing about what is there.

There is no "school" audience: a resource's school only says where it came from."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from kinship.conftest import Personas, signed_in_client
from kinship.library.models import Audience, Resource, ResourceVersion
from kinship.library.tests.conftest import share_pdf

pytestmark = pytest.mark.django_db

ROLES = ["admin", "coordinator", "head", "teacher", "partner", "pupil", "outsider", "anonymous"]
# Who opens a resource, by its audience. The author (the teacher) is in every one. The
# coordinator is in the open circle (they made it), the head in the confidential one.
SEES: dict[str, set[str]] = {
    "family": {"coordinator", "head", "teacher"},
    "circle": {"coordinator", "teacher"},
    "confidential": {"head", "teacher"},
    "platform": {"admin", "coordinator", "head", "teacher", "outsider"},
}
TITLES = {
    "family": "Quokka family plan",
    "circle": "Wombat circle plan",
    "confidential": "Numbat confidential plan",
    "platform": "Platypus platform plan",
}


def _share(people: Personas, audience: str) -> Resource:
    choices: dict[str, dict[str, Any]] = {
        "family": {"family": people.family},
        "circle": {"audience": Audience.CIRCLE, "circle": people.open_circle},
        "confidential": {"audience": Audience.CIRCLE, "circle": people.confidential_circle},
        "platform": {"audience": Audience.PLATFORM},
    }
    fields = choices[audience]
    return share_pdf(
        people.teacher, title=TITLES[audience], lines=("Fractions",), summary="", **fields
    )


def _refused(role: str) -> int:
    """Not shown: the signed-out are sent to sign in, pupils are kept out of staff pages,
    everyone else is told it is not there."""
    return {"anonymous": 302, "pupil": 403}.get(role, 404)


@pytest.mark.parametrize("audience", list(SEES))
@pytest.mark.parametrize("role", ROLES)
def test_a_resource_opens_and_downloads_for_its_audience_alone(
    people: Personas, role: str, audience: str
) -> None:
    resource = _share(people, audience)
    client = signed_in_client(people.by_role(role))
    expected = 200 if role in SEES[audience] else _refused(role)
    page = client.get(reverse("library:resource_detail", args=[resource.pk]))
    assert page.status_code == expected
    file = client.get(reverse("library:download", args=[resource.pk, 1]))
    assert file.status_code == expected
    if expected == 200:
        assert TITLES[audience] in page.content.decode()
        assert file["Cache-Control"] == "private, no-store"
        assert b"".join(file.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]
    else:
        assert TITLES[audience].encode() not in page.content


@pytest.mark.parametrize("role", ROLES)
def test_the_library_list_shows_each_person_only_what_they_may_open(
    people: Personas, role: str
) -> None:
    for audience in SEES:
        _share(people, audience)
    client = signed_in_client(people.by_role(role))
    for query in ("", "plan", "Fractions"):
        response = client.get(reverse("library:search"), {"q": query})
        if role in ("anonymous", "partner", "pupil"):
            assert response.status_code in (302, 403)
            assert b"plan" not in response.content
            continue
        assert response.status_code == 200
        text = response.content.decode()
        for audience, title in TITLES.items():
            assert (title in text) == (role in SEES[audience]), (audience, query)


def test_a_collection_never_shows_a_resource_to_someone_outside_its_audience(
    people: Personas,
) -> None:
    from kinship.library.services import collection_create, collection_resource_add

    family_plan = _share(people, "family")
    circle_plan = _share(people, "circle")
    secret = _share(people, "confidential")
    collection = collection_create(
        actor=people.teacher, title="Best of maths", description="", audience=Audience.FAMILY,
        family=people.family,
    )  # fmt: skip
    for resource in (family_plan, circle_plan, secret):
        collection_resource_add(actor=people.teacher, collection=collection, resource=resource)
    url = reverse("library:collection_detail", args=[collection.pk])
    head_sees = signed_in_client(people.head).get(url).content.decode()
    assert TITLES["family"] in head_sees and TITLES["confidential"] in head_sees
    assert TITLES["circle"] not in head_sees
    coordinator_sees = signed_in_client(people.coordinator).get(url).content.decode()
    assert TITLES["circle"] in coordinator_sees and TITLES["confidential"] not in coordinator_sees
    for role in ("outsider", "partner", "pupil", "anonymous"):
        response = signed_in_client(people.by_role(role)).get(url)
        assert response.status_code == _refused(role), role
        assert b"Best of maths" not in response.content


@pytest.mark.parametrize(
    ("role", "status"),
    [("teacher", 302), ("head", 403), ("coordinator", 403), ("outsider", 404),
     ("partner", 404), ("pupil", 403), ("anonymous", 302)],
)  # fmt: skip
def test_only_the_author_withdraws_a_resource(people: Personas, role: str, status: int) -> None:
    resource = _share(people, "family")
    client = signed_in_client(people.by_role(role))
    url = reverse("library:resource_delete", args=[resource.pk])
    # Withdrawing is POST only; pupils are turned away before the method is looked at.
    assert client.get(url).status_code == (403 if role == "pupil" else 405)
    response = client.post(url)
    assert response.status_code == status
    still_there = Resource.objects.filter(pk=resource.pk).exists()
    assert still_there == (role != "teacher")
    if role == "teacher":
        assert response["Location"] == reverse("library:search")
        # Sent twice (a double click, a back button): the second finds nothing, and no 500.
        assert client.post(url).status_code == 404
        assert not ResourceVersion.objects.filter(resource_id=resource.pk).exists()


def test_a_withdrawn_resources_files_go_with_it(people: Personas, commits_run_callbacks) -> None:
    resource = _share(people, "family")
    stored = resource.versions.get().file
    storage, name = stored.storage, stored.name
    assert name and storage.exists(name)
    signed_in_client(people.teacher).post(reverse("library:resource_delete", args=[resource.pk]))
    assert not storage.exists(name)


@pytest.mark.parametrize(
    ("role", "status"),
    [("head", 403), ("coordinator", 403), ("outsider", 404), ("anonymous", 302)],
)
def test_only_the_author_edits_or_adds_a_version(people: Personas, role: str, status: int) -> None:
    resource = _share(people, "family")
    client: Client = signed_in_client(people.by_role(role))
    for name in ("library:resource_edit", "library:version_add"):
        url = reverse(name, args=[resource.pk])
        assert client.get(url).status_code == status, name
        assert client.post(url, {"title": "Taken over", "note": "Mine now"}).status_code == status
    resource.refresh_from_db()
    assert resource.title == TITLES["family"] and resource.versions.count() == 1
