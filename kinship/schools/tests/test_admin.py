"""Schools and school roles in the Django admin, for platform admins."""

from django.urls import reverse

from kinship.conftest import make_school, signed_in_client


def test_admin_finds_schools_by_name_and_urn(people):
    make_school(300001, "Oak Tree Academy")
    client = signed_in_client(people.admin)
    url = reverse("admin:schools_school_changelist")

    by_name = client.get(url, {"q": "oak tree"})
    by_urn = client.get(url, {"q": "300001"})
    by_word = client.get(url, {"q": "nonsense"})

    assert by_name.status_code == 200
    assert "Oak Tree Academy" in by_name.content.decode()
    assert "Oak Tree Academy" in by_urn.content.decode()
    assert "Oak Tree Academy" not in by_word.content.decode()


def test_admin_lists_school_roles_and_opens_a_school(people):
    client = signed_in_client(people.admin)
    roles = client.get(reverse("admin:schools_schoolrole_changelist"), {"q": "100001"})
    assert roles.status_code == 200
    assert "Hana Head" in roles.content.decode()
    change = client.get(reverse("admin:schools_school_change", args=[people.school.pk]))
    assert change.status_code == 200


def test_school_admin_is_for_platform_admins_only(people):
    response = signed_in_client(people.head).get(reverse("admin:schools_school_changelist"))
    assert response.status_code == 302
