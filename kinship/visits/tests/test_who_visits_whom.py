"""The family's who-visits-whom: counts of agreed visits between its schools, for a year or
one published plan, for its coordinators and the leads of its schools."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kinship.conftest import signed_in_client
from kinship.visits.models import Visit, VisitPlan
from kinship.visits.selectors import matrix
from kinship.visits.services import visits
from kinship.visits.services.plans import visit_plan_create
from kinship.visits.tests.conftest import Visiting, plan_fields
from kinship.visits.tests.test_publishing import publish
from kinship.visits.tests.test_rules_and_selectors import past_weekday

pytestmark = pytest.mark.django_db


def _record_three(visiting: Visiting) -> None:
    """Tom (Birch) went to Alder; Ali (Alder) and Cai (Cedar) went to Birch."""
    for person, host, back in (
        (visiting.teacher, visiting.school, 1),
        (visiting.alder_teacher, visiting.second_school, 2),
        (visiting.cedar_teacher, visiting.second_school, 3),
    ):
        visits.visit_record(actor=person, host_school=host, day=past_weekday(back))


def test_the_matrix_counts_each_schools_visits_made_and_welcomed(visiting: Visiting):
    _record_three(visiting)
    today = timezone.localdate()
    found = matrix.family_year_matrix(visiting.family, today - timedelta(days=30), today)
    rows = {row.school.name: (row.cells, row.given, row.received) for row in found.rows}
    assert [school.name for school in found.schools] == [
        "Alder Primary School", "Birch Primary School", "Cedar Primary School",
    ]  # fmt: skip
    assert rows == {
        "Alder Primary School": ([None, 1, 0], 1, 1),
        "Birch Primary School": ([1, None, 0], 1, 2),
        "Cedar Primary School": ([0, 1, None], 1, 0),
    }
    assert found.total == 3
    assert {row.school.name: row.one_sided for row in found.rows}["Cedar Primary School"] == (
        "visits only"
    )
    # A visit called off is not counted.
    Visit.objects.filter(visitor=visiting.cedar_teacher).update(status=Visit.Status.CANCELLED)
    found = matrix.family_year_matrix(visiting.family, today - timedelta(days=30), today)
    assert found.total == 2


def test_the_page_shows_the_table_and_its_chart_to_the_coordinator(visiting: Visiting):
    _record_three(visiting)
    client = signed_in_client(visiting.coordinator)
    url = reverse("visits:who_visits_whom", args=[visiting.family.slug])
    year = past_weekday(3).year - (past_weekday(3).month < 9)
    page = client.get(url, {"year": year}).content.decode()
    assert 'id="who-visits-whom-data"' in page and "chart.umd.min.js" in page
    assert "3 agreed visits between the family" in page
    row = page.split('<th scope="row">Birch Primary School', 1)[1].split("</tr>", 1)[0]
    assert [cell.split("</td>")[0] for cell in row.split("<td>")[1:]][-2:] == ["1", "2"]
    for bad in ({"year": "soon"}, {"year": "1900"}, {"plan": "x"}, {"plan": "9" * 30}):
        assert client.get(url, bad).status_code == 404
    home = client.get(reverse("visits:home")).content.decode()
    assert url in home


def test_a_plans_matrix_counts_only_its_published_visits(
    solved,
    django_capture_on_commit_callbacks,
):
    visiting, solve = solved
    _record_three(visiting)
    url = reverse("visits:who_visits_whom", args=[visiting.family.slug])
    client = signed_in_client(visiting.head)  # a lead of one of the family's schools
    # Not published yet: the plan is not offered, and asking for it is a 404.
    assert client.get(url, {"plan": visiting.plan.pk}).status_code == 404
    publish(visiting, solve(), django_capture_on_commit_callbacks)
    found = matrix.plan_matrix(visiting.plan)
    assert found.total == Visit.objects.filter(plan=visiting.plan).count() == 3
    page = client.get(url, {"plan": visiting.plan.pk}).content.decode()
    assert "who visits whom in Spring 2 visits" in page
    assert "3 agreed visits" in page
    # Another family's plan is not found through this family's page.
    other = visit_plan_create(
        actor=visiting.coordinator, family=visiting.family, fields=plan_fields(title="Other")
    )
    VisitPlan.objects.filter(pk=other.pk).update(
        family=visiting.other_family, published_at=timezone.now()
    )
    assert client.get(url, {"plan": other.pk}).status_code == 404
    plan_page = client.get(visiting.plan.get_absolute_url()).content.decode()
    assert f"{url}?plan={visiting.plan.pk}" in plan_page
