"""The family insights page and the admins' totals."""

from datetime import date

import pytest
from django.urls import reverse

from kinship.conftest import signed_in_client
from kinship.insights.models import Exchange
from kinship.insights.services import exchange_record

pytestmark = pytest.mark.django_db


def record(people):
    exchange_record(
        kind=Exchange.Kind.MODERATION, on=date(2026, 11, 3), giver=people.school,
        receiver=people.second_school, source="test:1", family=people.family,
    )  # fmt: skip


def test_it_names_the_school_with_no_exchange_and_draws_the_network(people):
    record(people)
    url = reverse("insights:family", args=[people.family.slug])
    response = signed_in_client(people.coordinator).get(url, {"year": 2026})
    assert response.status_code == 200
    page = response.content.decode()
    assert "No exchange this year:" in page
    assert '<span class="isolated-school">Cedar Primary School</span>' in page
    assert page.count("<circle ") == 3 and page.count("<line ") == 1
    assert "Scripts moderated: 1" in page
    assert "<script" not in page.split("<svg", 1)[1].split("</svg>", 1)[0]


def test_another_year_shows_no_exchange(people):
    record(people)
    url = reverse("insights:family", args=[people.family.slug])
    page = signed_in_client(people.coordinator).get(url, {"year": 2027}).content.decode()
    assert page.count("<line ") == 0
    assert "Birch Primary School</span>" in page  # now isolated too


@pytest.mark.parametrize("year", ["1999", "soon"])
def test_a_year_out_of_range_is_not_found(people, year):
    url = reverse("insights:family", args=[people.family.slug])
    assert signed_in_client(people.coordinator).get(url, {"year": year}).status_code == 404


def test_wrong_method_is_refused(people):
    url = reverse("insights:family", args=[people.family.slug])
    assert signed_in_client(people.coordinator).post(url).status_code == 405


def test_admins_see_totals_naming_no_school(people):
    record(people)
    response = signed_in_client(people.admin).get(reverse("insights:home"), {"year": 2026})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Scripts moderated" in page
    assert "Alder Primary School" not in page


def test_the_home_leads_coordinators_to_their_families_and_heads_to_their_schools(people):
    record(people)
    page = signed_in_client(people.coordinator).get(reverse("insights:home")).content.decode()
    assert reverse("insights:family", args=[people.family.slug]) in page
    assert "Scripts moderated" not in page  # totals are for admins
    page = signed_in_client(people.head).get(reverse("insights:home")).content.decode()
    assert reverse("insights:school", args=[people.school.urn]) in page
    assert reverse("insights:family", args=[people.family.slug]) not in page


def test_a_head_sees_their_school_and_its_partners(people):
    record(people)
    url = reverse("insights:school", args=[people.school.urn])
    response = signed_in_client(people.head).get(url, {"year": 2026})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Birch Primary School" in page
    assert page.count("<circle ") == 2 and page.count("<line ") == 1
    # Alder sits in the middle of the drawing.
    assert '<circle cx="360.0" cy="240.0"' in page


def test_a_school_page_is_refused_to_others(people):
    url = reverse("insights:school", args=[people.second_school.urn])
    assert signed_in_client(people.head).get(url).status_code == 403


def test_the_family_page_shows_each_term_and_its_queries_do_not_grow(
    people, django_assert_max_num_queries
):
    record(people)
    client = signed_in_client(people.coordinator)
    url = reverse("insights:family", args=[people.family.slug])
    client.get(url, {"year": 2026})  # sessions and caches warm
    with django_assert_max_num_queries(20) as queries:
        page = client.get(url, {"year": 2026}).content.decode()
    few = len(queries)
    assert "Autumn: given / received" in page
    # Alder gave Birch once in the autumn term (3 Nov), nothing in spring or summer.
    assert (
        '<th scope="row">Alder Primary School</th><td>1 / 0</td><td>0 / 0</td><td>0 / 0</td>'
        in page
    )
    for number in range(2, 8):
        exchange_record(
            kind=Exchange.Kind.VISIT, on=date(2027, 1, number), giver=people.second_school,
            receiver=people.shared_school, source=f"test:{number}",
        )  # fmt: skip
    with django_assert_max_num_queries(few):
        client.get(url, {"year": 2026})


def test_the_family_page_leads_its_coordinators_and_no_one_else_to_the_network(people):
    url = reverse("families:family_detail", args=[people.family.slug])
    link = reverse("insights:family", args=[people.family.slug])
    assert link in signed_in_client(people.coordinator).get(url).content.decode()
    assert link not in signed_in_client(people.head).get(url).content.decode()
