"""Shared test personas, made by calling the real services.

Two families: Kaizen (schools A1, A2, A3) and Fellside (schools A3 shared, B1). The
confidential circle "Heads' room" in Kaizen holds the head and the teacher only.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from kinship.accounts.models import AccountType, User
from kinship.accounts.services import user_create
from kinship.families.models import Circle, Family, FamilyRole
from kinship.families.services import (
    circle_create,
    circle_post_create,
    family_create,
    family_role_grant,
    family_school_add,
)
from kinship.schools.models import School, SchoolRole
from kinship.schools.services import school_role_grant

PASSWORD = "correct-horse-battery-staple"


@dataclass
class Personas:
    admin: User
    coordinator: User
    head: User
    teacher: User
    partner: User
    pupil: User
    outsider: User
    family: Family
    other_family: Family
    school: School
    second_school: School
    shared_school: School
    other_school: School
    open_circle: Circle
    confidential_circle: Circle

    def by_role(self, role: str) -> User | None:
        return None if role == "anonymous" else getattr(self, role)


def make_school(urn: int, name: str, **extra: Any) -> School:
    defaults = {
        "la_name": "Lancashire",
        "phase": "Primary",
        "establishment_type": "Community school",
        "status": "Open",
        "postcode": "LA1 1AA",
        "easting": 347000 + urn % 1000,
        "northing": 461000 + urn % 1000,
        "latitude": 54.04,
        "longitude": -2.80,
    }
    defaults.update(extra)
    return School.objects.create(urn=urn, name=name, **defaults)


def make_personas() -> Personas:
    admin = user_create(
        email="admin@kinship.test", display_name="Ada Admin", password=PASSWORD,
        is_platform_admin=True,
    )  # fmt: skip
    coordinator = user_create(
        email="coordinator@kinship.test", display_name="Cora Coordinator", password=PASSWORD
    )
    head = user_create(email="head@a1.test", display_name="Hana Head", password=PASSWORD)
    teacher = user_create(email="teacher@a2.test", display_name="Tom Teacher", password=PASSWORD)
    partner = user_create(
        email="partner@business.test", display_name="Pat Partner", password=PASSWORD,
        account_type=AccountType.PARTNER,
    )  # fmt: skip
    pupil = user_create(
        email="pupil@a1.test", display_name="Pip Pupil", password=PASSWORD,
        account_type=AccountType.PUPIL,
    )  # fmt: skip
    outsider = user_create(email="head@b1.test", display_name="Otto Outsider", password=PASSWORD)

    school = make_school(100001, "Alder Primary School")
    second_school = make_school(100002, "Birch Primary School")
    shared_school = make_school(100003, "Cedar Primary School")
    other_school = make_school(200001, "Fellside Primary School", la_name="Cumbria")

    school_role_grant(actor=None, user=head, school=school, role=SchoolRole.Role.LEAD)
    school_role_grant(actor=None, user=teacher, school=second_school, role=SchoolRole.Role.STAFF)
    school_role_grant(actor=None, user=pupil, school=school, role=SchoolRole.Role.PUPIL)
    school_role_grant(actor=None, user=outsider, school=other_school, role=SchoolRole.Role.LEAD)

    family = family_create(
        actor=admin, name="Kaizen Network", kind=Family.Kind.LOCAL_CLUSTER, coordinator=coordinator
    )
    other_family = family_create(
        actor=admin, name="Fellside Heads", kind=Family.Kind.COUNTY_NETWORK, coordinator=outsider
    )
    for member in (school, second_school, shared_school):
        family_school_add(actor=coordinator, family=family, school=member)
    for member in (shared_school, other_school):
        family_school_add(actor=outsider, family=other_family, school=member)
    family_role_grant(actor=coordinator, family=family, user=partner, role=FamilyRole.Role.PARTNER)

    open_circle = circle_create(
        actor=coordinator, families=[family], name="Y6 teachers", members=[teacher]
    )
    confidential_circle = circle_create(
        actor=head, families=[family], name="Heads' room", confidential=True, members=[teacher]
    )
    circle_post_create(actor=head, circle=confidential_circle, body="Welcome to the heads' room.")
    return Personas(
        admin=admin, coordinator=coordinator, head=head, teacher=teacher, partner=partner,
        pupil=pupil, outsider=outsider, family=family, other_family=other_family, school=school,
        second_school=second_school, shared_school=shared_school, other_school=other_school,
        open_circle=open_circle, confidential_circle=confidential_circle,
    )  # fmt: skip


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    # Real hashing costs ~0.3 s a user; tests make many users and test no hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def people(db: Any) -> Personas:
    return make_personas()


def signed_in_client(user: User | None) -> Client:
    """A test client signed in as `user`, with the second factor counted as verified."""
    from kinship.accounts.rules import must_use_two_factor, reviews_pupil_posts

    client = Client()
    if user is not None:
        client.force_login(user)
        if must_use_two_factor(user) or reviews_pupil_posts(user):
            session = client.session
            # django-otp keeps the verified device in the session; admins, and anyone who
            # sees pupil work or pupils' held posts, must have one.
            from django_otp.plugins.otp_totp.models import TOTPDevice

            device, _ = TOTPDevice.objects.get_or_create(user=user, name="test", confirmed=True)
            session["otp_device_id"] = device.persistent_id
            session.save()
    return client


@pytest.fixture
def client_for(people: Personas):
    def make(role: str) -> Client:
        return signed_in_client(people.by_role(role))

    return make


@pytest.fixture
def commits_run_callbacks(monkeypatch: pytest.MonkeyPatch) -> None:
    """`transaction.on_commit` callbacks run when the code's own outermost atomic block
    commits, as in production, and are dropped when it rolls back. (A test runs inside a
    transaction that never commits, so otherwise they would never run; running them at once
    instead would also send what a rolled-back change asked for.)"""
    original_exit = transaction.Atomic.__exit__
    original_on_commit = transaction.on_commit

    def only_the_tests_own(using: str | None) -> bool:
        blocks = transaction.get_connection(using).atomic_blocks
        return all(getattr(block, "_from_testcase", False) for block in blocks)

    def on_commit(func: Callable[[], Any], using: str | None = None, robust: bool = False) -> None:
        if only_the_tests_own(using):  # in production: autocommit, so at once
            func()
        else:
            original_on_commit(func, using=using, robust=robust)

    def exit_(self: transaction.Atomic, exc_type: Any, exc_value: Any, traceback: Any) -> None:
        original_exit(self, exc_type, exc_value, traceback)
        if exc_type is None and only_the_tests_own(self.using):
            connection = transaction.get_connection(self.using)
            waiting = [func for _savepoints, func, _robust in connection.run_on_commit]
            connection.run_on_commit = []
            for func in waiting:
                func()

    monkeypatch.setattr(transaction, "on_commit", on_commit)
    monkeypatch.setattr(transaction.Atomic, "__exit__", exit_)
