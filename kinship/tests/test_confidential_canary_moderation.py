"""The moderation part of the confidential canary: pupil work and meeting notes in a round
whose people are none of the crawling personas, and the check that a round member sees them.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from kinship.accounts.models import User
from kinship.accounts.services import user_create
from kinship.conftest import PASSWORD, Personas, signed_in_client
from kinship.families.models import FamilyRole
from kinship.families.services import family_role_grant
from kinship.moderation import services
from kinship.moderation.models import Round
from kinship.schools.models import SchoolRole
from kinship.schools.services import school_role_grant


def moderation_canary(people: Personas, secret: str) -> User:
    """A round run by a second coordinator; returns them (they may see everything)."""
    lead = user_create(email="lead@moderation.test", display_name="Mo Lead", password=PASSWORD)
    family_role_grant(actor=None, family=people.family, user=lead, role=FamilyRole.Role.COORDINATOR)
    today = timezone.localdate()
    round_ = services.round_create(
        actor=lead,
        family=people.family,
        fields=services.RoundFields(
            title="Canary round",
            year_group=6,
            task="Narrative",
            framework=Round.Framework.TAF,
            method=Round.Method.BOTH,
            upload_deadline=today + timedelta(days=5),
            judging_deadline=today + timedelta(days=10),
        ),
        schools=[people.school, people.second_school, people.shared_school],
    )
    scripts = []
    for n, school in enumerate((people.school, people.second_school, people.shared_school)):
        teacher = user_create(
            email=f"y6-{n}@moderation.test", display_name=f"Y6 {n}", password=PASSWORD
        )
        school_role_grant(actor=None, user=teacher, school=school, role=SchoolRole.Role.STAFF)
        for role in ("uploader", "judge"):
            services.round_person_add(actor=lead, round_=round_, user=teacher, role=role)
        scripts.append(
            services.script_upload(
                actor=teacher, round_=round_, school=school, grade=1, text=f"Story {secret}"
            )
        )
    services.outcome_record(
        actor=lead,
        script=scripts[0],
        notes=f"Notes {secret}",
        decision="agreed",
        agreed_grade=None,
        reason="",
    )
    return lead


@pytest.mark.django_db
def test_a_round_member_does_see_the_moderation_canary(people: Personas) -> None:
    from kinship.tests.test_confidential_canary import crawl

    lead = moderation_canary(people, "canary-moderation-0123")
    pages = crawl(signed_in_client(lead), ["/"])
    assert any("Story canary-moderation-0123" in body for body in pages.values())
    assert any("Notes canary-moderation-0123" in body for body in pages.values())
