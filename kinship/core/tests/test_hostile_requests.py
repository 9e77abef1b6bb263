"""Requests no person makes get a 400 page with a message, never a 500."""

import pytest

pytestmark = pytest.mark.django_db

NUL_ADDRESSES = [
    "/schools/?q=%00",
    "/schools/?q=abc%00def",
    "/meetings/feed/%00.ics",
    "/mentoring/feed/%00.ics",
    "/accounts/login/?next=%00",
    "/library/?q%00=1",
]


@pytest.mark.parametrize("address", NUL_ADDRESSES)
def test_nul_in_an_address_gives_a_400_page_not_a_500(client, address):
    response = client.get(address)
    assert response.status_code == 400
    assert b"character Kinship cannot read" in response.content


def test_nul_in_a_plain_form_gives_a_400_page(client):
    response = client.post(
        "/accounts/login/",
        "username=a%00b&password=x",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400


def test_ordinary_addresses_still_work(client):
    assert client.get("/accounts/login/?next=/schools/").status_code == 200
