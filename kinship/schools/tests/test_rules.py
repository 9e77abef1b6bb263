"""The schools permissions, predicate by predicate and as named rules."""

import pytest
from django.contrib.auth.models import AnonymousUser

from kinship.families.models import FamilyMembership
from kinship.families.services import family_membership_leave
from kinship.schools import rules as school_rules

ROLES = ("admin", "coordinator", "head", "teacher", "partner", "pupil", "outsider")


def allowed(people, perm, school=None):
    return {role for role in ROLES if people.by_role(role).has_perm(perm, school)}


def test_only_staff_accounts_and_admins_search_schools(people):
    assert allowed(people, "schools.search_schools") == {
        "admin", "coordinator", "head", "teacher", "outsider",
    }  # fmt: skip


def test_who_may_see_a_school(people):
    everyone_but_pupil_and_partner = {"admin", "coordinator", "head", "teacher", "outsider"}
    assert allowed(people, "schools.view_school", people.school) == set(ROLES)
    assert allowed(people, "schools.view_school", people.second_school) == (
        everyone_but_pupil_and_partner | {"partner"}
    )
    assert allowed(people, "schools.view_school", people.other_school) == (
        everyone_but_pupil_and_partner
    )


def test_who_may_see_a_schools_listed_staff(people):
    # Colleagues only: pupils and partners never see the staff list.
    assert allowed(people, "schools.view_school_staff", people.school) == {
        "admin", "coordinator", "head", "teacher",
    }  # fmt: skip
    assert allowed(people, "schools.view_school_staff", people.other_school) == {
        "admin", "outsider",
    }  # fmt: skip
    # The shared school is in both families: the outsider shares one with it.
    assert "outsider" in allowed(people, "schools.view_school_staff", people.shared_school)


def test_a_partner_loses_sight_of_a_school_that_leaves_the_family(people):
    family_membership_leave(
        actor=people.coordinator,
        membership=FamilyMembership.objects.get(family=people.family, school=people.second_school),
    )
    assert not people.partner.has_perm("schools.view_school", people.second_school)
    assert not school_rules.partners_a_family_of_school(people.partner, people.second_school)


@pytest.mark.parametrize(
    "predicate",
    [
        school_rules.holds_a_role_at_school,
        school_rules.partners_a_family_of_school,
        school_rules.shares_a_family_with_school,
    ],
)
def test_predicates_refuse_anonymous_visitors_and_no_school(people, predicate):
    assert predicate(AnonymousUser(), people.school) is False
    assert predicate(people.head, None) is False


def test_anonymous_visitors_may_do_nothing(people):
    visitor = AnonymousUser()
    assert not visitor.has_perm("schools.search_schools")
    assert not visitor.has_perm("schools.view_school", people.school)
    assert not visitor.has_perm("schools.view_school_staff", people.school)
