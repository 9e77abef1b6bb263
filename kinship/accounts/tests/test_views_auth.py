import re
from datetime import timedelta
from unittest import mock

from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kinship.conftest import PASSWORD, signed_in_client
from kinship.core.models import AuditEntry

LOGIN = "/accounts/login/"


def sign_in(client: Client, email: str, password: str = PASSWORD):
    return client.post(reverse("accounts:login"), {"username": email, "password": password})


def test_login_page_labels_and_autocomplete(client, db):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    body = response.content.decode()
    assert reverse("accounts:login") == LOGIN
    assert '<label class="form-label" for="id_username">Email address</label>' in body
    assert 'autocomplete="email"' in body
    assert 'autocomplete="current-password"' in body
    assert reverse("accounts:password_reset") in body


def test_login_page_shows_pupils_their_own_way_in(client, db):
    body = client.get(reverse("accounts:login")).content.decode()
    assert f'href="{reverse("forums:pupil_sign_in")}"' in body


def test_login_with_the_right_password_goes_to_the_dashboard(client, people):
    response = sign_in(client, people.head.email)
    assert response.status_code == 302
    assert response["Location"] == reverse("families:dashboard")
    assert client.session["_auth_user_id"] == str(people.head.pk)
    assert AuditEntry.objects.filter(action="auth.sign_in", actor_id=people.head.pk).exists()


def test_login_accepts_the_email_in_any_case(client, people):
    assert sign_in(client, " HEAD@a1.test").status_code == 302


def test_changing_the_case_of_the_email_does_not_dodge_the_lockout(client, people):
    for spelling in (
        "Head@a1.test",
        "HEAD@a1.test",
        "hEad@a1.test",
        "heAd@a1.test",
        "heaD@a1.test",
    ):
        sign_in(client, spelling, "not-the-password")
    assert sign_in(client, people.head.email).status_code == 429


def test_login_follows_a_safe_next(client, people):
    url = reverse("accounts:login") + "?next=/accounts/directory/"
    response = client.post(url, {"username": people.head.email, "password": PASSWORD})
    assert response["Location"] == "/accounts/directory/"


def test_login_with_a_wrong_password_explains(client, people):
    response = sign_in(client, people.head.email, "wrong")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'role="alert"' in body
    assert "_auth_user_id" not in client.session


def test_login_refuses_other_methods(client, db):
    assert client.delete(reverse("accounts:login")).status_code == 405


def test_signed_in_people_skip_the_login_page(client_for):
    response = client_for("teacher").get(reverse("accounts:login"))
    assert response.status_code == 302
    assert response["Location"] == reverse("families:dashboard")


def test_five_wrong_passwords_lock_the_account_at_this_address(client, people):
    for _ in range(5):
        sign_in(client, people.head.email, "not-the-password")
    response = sign_in(client, people.head.email)  # the right one, now too late
    assert response.status_code == 429
    body = response.content.decode()
    assert "locked for 15 minutes" in body
    assert "There were 5 wrong passwords" in body
    assert reverse("accounts:password_reset") in body
    assert "<h1>" in body
    assert "_auth_user_id" not in client.session
    entries = AuditEntry.objects.filter(action="auth.locked_out")
    assert entries.exists()
    assert {entry.detail["username"] for entry in entries} == {people.head.email}


def test_a_lockout_is_per_username(client, people):
    for _ in range(5):
        sign_in(client, people.head.email, "not-the-password")
    assert sign_in(client, people.teacher.email).status_code == 302


def test_logout_signs_out_on_post_only(client_for, people):
    client = client_for("head")
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(action="auth.sign_out").exists()


def test_logout_when_anonymous_goes_to_login(client, db):
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")


def test_password_change(people):
    client = signed_in_client(people.head)
    page = client.get(reverse("accounts:password_change"))
    assert page.status_code == 200
    assert 'autocomplete="new-password"' in page.content.decode()
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "a-new-pass-2026",
         "new_password2": "a-new-pass-2026"},
    )  # fmt: skip
    assert response["Location"] == reverse("accounts:password_change_done")
    people.head.refresh_from_db()
    assert people.head.check_password("a-new-pass-2026")
    assert client.get(reverse("accounts:password_change_done")).status_code == 200


def test_password_change_marks_errors_for_screen_readers(people):
    client = signed_in_client(people.head)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "wrong", "new_password1": "x", "new_password2": "x"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'aria-invalid="true"' in body
    assert 'aria-describedby="id_old_password_error"' in body
    assert 'id="id_old_password_error"' in body


def test_password_change_needs_sign_in_and_the_right_method(client, people):
    for name in ("accounts:password_change", "accounts:password_change_done"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    signed_in = signed_in_client(people.head)
    assert signed_in.delete(reverse("accounts:password_change")).status_code == 405


def test_password_reset_by_email_link_lifts_a_lockout(client, people):
    for _ in range(5):
        sign_in(client, people.head.email, "not-the-password")
    response = client.post(reverse("accounts:password_reset"), {"email": "Head@A1.test"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert client.get(response["Location"]).status_code == 200
    (message,) = mail.outbox
    assert isinstance(message, mail.EmailMultiAlternatives) and message.alternatives
    assert message.to == [people.head.email]
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/\S+/)", str(message.body))
    assert link is not None
    form_page = client.get(link.group(1), follow=True)
    assert form_page.status_code == 200 and form_page.context["validlink"]
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-new-pass-2026", "new_password2": "a-new-pass-2026"},
    )
    assert response["Location"] == reverse("accounts:password_reset_complete")
    assert client.get(response["Location"]).status_code == 200
    assert AuditEntry.objects.filter(action="auth.password_reset").exists()
    assert sign_in(client, people.head.email, "a-new-pass-2026").status_code == 302


def test_password_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client, db):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@x.test"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_password_reset_with_a_bad_link(client, people):
    url = reverse("accounts:password_reset_confirm", args=["MQ", "not-a-token"])
    response = client.get(url)
    assert response.status_code == 200
    assert "This link no longer works" in response.content.decode()


def test_password_reset_refuses_other_methods(client, db):
    assert client.delete(reverse("accounts:password_reset")).status_code == 405
    assert client.post(reverse("accounts:password_reset_done")).status_code == 405


def _sign_in_from(client: Client, forwarded_for: str, email: str, password: str = PASSWORD):
    return client.post(
        reverse("accounts:login"),
        {"username": email, "password": password},
        REMOTE_ADDR="10.0.0.2",  # the reverse proxy
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_lockout_behind_a_proxy_counts_the_clients_address_not_the_proxys(client, people, settings):
    """Finding: AXES_PROXY_COUNT had no effect, so behind the documented reverse proxy every
    attempt came from the proxy's address and anyone could lock out anyone."""
    settings.TRUSTED_PROXY_COUNT = 1
    now = timezone.now()
    with mock.patch("django.utils.timezone.now", return_value=now):
        for _ in range(5):
            _sign_in_from(client, "203.0.113.9", people.head.email, "not-the-password")
        assert _sign_in_from(client, "203.0.113.9", people.head.email).status_code == 429
        # The head, at school behind the same proxy, is never locked out by the stranger:
        # the account is only slowed (one second after five failures).
        slowed = _sign_in_from(Client(), "198.51.100.4", people.head.email)
    assert slowed.status_code == 200 and "Wait 1 second and try again" in slowed.content.decode()
    with mock.patch("django.utils.timezone.now", return_value=now + timedelta(seconds=2)):
        assert _sign_in_from(Client(), "198.51.100.4", people.head.email).status_code == 302


def test_a_forged_forwarded_for_header_does_not_dodge_the_lockout(client, people, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for number in range(5):
        # The attacker writes a new address each time; the proxy appends the real one.
        forged = f"192.0.2.{number}, 203.0.113.9"
        _sign_in_from(client, forged, people.head.email, "not-the-password")
    assert _sign_in_from(client, "192.0.2.99, 203.0.113.9", people.head.email).status_code == 429
