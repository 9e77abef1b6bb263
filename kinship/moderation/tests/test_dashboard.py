"""The dashboard's moderation panel: what waits for each person in a round, nothing for
anyone else, and a fixed, small number of queries."""

import re
from datetime import date
from typing import Any

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from kinship.accounts.models import User
from kinship.accounts.services import user_create
from kinship.conftest import PASSWORD, Personas, signed_in_client
from kinship.core.dates import uk_date
from kinship.moderation import selectors, services
from kinship.moderation.models import Comparison, Round
from kinship.moderation.tests.conftest import ModerationRound, days, round_fields
from kinship.schools.models import SchoolRole
from kinship.schools.services import school_role_grant

pytestmark = pytest.mark.django_db
PANEL = 'id="dashboard-moderation-heading"'


def panel(user: User) -> str:
    request = RequestFactory().get("/")
    request.user = user
    template = Template("{% load moderation_dashboard %}{% moderation_panel %}")
    return template.render(Context({"request": request}))


def when(day: date | None) -> str:
    assert day is not None
    return uk_date(day)


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).strip()


def more_rounds(m: ModerationRound) -> tuple[Round, Round]:
    """A second round still collecting samples, and a closed one whose meeting is to come;
    the teacher uploads and judges in both."""
    p = m.people
    rounds = []
    for fields in (
        round_fields(title="Y5 persuasion, summer", meeting_on=days(40)),
        round_fields(
            title="Y4 poetry, autumn",
            upload_deadline=days(-20),
            judging_deadline=days(-10),
            meeting_on=days(3),
        ),
    ):
        round_ = services.round_create(
            actor=p.coordinator,
            family=p.family,
            fields=fields,
            schools=[p.school, p.second_school, p.shared_school],
        )
        for role in ("uploader", "judge"):
            services.round_person_add(actor=p.coordinator, round_=round_, user=p.teacher, role=role)
        rounds.append(round_)
    upload, closed = rounds
    closed.status = Round.Status.CLOSED
    closed.save(update_fields=["status"])
    return upload, closed


def test_a_judge_sees_what_is_left_to_grade_and_judge_linking_to_the_round(
    judging: ModerationRound,
) -> None:
    services.comparisons_schedule(actor=judging.people.coordinator, round_=judging.round)
    teacher = judging.people.teacher
    pairs = Comparison.objects.filter(round=judging.round, judge=teacher).count()
    client = signed_in_client(teacher)
    page = client.get(reverse("families:dashboard")).content.decode()
    assert PANEL in page
    round_ = judging.round
    assert f'<a href="{round_.get_absolute_url()}">{round_.title}</a>' in page
    assert (
        f"{round_.title}: 4 scripts to grade, {pairs} pairs to judge by "
        f"{uk_date(round_.judging_deadline)}; the meeting is on {when(round_.meeting_on)}"
    ) in text(page)

    # The count is what the grading screen would still offer: one graded, one fewer.
    person = selectors.judge_person(teacher, round_)
    assert person is not None
    script = selectors.next_script_to_grade(person)
    assert script is not None
    services.grade_record(actor=teacher, script=script, grade=1)
    comparison = Comparison.objects.filter(round=round_, judge=teacher).first()
    assert comparison is not None
    services.comparison_decide(actor=teacher, comparison=comparison, chosen="left")
    assert f"3 scripts to grade, {pairs - 1} pairs to judge" in text(panel(teacher))
    # A judge who works at two of the round's schools has neither's scripts counted (Cara
    # judges for Cedar and works at Alder too): Birch's two, until one has its two grades.
    p = judging.people
    school_role_grant(actor=None, user=judging.cara, school=p.school, role=SchoolRole.Role.STAFF)
    assert "2 scripts to grade" in text(panel(judging.cara))
    birch = next(s for s in judging.scripts if s.school_id == p.second_school.pk)
    adviser = user_create(email="adviser@a0.test", display_name="Ada Adviser", password=PASSWORD)
    services.round_person_add(actor=p.coordinator, round_=round_, user=adviser, role="judge")
    for judge in (p.head, adviser):
        services.grade_record(actor=judge, script=birch, grade=1)
    assert "1 script to grade" in text(panel(judging.cara))


def test_uploaders_are_told_the_deadline_and_everyone_the_meeting(
    moderation: ModerationRound,
) -> None:
    upload, closed = more_rounds(moderation)
    teacher_panel = text(panel(moderation.people.teacher))
    first = moderation.round
    assert (
        f"{first.title}: upload your samples by {uk_date(first.upload_deadline)}; "
        f"the meeting is on {when(first.meeting_on)}"
    ) in teacher_panel
    assert f"{upload.title}: upload your samples by {uk_date(upload.upload_deadline)}" in (
        teacher_panel
    )
    assert (
        f"{closed.title}: judging has closed; the meeting is on {when(closed.meeting_on)}"
        in teacher_panel
    )
    # Soonest first: the closed round's meeting in 3 days, then the two upload deadlines.
    assert teacher_panel.index(closed.title) < teacher_panel.index(first.title)
    coordinator_panel = text(panel(moderation.people.coordinator))
    assert f"{first.title}: samples are due by {uk_date(first.upload_deadline)}" in (
        coordinator_panel
    )
    # Once the meeting is past, a closed round leaves the dashboard.
    closed.meeting_on = days(-1)
    closed.save(update_fields=["meeting_on"])
    assert closed.title not in text(panel(moderation.people.teacher))


def test_people_in_no_round_see_nothing(moderation: ModerationRound, people: Personas) -> None:
    from kinship.families.models import FamilyRole
    from kinship.families.services import family_role_grant

    family_role_grant(
        actor=None, family=people.family, user=people.outsider, role=FamilyRole.Role.COORDINATOR
    )  # sees the round exists, takes no part
    for user in (people.outsider, people.partner, people.admin):
        assert panel(user).strip() == ""
        page = signed_in_client(user).get(reverse("families:dashboard")).content.decode()
        assert PANEL not in page and moderation.round.title not in page


def test_the_panel_costs_two_queries_at_most_and_four_in_rounds(
    judging: ModerationRound, django_assert_max_num_queries: Any
) -> None:
    services.comparisons_schedule(actor=judging.people.coordinator, round_=judging.round)
    upload, closed = more_rounds(judging)
    with django_assert_max_num_queries(2):
        assert panel(judging.people.outsider).strip() == ""
    with django_assert_max_num_queries(4):
        html = panel(judging.people.teacher)
    for round_ in (judging.round, upload, closed):
        assert round_.title in html
