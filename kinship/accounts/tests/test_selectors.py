from datetime import timedelta

from django.utils import timezone

from kinship.accounts.models import Invitation
from kinship.accounts.selectors import (
    directory_people_for,
    directory_tags_for,
    invitation_for_token,
    invitations_visible_to,
    schools_user_may_invite_to,
)
from kinship.accounts.services import user_create, user_profile_update
from kinship.families.models import FamilyMembership
from kinship.families.services import family_membership_leave, family_school_invite
from kinship.schools.services import school_role_grant


def names(people_qs) -> set[str]:
    return {person.display_name for person in people_qs}


def staff_at(school, name: str, role: str = "staff", **profile):
    user = user_create(email=f"{name.split()[0].lower()}@x.test", display_name=name, password=None)
    school_role_grant(actor=None, user=user, school=school, role=role)
    if profile:
        user_profile_update(user=user, display_name=name, **profile)
    return user


def test_directory_shows_staff_of_schools_in_my_families(people):
    assert names(directory_people_for(people.teacher)) == {"Hana Head", "Tom Teacher"}
    assert names(directory_people_for(people.coordinator)) == {"Hana Head", "Tom Teacher"}
    assert names(directory_people_for(people.outsider)) == {"Otto Outsider"}


def test_directory_leaves_out_pupils_partners_and_coordinators(people):
    listed = names(directory_people_for(people.head))
    assert not listed & {"Pip Pupil", "Pat Partner", "Cora Coordinator", "Ada Admin"}


def test_directory_leaves_out_people_who_opted_out(people):
    user_profile_update(user=people.head, display_name="Hana Head", listed_in_directory=False)
    assert "Hana Head" not in names(directory_people_for(people.teacher))


def test_a_school_shared_by_two_families_is_seen_from_both(people):
    staff_at(people.shared_school, "Sam Shared")
    assert "Sam Shared" in names(directory_people_for(people.teacher))
    assert "Sam Shared" in names(directory_people_for(people.outsider))


def test_invited_and_departed_schools_do_not_count(people):
    family_school_invite(actor=people.coordinator, family=people.family, school=people.other_school)
    assert "Otto Outsider" not in names(directory_people_for(people.teacher))
    membership = FamilyMembership.objects.get(family=people.family, school=people.second_school)
    family_membership_leave(actor=people.coordinator, membership=membership)
    assert "Tom Teacher" not in names(directory_people_for(people.head))


def test_directory_search_by_name_and_expertise(people):
    staff_at(people.school, "Priya Phonics", expertise=["Phonics", "Early reading"])
    staff_at(people.school, "Sid Send", expertise=["SEND"], ask_me_about="EHCP applications")
    assert names(directory_people_for(people.teacher, q="priya")) == {"Priya Phonics"}
    assert names(directory_people_for(people.teacher, q="phonic")) == {"Priya Phonics"}
    assert names(directory_people_for(people.teacher, q="EHCP")) == {"Sid Send"}
    assert names(directory_people_for(people.teacher, tag="early-reading")) == {"Priya Phonics"}
    assert names(directory_people_for(people.teacher, q="Priya", tag="send")) == set()


def test_a_person_with_two_tags_matching_appears_once(people):
    staff_at(people.school, "Ella Early", expertise=["Early reading", "Early maths"])
    assert [p.display_name for p in directory_people_for(people.teacher, q="early")] == [
        "Ella Early"
    ]


def test_directory_roles_are_only_those_in_reach(people):
    school_role_grant(actor=None, user=people.head, school=people.other_school, role="staff")
    head = directory_people_for(people.teacher).get(pk=people.head.pk)
    roles = head.directory_roles  # type: ignore[attr-defined]
    assert [role.school for role in roles] == [people.school]


def test_directory_tags_are_those_of_people_i_can_find(people):
    staff_at(people.school, "Priya Phonics", expertise=["Phonics"])
    staff_at(people.other_school, "Fiona Fellside", expertise=["Forest school"])
    assert {tag.name for tag in directory_tags_for(people.teacher)} == {"Phonics"}


def test_schools_i_may_invite_to(people):
    assert list(schools_user_may_invite_to(people.head)) == [people.school]
    # A coordinator: only member schools with no lead yet (Acorn has its head).
    assert set(schools_user_may_invite_to(people.coordinator)) == {
        people.second_school, people.shared_school
    }  # fmt: skip
    assert set(schools_user_may_invite_to(people.outsider)) == {
        people.other_school, people.shared_school
    }  # fmt: skip
    assert not schools_user_may_invite_to(people.teacher).exists()


def test_invitations_visible_to_the_inviter_and_the_schools_lead(
    people, invite, first_lead_invite, appoint_birch_lead
):
    invitation, _ = first_lead_invite()
    birch_lead = appoint_birch_lead()
    other, _ = invite(actor=people.coordinator, school=people.shared_school, role="lead")
    by_head, _ = invite()
    assert set(invitations_visible_to(people.coordinator)) == {invitation, other}
    assert list(invitations_visible_to(birch_lead)) == [invitation]
    assert list(invitations_visible_to(people.head)) == [by_head]
    assert not invitations_visible_to(people.outsider).exists()


def test_invitation_for_token_finds_it_by_hash_only(people, invite):
    invitation, token = invite()
    assert invitation_for_token(token) == invitation
    assert invitation_for_token(token + "x") is None
    assert not Invitation.objects.filter(token_hash=token).exists()
    assert invitation.expires_at - timezone.now() > timedelta(days=6)
