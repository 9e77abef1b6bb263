"""Forum fixtures on top of the shared personas: a Kaizen staff board, a pupil board for
Alder and Birch, a second pupil (at Birch), and the head as Alder's safeguarding lead."""

import uuid
from dataclasses import dataclass
from typing import Any

import pytest

from kinship.accounts.models import User
from kinship.conftest import Personas
from kinship.forums.models import Board, PupilClass, SignInWith
from kinship.forums.services import (
    family_board_create,
    pupil_board_create,
    pupil_class_create,
    pupil_create,
    safeguarding_lead_add,
)


@pytest.fixture(autouse=True)
def forum_settings(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # Redis may be shared with other developers' runs: count posting limits apart.
    settings.RATE_LIMIT_PREFIX = f"test-forums-{uuid.uuid4().hex}"


@dataclass
class Forum:
    people: Personas
    board: Board
    pupil_board: Board
    birch_group: PupilClass
    birch_pupil: User


def make_forum(people: Personas) -> Forum:
    board = family_board_create(
        actor=people.coordinator, family=people.family, title="Kaizen staffroom"
    )
    pupil_board = pupil_board_create(
        actor=people.head,
        family=people.family,
        title="Playtimes",
        topic="How could playtimes be better?",
        schools=[people.school, people.second_school],
    )
    birch_group = pupil_class_create(
        actor=people.teacher, school=people.second_school, name="Council"
    )
    birch_pupil = pupil_create(
        actor=people.teacher,
        pupil_class=birch_group,
        first_name="Leo",
        initial="B",
        login_name="leo",
        sign_in_with=SignInWith.PICTURES,
        pictures=["cat", "sun", "fish", "rocket"],
    ).user
    safeguarding_lead_add(actor=people.head, school=people.school, user=people.head)
    return Forum(people, board, pupil_board, birch_group, birch_pupil)


@pytest.fixture
def forum(people: Personas) -> Forum:
    return make_forum(people)
