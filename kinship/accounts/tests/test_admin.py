from django.urls import reverse

from kinship.accounts.models import Invitation, User


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


def test_user_admin_edits_and_adds_people(client_for, people):
    client = client_for("admin")
    response = client.post(
        reverse("admin:accounts_user_add"),
        {"email": "added@a1.test", "display_name": "Addy", "usable_password": "true",
         "password1": "a-new-pass-2026", "password2": "a-new-pass-2026"},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    assert User.objects.get(email="added@a1.test").check_password("a-new-pass-2026")


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
