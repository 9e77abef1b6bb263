"""The school list and the school profile: who sees what, and at what cost in queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinship.accounts.models import AccountType
from kinship.accounts.services import user_create, user_profile_update
from kinship.conftest import make_school, signed_in_client
from kinship.families.models import FamilyMembership, FamilyRole
from kinship.families.services import family_membership_leave, family_role_grant
from kinship.schools.models import SchoolRole
from kinship.schools.services import school_role_grant, school_role_listing_set

LIST_URL = reverse("schools:school_list")


def detail_url(school):
    return reverse("schools:school_detail", args=[school.urn])


def staff_section(body):
    return 'id="staff-heading"' in body


# school_list


def test_staff_search_schools_by_name_urn_town_and_postcode(client_for, people):
    make_school(300001, "Oak Tree Academy", town="Morecambe", postcode="LA4 5QT")
    client = client_for("teacher")

    def names(q):
        body = client.get(LIST_URL, {"q": q}).content.decode()
        return set(re.findall(r'<a href="/schools/\d+/">([^<]+)</a>', body))

    assert names("oak tree") == {"Oak Tree Academy"}
    assert names("300001") == {"Oak Tree Academy"}
    assert names("morecambe") == {"Oak Tree Academy"}
    assert names("LA4 5QT") == {"Oak Tree Academy"}
    assert names("la45qt") == {"Oak Tree Academy"}
    assert names("LA4") == {"Oak Tree Academy"}
    assert names("Primary") == {
        "Alder Primary School",
        "Birch Primary School",
        "Cedar Primary School",
        "Fellside Primary School",
    }
    assert names("no such school") == set()


def test_school_list_is_a_table_with_name_urn_la_phase_and_status(client_for, people):
    response = client_for("head").get(LIST_URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<h1>Schools</h1>" in body
    assert "<caption" in body
    for heading in ("School", "URN", "Local authority", "Phase", "Status"):
        assert f'<th scope="col">{heading}</th>' in body
    assert "<td>200001</td><td>Cumbria</td><td>Primary</td><td>Open</td>" in body


def test_school_list_is_paginated_by_25(client_for, people):
    for n in range(30):
        make_school(300000 + n, f"Zed School {n:02d}")
    client = client_for("head")

    first = client.get(LIST_URL, {"q": "Zed"}).content.decode()
    second = client.get(LIST_URL, {"q": "Zed", "page": 2}).content.decode()

    assert first.count("Zed School") == 25
    assert second.count("Zed School") == 5
    assert "Page 2 of 2" in second
    assert "?q=Zed&amp;page=2" in first


def test_school_list_queries_do_not_grow_with_schools(people):
    client = signed_in_client(people.head)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(LIST_URL).status_code == 200
        return len(ctx.captured_queries)

    before = count()
    for n in range(20):
        make_school(300000 + n, f"Extra School {n}")
    assert count() == before


@pytest.mark.parametrize("role", ["partner", "pupil"])
def test_school_list_is_for_staff_accounts_only(client_for, role):
    assert client_for(role).get(LIST_URL).status_code == 403


def test_school_list_sends_anonymous_visitors_to_sign_in(client):
    response = client.get(LIST_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_school_list_refuses_post(client_for):
    assert client_for("head").post(LIST_URL).status_code == 405


# school_detail


def test_school_profile_shows_gias_details_map_and_families(client_for, people):
    response = client_for("teacher").get(detail_url(people.shared_school))

    assert response.status_code == 200
    body = response.content.decode()
    assert "<h1>Cedar Primary School</h1>" in body
    assert '<th scope="row">URN</th><td>100003</td>' in body
    assert "Community school" in body
    assert 'role="img"' in body
    assert "Open in OpenStreetMap" in body
    assert "https://www.openstreetmap.org/?mlat=54.04000&amp;mlon=-2.80000#map=15/" in body
    # Both its families named; linked only where the viewer can open the family.
    assert f'href="{reverse("families:family_detail", kwargs={"slug": "kaizen-network"})}"' in body
    assert "Fellside Heads" in body
    assert (
        f'href="{reverse("families:family_detail", kwargs={"slug": "fellside-heads"})}"' not in body
    )
    for partner in (people.school, people.second_school, people.other_school):
        assert f"<title>{partner.name} (URN {partner.urn})</title>" in body


def test_dates_on_the_profile_are_written_the_british_way(client_for, people, tmp_path):
    from kinship.schools.services import gias_import
    from kinship.schools.tests.conftest import gias_csv, gias_row

    path = tmp_path / "gias.csv"
    path.write_bytes(gias_csv([gias_row(people.school.urn, people.school.name)]))
    gias_import(path_or_file=path)

    body = client_for("head").get(detail_url(people.school)).content.decode()

    assert re.search(r"last updated \w{3} \d{1,2} \w{3} \d{4}", body)


def test_families_the_school_has_left_are_not_listed(client_for, people):
    family_membership_leave(
        actor=people.coordinator,
        membership=FamilyMembership.objects.get(family=people.family, school=people.school),
    )
    body = client_for("admin").get(detail_url(people.school)).content.decode()
    assert "Kaizen Network" not in body


def test_listed_staff_show_job_title_and_expertise_but_never_pupils(client_for, people):
    user_profile_update(
        user=people.head,
        display_name="Hana Head",
        job_title="Headteacher",
        ask_me_about="moving to whole-class reading",
        expertise=["Phonics", "EYFS"],
    )
    hidden = user_create(email="quiet@a1.test", display_name="Quentin Quiet", password=None)
    role = school_role_grant(actor=None, user=hidden, school=people.school, role="staff")
    school_role_listing_set(actor=hidden, school_role=role, listed=False)

    body = client_for("teacher").get(detail_url(people.school)).content.decode()

    assert staff_section(body)
    assert "Hana Head" in body
    assert "Headteacher" in body
    assert "moving to whole-class reading" in body
    assert '<span class="tag">Phonics</span>' in body
    assert '<span class="tag">EYFS</span>' in body
    assert "Quentin Quiet" not in body
    assert "Pip Pupil" not in body


def test_a_person_with_two_roles_is_listed_once(client_for, people):
    school_role_grant(actor=None, user=people.head, school=people.school, role="staff")
    body = client_for("teacher").get(detail_url(people.school)).content.decode()
    assert body.count('<h3 class="h5 card-title mb-1">Hana Head</h3>') == 1


@pytest.mark.parametrize(
    ("role", "sees_staff"),
    [
        ("admin", True),
        ("coordinator", True),
        ("head", True),
        ("teacher", True),
        ("partner", False),
        ("outsider", False),
    ],
)
def test_listed_staff_are_shown_only_to_people_who_share_a_family_or_work_there(
    client_for, people, role, sees_staff
):
    response = client_for(role).get(detail_url(people.school))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Alder Primary School" in body
    assert staff_section(body) is sees_staff
    assert ("Hana Head" in body.split("<main")[1]) is sees_staff


def test_the_outsider_sees_staff_of_a_school_their_family_shares(client_for, people):
    school_role_grant(actor=None, user=people.teacher, school=people.shared_school, role="staff")
    body = client_for("outsider").get(detail_url(people.shared_school)).content.decode()
    assert staff_section(body)
    assert "Tom Teacher" in body


def test_pupils_reach_no_school_page(client_for, people):
    """Pupils reach pupil pages only (issue 15): not even their own school's GIAS page."""
    client = client_for("pupil")
    for school in (people.school, people.second_school, people.other_school):
        assert client.get(detail_url(school)).status_code == 403


def test_partners_see_only_schools_of_their_families(client_for, people):
    client = client_for("partner")
    for mine in (people.school, people.second_school, people.shared_school):
        assert client.get(detail_url(mine)).status_code == 200
    assert client.get(detail_url(people.other_school)).status_code == 404


def test_a_partner_without_a_family_sees_no_school(people):
    stranger = user_create(
        email="p@elsewhere.test", display_name="P", password=None, account_type=AccountType.PARTNER
    )
    assert signed_in_client(stranger).get(detail_url(people.school)).status_code == 404


@pytest.mark.parametrize("urn", [999999, 99999999999999999999])
def test_unknown_urns_are_not_found(client_for, people, urn):
    response = client_for("head").get(reverse("schools:school_detail", args=[urn]))
    assert response.status_code == 404


def test_school_profile_sends_anonymous_visitors_to_sign_in(client, people):
    response = client.get(detail_url(people.school))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_school_profile_refuses_post(client_for, people):
    assert client_for("head").post(detail_url(people.school)).status_code == 405


def test_school_profile_queries_do_not_grow_with_listed_staff(people):
    client = signed_in_client(people.teacher)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(detail_url(people.school)).status_code == 200
        return len(ctx.captured_queries)

    before = count()
    for n in range(8):
        person = user_create(email=f"staff{n}@a1.test", display_name=f"Staff {n}", password=None)
        user_profile_update(
            user=person, display_name=f"Staff {n}", expertise=[f"Topic {n}", "SEND"]
        )
        school_role_grant(actor=None, user=person, school=people.school, role=SchoolRole.Role.STAFF)
    after = count()

    assert after == before
    body = client.get(detail_url(people.school)).content.decode()
    assert "Staff 7" in body and "Topic 7" in body


def test_a_website_without_a_scheme_is_linked_and_a_dangerous_one_is_not(client_for, people):
    people.school.website = "www.alder.lancs.sch.uk"
    people.school.save()
    people.second_school.website = "javascript:alert(1)"
    people.second_school.save()
    client = client_for("head")

    alder = client.get(detail_url(people.school)).content.decode()
    birch = client.get(detail_url(people.second_school)).content.decode()

    assert 'href="https://www.alder.lancs.sch.uk"' in alder
    assert "javascript:" not in birch


def test_school_page_links_only_families_the_viewer_can_open(client_for, people):
    # A teacher who is also a partner of Fellside belongs to it but cannot open its page:
    # the school page used to link it all the same (a drift from families.view_family).
    family_role_grant(
        actor=people.outsider,
        family=people.other_family,
        user=people.teacher,
        role=FamilyRole.Role.PARTNER,
    )
    client = client_for("teacher")
    body = client.get(detail_url(people.shared_school)).content.decode()
    kaizen = reverse("families:family_detail", kwargs={"slug": people.family.slug})
    fellside = reverse("families:family_detail", kwargs={"slug": people.other_family.slug})
    assert f'href="{kaizen}"' in body
    assert people.other_family.name in body
    assert f'href="{fellside}"' not in body
    assert client.get(fellside).status_code in (403, 404)
    admin_body = client_for("admin").get(detail_url(people.shared_school)).content.decode()
    assert f'href="{kaizen}"' in admin_body and f'href="{fellside}"' in admin_body
