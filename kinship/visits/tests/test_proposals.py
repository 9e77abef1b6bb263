"""Heads agree (issue 18): publishing a plan asks each school's lead to accept the change to
its term dates; nothing changes at a school, in what its parents see or in its staff's
calendars until the lead accepts, and a decline rules the days out for a re-solve."""

from datetime import date, timedelta
from html import unescape

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from kinship.conftest import signed_in_client
from kinship.notifications.models import Notification
from kinship.schools.selectors import calendar_for, term_year_of
from kinship.schools.term_dates import parse_ical
from kinship.visits.digest import answer_due_recipients, answer_due_sections
from kinship.visits.models import PlanSchool, SolveRun, TermDateProposal, Visit
from kinship.visits.services.proposals import ACCEPTED, DECLINED, PROPOSED, answer_by, plan_publish
from kinship.visits.services.publishing import InsetChange
from kinship.visits.services.solving import solve_run_start
from kinship.visits.tests.conftest import SUMMER_INSETS, Visiting

pytestmark = pytest.mark.django_db
D = date


def inset_days(school) -> set[date]:
    calendar = calendar_for(school, 2031)
    assert calendar is not None
    return {c.date for c in term_year_of(calendar).closures if c.kind == "inset"}


def counts(school) -> tuple[int, int]:
    calendar = calendar_for(school, 2031)
    assert calendar is not None
    year = term_year_of(calendar)
    return year.pupil_days, year.inset_days


@pytest.fixture
def published(solved, django_capture_on_commit_callbacks):
    visiting, solve = solved
    run = solve()
    with django_capture_on_commit_callbacks(execute=True):
        plan_publish(actor=visiting.coordinator, plan=visiting.plan, run=run)
    alder = TermDateProposal.objects.get(plan=visiting.plan, school=visiting.school)
    return visiting, run, alder


def answer(visiting: Visiting, proposal: TermDateProposal, decision: str, reason: str = ""):
    return signed_in_client(visiting.head).post(
        reverse("visits:proposal_answer", args=[proposal.pk]),
        {"decision": decision, "reason": reason},
    )


def test_publishing_asks_each_head_and_changes_no_term_dates_until_they_accept(
    solved, django_capture_on_commit_callbacks
):
    visiting, solve = solved
    schools = (visiting.school, visiting.second_school, visiting.shared_school)
    before = {school.pk: inset_days(school) for school in schools}
    run = solve()
    with django_capture_on_commit_callbacks(execute=True):
        done = plan_publish(actor=visiting.coordinator, plan=visiting.plan, run=run)
    assert {school.pk: inset_days(school) for school in schools} == before
    pending = TermDateProposal.objects.filter(plan=visiting.plan, status="pending")
    assert {p.school_id for p in pending} == {school.pk for school in schools}
    # Every visitor's school waits for its head, so no visit is in a calendar yet.
    assert not Visit.objects.filter(plan=visiting.plan).exists()
    assert len(done.visits_waiting) == 3
    alder = pending.get(school=visiting.school)
    assert "Mon 7 Jun 2032: a pupil day again" in alder.lines
    assert alder.respond_by == timezone.localdate() + timedelta(days=14)
    # Alder's lead is asked, with the deadline; no one else is.
    [asked] = Notification.objects.filter(kind=PROPOSED)
    assert asked.recipient == visiting.head and asked.url.endswith(f"/term-dates/{alder.pk}/")
    assert "Please answer by" in asked.title and "Alder Primary School" in asked.title
    dashboard = signed_in_client(visiting.head).get(reverse("families:dashboard")).content.decode()
    assert "Accept or decline" in dashboard


def test_the_head_accepts_and_the_school_keeps_its_counts_and_its_staff_are_told(published):
    visiting, _run, alder = published
    school = visiting.school
    before = counts(school)
    page = signed_in_client(visiting.head).get(reverse("visits:proposal_detail", args=[alder.pk]))
    assert page.status_code == 200 and "Accept the change" in page.content.decode()
    response = answer(visiting, alder, "accept")
    assert response.status_code == 302
    alder.refresh_from_db()
    assert alder.status == "accepted" and alder.decided_by == visiting.head
    assert counts(school) == before
    assert not set(SUMMER_INSETS) & inset_days(school)
    # Ali (Alder) now has her visit; Birch's and Cedar's staff still wait for their heads.
    assert list(Visit.objects.values_list("visitor", flat=True)) == [visiting.alder_teacher.pk]
    told = set(Notification.objects.filter(kind=ACCEPTED).values_list("recipient", flat=True))
    assert {visiting.alder_teacher.pk, visiting.head.pk, visiting.coordinator.pk} <= told
    assert visiting.teacher.pk not in told  # Tom works at Birch
    # The same answer posted again changes nothing more and says it was answered.
    again = answer(visiting, alder, "accept")
    assert again.status_code == 403
    assert Visit.objects.count() == 1
    assert Notification.objects.filter(kind=ACCEPTED).count() == len(told)


def test_a_decline_changes_nothing_and_rules_the_days_out_for_the_next_solve(
    published, django_capture_on_commit_callbacks
):
    visiting, run, alder = published
    before = inset_days(visiting.school)
    response = answer(visiting, alder, "decline", "Our Year 6 residential is that week.")
    assert response.status_code == 302
    alder.refresh_from_db()
    assert alder.status == "declined" and alder.reason == "Our Year 6 residential is that week."
    assert inset_days(visiting.school) == before
    staggered = run.result["inset"]["Alder Primary School"]
    row = PlanSchool.objects.get(plan=visiting.plan, school=visiting.school)
    assert set(staggered) <= set(row.excluded_dates)
    [told] = Notification.objects.filter(kind=DECLINED)
    assert told.recipient == visiting.coordinator and "residential" in told.body
    plan_page = signed_in_client(visiting.coordinator).get(visiting.plan.get_absolute_url())
    assert "Its days are ruled out: solve the plan again." in unescape(plan_page.content.decode())
    with django_capture_on_commit_callbacks(execute=True):
        again = solve_run_start(actor=visiting.coordinator, plan=visiting.plan)
    again.refresh_from_db()
    assert again.status == SolveRun.Status.DONE and again.result is not None
    assert not set(again.result["inset"]["Alder Primary School"]) & set(staggered)


def test_who_may_see_and_answer_a_proposal(published):
    visiting, _run, alder = published
    url = reverse("visits:proposal_detail", args=[alder.pk])
    assert signed_in_client(visiting.coordinator).get(url).status_code == 200
    # Coordinators follow it but do not answer for the school.
    posted = signed_in_client(visiting.coordinator).post(
        reverse("visits:proposal_answer", args=[alder.pk]), {"decision": "accept"}
    )
    assert posted.status_code == 403
    # A teacher at Alder sees it once accepted, not before; a teacher elsewhere never.
    assert signed_in_client(visiting.alder_teacher).get(url).status_code == 404
    assert signed_in_client(visiting.teacher).get(url).status_code == 404
    answer(visiting, alder, "accept")
    assert signed_in_client(visiting.alder_teacher).get(url).status_code == 200
    assert signed_in_client(visiting.teacher).get(url).status_code == 404
    alder.refresh_from_db()
    assert alder.status == "accepted"


def test_publishing_again_replaces_the_unanswered_proposal(
    solved, django_capture_on_commit_callbacks
):
    visiting, solve = solved
    first = solve()
    with django_capture_on_commit_callbacks(execute=True):
        plan_publish(actor=visiting.coordinator, plan=visiting.plan, run=first)
    old = TermDateProposal.objects.get(plan=visiting.plan, school=visiting.school)
    second = solve()
    with django_capture_on_commit_callbacks(execute=True):
        plan_publish(actor=visiting.coordinator, plan=visiting.plan, run=second)
    old.refresh_from_db()
    assert old.status == "superseded"
    new = TermDateProposal.objects.get(plan=visiting.plan, school=visiting.school, status="pending")
    assert new.run_id == second.pk
    # The replaced one can no longer be answered.
    assert answer(visiting, old, "accept").status_code == 403


def test_parents_see_the_new_days_on_the_term_dates_page_and_feed_only_once_accepted(
    published, client
):
    visiting, run, alder = published
    school = visiting.school
    new_day = date.fromisoformat(run.result["inset"]["Alder Primary School"][0])
    page_url = reverse("schools:public_term_dates", args=[school.urn])
    feed_url = reverse("schools:public_term_dates_feed", args=[school.urn])

    def feed_insets() -> set[date]:
        response = client.get(feed_url)
        assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
        calendar = icalendar.Calendar.from_ical(response.content)
        assert calendar["METHOD"] == "PUBLISH"
        year = parse_ical(response.content, year=2031)  # Kinship's own reader, a second parser
        kept_calendar = calendar_for(school, 2031)
        assert kept_calendar is not None
        kept = term_year_of(kept_calendar)
        assert year.half_terms == kept.half_terms
        assert {(c.date, c.kind) for c in year.closures} == {
            (c.date, c.kind) for c in kept.closures
        }
        return {c.date for c in year.closures if c.kind == "inset"}

    assert client.get(page_url).status_code == 200  # anonymous: parents have no account
    assert new_day not in feed_insets()
    assert SUMMER_INSETS[0] in feed_insets()
    answer(visiting, alder, "accept")
    insets = feed_insets()
    assert new_day in insets and SUMMER_INSETS[0] not in insets
    assert insets == inset_days(school)
    assert "INSET day (staff training)" in client.get(page_url).content.decode()


def test_a_head_is_reminded_in_the_daily_digest_when_the_answer_is_nearly_due(published):
    visiting, _run, alder = published
    now = timezone.now()
    assert visiting.head.pk not in set(answer_due_recipients(now).values_list("pk", flat=True))
    TermDateProposal.objects.filter(pk=alder.pk).update(
        respond_by=timezone.localdate() + timedelta(days=1)
    )
    assert visiting.head.pk in set(answer_due_recipients(now).values_list("pk", flat=True))
    [section] = answer_due_sections(visiting.head, now)
    assert "Alder Primary School" in section.lines[0].text
    assert section.lines[0].url == reverse("visits:proposal_detail", args=[alder.pk])
    answer(visiting, alder, "accept")
    assert visiting.head.pk not in set(answer_due_recipients(now).values_list("pk", flat=True))


def test_the_answer_is_due_before_the_first_day_that_changes(visiting: Visiting):
    today = D(2032, 1, 5)
    change = InsetChange(visiting.school, add=[(D(2032, 1, 12), "staggered")])
    assert answer_by(change, today) == D(2032, 1, 11)
    far = InsetChange(visiting.school, add=[(D(2032, 6, 1), "staggered")], remove=[D(2032, 7, 1)])
    assert answer_by(far, today) == today + timedelta(days=14)
