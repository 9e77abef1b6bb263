"""The visit emails' task records each send: run again after the SMTP server failed
half-way, it sends only what it still owed; a third run sends nothing."""

from typing import Any

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from kinship.core.tests.overlap import run_failing_half_way
from kinship.schools.models import SchoolRole
from kinship.schools.services import school_role_grant
from kinship.visits.models import Visit
from kinship.visits.services import visits
from kinship.visits.tasks import send_visit_email
from kinship.visits.tests.conftest import Visiting
from kinship.visits.tests.test_visits import ask, offer_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def offer(visiting: Visiting) -> Any:
    return visits.open_classroom_create(actor=visiting.cedar_teacher, fields=offer_fields(visiting))


def test_a_request_to_a_school_s_leads_reaches_each_once(
    visiting: Visiting, offer: Any, settings: Any
) -> None:
    visit = ask(visiting, offer)  # its task waits for a COMMIT that never comes here
    # No host named: the request goes to the school's leads, two of them.
    Visit.objects.filter(pk=visit.pk).update(host=None)
    for lead in (visiting.cedar_teacher, visiting.alder_teacher):
        school_role_grant(
            actor=None, user=lead, school=visiting.shared_school, role=SchoolRole.Role.LEAD
        )
    owed, again = run_failing_half_way(settings, lambda: send_visit_email.call("request", visit.pk))
    assert len(owed) >= 2 and len(set(owed)) == len(owed)
    assert {visiting.cedar_teacher.email, visiting.alder_teacher.email} <= set(owed)
    assert again == []


def test_an_answer_is_emailed_once(visiting: Visiting, offer: Any, settings: Any) -> None:
    visit = visits.visit_respond(
        actor=visiting.cedar_teacher, visit=ask(visiting, offer), accept=False
    )
    owed, again = run_failing_half_way(
        settings, lambda: send_visit_email.call("answer", visit.pk), accept=0
    )
    assert (owed, again) == ([visiting.teacher.email], [])


def test_a_request_enqueues_its_email_with_the_change_or_not_at_all(
    visiting: Visiting, offer: Any, settings: Any
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    class Refused(Exception):
        pass

    with pytest.raises(Refused), transaction.atomic():
        ask(visiting, offer)
        assert DBTaskResult.objects.count() == 1
        raise Refused
    assert DBTaskResult.objects.count() == 0
    visit = ask(visiting, offer)
    [queued] = DBTaskResult.objects.all()
    assert queued.args_kwargs["args"] == ["request", visit.pk]
