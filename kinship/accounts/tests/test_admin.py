import re

from django.contrib import admin
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from kinship.accounts.models import Invitation, User
from kinship.core.admin import AuditedModelAdmin
from kinship.core.models import AuditEntry
from kinship.notifications.models import Notification
from kinship.schools.models import SchoolRole
from kinship.schools.services import school_role_grant


def test_user_admin_never_shows_the_password_hash(client_for, people):
    client = client_for("admin")
    changelist = client.get(reverse("admin:accounts_user_changelist"))
    assert changelist.status_code == 200
    assert people.head.email in changelist.content.decode()
    change = client.get(reverse("admin:accounts_user_change", args=[people.head.pk]))
    assert change.status_code == 200
    body = change.content.decode()
    assert people.head.password not in body
    assert "md5$" not in body and "pbkdf2" not in body
    assert 'name="password"' not in body
    assert 'name="display_name"' in body


def test_user_admin_adds_people_without_a_password(client_for, people):
    client = client_for("admin")
    response = client.post(
        reverse("admin:accounts_user_add"),
        {"email": "Added@a1.test", "display_name": "Addy", "usable_password": "true",
         "password1": "a-new-pass-2026", "password2": "a-new-pass-2026"},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    added = User.objects.get(email="added@a1.test")
    # They choose their own from a reset link; the admin's typed password is ignored.
    assert not added.has_usable_password() and not added.check_password("a-new-pass-2026")
    assert AuditEntry.objects.filter(action="admin.added", object_id=str(added.pk)).exists()


def test_invitation_admin_shows_the_hash_read_only_and_adds_nothing(client_for, people, invite):
    invitation, token = invite()
    client = client_for("admin")
    body = client.get(reverse("admin:accounts_invitation_change", args=[invitation.pk])).content
    page = body.decode()
    assert invitation.token_hash in page
    assert 'name="token_hash"' not in page
    assert token not in page
    assert client.get(reverse("admin:accounts_invitation_add")).status_code == 403
    assert Invitation.objects.count() == 1


def test_expertise_tag_admin(client_for, people):
    client = client_for("admin")
    assert client.get(reverse("admin:accounts_expertisetag_changelist")).status_code == 200
    assert client.get(reverse("admin:accounts_expertisetag_add")).status_code == 200


def test_the_admin_is_for_platform_admins(client_for, people):
    response = client_for("head").get(reverse("admin:accounts_user_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


# Issue 15: no back door through the admin.


def test_admin_cannot_set_another_persons_password(client_for, people):
    client = client_for("admin")
    before = User.objects.get(pk=people.head.pk).password
    password_page = f"/admin/accounts/user/{people.head.pk}/password/"
    assert client.get(password_page).status_code in (302, 404)
    client.post(password_page, {"password1": "taken-over-2026", "password2": "taken-over-2026"})
    change = client.get(reverse("admin:accounts_user_change", args=[people.head.pk]))
    assert "/password/" not in change.content.decode()
    client.post(
        reverse("admin:accounts_user_change", args=[people.head.pk]),
        {"email": people.head.email, "display_name": "Hana Head", "account_type": "staff",
         "phone_visibility": "nobody", "email_visibility": "families", "is_active": "on",
         "password": "taken-over-2026", "password1": "taken-over-2026"},
    )  # fmt: skip
    head = User.objects.get(pk=people.head.pk)
    assert head.password == before and not head.check_password("taken-over-2026")


def test_admin_cannot_read_totp_secrets(client_for, people):
    device = TOTPDevice.objects.create(user=people.head, name="phone", confirmed=True)
    client = client_for("admin")
    pages = [
        reverse("admin:otp_totp_totpdevice_changelist"),
        reverse("admin:otp_totp_totpdevice_change", args=[device.pk]),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200
        body = response.content.decode()
        assert device.key not in body and device.key.upper() not in body
        assert "otpauth://" not in body and "secret=" not in body
    for leak in ("config", "qrcode"):
        response = client.get(f"/admin/otp_totp/totpdevice/{device.pk}/{leak}/")
        assert device.key not in response.content.decode()
        assert response.status_code in (302, 404)


ADMIN_MAY_LIST = {
    # Everything the admin shows: nothing in it is a confidential circle's, a coaching pair's
    # or pupils' (each admin's queryset or fields keep those out). Review before adding one.
    "axes.AccessAttempt", "axes.AccessLog", "axes.AccessFailureLog",
    "django_tasks_database.DBTaskResult", "core.AuditEntry", "accounts.User", "auth.Group",
    "otp_totp.TOTPDevice", "accounts.ExpertiseTag", "accounts.Invitation", "schools.School",
    "schools.SchoolRole", "families.Family", "families.FamilyRole", "families.Circle",
    "meetings.Series", "meetings.Event", "visits.VisitPlan", "visits.SolveRun",
    "visits.OpenClassroom", "visits.Visit", "visits.ClearanceDeclaration", "moderation.Round",
    "mentoring.Programme", "mentoring.MatchingRun", "library.Resource",
}  # fmt: skip


def test_admin_cannot_open_confidential_content(client_for, people):
    registered = {model._meta.label for model in admin.site._registry}
    assert registered <= ADMIN_MAY_LIST, registered - ADMIN_MAY_LIST
    client = client_for("admin")
    secret = people.confidential_circle
    assert client.get(reverse("admin:families_circle_change", args=[secret.pk])).status_code in (
        302, 404,
    )  # fmt: skip
    changelist = client.get(reverse("admin:families_circle_changelist")).content.decode()
    assert secret.name not in changelist and people.open_circle.name in changelist


def test_every_admin_action_goes_into_the_audit_log(client_for, people):
    unaudited = [
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if not isinstance(model_admin, AuditedModelAdmin)
    ]
    assert unaudited == []
    client = client_for("admin")
    client.post(reverse("admin:accounts_expertisetag_add"), {"name": "Phonics", "slug": "phonics"})
    entry = AuditEntry.objects.get(action="admin.added", object_type="accounts.ExpertiseTag")
    assert entry.actor_email == people.admin.email and entry.summary.startswith("Added expertise")
    url = reverse("admin:accounts_expertisetag_change", args=[entry.object_id])
    client.post(url, {"name": "Systematic phonics", "slug": "phonics"})
    changed = AuditEntry.objects.get(action="admin.changed", object_id=entry.object_id)
    assert "Systematic" not in changed.summary  # field names only, never values
    client.post(reverse("admin:accounts_expertisetag_delete", args=[entry.object_id]),
                {"post": "yes"})  # fmt: skip
    assert AuditEntry.objects.filter(action="admin.deleted", object_id=entry.object_id).exists()


def test_account_recovery_is_a_reset_link_to_the_person_with_their_lead_told(
    client_for, people, mailoutbox
):
    staff = User.objects.create_user("staff@a1.test", display_name="Sam Staff")
    school_role_grant(actor=None, user=staff, school=people.school, role=SchoolRole.Role.STAFF)
    response = client_for("admin").post(
        reverse("admin:accounts_user_changelist"),
        {"action": "send_password_reset_link", "_selected_action": [staff.pk]},
    )
    assert response.status_code == 302
    [email] = mailoutbox
    assert email.to == [staff.email]
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/\S+/)", email.body)
    assert link is not None
    assert client_for("anonymous").get(link.group(1)).status_code == 302  # to the set form
    told = Notification.objects.get(kind="account.password_reset_sent")
    assert told.recipient == people.head  # the lead of Sam's school
    entry = AuditEntry.objects.get(action="admin.password_reset_link")
    assert entry.actor_email == people.admin.email and entry.object_id == str(staff.pk)
    notices = client_for("head").get("/notifications/").content.decode()
    assert "Sam Staff" in notices
