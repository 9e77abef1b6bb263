"""Helpers the accounts tests share: invitations made by the real service, TOTP codes."""

from typing import Any

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from kinship.accounts.models import Invitation
from kinship.accounts.services import (
    invitation_create,
    two_factor_enrol,
    two_factor_enrolment_device,
    user_create,
)
from kinship.conftest import Personas
from kinship.schools.services import school_role_grant


def current_code(device: TOTPDevice, steps: int = 0) -> str:
    """The code an authenticator app shows now (or `steps` time steps from now) for `device`."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, drift=steps)
    return f"{totp.token():06d}"


def wrong_code(device: TOTPDevice) -> str:
    return f"{(int(current_code(device)) + 500_000) % 1_000_000:06d}"


def enrolled(user: Any) -> TOTPDevice:
    """Enrol `user` with an authenticator app, using up last step's code so that the current
    one is still free for the test to sign in with."""
    device = two_factor_enrolment_device(user=user)
    assert two_factor_enrol(user=user, device=device, token=current_code(device, steps=-1))
    device.refresh_from_db()
    return device


@pytest.fixture
def invite(people: Personas):
    def make(
        email: str = "newcomer@a1.test", role: str = "staff", actor: Any = None, school: Any = None
    ) -> tuple[Invitation, str]:
        return invitation_create(
            actor=actor or people.head, email=email, school=school or people.school, role=role
        )

    return make


@pytest.fixture
def first_lead_invite(people: Personas, invite: Any) -> Any:
    """The coordinator invites the first lead of Birch (second_school), which has none yet."""

    def make(email: str = "head@birch.test") -> tuple[Invitation, str]:
        made: tuple[Invitation, str] = invite(
            actor=people.coordinator, school=people.second_school, role="lead", email=email
        )
        return made

    return make


@pytest.fixture
def appoint_birch_lead(people: Personas) -> Any:
    """Birch gets a lead, after the coordinator's invitation went out."""

    def appoint() -> Any:
        lead = user_create(email="lead@birch.test", display_name="Bea Birch", password="x-pw-9x")
        school_role_grant(actor=None, user=lead, school=people.second_school, role="lead")
        return lead

    return appoint


@pytest.fixture
def no_otp_throttle(settings: Any) -> None:
    # django-otp makes each wrong code cost a growing wait; tests that retry at once skip it.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
