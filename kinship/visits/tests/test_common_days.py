"""A common INSET day (issue 18): the coordinator proposes it from the family calendar; each
head accepts, choosing which of the school's own INSET days gives way, so every school keeps
its 190 pupil days and 5 INSET days; the family calendar then lists it."""

from datetime import date
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinship.conftest import signed_in_client
from kinship.notifications.models import Notification
from kinship.schools.selectors import calendar_for, term_year_of
from kinship.visits.models import TermDateProposal
from kinship.visits.services.common_days import common_day_accept, common_day_propose
from kinship.visits.services.proposals import ACCEPTED, PROPOSED
from kinship.visits.tests.conftest import SUMMER_INSETS, Visiting

pytestmark = pytest.mark.django_db
D = date
DAY = D(2032, 3, 9)  # a Tuesday when Alder, Birch and Cedar all have pupils in
RESPOND_BY = D(2032, 2, 1)


def year_of(school):
    calendar = calendar_for(school, 2031)
    assert calendar is not None
    return term_year_of(calendar)


def propose(visiting: Visiting, day: date = DAY):
    return signed_in_client(visiting.coordinator).post(
        reverse("visits:common_day_list", args=[visiting.family.slug]),
        {"day": day.isoformat(), "respond_by": RESPOND_BY.isoformat()},
    )


def test_the_coordinator_asks_every_head_and_nothing_changes_yet(visiting: Visiting):
    before = year_of(visiting.school)
    response = propose(visiting)
    assert response.status_code == 302
    asked = TermDateProposal.objects.filter(common_day=DAY, status="pending")
    schools = {visiting.school.pk, visiting.second_school.pk, visiting.shared_school.pk}
    assert set(asked.values_list("school_id", flat=True)) == schools
    assert year_of(visiting.school) == before
    [told] = Notification.objects.filter(kind=PROPOSED)
    assert told.recipient == visiting.head and "Tue 9 Mar 2032" in told.title
    page = signed_in_client(visiting.coordinator).get(
        reverse("visits:common_day_list", args=[visiting.family.slug])
    )
    assert "Waiting for the head" in page.content.decode()


def test_a_day_when_a_school_is_closed_is_refused_and_named(visiting: Visiting):
    # Cedar's February half-term is a week later than the others'.
    response = propose(visiting, D(2032, 2, 24))
    assert response.status_code == 200
    assert "Cedar Primary School is closed on Tue 24 Feb 2032 already." in unescape(
        response.content.decode()
    )
    assert not TermDateProposal.objects.exists()


def test_the_head_chooses_the_day_that_gives_way_and_the_school_keeps_its_counts(
    visiting: Visiting,
):
    propose(visiting)
    alder = TermDateProposal.objects.get(school=visiting.school, common_day=DAY)
    before = year_of(visiting.school)
    page = signed_in_client(visiting.head).get(reverse("visits:proposal_detail", args=[alder.pk]))
    assert "Which of the school" in unescape(page.content.decode())
    assert "Mon 7 Jun 2032" in page.content.decode()
    # Accepting without choosing would leave the school with six INSET days: refused.
    url = reverse("visits:proposal_answer", args=[alder.pk])
    client = signed_in_client(visiting.head)
    client.post(url, {"decision": "accept", "gives_way": ""})
    alder.refresh_from_db()
    assert alder.is_pending and year_of(visiting.school) == before
    response = client.post(url, {"decision": "accept", "gives_way": SUMMER_INSETS[0].isoformat()})
    assert response.status_code == 302
    alder.refresh_from_db()
    assert alder.status == "accepted"
    after = year_of(visiting.school)
    assert (after.pupil_days, after.inset_days) == (before.pupil_days, before.inset_days)
    insets = {c.date for c in after.closures if c.kind == "inset"}
    assert DAY in insets and SUMMER_INSETS[0] not in insets
    assert "Mon 7 Jun 2032: a pupil day again" in alder.lines
    told = set(Notification.objects.filter(kind=ACCEPTED).values_list("recipient", flat=True))
    assert visiting.alder_teacher.pk in told and visiting.teacher.pk not in told
    # Birch follows Lancashire's calendar with Alder: Alder got its own copy, Birch is as was.
    assert DAY not in {c.date for c in year_of(visiting.second_school).closures}


def test_once_every_school_accepts_the_family_calendar_lists_the_common_day(
    visiting: Visiting,
):
    common_day_propose(actor=visiting.coordinator, family=visiting.family, day=DAY,
                       respond_by=RESPOND_BY)  # fmt: skip
    calendar_url = reverse("meetings:family_calendar", args=[visiting.family.slug])
    page = signed_in_client(visiting.coordinator).get(calendar_url, {"month": "2032-03"})
    assert "Tue 9 Mar 2032" not in page.content.decode().split('id="common-insets"')[1][:400]
    for proposal in TermDateProposal.objects.filter(common_day=DAY):
        common_day_accept(actor=visiting.coordinator, proposal=proposal, gives_way=SUMMER_INSETS[0])
    page = signed_in_client(visiting.coordinator).get(calendar_url, {"month": "2032-03"})
    listed = page.content.decode().split('id="common-insets"')[1][:400]
    assert "Tue 9 Mar 2032" in listed
    assert "Propose a common INSET day to the heads" in listed
    teacher_page = signed_in_client(visiting.teacher).get(calendar_url, {"month": "2032-03"})
    assert "Propose a common INSET day" not in teacher_page.content.decode()


def test_only_coordinators_propose_and_an_answer_counts_once(visiting: Visiting):
    url = reverse("visits:common_day_list", args=[visiting.family.slug])
    assert signed_in_client(visiting.head).get(url).status_code == 403
    assert signed_in_client(visiting.teacher).get(url).status_code == 403
    propose(visiting)
    alder = TermDateProposal.objects.get(school=visiting.school, common_day=DAY)
    common_day_accept(actor=visiting.head, proposal=alder, gives_way=SUMMER_INSETS[1])
    with pytest.raises(ValidationError, match="already been answered"):
        common_day_accept(actor=visiting.head, proposal=alder, gives_way=SUMMER_INSETS[0])
    insets = {c.date for c in year_of(visiting.school).closures if c.kind == "inset"}
    assert SUMMER_INSETS[0] in insets and SUMMER_INSETS[1] not in insets


def test_a_common_day_that_has_passed_can_no_longer_be_accepted(
    visiting: Visiting, monkeypatch: pytest.MonkeyPatch
):
    """Accepting late must not rewrite a day the pupils have already had: the school's past
    term dates (and its count of pupil days) would change after the event."""
    propose(visiting)
    alder = TermDateProposal.objects.get(school=visiting.school, common_day=DAY)
    before = year_of(visiting.school)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: D(2032, 3, 10))
    with pytest.raises(ValidationError, match="has passed"):
        common_day_accept(actor=visiting.head, proposal=alder, gives_way=SUMMER_INSETS[0])
    alder.refresh_from_db()
    assert alder.is_pending and year_of(visiting.school) == before


def test_a_common_day_already_agreed_never_gives_way_to_another(visiting: Visiting):
    """Giving way the family's agreed common day would quietly undo it at the school while
    the family's page still says accepted: only the school's own INSET days give way."""
    propose(visiting)
    first = TermDateProposal.objects.get(school=visiting.school, common_day=DAY)
    common_day_accept(actor=visiting.head, proposal=first, gives_way=SUMMER_INSETS[0])
    later = D(2032, 3, 16)
    propose(visiting, later)
    second = TermDateProposal.objects.get(school=visiting.school, common_day=later)
    page = signed_in_client(visiting.head).get(reverse("visits:proposal_detail", args=[second.pk]))
    assert 'value="2032-03-09"' not in page.content.decode()
    with pytest.raises(ValidationError):
        common_day_accept(actor=visiting.head, proposal=second, gives_way=DAY)
    assert DAY in {c.date for c in year_of(visiting.school).closures if c.kind == "inset"}


def test_the_coordinator_is_told_how_many_heads_were_asked_in_plain_english(
    visiting: Visiting,
):
    """ "1 schools' heads have been asked" reads wrongly; so does asking nobody as if
    something were proposed, when the day is an INSET day at every school already."""
    visiting.second_school.delete()
    visiting.shared_school.delete()
    client = signed_in_client(visiting.coordinator)
    url = reverse("visits:common_day_list", args=[visiting.family.slug])
    form = {"day": DAY.isoformat(), "respond_by": RESPOND_BY.isoformat()}
    page = client.post(url, form, follow=True)
    assert "Proposed: 1 school's head has been asked." in unescape(page.content.decode())
    alder = TermDateProposal.objects.get(school=visiting.school, common_day=DAY)
    common_day_accept(actor=visiting.head, proposal=alder, gives_way=SUMMER_INSETS[0])
    page = client.post(url, form, follow=True)
    assert "already an INSET day at every school" in unescape(page.content.decode())


def test_accepting_locks_the_school_before_reading_its_term_dates(visiting: Visiting):
    """Two of a school's proposals accepted at once (two tabs, two leads) each read the term
    dates and saved the whole year back: the later save dropped the earlier one's common day
    while its proposal said accepted. The school's row is locked before the dates are read."""
    propose(visiting)
    alder = TermDateProposal.objects.get(school=visiting.school, common_day=DAY)
    with CaptureQueriesContext(connection) as queries:
        common_day_accept(actor=visiting.head, proposal=alder, gives_way=SUMMER_INSETS[0])
    if connection.vendor == "postgresql":  # SQLite serialises writers and has no FOR UPDATE
        sql = [query["sql"] for query in queries.captured_queries]
        lock = next(
            i for i, s in enumerate(sql) if 'FROM "schools_school"' in s and "FOR UPDATE" in s
        )
        read = next(i for i, s in enumerate(sql) if 'FROM "schools_termcalendar"' in s)
        assert lock < read


def test_no_reminder_to_answer_for_a_common_day_that_has_passed(visiting: Visiting):
    """Once the day has gone it can no longer be accepted: a daily reminder to answer it
    (for ever) would only nag the head."""
    from datetime import datetime

    from django.utils import timezone

    from kinship.visits.digest import answer_due_recipients

    propose(visiting)
    before = timezone.make_aware(datetime(2032, 3, 8, 7))
    after = timezone.make_aware(datetime(2032, 3, 10, 7))
    assert visiting.head.pk in set(answer_due_recipients(before).values_list("pk", flat=True))
    assert visiting.head.pk not in set(answer_due_recipients(after).values_list("pk", flat=True))


def test_proposing_locks_the_family_before_asking(visiting: Visiting):
    """Two coordinators (or two tabs) proposing the same day at once each found no pending
    proposal to replace and inserted one: the second broke the one-pending-a-school rule
    and saw an error page. The family's row is locked first, so the second replaces it."""
    with CaptureQueriesContext(connection) as queries:
        common_day_propose(actor=visiting.coordinator, family=visiting.family, day=DAY,
                           respond_by=RESPOND_BY)  # fmt: skip
    if connection.vendor == "postgresql":  # SQLite serialises writers and has no FOR UPDATE
        sql = [query["sql"] for query in queries.captured_queries]
        lock = next(
            i for i, s in enumerate(sql) if 'FROM "families_family"' in s and "FOR UPDATE" in s
        )
        insert = next(
            i for i, s in enumerate(sql) if s.startswith('INSERT INTO "visits_termdateproposal"')
        )
        assert lock < insert


def test_a_school_that_has_left_the_family_cannot_take_its_common_day(visiting: Visiting):
    from kinship.families.models import FamilyMembership
    from kinship.families.services import family_membership_leave

    propose(visiting)
    alder = TermDateProposal.objects.get(school=visiting.school, common_day=DAY)
    before = year_of(visiting.school)
    membership = FamilyMembership.objects.get(family=visiting.family, school=visiting.school)
    family_membership_leave(actor=visiting.head, membership=membership)
    with pytest.raises(ValidationError, match="is no longer in"):
        common_day_accept(actor=visiting.head, proposal=alder, gives_way=SUMMER_INSETS[0])
    assert year_of(visiting.school) == before
