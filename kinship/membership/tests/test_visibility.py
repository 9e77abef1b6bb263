"""Membership and visibility, asked of the one module every app uses."""

import pytest
from rules.permissions import permissions

from kinship.conftest import Personas
from kinship.membership import predicates, visibility

# Every app's permission that asks only "is this a staff account?".
STAFF_ONLY_PERMS = (
    "accounts.use_directory",
    "families.list_families",
    "schools.search_schools",
    "mentoring.use_mentoring",
    "visits.use_visits",
    "library.use_library",
    "forums.use_review_queue",
)


def _deactivate(user):
    user.is_active = False
    user.save(update_fields=["is_active"])


@pytest.mark.django_db
def test_inactive_staff_account_is_nobodys_staff_in_any_app(people: Personas):
    # Five apps once asked account_type == "staff" without is_active. The rules are tested
    # directly: User.has_perm's own is_active check would hide a drift in a predicate.
    teacher = people.teacher
    assert all(permissions.test_rule(name, teacher) for name in STAFF_ONLY_PERMS)
    _deactivate(teacher)
    granted = [name for name in STAFF_ONLY_PERMS if permissions.test_rule(name, teacher)]
    assert granted == []
    assert not visibility.is_staff_account(teacher)
    assert not visibility.is_staff_or_partner(teacher)
    assert not predicates.is_staff_account(teacher)
    assert teacher not in visibility.active_staff_accounts()


@pytest.mark.django_db
def test_inactive_pupil_and_partner_are_neither(people: Personas):
    assert visibility.is_pupil(people.pupil) and visibility.is_partner(people.partner)
    _deactivate(people.pupil)
    _deactivate(people.partner)
    assert not visibility.is_pupil(people.pupil)
    assert not visibility.is_partner(people.partner)
    # Still named and sent to as a pupil: only what they may do depends on being active.
    assert visibility.is_pupil_record(people.pupil)


@pytest.mark.django_db
def test_families_each_person_can_open(people: Personas):
    def opens(user):
        return set(visibility.families_visible_to(user))

    assert opens(people.head) == {people.family}
    assert opens(people.coordinator) == {people.family}
    assert opens(people.outsider) == {people.other_family}
    assert opens(people.admin) == {people.family, people.other_family}
    assert opens(people.partner) == set()
    assert opens(people.pupil) == set()


@pytest.mark.django_db
def test_belonging_is_wider_than_opening(people: Personas):
    assert visibility.family_ids_of_user(people.partner) == {people.family.pk}
    assert visibility.family_ids_of_user(people.pupil) == {people.family.pk}


@pytest.mark.django_db
def test_confidential_circles_are_for_their_members_only(people: Personas):
    confidential = people.confidential_circle
    for member in (people.head, people.teacher):
        assert visibility.can_see_circle(member, confidential)
    for other in (people.coordinator, people.admin, people.outsider, people.partner):
        assert not visibility.can_see_circle(other, confidential)
        assert confidential not in visibility.circles_visible_to(other)
    assert set(visibility.circle_readers(confidential)) == {people.head, people.teacher}


@pytest.mark.django_db
def test_open_circles_are_for_their_families_staff(people: Personas):
    circle = people.open_circle
    for user in (people.head, people.teacher, people.coordinator, people.admin):
        assert visibility.can_see_circle(user, circle)
    for user in (people.outsider, people.partner, people.pupil):
        assert not visibility.can_see_circle(user, circle)
    # Platform admins see open circles but are no reader to be told of them.
    assert people.admin not in visibility.circle_readers(circle)


@pytest.mark.django_db
def test_anonymous_sees_nothing(people: Personas):
    from django.contrib.auth.models import AnonymousUser

    nobody = AnonymousUser()
    assert not visibility.families_visible_to(nobody).exists()
    assert not visibility.circles_visible_to(nobody).exists()
    assert not visibility.schools_of_user(nobody).exists()
    assert visibility.family_ids_of_user(nobody) == set()
    assert not visibility.is_staff_account(nobody)
