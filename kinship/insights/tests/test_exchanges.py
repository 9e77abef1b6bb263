"""Recording, rebuilding and reading exchanges on the database."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from kinship.conftest import make_school
from kinship.insights.models import Exchange
from kinship.insights.rebuild import exchanges_rebuild
from kinship.insights.selectors import academic_year, exchange_totals, family_network
from kinship.insights.services import exchange_record
from kinship.visits.services import visits

pytestmark = pytest.mark.django_db
YEAR = (date(2026, 9, 1), date(2027, 8, 31))


def last_weekday():
    day = timezone.localdate() - timedelta(days=1)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def test_recording_the_same_thing_twice_keeps_one_row(people):
    first = exchange_record(
        kind=Exchange.Kind.VISIT, on=date(2026, 10, 1), giver=people.school,
        receiver=people.second_school, source="visits.visit:1", family=people.family,
    )  # fmt: skip
    again = exchange_record(
        kind=Exchange.Kind.VISIT, on=date(2026, 10, 2), giver=people.school,
        receiver=people.second_school, source="visits.visit:1",
    )  # fmt: skip
    assert first is not None and again is not None and again.pk == first.pk
    assert Exchange.objects.count() == 1
    assert Exchange.objects.get().date == date(2026, 10, 1)


def test_a_school_giving_to_itself_is_not_recorded(people):
    own = exchange_record(
        kind=Exchange.Kind.VISIT, on=date(2026, 10, 1), giver=people.school,
        receiver=people.school, source="visits.visit:2",
    )  # fmt: skip
    assert own is None
    assert not Exchange.objects.exists()


def test_rebuilding_derives_a_visit_once_and_drops_it_when_cancelled(people):
    visit = visits.visit_record(
        actor=people.teacher, host_school=people.school, day=last_weekday(), focus_question="Maths"
    )
    first = exchanges_rebuild()
    assert (first.added, first.removed, first.kept) == (1, 0, 0)
    again = exchanges_rebuild()
    assert (again.added, again.removed, again.kept) == (0, 0, 1)
    exchange = Exchange.objects.get()
    # The host school gave; the visitor's school received.
    assert (exchange.giver, exchange.receiver) == (people.school, people.second_school)
    assert (exchange.kind, exchange.family, exchange.source) == (
        Exchange.Kind.VISIT, people.family, f"visits.visit:{visit.pk}",
    )  # fmt: skip
    visit.status = visit.Status.CANCELLED
    visit.save()
    assert exchanges_rebuild().removed == 1
    assert not Exchange.objects.exists()


def test_rebuilding_leaves_recorded_kinds_alone(people):
    exchange_record(
        kind=Exchange.Kind.FORUM, on=date(2026, 10, 1), giver=people.school,
        receiver=people.other_school, source="forums.post:9",
    )  # fmt: skip
    assert exchanges_rebuild().removed == 0
    assert Exchange.objects.count() == 1


def test_the_family_network_names_the_isolated_school_and_partners_outside(people):
    # Alder gives Birch twice and Fellside (outside Kaizen) once; Cedar does nothing.
    for number, (giver, receiver) in enumerate(
        [(people.school, people.second_school), (people.second_school, people.school),
         (people.school, people.other_school)]
    ):  # fmt: skip
        exchange_record(
            kind=Exchange.Kind.VISIT, on=date(2026, 10, 1 + number), giver=giver,
            receiver=receiver, source=f"test:{number}",
        )  # fmt: skip
    unrelated = make_school(300001, "Yew Primary School")
    exchange_record(
        kind=Exchange.Kind.VISIT, on=date(2026, 10, 1), giver=unrelated,
        receiver=people.other_school, source="test:unrelated",
    )  # fmt: skip
    network = family_network(people.family, YEAR)
    names = [school.name for school in network.schools]
    assert names == ["Alder Primary School", "Birch Primary School", "Cedar Primary School",
                     "Fellside Primary School"]  # fmt: skip
    figures = {
        school.name: f for school, f in zip(network.schools, network.figures.schools, strict=True)
    }
    alder = figures["Alder Primary School"]
    assert (alder.given, alder.received, alder.partners, alder.inward) == (2, 1, 2, False)
    assert figures["Birch Primary School"].inward is True
    assert figures["Cedar Primary School"].isolated is True
    # The three that exchanged make a path, Birch - Alder - Fellside: Alder's is 1.0.
    assert alder.betweenness == pytest.approx(1.0)
    [family] = network.figures.families
    assert family.schools == 3
    assert family.isolated == (str(people.shared_school.pk),)
    assert family.density == pytest.approx(1 / 3)
    assert network.kinds == [("Visit hosted", 3)]
    totals = exchange_totals(YEAR)
    assert (totals.exchanges, totals.schools_giving, totals.schools_receiving) == (4, 3, 3)


def test_the_academic_year_runs_september_to_august():
    assert academic_year(date(2027, 8, 31)) == YEAR
    assert academic_year(date(2026, 9, 1)) == YEAR
