import hashlib
from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from kinship.accounts.models import ExpertiseTag, Invitation, InvitationStatus, User
from kinship.accounts.services import (
    expertise_tags_for,
    invitation_accept,
    invitation_create,
    invitation_revoke,
    invitation_sign_up,
    two_factor_enrol,
    two_factor_enrolment_device,
    two_factor_remove,
    two_factor_verify,
    user_create,
    user_profile_update,
)
from kinship.accounts.tests.conftest import current_code, wrong_code
from kinship.core.models import AuditEntry
from kinship.schools.models import SchoolRole


def test_profile_update_sets_fields_and_tags(people):
    user_profile_update(
        user=people.head, display_name="Hana Head-Smith", job_title="Headteacher",
        phone="01524 000000", phone_visibility="families", expertise=["Phonics", "SEND "],
    )  # fmt: skip
    people.head.refresh_from_db()
    assert people.head.display_name == "Hana Head-Smith"
    assert people.head.phone_visibility == "families"
    assert people.head.email_visibility == "families"  # untouched
    assert {tag.slug for tag in people.head.expertise.all()} == {"phonics", "send"}


def test_profile_update_refuses_an_unknown_visibility(people):
    with pytest.raises(ValidationError):
        user_profile_update(user=people.head, display_name="Hana", phone_visibility="world")


def test_expertise_tags_are_matched_by_slug(db):
    phonics = ExpertiseTag.objects.create(name="Phonics", slug="phonics")
    tags = expertise_tags_for(["phonics", "PHONICS", "Early  reading", "!!!"])
    assert tags[0] == phonics
    assert [tag.name for tag in tags] == ["Phonics", "Early reading"]
    assert ExpertiseTag.objects.count() == 2


def test_invitation_create_stores_only_the_hash_and_emails_the_link(
    people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation, token = invitation_create(
            actor=people.head, email=" New.Person@A1.test ", school=people.school, role="staff"
        )
    assert len(token) >= 43
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(Invitation.objects.filter(pk=invitation.pk).values().get())
    assert invitation.email == "new.person@a1.test"
    assert invitation.expires_at == invitation.created_at + timedelta(days=7)
    assert invitation.status == InvitationStatus.PENDING
    (message,) = mail.outbox
    assert isinstance(message, mail.EmailMultiAlternatives)
    assert message.to == ["new.person@a1.test"]
    link = f"{settings.SITE_URL}/accounts/invitations/{token}/"
    assert link in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and link in str(html)
    assert "Alder Primary School" in message.subject
    assert AuditEntry.objects.filter(action="invitation.create", object_id=str(invitation.pk))


def test_invitation_email_waits_for_the_commit(people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invitation_create(actor=people.head, email="a@b.test", school=people.school, role="staff")
    assert mail.outbox == []
    assert len(callbacks) == 1


def test_a_pending_duplicate_is_refused(people, invite):
    invite(email="dup@a1.test")
    with pytest.raises(ValidationError):
        invite(email="DUP@a1.test")
    invite(email="dup@a1.test", role="lead")  # another role is another invitation


def test_a_duplicate_is_allowed_once_the_first_has_expired(people, invite):
    first, _ = invite(email="dup@a1.test")
    Invitation.objects.filter(pk=first.pk).update(expires_at=timezone.now() - timedelta(1))
    invite(email="dup@a1.test")


def test_inviting_someone_who_already_has_the_role_is_refused(people, invite):
    with pytest.raises(ValidationError):
        invite(email=people.head.email, role="lead")


def test_only_leads_and_coordinators_of_the_school_may_invite(people, invite):
    invite(actor=people.coordinator, school=people.shared_school, role="lead")
    for role, school in [("teacher", people.second_school), ("head", people.second_school),
                         ("outsider", people.school), ("admin", people.school),
                         ("coordinator", people.school)]:  # fmt: skip
        with pytest.raises(PermissionDenied):
            invite(actor=people.by_role(role), school=school)


def test_a_coordinator_cannot_make_themselves_lead_of_a_member_school(people, invite):
    """Finding: a coordinator invited themselves as lead of any member school, named
    themselves DSL and read children's disclosures; the school's head was never asked."""
    with pytest.raises(PermissionDenied):
        invite(actor=people.coordinator, school=people.school, role="lead", email="c2@x.test")
    with pytest.raises(ValidationError, match="cannot invite yourself"):
        invite(
            actor=people.coordinator, school=people.shared_school, role="lead",
            email=people.coordinator.email,
        )  # fmt: skip
    with pytest.raises(ValidationError, match="lead can invite its staff"):
        invite(actor=people.coordinator, school=people.shared_school, role="staff")
    assert not Invitation.objects.filter(invited_by=people.coordinator).exists()


def test_pupil_invitations_are_refused(people, invite):
    with pytest.raises(ValidationError):
        invite(role="pupil")


def test_accepting_grants_the_role_once(people, invite):
    invitation, _ = invite(email="new@a1.test", role="lead")
    user = user_create(email="new@a1.test", display_name="Nia New", password=None)
    role = invitation_accept(invitation=invitation, user=user)
    assert (role.user, role.school, role.role) == (user, people.school, "lead")
    invitation.refresh_from_db()
    assert invitation.accepted_by == user and invitation.status == InvitationStatus.ACCEPTED
    assert AuditEntry.objects.filter(action="invitation.accept").count() == 1
    assert AuditEntry.objects.filter(action="role.grant", object_id=str(role.pk)).exists()
    with pytest.raises(ValidationError) as error:
        invitation_accept(invitation=Invitation.objects.get(pk=invitation.pk), user=user)
    assert error.value.code == "accepted"


def test_accepting_a_stale_copy_twice_still_fails(people, invite):
    invitation, _ = invite(email="new@a1.test")
    stale = Invitation.objects.get(pk=invitation.pk)
    user = user_create(email="new@a1.test", display_name="Nia New", password=None)
    invitation_accept(invitation=invitation, user=user)
    with pytest.raises(ValidationError):
        invitation_accept(invitation=stale, user=user)
    assert SchoolRole.objects.filter(user=user).count() == 1


def test_accepting_needs_the_invited_address(people, invite):
    invitation, _ = invite(email="new@a1.test")
    with pytest.raises(PermissionDenied):
        invitation_accept(invitation=invitation, user=people.teacher)


def test_an_expired_invitation_cannot_be_accepted(people, invite):
    invitation, _ = invite(email="new@a1.test")
    user = user_create(email="new@a1.test", display_name="Nia New", password=None)
    later = timezone.now() + timedelta(days=7, seconds=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert invitation.status == InvitationStatus.EXPIRED
        with pytest.raises(ValidationError) as error:
            invitation_accept(invitation=invitation, user=user)
    assert error.value.code == "expired"
    assert not SchoolRole.objects.filter(user=user).exists()


def test_an_invitation_still_works_just_before_it_expires(people, invite):
    invitation, _ = invite(email="new@a1.test")
    user = user_create(email="new@a1.test", display_name="Nia New", password=None)
    nearly = timezone.now() + timedelta(days=6, hours=23)
    with mock.patch("django.utils.timezone.now", return_value=nearly):
        invitation_accept(invitation=invitation, user=user)


def test_sign_up_creates_the_account_and_accepts(people, invite):
    invitation, _ = invite(email="new@a1.test")
    user = invitation_sign_up(invitation=invitation, display_name="Nia New", password="x-long-pw-9")
    assert user.check_password("x-long-pw-9")
    assert SchoolRole.objects.filter(user=user, school=people.school, role="staff").exists()


def test_sign_up_for_an_existing_address_is_refused(people, invite):
    invitation, _ = invite(email="new@a1.test")
    user_create(email="NEW@a1.test", display_name="Nia New", password=None)
    with pytest.raises(ValidationError):
        invitation_sign_up(invitation=invitation, display_name="Nia", password="x-long-pw-9")


def test_sign_up_with_a_used_invitation_creates_nobody(people, invite):
    invitation, _ = invite(email="new@a1.test")
    invitation_revoke(actor=people.head, invitation=invitation)
    with pytest.raises(ValidationError):
        invitation_sign_up(invitation=invitation, display_name="Nia", password="x-long-pw-9")
    assert not User.objects.filter(email="new@a1.test").exists()


def test_revoke_by_the_inviter_or_the_schools_lead(
    people, invite, first_lead_invite, appoint_birch_lead
):
    by_coordinator, _ = first_lead_invite(email="a@a1.test")
    birch_lead = appoint_birch_lead()
    invitation_revoke(actor=birch_lead, invitation=by_coordinator)
    assert by_coordinator.status == InvitationStatus.REVOKED
    assert AuditEntry.objects.filter(action="invitation.revoke").count() == 1
    with pytest.raises(ValidationError):
        invitation_revoke(actor=birch_lead, invitation=by_coordinator)
    other, _ = invite(actor=people.coordinator, school=people.shared_school, role="lead")
    with pytest.raises(PermissionDenied):
        invitation_revoke(actor=people.teacher, invitation=other)


def test_two_factor_enrolment_keeps_one_secret_until_confirmed(people, no_otp_throttle):
    device = two_factor_enrolment_device(user=people.head)
    assert two_factor_enrolment_device(user=people.head) == device
    assert not two_factor_enrol(user=people.head, device=device, token=wrong_code(device))
    assert not AuditEntry.objects.filter(action="auth.2fa_enrol").exists()
    assert two_factor_enrol(user=people.head, device=device, token=current_code(device))
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEntry.objects.filter(action="auth.2fa_enrol", actor_id=people.head.pk).exists()


def test_a_code_works_once(people):
    device = two_factor_enrolment_device(user=people.head)
    code = current_code(device)
    assert two_factor_enrol(user=people.head, device=device, token=code)
    assert two_factor_verify(user=people.head, token=code) is None


def test_wrong_codes_are_throttled(people):
    device = two_factor_enrolment_device(user=people.head)
    two_factor_enrol(user=people.head, device=device, token=current_code(device))
    device.refresh_from_db()
    assert two_factor_verify(user=people.head, token=wrong_code(device)) is None
    device.refresh_from_db()
    assert device.throttling_failure_count == 1


def test_two_factor_remove(people):
    device = two_factor_enrolment_device(user=people.teacher)
    two_factor_enrol(user=people.teacher, device=device, token=current_code(device))
    two_factor_remove(user=people.teacher)
    assert not TOTPDevice.objects.filter(user=people.teacher).exists()
    assert AuditEntry.objects.filter(action="auth.2fa_remove").exists()


def test_a_head_who_reviews_pupil_posts_cannot_remove_two_factor(people):
    device = two_factor_enrolment_device(user=people.head)
    two_factor_enrol(user=people.head, device=device, token=current_code(device))
    with pytest.raises(PermissionDenied):
        two_factor_remove(user=people.head)
    assert TOTPDevice.objects.filter(user=people.head, confirmed=True).exists()


def test_turning_two_factor_on_emails_the_person(people, django_capture_on_commit_callbacks):
    device = two_factor_enrolment_device(user=people.teacher)
    with django_capture_on_commit_callbacks(execute=True):
        two_factor_enrol(user=people.teacher, device=device, token=current_code(device))
    assert [m.to for m in mail.outbox] == [[people.teacher.email]]
    assert "If you did not, someone else knows your password" in mail.outbox[0].body


def test_platform_admins_cannot_remove_two_factor(people):
    TOTPDevice.objects.create(user=people.admin, name="phone", confirmed=True)
    with pytest.raises(PermissionDenied):
        two_factor_remove(user=people.admin)
    assert TOTPDevice.objects.filter(user=people.admin).exists()


def test_people_can_be_made_with_a_password_hashed_once(db):
    from django.contrib.auth.hashers import make_password

    from kinship.accounts.services import user_create

    hashed = make_password("shared-demo-password")
    first, second = (
        user_create(email=f"{n}@a1.test", display_name=n, password=None, password_hash=hashed)
        for n in ("one", "two")
    )
    assert first.check_password("shared-demo-password")
    assert second.check_password("shared-demo-password") and not second.check_password("x")
    with pytest.raises(ValueError, match="Unknown password hashing algorithm"):
        user_create(email="three@a1.test", display_name="3", password=None, password_hash="plain")
    assert not User.objects.filter(email="three@a1.test").exists()
