"""A moderation round across the three Kaizen schools of the shared personas.

The coordinator persona runs it; the head uploads for Alder and judges; the teacher
uploads for Birch and judges; Cara, a teacher at Cedar, uploads for Cedar and judges. Each school
sends two typed scripts. Everyone else (admin, partner, pupil, outsider) is outside it.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from kinship.accounts.models import User
from kinship.accounts.services import user_create
from kinship.conftest import PASSWORD, Personas
from kinship.moderation import services
from kinship.moderation.models import Round, RoundPerson, Script
from kinship.schools.models import SchoolRole
from kinship.schools.services import school_role_grant


@dataclass
class ModerationRound:
    people: Personas
    round: Round
    cara: User
    scripts: list[Script]


@pytest.fixture(autouse=True)
def private_media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def round_fields(**changes: Any) -> services.RoundFields:
    today = timezone.localdate()
    values: dict[str, Any] = {
        "title": "Y6 narrative writing, spring",
        "year_group": 6,
        "task": "Narrative: a story with a dilemma",
        "framework": Round.Framework.TAF,
        "method": Round.Method.BOTH,
        "upload_deadline": today + timedelta(days=7),
        "judging_deadline": today + timedelta(days=21),
        "meeting_on": today + timedelta(days=28),
        "judgements_per_script": 4,
    }
    values.update(changes)
    return services.RoundFields(**values)


def make_round(p: Personas, *, judging: bool = False, text: str = "") -> ModerationRound:
    cara = User.objects.filter(email="cara@a3.test").first() or user_create(
        email="cara@a3.test", display_name="Cara Cedar", password=PASSWORD
    )
    school_role_grant(actor=None, user=cara, school=p.shared_school, role=SchoolRole.Role.STAFF)
    round_ = services.round_create(
        actor=p.coordinator,
        family=p.family,
        fields=round_fields(),
        schools=[p.school, p.second_school, p.shared_school],
    )
    for user, role in (
        (p.head, "uploader"),
        (p.head, "judge"),
        (p.teacher, "uploader"),
        (p.teacher, "judge"),
        (cara, "uploader"),
        (cara, "judge"),
    ):
        services.round_person_add(actor=p.coordinator, round_=round_, user=user, role=role)
    scripts: list[Script] = []
    for school, uploader in (
        (p.school, p.head),
        (p.second_school, p.teacher),
        (p.shared_school, cara),
    ):
        for grade in (1, 2):
            scripts.append(
                services.script_upload(
                    actor=uploader,
                    round_=round_,
                    school=school,
                    grade=grade,
                    text=text or f"The storm came over the hill. (sample {len(scripts) + 1})",
                )
            )
    if judging:
        services.round_status_set(actor=p.coordinator, round_=round_, status=Round.Status.JUDGING)
    return ModerationRound(p, round_, cara, scripts)


@pytest.fixture
def moderation(people: Personas) -> ModerationRound:
    return make_round(people)


@pytest.fixture
def judging(people: Personas) -> ModerationRound:
    return make_round(people, judging=True)


def judge_school(m: ModerationRound, user: User) -> int | None:
    return RoundPerson.objects.get(round=m.round, user=user, role="judge").school_id


def days(n: int) -> date:
    return timezone.localdate() + timedelta(days=n)
