from datetime import timedelta
from unittest import mock

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from kinship.accounts.models import Invitation, User
from kinship.accounts.services import invitation_accept, invitation_revoke, user_create
from kinship.conftest import signed_in_client
from kinship.core.models import AuditEntry
from kinship.schools.models import SchoolRole

LIST = "/accounts/invitations/"
NEW_PASSWORD = "kestrel-lantern-2026"


def revoke_url(invitation: Invitation) -> str:
    return reverse("accounts:invitation_revoke", args=[invitation.pk])


def accept_url(token: str) -> str:
    return reverse("accounts:invitation_accept", args=[token])


# The list and the invite form


def test_invitation_page_offers_the_schools_i_may_invite_to(client_for, people):
    assert reverse("accounts:invitation_list") == LIST
    body = client_for("coordinator").get(LIST).content.decode()
    for school in (people.second_school, people.shared_school):
        assert school.name in body
    assert people.other_school.name not in body
    assert people.school.name not in body  # it has its own lead
    body = client_for("head").get(LIST).content.decode()
    assert people.school.name in body and people.second_school.name not in body


def test_sending_an_invitation(client_for, people, django_capture_on_commit_callbacks):
    client = client_for("head")
    data = {"email": "new@a1.test", "school": people.school.pk, "role": "staff"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(LIST, data)
    assert response.status_code == 302 and response["Location"] == LIST
    invitation = Invitation.objects.get(email="new@a1.test")
    assert invitation.invited_by == people.head
    assert len(mail.outbox) == 1 and "/invitations/" in mail.outbox[0].body
    body = client.get(LIST).content.decode()
    assert "new@a1.test" in body and "Pending" in body


def test_a_school_i_do_not_lead_is_not_a_choice(client_for, people):
    data = {"email": "new@a1.test", "school": people.second_school.pk, "role": "staff"}
    response = client_for("head").post(LIST, data)
    assert response.status_code == 200
    assert 'id="id_school_error"' in response.content.decode()
    assert not Invitation.objects.exists()


def test_a_duplicate_invitation_is_explained(client_for, people, invite):
    invite(email="new@a1.test")
    data = {"email": "new@a1.test", "school": people.school.pk, "role": "staff"}
    response = client_for("head").post(LIST, data)
    assert response.status_code == 200
    assert "already has an open invitation" in response.content.decode()
    assert Invitation.objects.count() == 1


def test_the_list_shows_each_status(client_for, people, invite):
    invite(email="pending@a1.test")
    accepted, _ = invite(email="accepted@a1.test")
    accepted_user = user_create(email="accepted@a1.test", display_name="Al", password=None)
    invitation_accept(invitation=accepted, user=accepted_user)
    revoked, _ = invite(email="revoked@a1.test")
    invitation_revoke(actor=people.head, invitation=revoked)
    expired, _ = invite(email="expired@a1.test")
    Invitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(1))
    body = client_for("head").get(LIST).content.decode()
    for status in ("Pending", "Accepted", "Revoked", "Expired"):
        assert status in body
    assert body.count("Withdraw<") == 1


def test_the_list_holds_nobody_elses_invitations(client_for, people, invite):
    invite(email="secret@a1.test")
    body = client_for("outsider").get(LIST).content.decode()
    assert "secret@a1.test" not in body


def test_only_leads_and_coordinators_may_invite(client_for, people):
    for role in ("admin", "teacher", "partner", "pupil"):
        assert client_for(role).get(LIST).status_code == 403, role
    data = {"email": "x@a1.test", "school": people.second_school.pk, "role": "lead"}
    assert client_for("teacher").post(LIST, data).status_code == 403
    assert not Invitation.objects.exists()


def test_invitation_list_needs_sign_in(client, db):
    response = client.get(LIST)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_invitation_list_refuses_other_methods(client_for, people):
    assert client_for("head").put(LIST).status_code == 405


# Withdrawing


def test_the_inviter_withdraws_an_invitation(client_for, people, first_lead_invite):
    invitation, token = first_lead_invite()
    response = client_for("coordinator").post(revoke_url(invitation))
    assert response.status_code == 302 and response["Location"] == LIST
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert AuditEntry.objects.filter(action="invitation.revoke").exists()
    assert signed_in_client(None).get(accept_url(token)).status_code == 410


def test_the_schools_lead_withdraws_an_invitation(people, first_lead_invite, appoint_birch_lead):
    invitation, _ = first_lead_invite()
    birch_lead = appoint_birch_lead()
    assert signed_in_client(birch_lead).post(revoke_url(invitation)).status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


def test_withdrawing_a_used_invitation_explains(client_for, people, invite):
    invitation, _ = invite()
    invitation_revoke(actor=people.head, invitation=invitation)
    response = client_for("head").post(revoke_url(invitation), follow=True)
    assert response.status_code == 200
    assert "This invitation has been withdrawn." in response.content.decode()


def test_others_cannot_withdraw_or_even_find_an_invitation(client_for, people, invite):
    invitation, _ = invite()
    for role in ("outsider", "teacher", "coordinator", "admin", "partner"):
        assert client_for(role).post(revoke_url(invitation)).status_code == 404, role
    assert client_for("pupil").post(revoke_url(invitation)).status_code == 403  # not a pupil page
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_withdrawing_needs_sign_in_and_post(client, client_for, people, invite):
    invitation, _ = invite()
    response = client.post(revoke_url(invitation))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert client_for("head").get(revoke_url(invitation)).status_code == 405


# Accepting


def test_a_newcomer_signs_up_from_the_link(client, people, invite):
    _, token = invite(email="new@a1.test", role="lead")
    page = client.get(accept_url(token))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Hana Head has invited you as School lead at Alder Primary School" in body
    assert 'value="new@a1.test"' in body and 'autocomplete="new-password"' in body
    response = client.post(accept_url(token), {
        "display_name": "Nia New", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD,
    })  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == reverse("families:dashboard")
    user = User.objects.get(email="new@a1.test")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert SchoolRole.objects.filter(user=user, school=people.school, role="lead").exists()
    assert AuditEntry.objects.filter(action="role.grant", detail__user=user.pk).exists()
    assert client.get(accept_url(token)).status_code == 410


def test_sign_up_checks_the_password(client, people, invite):
    _, token = invite(email="new@a1.test")
    response = client.post(accept_url(token), {
        "display_name": "Nia New", "password1": "password", "password2": "password",
    })  # fmt: skip
    assert response.status_code == 200
    assert 'id="id_password1_error"' in response.content.decode()
    response = client.post(accept_url(token), {
        "display_name": "Nia New", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD + "x",
    })  # fmt: skip
    assert "The two passwords are different" in response.content.decode()
    assert not User.objects.filter(email="new@a1.test").exists()


def test_someone_with_an_account_is_asked_to_sign_in(client, people, invite):
    _, token = invite(email=people.teacher.email)
    body = client.get(accept_url(token)).content.decode()
    assert "You already have an account" in body
    assert f"/accounts/login/?next={accept_url(token)}" in body.replace("%2F", "/")


def test_a_signed_in_invitee_accepts_with_a_button(client_for, people, invite):
    invitation, token = invite(email=people.teacher.email)
    client = client_for("teacher")
    body = client.get(accept_url(token)).content.decode()
    assert "Accept the invitation" in body
    response = client.post(accept_url(token))
    assert response.status_code == 302
    assert SchoolRole.objects.filter(user=people.teacher, school=people.school).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_by == people.teacher


def test_someone_signed_in_with_another_address_is_told(client_for, people, invite):
    invitation, token = invite(email="new@a1.test")
    client = client_for("outsider")
    response = client.get(accept_url(token))
    assert response.status_code == 200
    assert "This invitation is for someone else" in response.content.decode()
    assert client.post(accept_url(token)).status_code == 403
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_an_unknown_link_is_404(client, db):
    response = client.get(accept_url("no-such-token"))
    assert response.status_code == 404
    assert "We do not recognise this invitation link" in response.content.decode()


def test_a_used_link_is_410(client, people, invite):
    invitation, token = invite(email=people.teacher.email)
    invitation_accept(invitation=invitation, user=people.teacher)
    response = client.get(accept_url(token))
    assert response.status_code == 410
    assert "already been used" in response.content.decode()
    assert client.post(accept_url(token)).status_code == 410


def test_a_withdrawn_link_is_410_and_says_whom_to_ask(client, people, invite):
    invitation, token = invite()
    invitation_revoke(actor=people.head, invitation=invitation)
    response = client.get(accept_url(token))
    assert response.status_code == 410
    body = response.content.decode()
    assert "withdrawn" in body and "Hana Head at Alder Primary School" in body


def test_an_expired_link_is_410(client, people, invite):
    _, token = invite()
    later = timezone.now() + timedelta(days=8)
    with mock.patch("django.utils.timezone.now", return_value=later):
        response = client.get(accept_url(token))
    assert response.status_code == 410
    body = response.content.decode()
    assert "This invitation has expired" in body and "Hana Head" in body


def test_the_accept_page_refuses_other_methods(client, people, invite):
    _, token = invite()
    assert client.put(accept_url(token)).status_code == 405


def test_a_head_finds_invite_my_staff_on_the_school_page_and_dashboard(people) -> None:
    """Issue 19: the page where a head invites their staff was linked from nowhere."""
    from kinship.conftest import signed_in_client

    head = signed_in_client(people.head)
    link = f"{LIST}?school={people.school.pk}"
    assert link in head.get(people.school.get_absolute_url()).content.decode()
    assert link in head.get(reverse("families:dashboard")).content.decode()
    form = head.get(link).content.decode()
    assert f'<option value="{people.school.pk}" selected>' in form
    # A teacher sees no such link, and a school the head does not lead is not chosen.
    teacher = signed_in_client(people.teacher)
    assert (
        "Invite my staff"
        not in teacher.get(people.second_school.get_absolute_url()).content.decode()
    )
    other = head.get(f"{LIST}?school={people.other_school.pk}").content.decode()
    assert '<option value="" selected>' in other
    assert head.get(f"{LIST}?school=abc").status_code == 200
