"""Within a request a person's memberships are read once; a change is seen at once."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from kinship.conftest import Personas
from kinship.families.models import FamilyMembership
from kinship.families.services import circle_member_add, family_membership_leave
from kinship.membership import memo, visibility
from kinship.membership.middleware import MembershipsOncePerRequestMiddleware
from kinship.schools.models import SchoolRole
from kinship.schools.services import school_role_grant

pytestmark = pytest.mark.django_db


def _queries(call) -> int:
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured.captured_queries)


def test_a_remembered_person_is_read_once(people: Personas):
    teacher = people.teacher
    memo.remember_memberships(teacher)
    assert visibility.is_family_staff(teacher, people.family)
    assert _queries(lambda: visibility.family_ids_of_user(teacher)) > 0
    assert _queries(lambda: visibility.family_ids_of_user(teacher)) == 0
    # Once read, a subquery is a short list of keys: one flat query to use it.
    list(visibility.open_circle_ids(teacher))
    assert _queries(lambda: list(visibility.open_circle_ids(teacher))) == 1
    memo.forget_memberships(teacher)
    assert _queries(lambda: visibility.family_ids_of_user(teacher)) > 0


def test_the_same_answers_remembered_or_not(people: Personas):
    for person in (people.teacher, people.head, people.coordinator, people.outsider):
        fresh = {
            "families": visibility.family_ids_of_user(person),
            "circles": set(visibility.visible_circle_ids(person).values_list("pk", flat=True)),
            "staff": set(visibility.family_staff_ids(person).values_list("pk", flat=True)),
        }
        memo.remember_memberships(person)
        for _ in range(2):
            assert visibility.family_ids_of_user(person) == fresh["families"]
            circles = set(visibility.visible_circle_ids(person).values_list("pk", flat=True))
            assert circles == fresh["circles"]
            staff = set(visibility.family_staff_ids(person).values_list("pk", flat=True))
            assert staff == fresh["staff"]
        memo.forget_memberships(person)


def test_a_change_within_the_request_is_seen_at_once(people: Personas):
    outsider = people.outsider
    memo.remember_memberships(outsider)
    assert not visibility.is_family_staff(outsider, people.family)
    assert not visibility.can_see_circle(outsider, people.open_circle)
    school_role_grant(
        actor=None, user=outsider, school=people.school, role=SchoolRole.Role.STAFF
    )  # a role granted mid-request, to the same user object
    assert visibility.is_family_staff(outsider, people.family)
    assert visibility.can_see_circle(outsider, people.open_circle)


def test_a_change_to_someone_elses_rows_is_seen_too(people: Personas):
    teacher = people.teacher
    memo.remember_memberships(teacher)
    assert visibility.is_family_staff(teacher, people.family)
    membership = FamilyMembership.objects.get(family=people.family, school=people.second_school)
    family_membership_leave(actor=people.coordinator, membership=membership)  # their school left
    assert not visibility.is_family_staff(teacher, people.family)
    assert people.family.pk not in visibility.family_ids_of_user(teacher)


def test_joining_a_circle_mid_request_is_seen(people: Personas):
    head = people.head
    memo.remember_memberships(head)
    assert not visibility.is_circle_member(head, people.open_circle)
    circle_member_add(actor=people.coordinator, circle=people.open_circle, user=head)
    assert visibility.is_circle_member(head, people.open_circle)


def test_the_middleware_remembers_for_the_request_alone(people: Personas):
    request = RequestFactory().get("/")
    request.user = people.teacher
    seen = []

    def view(request):
        seen.append(getattr(request.user, memo.MEMO_ATTRIBUTE, None) is not None)
        return None

    MembershipsOncePerRequestMiddleware(view)(request)
    assert seen == [True]
    assert getattr(people.teacher, memo.MEMO_ATTRIBUTE, None) is None


def test_the_remembered_sets_forget_a_removal_at_once(people: Personas):
    """The predicates answer from sets read once a request (`memo.id_set`): a role or
    membership taken away mid-request is seen by the very next question."""
    from kinship.families.models import CircleMembership
    from kinship.families.services import circle_member_remove
    from kinship.schools.services import school_role_revoke

    teacher = people.teacher
    memo.remember_memberships(teacher)
    assert visibility.is_circle_member(teacher, people.open_circle)
    assert visibility.works_at_school(teacher, people.second_school)
    assert visibility.is_family_staff(teacher, people.family)
    assert _queries(lambda: visibility.works_at_school(teacher, people.second_school)) == 0
    membership = CircleMembership.objects.get(circle=people.open_circle, user=teacher)
    circle_member_remove(actor=people.coordinator, membership=membership)
    assert not visibility.is_circle_member(teacher, people.open_circle)
    for role in SchoolRole.objects.filter(user=teacher, school=people.second_school):
        school_role_revoke(actor=None, school_role=role)
    assert not visibility.works_at_school(teacher, people.second_school)
    assert not visibility.is_family_staff(teacher, people.family)
    assert people.second_school.pk not in visibility.staff_school_id_set(teacher)
    memo.forget_memberships(teacher)
