import re
from base64 import b32encode

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from kinship.accounts.tests.conftest import current_code, enrolled, wrong_code
from kinship.accounts.two_factor import FRESH_SIGN_IN_SECONDS, SIGNED_IN_AT_KEY
from kinship.conftest import PASSWORD, signed_in_client
from kinship.core.models import AuditEntry

SETUP = "/accounts/two-factor/"
VERIFY = "/accounts/two-factor/verify/"


def password_only(user) -> Client:
    """Signed in with the password; the second factor not yet given."""
    client = Client()
    client.force_login(user)
    return client


def shown_secret(body: str) -> str:
    match = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', body)
    assert match is not None
    return match.group(1).replace(" ", "")


# Enrolment


def test_enrolment_shows_a_qr_code_and_the_secret(client_for, people):
    assert reverse("accounts:two_factor") == SETUP
    client = password_only(people.teacher)
    response = client.get(SETUP)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<svg" in body and "<title>" in body and "style=" not in body.split("<svg")[1]
    assert 'autocomplete="one-time-code"' in body and 'inputmode="numeric"' in body
    device = TOTPDevice.objects.get(user=people.teacher, confirmed=False)
    assert shown_secret(body) == b32encode(device.bin_key).decode()
    assert shown_secret(client.get(SETUP).content.decode()) == shown_secret(body)


def test_the_right_code_turns_two_factor_on(client_for, people):
    client = password_only(people.teacher)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=people.teacher)
    response = client.post(SETUP, {"code": current_code(device)})
    assert response.status_code == 302
    assert response["Location"] == reverse("families:dashboard")
    device.refresh_from_db()
    assert device.confirmed
    assert client.session["otp_device_id"] == device.persistent_id
    assert AuditEntry.objects.filter(action="auth.2fa_enrol", actor_id=people.teacher.pk).exists()
    status_page = client.get(SETUP)  # verified now: no detour to the verify page
    assert status_page.status_code == 200
    assert "Two-factor sign-in is on." in status_page.content.decode()


def test_a_wrong_code_does_not_turn_it_on(client_for, people):
    client = password_only(people.teacher)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=people.teacher)
    response = client.post(SETUP, {"code": wrong_code(device)})
    assert response.status_code == 200
    body = response.content.decode()
    assert "That code did not match" in body and 'aria-invalid="true"' in body
    device.refresh_from_db()
    assert not device.confirmed


def test_a_code_with_spaces_or_letters(client_for, people):
    client = password_only(people.teacher)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=people.teacher)
    code = current_code(device)
    assert client.post(SETUP, {"code": "12a456"}).status_code == 200
    assert client.post(SETUP, {"code": f"{code[:3]} {code[3:]}"}).status_code == 302


def test_admins_without_a_device_are_sent_to_enrol(people):
    TOTPDevice.objects.filter(user=people.admin).delete()
    client = password_only(people.admin)
    response = client.get(reverse("families:dashboard"))
    assert response.status_code == 302 and response["Location"] == SETUP
    assert client.get(SETUP).status_code == 200


def test_people_who_see_pupil_work_must_enrol_too(people):
    # The moderation app registers who sees pupil work under this rule name.
    from rules import rulesets

    from kinship.core.rules import predicate

    # Stand in for the app's rule for this test only, and put it back afterwards.
    previous = rulesets.default_rules.get("sees_pupil_work")
    rulesets.set_rule("sees_pupil_work", predicate(lambda user: user.pk == people.teacher.pk))
    try:
        teacher = password_only(people.teacher)
        response = teacher.get(reverse("families:dashboard"))
        assert response.status_code == 302 and response["Location"] == SETUP
        head = password_only(people.head)
        assert head.get(reverse("families:dashboard")).status_code == 200
    finally:
        if previous is None:
            rulesets.remove_rule("sees_pupil_work")
        else:
            rulesets.set_rule("sees_pupil_work", previous)


# Status and removal


def test_removing_two_factor_needs_the_password(people):
    enrolled(people.teacher)
    client = password_only(people.teacher)
    client.post(VERIFY, {"code": current_code(TOTPDevice.objects.get(user=people.teacher))})
    page = client.get(SETUP)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Two-factor sign-in is on." in body and 'autocomplete="current-password"' in body
    response = client.post(SETUP, {"password": "wrong"})
    assert response.status_code == 200 and "That is not your password" in response.content.decode()
    assert TOTPDevice.objects.filter(user=people.teacher).exists()
    response = client.post(SETUP, {"password": PASSWORD})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=people.teacher).exists()
    assert AuditEntry.objects.filter(action="auth.2fa_remove", actor_id=people.teacher.pk).exists()


def test_admins_may_not_remove_two_factor(client_for, people):
    client = client_for("admin")
    body = client.get(SETUP).content.decode()
    assert "you cannot turn it off" in body and 'name="password"' not in body
    assert client.post(SETUP, {"password": PASSWORD}).status_code == 403
    assert TOTPDevice.objects.filter(user=people.admin, confirmed=True).exists()


def test_before_the_second_factor_the_setup_page_asks_for_it(people):
    enrolled(people.head)
    client = password_only(people.head)
    response = client.post(SETUP, {"password": PASSWORD})
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=people.head).exists()


def test_two_factor_pages_need_sign_in(client, db):
    for url in (SETUP, VERIFY):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_two_factor_pages_refuse_other_methods(client_for, people):
    client = client_for("head")
    assert client.put(SETUP).status_code == 405
    assert client.put(VERIFY).status_code == 405


def test_nobody_sees_anyone_elses_secret(client_for, people):
    teacher_body = password_only(people.teacher).get(SETUP).content.decode()
    outsider_body = password_only(people.outsider).get(SETUP).content.decode()
    assert shown_secret(teacher_body) != shown_secret(outsider_body)


# Verifying after the password


def test_sign_in_asks_for_the_code_then_goes_on(people):
    device = enrolled(people.head)
    client = Client()
    client.post(reverse("accounts:login"), {"username": people.head.email, "password": PASSWORD})
    response = client.get("/accounts/directory/")
    assert (
        response.status_code == 302
        and response["Location"] == f"{VERIFY}?next=/accounts/directory/"
    )
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert 'autocomplete="one-time-code"' in page.content.decode()
    response = client.post(f"{VERIFY}?next=/accounts/directory/", {"code": current_code(device)})
    assert response.status_code == 302 and response["Location"] == "/accounts/directory/"
    assert client.session["otp_device_id"] == device.persistent_id


def test_an_unsafe_next_goes_to_the_dashboard(people):
    device = enrolled(people.head)
    client = password_only(people.head)
    url = f"{VERIFY}?next=https://evil.example/"
    response = client.post(url, {"code": current_code(device)})
    assert response["Location"] == reverse("families:dashboard")


def test_a_wrong_code_is_an_error(people):
    device = enrolled(people.head)
    client = password_only(people.head)
    response = client.post(VERIFY, {"code": wrong_code(device)})
    assert response.status_code == 200
    assert "That code did not match" in response.content.decode()
    assert "otp_device_id" not in client.session


def test_five_wrong_codes_sign_the_person_out(people):
    device = enrolled(people.head)
    client = password_only(people.head)
    for _ in range(4):
        assert client.post(VERIFY, {"code": wrong_code(device)}).status_code == 200
    response = client.post(VERIFY, {"code": wrong_code(device)})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(action="auth.2fa_failed", actor_id=people.head.pk).exists()
    page = client.get(response["Location"])
    assert "Too many wrong codes" in page.content.decode()


def test_verify_without_a_device_goes_to_setup(client_for, people):
    response = password_only(people.teacher).get(VERIFY)
    assert response.status_code == 302 and response["Location"] == SETUP


def test_verify_when_already_verified_moves_on(client_for, people):
    response = client_for("admin").get(f"{VERIFY}?next=/accounts/directory/")
    assert response.status_code == 302 and response["Location"] == "/accounts/directory/"


def test_signed_in_client_for_admin_is_verified(people):
    assert signed_in_client(people.admin).get(VERIFY).status_code == 302


def test_enrolling_a_second_factor_needs_a_fresh_sign_in(people):
    """Finding: an un-enrolled account that must use two-factor could be enrolled by anyone
    who found a signed-in session. Now the secret is shown only after a recent password."""
    client = password_only(people.teacher)
    session = client.session
    session[SIGNED_IN_AT_KEY] = timezone.now().timestamp() - FRESH_SIGN_IN_SECONDS - 60
    session.save()
    stale = client.get(SETUP).content.decode()
    assert 'id="totp-secret"' not in stale and 'type="password"' in stale
    assert not TOTPDevice.objects.filter(user=people.teacher).exists()
    wrong = client.post(SETUP, {"password": "not-the-password"}).content.decode()
    assert 'id="totp-secret"' not in wrong
    assert not TOTPDevice.objects.filter(user=people.teacher).exists()
    again = client.post(SETUP, {"password": PASSWORD})
    assert again.status_code == 302
    assert shown_secret(client.get(SETUP).content.decode())
