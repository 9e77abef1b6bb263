from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinship.accounts.services import user_create, user_profile_update
from kinship.conftest import signed_in_client
from kinship.schools.services import school_role_grant

URL = "/accounts/directory/"


def colleague(people, name: str, **profile):
    email = f"{name.split()[0].lower()}@a1.test"
    user = user_create(email=email, display_name=name, password=None)
    school_role_grant(actor=None, user=user, school=people.school, role="staff")
    user_profile_update(user=user, display_name=name, **profile)
    return user


def test_directory_lists_staff_of_my_families(client_for, people):
    assert reverse("accounts:directory") == URL
    response = client_for("teacher").get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Hana Head" in body and "Alder Primary School" in body
    assert "Otto Outsider" not in body


def test_contact_details_follow_each_persons_choice(client_for, people):
    colleague(people, "Erin Open", phone="07700 900001", phone_visibility="families")
    colleague(people, "Nell Private", phone="07700 900002", phone_visibility="nobody",
              email_visibility="nobody")  # fmt: skip
    colleague(people, "Bea Blank", phone="", phone_visibility="families")
    body = client_for("teacher").get(URL).content.decode()
    assert "erin@a1.test" in body and "07700 900001" in body
    assert "Nell Private" in body
    assert "nell@a1.test" not in body and "07700 900002" not in body
    assert "bea@a1.test" in body
    assert body.count("Phone:") == 1


def test_search_by_name_or_topic_and_filter_by_tag(client_for, people):
    colleague(people, "Priya Phonics", expertise=["Phonics"])
    colleague(people, "Sid Send", expertise=["SEND"])
    client = client_for("teacher")
    body = client.get(URL, {"q": "phon"}).content.decode()
    assert "Priya Phonics" in body and "Sid Send" not in body and "Hana Head" not in body
    body = client.get(URL, {"tag": "send"}).content.decode()
    assert "Sid Send" in body and "Priya Phonics" not in body
    assert '<option value="send" selected>' in body
    body = client.get(URL, {"q": "zzz"}).content.decode()
    assert "Nobody matches that search" in body


def test_a_malformed_tag_is_ignored(client_for, people):
    response = client_for("teacher").get(URL, {"tag": "not a slug!"})
    assert response.status_code == 200
    assert "Hana Head" in response.content.decode()


def test_outsiders_do_not_see_other_families_staff(client_for, people):
    response = client_for("outsider").get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Otto Outsider" in body
    assert "Hana Head" not in body and "Tom Teacher" not in body


def test_pupils_and_partners_may_not_use_the_directory(client_for, people):
    assert client_for("pupil").get(URL).status_code == 403
    assert client_for("partner").get(URL).status_code == 403


def test_directory_needs_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_directory_refuses_post(client_for, people):
    assert client_for("teacher").post(URL).status_code == 405


def test_directory_queries_do_not_grow_with_people(people):
    def count() -> int:
        client = signed_in_client(people.teacher)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL).status_code == 200
        return len(ctx.captured_queries)

    colleague(people, "First Person", expertise=["Phonics"])
    before = count()
    for n in range(8):
        colleague(people, f"Person{n} Extra", expertise=[f"Topic {n}", "Phonics"])
    school_role_grant(actor=None, user=people.head, school=people.shared_school, role="staff")
    assert count() == before
