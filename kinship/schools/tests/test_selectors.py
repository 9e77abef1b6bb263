"""Reads for the school pages."""

import pytest

from kinship.accounts.services import user_create
from kinship.conftest import make_school
from kinship.membership.visibility import schools_sharing_a_family_with
from kinship.schools.selectors import (
    listed_staff_of,
    school_profile,
    schools_matching,
    website_url,
)
from kinship.schools.services import school_role_grant


@pytest.mark.django_db
def test_schools_matching_finds_by_each_field_and_orders_by_name():
    make_school(300002, "Beech Junior", town="Preston", postcode="PR1 2AB")
    make_school(300001, "Ash Infants", town="Blackburn", postcode="BB2 1AA")
    make_school(300003, "Preston Academy", town="Wigan", postcode="WN1 1AA")

    def urns(query):
        return [school.urn for school in schools_matching(query)]

    assert urns("") == [300001, 300002, 300003]
    assert urns("   ") == [300001, 300002, 300003]
    assert urns("preston") == [300002, 300003]
    assert urns("300003") == [300003]
    assert urns("pr12ab") == [300002]
    assert urns("pr1  2ab") == [300002]
    assert urns("99999999999999999999") == []


def test_school_profile_lists_staff_only_when_asked(people):
    with_staff = school_profile(people.school, with_staff=True)
    without = school_profile(people.school, with_staff=False)

    assert with_staff.listed_staff is not None
    assert [role.user for role in with_staff.listed_staff] == [people.head]
    assert without.listed_staff is None
    assert [family.name for family in with_staff.families] == ["Kaizen Network"]
    assert {school.urn for school in with_staff.map_schools} == {100001, 100002, 100003}


def test_a_school_in_no_family_is_mapped_alone(people):
    lonely = make_school(300001, "Lonely Primary")
    profile = school_profile(lonely, with_staff=True)
    assert profile.families == []
    assert profile.map_schools == [lonely]
    assert profile.listed_staff == []


def test_listed_staff_come_leads_first_then_by_name_and_never_pupils(people):
    for email, name in (("zed@a1.test", "Zed Zebra"), ("amy@a1.test", "Amy Apple")):
        user = user_create(email=email, display_name=name, password=None)
        school_role_grant(actor=None, user=user, school=people.school, role="staff")
    inactive = user_create(email="gone@a1.test", display_name="Gone", password=None)
    school_role_grant(actor=None, user=inactive, school=people.school, role="staff")
    inactive.is_active = False
    inactive.save()

    names = [role.user.display_name for role in listed_staff_of(people.school)]

    assert names == ["Hana Head", "Amy Apple", "Zed Zebra"]


def test_schools_sharing_a_family_include_family_roles(people):
    assert set(schools_sharing_a_family_with(people.partner)) == {
        people.school, people.second_school, people.shared_school,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("website", "url"),
    [
        ("www.alder.lancs.sch.uk", "https://www.alder.lancs.sch.uk"),
        ("http://www.alder.org/home", "http://www.alder.org/home"),
        ("HTTPS://alder.org", "HTTPS://alder.org"),
        ("", ""),
        ("javascript:alert(1)", ""),
        ("data:text/html,<script>", ""),
        ("ftp://files.alder.org", ""),
        ("not a website", ""),
        ("localhost", ""),
    ],
)
def test_website_url_links_only_web_addresses(website, url):
    assert website_url(website) == url
