import pytest

from kinship.accounts.rules import must_use_two_factor


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("admin", True), ("coordinator", True), ("head", True), ("teacher", True),
     ("partner", False), ("pupil", False), ("outsider", True)],
)  # fmt: skip
def test_only_staff_accounts_use_the_directory(people, role, allowed):
    assert people.by_role(role).has_perm("accounts.use_directory") is allowed


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("admin", False), ("coordinator", True), ("head", True), ("teacher", False),
     ("partner", False), ("pupil", False), ("outsider", True)],
)  # fmt: skip
def test_leads_and_coordinators_may_invite(people, role, allowed):
    assert people.by_role(role).has_perm("accounts.invite") is allowed


def test_the_inviter_and_the_schools_lead_may_revoke(people, first_lead_invite, appoint_birch_lead):
    invitation, _ = first_lead_invite()
    birch_lead = appoint_birch_lead()
    assert people.coordinator.has_perm("accounts.revoke_invitation", invitation)
    assert birch_lead.has_perm("accounts.revoke_invitation", invitation)
    for role in ("admin", "head", "teacher", "partner", "pupil", "outsider"):
        assert not people.by_role(role).has_perm("accounts.revoke_invitation", invitation), role


def test_platform_admins_must_use_two_factor_and_may_not_remove_it(people):
    assert must_use_two_factor(people.admin)
    assert not people.admin.has_perm("accounts.remove_two_factor")
    assert not must_use_two_factor(people.head)
    assert people.teacher.has_perm("accounts.remove_two_factor")


def test_people_who_read_pupils_held_posts_may_not_remove_two_factor(people):
    # A head leads a school (and so reviews its pupils' posts); the DSL reads the queue.
    assert not people.head.has_perm("accounts.remove_two_factor")
    assert people.teacher.has_perm("accounts.remove_two_factor")
