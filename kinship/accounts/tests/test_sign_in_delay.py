"""Issue 15, "lockout per account with progressive delays rather than a hard lock anyone can
trigger": wrong passwords from many addresses slow an account down, never lock it."""

from datetime import timedelta
from unittest import mock

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kinship.accounts import sign_in_delay
from kinship.accounts.models import SignInDelay
from kinship.conftest import PASSWORD

LOGIN = reverse("accounts:login")
NOW = timezone.now()


@pytest.fixture(autouse=True)
def still_clock():
    """Every try in a test happens at the same instant (the clock is the true boundary)."""
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        yield


def try_from(address: str, email: str, password: str):
    return Client(REMOTE_ADDR=address).post(LOGIN, {"username": email, "password": password})


def guess_from_many_addresses(email: str, count: int) -> None:
    for n in range(count):
        try_from(f"203.0.113.{n + 1}", email, "a-wrong-guess")


@pytest.mark.parametrize(
    ("failures", "seconds"), [(0, 0), (4, 0), (5, 1), (6, 2), (9, 16), (13, 256), (14, 300)]
)
def test_the_wait_doubles_after_the_free_failures_up_to_a_ceiling(failures, seconds):
    assert sign_in_delay.wait_after(failures) == timedelta(seconds=seconds)
    assert sign_in_delay.wait_after(10_000) == sign_in_delay.LONGEST_WAIT


def test_guesses_spread_over_many_addresses_slow_the_account_down(people):
    guess_from_many_addresses(people.head.email, sign_in_delay.FREE_FAILURES + 3)
    # Even the right password from a fresh address waits: nothing is examined meanwhile.
    response = try_from("198.51.100.7", people.head.email, PASSWORD)
    assert response.status_code == 200
    assert "slowed down for its safety" in response.content.decode()
    assert "_auth_user_id" not in response.client.session


def test_the_owner_gets_in_once_the_short_wait_is_over_and_the_count_starts_again(people):
    guess_from_many_addresses(people.head.email, sign_in_delay.FREE_FAILURES + 3)
    later = NOW + sign_in_delay.wait_after(sign_in_delay.FREE_FAILURES + 3)
    with mock.patch("django.utils.timezone.now", return_value=later + timedelta(seconds=1)):
        response = try_from("198.51.100.7", people.head.email, PASSWORD)
    assert response.status_code == 302
    assert not SignInDelay.objects.exists()


def test_tries_turned_away_during_the_wait_do_not_lengthen_it(people):
    guess_from_many_addresses(people.head.email, sign_in_delay.FREE_FAILURES + 1)
    before = SignInDelay.objects.get().failures
    for n in range(5):
        try_from(f"198.51.100.{n + 1}", people.head.email, "another-guess")
    assert SignInDelay.objects.get().failures == before


def test_an_owner_retrying_while_slowed_does_not_lock_out_their_own_address(people):
    """django-axes would count each turned-away try against the school's address: five
    impatient retries during a stranger's delay would then lock the owner out for good."""
    guess_from_many_addresses(people.head.email, sign_in_delay.FREE_FAILURES + 1)
    school = Client(REMOTE_ADDR="198.51.100.20")
    for _ in range(8):
        school.post(LOGIN, {"username": people.head.email, "password": PASSWORD})
    assert not AccessAttempt.objects.filter(ip_address="198.51.100.20").exists()
    later = NOW + sign_in_delay.LONGEST_WAIT + timedelta(seconds=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        response = school.post(LOGIN, {"username": people.head.email, "password": PASSWORD})
    assert response.status_code == 302


def test_the_admin_sign_in_form_is_slowed_down_too(people):
    guess_from_many_addresses(people.admin.email, sign_in_delay.FREE_FAILURES + 2)
    response = Client(REMOTE_ADDR="198.51.100.9").post(
        reverse("admin:login"), {"username": people.admin.email, "password": PASSWORD}
    )
    assert "_auth_user_id" not in response.client.session


def test_an_unknown_address_is_slowed_down_alike_and_no_address_is_kept_in_clear(people):
    guess_from_many_addresses("nobody@nowhere.test", sign_in_delay.FREE_FAILURES + 1)
    assert sign_in_delay.seconds_to_wait("Nobody@Nowhere.test") > 0
    record = SignInDelay.objects.get()
    assert "nowhere" not in record.account_key and len(record.account_key) == 64


def test_failures_from_yesterday_are_forgotten(people):
    guess_from_many_addresses(people.head.email, sign_in_delay.FREE_FAILURES + 4)
    tomorrow = NOW + sign_in_delay.FORGET_AFTER + timedelta(minutes=1)
    assert sign_in_delay.seconds_to_wait(people.head.email, now=tomorrow) == 0
    sign_in_delay.failure_record(people.head.email, now=tomorrow)
    assert SignInDelay.objects.get().failures == 1


def test_a_password_reset_by_email_link_lifts_the_wait(people):
    from kinship.accounts.services import password_reset_record

    guess_from_many_addresses(people.head.email, sign_in_delay.FREE_FAILURES + 2)
    password_reset_record(user=people.head)
    assert sign_in_delay.seconds_to_wait(people.head.email) == 0
