import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kinship.core.models import AuditEntry
from kinship.families.models import Family, FamilyMembership, FamilyRole
from kinship.families.services import (
    circle_create,
    circle_member_add,
    circle_member_remove,
    circle_post_create,
    family_create,
    family_membership_accept,
    family_membership_leave,
    family_role_revoke,
    family_school_invite,
)


def test_family_create_makes_the_creator_coordinator_and_is_audited(people):
    family = family_create(actor=people.head, name="Bay Trust", kind=Family.Kind.TRUST)
    assert family.slug == "bay-trust"
    assert FamilyRole.objects.filter(
        family=family, user=people.head, role=FamilyRole.Role.COORDINATOR
    ).exists()
    assert AuditEntry.objects.filter(action="family.create", object_id=str(family.pk)).exists()


def test_family_names_are_unique_whatever_the_case(people):
    with pytest.raises(ValidationError):
        family_create(actor=people.head, name="kaizen network", kind=Family.Kind.OTHER)


def test_a_school_joins_only_when_its_lead_accepts(people):
    membership = family_school_invite(
        actor=people.outsider, family=people.other_family, school=people.school
    )
    assert membership.status == FamilyMembership.Status.INVITED
    family_membership_accept(actor=people.head, membership=membership)
    membership.refresh_from_db()
    assert membership.status == FamilyMembership.Status.ACTIVE
    assert membership.joined_on is not None


def test_inviting_a_member_school_again_is_refused(people):
    with pytest.raises(ValidationError, match="already a member"):
        family_school_invite(actor=people.coordinator, family=people.family, school=people.school)


def test_leaving_keeps_the_history(people):
    membership = people.family.memberships.get(school=people.school)
    family_membership_leave(actor=people.head, membership=membership)
    membership.refresh_from_db()
    assert membership.status == FamilyMembership.Status.LEFT
    assert membership.left_on is not None
    with pytest.raises(ValidationError):
        family_membership_leave(actor=people.head, membership=membership)


def test_the_last_coordinator_cannot_be_removed(people):
    role = people.family.roles.get(role=FamilyRole.Role.COORDINATOR)
    with pytest.raises(ValidationError, match="at least one coordinator"):
        family_role_revoke(actor=people.admin, family_role=role)


def test_confidential_circle_names_stay_out_of_the_audit_log(people):
    circle_create(
        actor=people.head, families=[people.family], name="Secret staffing matters",
        confidential=True,
    )  # fmt: skip
    assert not AuditEntry.objects.filter(summary__contains="Secret staffing").exists()


def test_circle_members_must_come_from_the_circles_families(people):
    with pytest.raises(ValidationError):
        circle_member_add(
            actor=people.head, circle=people.confidential_circle, user=people.outsider
        )


def test_a_convener_cannot_add_a_pupil_to_an_adult_circle(people, client):
    for circle in (people.confidential_circle, people.open_circle):
        with pytest.raises(ValidationError, match="Pupils cannot join circles"):
            circle_member_add(actor=people.head, circle=circle, user=people.pupil)
        assert not circle.memberships.filter(user=people.pupil).exists()
    client.force_login(people.head)
    response = client.post(
        f"/families/circles/{people.confidential_circle.pk}/members/",
        {"email": people.pupil.email},
        follow=True,
    )
    assert "Pupils cannot join circles" in response.content.decode()
    assert not people.confidential_circle.memberships.filter(user=people.pupil).exists()


def test_only_members_post_in_a_circle(people):
    with pytest.raises(PermissionDenied):
        circle_post_create(actor=people.coordinator, circle=people.confidential_circle, body="hi")
    with pytest.raises(ValidationError):
        circle_post_create(actor=people.head, circle=people.confidential_circle, body="   ")


def test_the_last_convener_cannot_leave_members_behind(people):
    membership = people.confidential_circle.memberships.get(user=people.head)
    with pytest.raises(ValidationError, match="another convener"):
        circle_member_remove(actor=people.head, membership=membership)
