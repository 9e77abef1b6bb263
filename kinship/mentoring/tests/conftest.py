"""A programme in Kaizen with the personas: Hana Head (Alder) to be coached, Tom Teacher
(Birch) and Chris Coach (Cedar) coaching. `pair` publishes Hana with Tom."""

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from kinship.accounts.models import ExpertiseTag, User
from kinship.accounts.services import user_create
from kinship.conftest import PASSWORD, Personas
from kinship.mentoring import services
from kinship.mentoring.models import Pair, Participant, Programme
from kinship.schools.models import SchoolRole
from kinship.schools.services import school_role_grant


@pytest.fixture(autouse=True)
def tasks_run_at_once(settings: Any, commits_run_callbacks: None) -> None:
    # Emails and matching runs go to the task worker once a change commits: here they run
    # as soon as the service's transaction commits, and never for one that rolls back.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@dataclass
class World:
    people: Personas
    programme: Programme
    head: Participant
    teacher: Participant
    coach: Participant
    coach_user: User


def tag(name: str) -> ExpertiseTag:
    found, _ = ExpertiseTag.objects.get_or_create(
        name=name, defaults={"slug": name.lower().replace(" ", "-")}
    )
    return found


def make_world(people: Personas) -> World:
    coach_user = user_create(email="coach@a3.test", display_name="Chris Coach", password=PASSWORD)
    school_role_grant(
        actor=None, user=coach_user, school=people.shared_school, role=SchoolRole.Role.LEAD
    )
    programme = services.programme_create(
        actor=people.coordinator,
        family=people.family,
        fields=services.ProgrammeFields(
            name="New heads 2026–27", starts_on=date(2026, 9, 1), ends_on=date(2027, 7, 21)
        ),
    )
    head = services.participant_join(
        actor=people.head,
        programme=programme,
        role=Participant.Role.MENTEE,
        profile=services.Profile(
            school=people.school,
            vision="Reading at the heart of our community",
            priorities=[tag("SEND"), tag("Budget")],
            headship_year=1,
        ),
    )
    teacher = services.participant_join(
        actor=people.teacher,
        programme=programme,
        role=Participant.Role.COACH,
        profile=services.Profile(
            school=people.second_school,
            capacity=1,
            priorities=[tag("SEND")],
            vision="A community school where reading comes first",
        ),
    )
    coach = services.participant_join(
        actor=coach_user,
        programme=programme,
        role=Participant.Role.COACH,
        profile=services.Profile(school=people.shared_school, capacity=2, vision="Maths mastery"),
    )
    for participant in (head, teacher, coach):
        services.participant_accept(actor=people.coordinator, participant=participant)
    programme.refresh_from_db()
    return World(people, programme, head, teacher, coach, coach_user)


@pytest.fixture
def world(people: Personas) -> World:
    return make_world(people)


def publish_pair(world: World) -> Pair:
    services.pair_propose(actor=world.people.coordinator, mentee=world.head, coach=world.teacher)
    services.matching_publish(actor=world.people.coordinator, programme=world.programme)
    return Pair.objects.get(mentee=world.head, status=Pair.Status.PUBLISHED)


@pytest.fixture
def pair(world: World) -> Pair:
    return publish_pair(world)
