import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from kinship.accounts.models import ExpertiseTag
from kinship.accounts.services import user_profile_update

URL = "/accounts/profile/"


def form_data(**changes: str) -> dict[str, str]:
    data = {
        "display_name": "Hana Head", "job_title": "Headteacher", "phone": "01524 000000",
        "phone_visibility": "families", "email_visibility": "nobody",
        "listed_in_directory": "on", "ask_me_about": "Mixed-age classes",
        "expertise": "Phonics, SEND, phonics, ",
    }  # fmt: skip
    data.update(changes)
    return data


def test_profile_shows_my_details_roles_and_two_factor_link(client_for, people):
    assert reverse("accounts:profile") == URL
    response = client_for("head").get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="Hana Head"' in body
    assert "School lead" in body and "Alder Primary School" in body
    assert reverse("accounts:two_factor") in body
    assert 'autocomplete="tel"' in body


def test_profile_lists_family_roles(client_for, people):
    body = client_for("coordinator").get(URL).content.decode()
    assert "Family coordinator" in body and "Kaizen Network" in body


def test_profile_saves_details_and_expertise(client_for, people):
    response = client_for("head").post(URL, form_data())
    assert response.status_code == 302 and response["Location"] == URL
    people.head.refresh_from_db()
    assert people.head.job_title == "Headteacher"
    assert people.head.email_visibility == "nobody"
    assert {tag.slug for tag in people.head.expertise.all()} == {"phonics", "send"}
    assert ExpertiseTag.objects.count() == 2
    page = client_for("head").get(URL).content.decode()
    assert 'value="Phonics, SEND"' in page


def test_profile_errors_are_announced(client_for, people):
    response = client_for("head").post(URL, form_data(display_name="", phone_visibility="world"))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'aria-describedby="id_display_name_error"' in body
    assert 'id="id_phone_visibility_error"' in body
    people.head.refresh_from_db()
    assert people.head.job_title == ""


def test_pupils_do_not_name_themselves(client_for, people):
    """Staff name pupils (forums.pupil_name_set): the profile sends a pupil to their own
    page, and a forged POST changes nothing."""
    client = client_for("pupil")
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"] == "/forums/pupils/me/"
    page = client.get("/forums/pupils/me/").content.decode()
    hidden = page.count('name="csrfmiddlewaretoken"') + page.count('name="submission_token"')
    fields = page.count("<input") - hidden
    assert "Pip Pupil" in page and fields == 0
    forged = client.post(URL, form_data(display_name="Alfie Johnson snap me 07700900123"))
    assert forged.status_code == 302
    people.pupil.refresh_from_db()
    assert people.pupil.display_name == "Pip Pupil" and people.pupil.phone == ""


def test_the_profile_service_refuses_a_pupil_naming_themselves(people):
    with pytest.raises(PermissionDenied):
        user_profile_update(user=people.pupil, display_name="Pip 07700900123")
    people.pupil.refresh_from_db()
    assert people.pupil.display_name == "Pip Pupil"


def test_profile_is_only_ever_my_own(client_for, people):
    body = client_for("outsider").get(URL).content.decode()
    assert "Otto Outsider" in body and "Hana Head" not in body
    client_for("outsider").post(URL, form_data(display_name="Mallory"))
    people.head.refresh_from_db()
    assert people.head.display_name == "Hana Head"


def test_profile_needs_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_profile_refuses_other_methods(client_for, people):
    assert client_for("head").put(URL).status_code == 405
