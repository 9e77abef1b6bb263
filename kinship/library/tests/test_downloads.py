"""A download asks again, at the moment of the download, whether the reader may have the
file: a link kept from last week opens nothing once they have left its audience."""

import pytest

from kinship.conftest import signed_in_client
from kinship.families.models import FamilyMembership
from kinship.families.services import circle_member_remove, family_membership_leave
from kinship.library.models import Audience
from kinship.library.tests.conftest import share_pdf

pytestmark = pytest.mark.django_db


def _download(user, resource):
    return signed_in_client(user).get(f"/library/{resource.pk}/versions/1/download/")


def test_a_circle_file_stops_downloading_when_the_reader_leaves_the_circle(people):
    resource = share_pdf(
        people.head,
        title="Heads' staffing notes",
        lines=("Who goes where",),
        audience=Audience.CIRCLE,
        circle=people.confidential_circle,
    )
    assert _download(people.teacher, resource).status_code == 200
    membership = people.confidential_circle.memberships.get(user=people.teacher)
    circle_member_remove(actor=people.head, membership=membership)
    assert _download(people.teacher, resource).status_code == 404
    assert _download(people.head, resource).status_code == 200


def test_a_family_file_stops_downloading_when_the_readers_school_leaves(people):
    resource = share_pdf(
        people.head, title="Moderation notes", lines=("Greater depth",), family=people.family
    )
    assert _download(people.teacher, resource).status_code == 200
    membership = FamilyMembership.objects.get(family=people.family, school=people.second_school)
    family_membership_leave(actor=people.teacher, membership=membership)
    assert _download(people.teacher, resource).status_code == 404


def test_a_file_moved_to_a_confidential_circle_leaves_the_family_behind(people):
    from kinship.library.services import ResourceFields, resource_update

    resource = share_pdf(
        people.head, title="Budget lines", lines=("Staffing",), family=people.family
    )
    assert _download(people.coordinator, resource).status_code == 200
    resource_update(
        actor=people.head,
        resource=resource,
        fields=ResourceFields(
            title="Budget lines", audience=Audience.CIRCLE, circle=people.confidential_circle
        ),
    )
    # Coordinators and admins never open a confidential circle's files.
    for outside in (people.coordinator, people.admin, people.outsider):
        assert _download(outside, resource).status_code == 404, outside
    assert _download(people.teacher, resource).status_code == 200


def test_a_deactivated_reader_downloads_nothing(people):
    resource = share_pdf(
        people.head, title="Reading spine", lines=("Year 3",), audience=Audience.PLATFORM
    )
    client = signed_in_client(people.teacher)
    url = f"/library/{resource.pk}/versions/1/download/"
    assert client.get(url).status_code == 200
    people.teacher.is_active = False
    people.teacher.save(update_fields=["is_active"])
    response = client.get(url)
    assert response.status_code == 302 and "/login" in response["Location"]
