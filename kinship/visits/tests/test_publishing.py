"""Publishing a plan lands it in term dates and calendars; publishing again after a re-solve
moves and cancels rather than doubling, and takes off only the INSET days it put on."""

from datetime import date
from html import unescape

import icalendar
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from kinship.conftest import signed_in_client
from kinship.meetings.emails import feed_calendar
from kinship.meetings.models import Event, EventKind, Series
from kinship.meetings.selectors import events_invited_to
from kinship.schools.models import TermCalendar
from kinship.schools.selectors import calendar_for, term_year_of
from kinship.visits import rota
from kinship.visits.models import PlanPin, PublishedInset, SolveRun, TermDateProposal, Visit
from kinship.visits.selectors import plans as selectors
from kinship.visits.services import plans as services
from kinship.visits.services.proposals import plan_publish, proposal_accept
from kinship.visits.services.publishing import publish_preview, publish_summary
from kinship.visits.services.solving import solve_run_start
from kinship.visits.services.visits import visit_cancel
from kinship.visits.tests.conftest import (
    COMMON_DAY,
    SUMMER_INSETS,
    Visiting,
)

pytestmark = pytest.mark.django_db
D = date


def inset_of(school) -> set[date]:
    calendar = calendar_for(school, 2031)
    assert calendar is not None
    return {c.date for c in term_year_of(calendar).closures if c.kind == "inset"}


def publish(visiting: Visiting, run: SolveRun, capture) -> None:
    """Publish, and each school accepts the change to its term dates (the coordinator stands
    in for the heads, so that no one here is left out of an email as the one who acted)."""
    with capture(execute=True):
        plan_publish(actor=visiting.coordinator, plan=visiting.plan, run=run)
    for proposal in TermDateProposal.objects.filter(plan=visiting.plan, status="pending"):
        with capture(execute=True):
            proposal_accept(actor=visiting.coordinator, proposal=proposal)


def test_publishing_puts_inset_days_on_each_schools_own_term_dates(
    solved, django_capture_on_commit_callbacks
):
    visiting, solve = solved
    run = solve()
    chosen = {label: D.fromisoformat(days[0]) for label, days in run.result["inset"].items()}
    lancashire_before = term_year_of(TermCalendar.objects.get(la_name="Lancashire", school=None))
    publish(visiting, run, django_capture_on_commit_callbacks)

    for school in (visiting.school, visiting.second_school, visiting.shared_school):
        own = TermCalendar.objects.get(school=school, academic_year=2031)
        days = inset_of(school)
        assert chosen[school.name] in days and COMMON_DAY in days
        assert own.half_terms.count() == 6
    # Alder and Birch followed Lancashire: each has its own copy now; Lancashire is untouched,
    # and so is Maple, which still follows it.
    copy = TermCalendar.objects.get(school=visiting.school)
    assert "Lancashire's 2031–32 dates" in copy.source
    lancashire = TermCalendar.objects.get(la_name="Lancashire", school=None)
    assert term_year_of(lancashire) == lancashire_before
    assert calendar_for(visiting.maple, 2031) == lancashire
    assert PublishedInset.objects.filter(copied_from_authority="Lancashire").exists()
    label = next(
        c.label for c in term_year_of(copy).closures if c.date == chosen[visiting.school.name]
    )
    assert label == "Staggered INSET day: Kaizen Network classroom visits"


def test_each_visit_lands_in_the_visitors_and_the_hosts_calendars(
    solved, django_capture_on_commit_callbacks
):
    visiting, solve = solved
    run = solve()
    mail.outbox.clear()
    publish(visiting, run, django_capture_on_commit_callbacks)
    tom = Visit.objects.get(visitor=visiting.teacher)
    assert (tom.host_school, tom.status, tom.source) == (visiting.shared_school, "accepted", "plan")
    event = Event.objects.get(series=tom.series)
    assert event.date == tom.date and event.series.kind == EventKind.VISIT_DAY
    assert event in events_invited_to(visiting.teacher)
    # Cedar and Birch have no leads, so until they name a host each visit is the visitor's.
    cai = Visit.objects.get(visitor=visiting.cedar_teacher)
    assert Event.objects.get(series=cai.series) in events_invited_to(visiting.cedar_teacher)
    ali = Visit.objects.get(visitor=visiting.alder_teacher)
    assert Event.objects.get(series=ali.series) in events_invited_to(visiting.alder_teacher)
    invited = {message.to[0] for message in mail.outbox}
    assert {"teacher@a2.test", "y2@a1.test", "y6@a3.test"} <= invited
    assert visiting.plan.published_run_id == run.pk


def test_the_hosts_leads_have_the_visit_until_a_teacher_is_named(
    solved, django_capture_on_commit_callbacks
):
    visiting, solve = solved
    services.staff_preference_save(
        actor=visiting.cedar_teacher, plan=visiting.plan, school=visiting.shared_school,
        will_visit=True, choices=[visiting.school],
    )  # fmt: skip
    run = solve()
    publish(visiting, run, django_capture_on_commit_callbacks)
    cai = Visit.objects.get(visitor=visiting.cedar_teacher)
    assert cai.host_school == visiting.school
    assert Event.objects.get(series=cai.series) in events_invited_to(visiting.head)  # Alder's lead


def test_publishing_again_after_a_re_solve_moves_and_cancels_rather_than_doubling(
    solved, django_capture_on_commit_callbacks
):
    visiting, solve = solved
    first = solve()
    publish(visiting, first, django_capture_on_commit_callbacks)
    tom = Visit.objects.get(visitor=visiting.teacher)
    event = Event.objects.get(series=tom.series)
    first_result = selectors.run_result(first)
    assert first_result is not None
    old_days = {s.school.pk: set(s.inset) for s in first_result.schools}

    # The coordinator pins Birch's INSET day elsewhere, sends Tom to Alder, and Ali drops out.
    birch = selectors.school_state(visiting.plan, visiting.second_school)
    new_day = next(
        day for day in birch.candidates if day not in old_days[visiting.second_school.pk]
    )
    services.plan_pin_inset(
        actor=visiting.coordinator, plan=visiting.plan, school=visiting.second_school, day=new_day
    )
    services.plan_pin_visit(
        actor=visiting.coordinator, plan=visiting.plan, person=visiting.teacher,
        host=visiting.school,
    )  # fmt: skip
    services.staff_preference_save(
        actor=visiting.alder_teacher, plan=visiting.plan, school=visiting.school, will_visit=False
    )
    second = solve()
    preview = publish_preview(visiting.plan, second)
    assert preview.problems == []
    changes = {change.visitor.pk: change.change for change in preview.visits}
    assert changes[visiting.teacher.pk] == "moved"
    assert changes[visiting.alder_teacher.pk] == "cancelled"
    mail.outbox.clear()
    publish(visiting, second, django_capture_on_commit_callbacks)

    tom.refresh_from_db()
    event.refresh_from_db()
    assert Visit.objects.filter(visitor=visiting.teacher).count() == 1  # moved, not doubled
    assert (tom.host_school, tom.date) == (visiting.school, new_day)
    assert (event.date, event.cancelled, event.sequence) == (new_day, False, 1)
    assert Event.objects.filter(series=tom.series).count() == 1
    ali = Visit.objects.get(visitor=visiting.alder_teacher)
    assert ali.status == Visit.Status.CANCELLED
    assert Event.objects.get(series=ali.series).cancelled
    subjects = {(m.to[0], m.subject.split(":")[0]) for m in mail.outbox}
    assert ("y2@a1.test", "Cancelled") in subjects and ("teacher@a2.test", "Updated") in subjects
    # Birch's old staggered day is a pupil day again; the new one and the common day are INSET.
    days = inset_of(visiting.second_school)
    assert new_day in days and COMMON_DAY in days
    assert not old_days[visiting.second_school.pk] & days
    rows = PublishedInset.objects.filter(school=visiting.second_school)
    assert set(rows.exclude(kind="moved").values_list("date", flat=True)) == {new_day, COMMON_DAY}
    # Its two summer INSET days made way for them, and still do: five INSET days, as before.
    assert set(rows.filter(kind="moved").values_list("date", flat=True)) == set(SUMMER_INSETS)
    assert len(days) == 5


def test_a_published_day_stays_a_candidate_so_it_can_be_chosen_again(
    solved, django_capture_on_commit_callbacks
):
    visiting, solve = solved
    run = solve()
    publish(visiting, run, django_capture_on_commit_callbacks)
    result = selectors.run_result(run)
    assert result is not None
    for row in result.schools:
        state = selectors.school_state(visiting.plan, row.school)
        assert row.inset[0] in state.candidates and row.inset[0] not in state.closed
        # Pinning the published day is allowed, so a re-solve can keep it.
        services.plan_pin_inset(
            actor=visiting.coordinator, plan=visiting.plan, school=row.school, day=row.inset[0]
        )
    again = solve()
    assert again.result is not None and again.result["inset"] == run.result["inset"]
    preview = publish_preview(visiting.plan, again)
    assert not preview.calendar_changes and {c.change for c in preview.visits} == {"same"}


def test_a_day_already_an_inset_day_is_left_and_not_taken_off_later(
    solved, django_capture_on_commit_callbacks
):
    visiting, solve = solved
    run = solve()
    # Cedar's lead had already made the common day an INSET day of its own.
    from kinship.schools.services import term_calendar_save
    from kinship.schools.term_dates import Closure, ClosureKind, TermYear

    calendar = TermCalendar.objects.get(school=visiting.shared_school)
    year = term_year_of(calendar)
    closures = (*year.closures, Closure(COMMON_DAY, ClosureKind.INSET, "Our own training"))
    ordered = tuple(sorted(closures, key=lambda c: c.date))
    term_calendar_save(
        actor=None, year=TermYear(2031, year.half_terms, ordered), school=visiting.shared_school
    )
    publish(visiting, run, django_capture_on_commit_callbacks)
    row = PublishedInset.objects.get(school=visiting.shared_school, date=COMMON_DAY)
    assert not row.added
    labels = {
        c.date: c.label
        for c in term_year_of(TermCalendar.objects.get(school=visiting.shared_school)).closures
    }
    assert labels[COMMON_DAY] == "Our own training"


def test_only_the_latest_solved_plan_can_be_published_and_nothing_changes_if_refused(
    solved, django_capture_on_commit_callbacks
):
    visiting, solve = solved
    older, newer = solve(), solve()
    with pytest.raises(ValidationError, match="newer plan"):
        plan_publish(actor=visiting.coordinator, plan=visiting.plan, run=older)
    assert not Visit.objects.exists() and not PublishedInset.objects.exists()
    assert TermCalendar.objects.filter(school=visiting.school).count() == 0
    assert PlanPin.objects.count() == 0
    publish(visiting, newer, django_capture_on_commit_callbacks)
    assert Visit.objects.count() == 3


def test_term_dates_changed_since_the_solve_stop_the_publish(solved):
    visiting, solve = solved
    run = solve()
    chosen = D.fromisoformat(run.result["inset"]["Cedar Primary School"][0])
    from kinship.schools.services import term_calendar_save
    from kinship.schools.term_dates import Closure, ClosureKind, TermYear

    calendar = TermCalendar.objects.get(school=visiting.shared_school)
    year = term_year_of(calendar)
    closures = (*year.closures, Closure(chosen, ClosureKind.CLOSURE, "Polling station"))
    ordered = tuple(sorted(closures, key=lambda c: c.date))
    term_calendar_save(
        actor=None, year=TermYear(2031, year.half_terms, ordered), school=visiting.shared_school
    )
    # The day is closed now anyway; a staggered day on it is no longer "taken from" pupils,
    # so the publish records it as there already rather than failing.
    preview = publish_preview(visiting.plan, run)
    cedar = next(change for change in preview.inset if change.school == visiting.shared_school)
    assert chosen in [day for day, _ in cedar.already]


def test_the_meetings_pages_leave_a_plans_visits_to_the_plan(
    solved, django_capture_on_commit_callbacks
):
    visiting, solve = solved
    publish(visiting, solve(), django_capture_on_commit_callbacks)
    tom = Visit.objects.get(visitor=visiting.teacher)
    event = Event.objects.get(series=tom.series)
    plan_url = visiting.plan.get_absolute_url()
    assert (event.series.managed_by, event.series.managed_url) == ("visit_plan", plan_url)
    coordinator = signed_in_client(visiting.coordinator)  # the organiser, who could edit it

    page = coordinator.get(event.get_absolute_url()).content.decode()
    link = f'<a class="btn btn-outline-primary" href="{plan_url}">Managed in the visit plan</a>'
    assert link in page
    assert reverse("meetings:event_edit", args=[event.pk]) not in page
    assert reverse("meetings:event_cancel", args=[event.pk]) not in page
    series_page = coordinator.get(event.series.get_absolute_url()).content.decode()
    assert f'href="{plan_url}">Managed in the visit plan</a>' in series_page
    visitor_page = signed_in_client(visiting.teacher).get(event.get_absolute_url())
    assert f'href="{plan_url}">Managed in the visit plan</a>' in visitor_page.content.decode()

    edit = coordinator.get(reverse("meetings:event_edit", args=[event.pk]))
    assert edit.status_code == 403
    assert "Managed in the visit plan: change or cancel it there" in edit.content.decode()
    posted = coordinator.post(
        reverse("meetings:event_edit", args=[event.pk]), {"title": "Elsewhere", "save": "1"}
    )
    assert posted.status_code == 403
    cancel = coordinator.post(reverse("meetings:event_cancel", args=[event.pk]), {"scope": "all"})
    assert cancel.status_code == 403
    title = event.title
    event.refresh_from_db()
    assert not event.cancelled and event.sequence == 0 and event.title == title


def test_a_visit_from_an_open_classroom_is_managed_on_its_page(visiting: Visiting):
    from kinship.visits.services.calendar import visit_event_create

    visit = Visit.objects.create(
        family=visiting.family, source=Visit.Source.RECORDED, visitor=visiting.teacher,
        visitor_school=visiting.second_school, host_school=visiting.school, date=D(2032, 3, 2),
        start_time=visiting.plan.visit_start, end_time=visiting.plan.visit_end,
        status=Visit.Status.ACCEPTED,
    )  # fmt: skip
    series = visit_event_create(actor=visiting.head, visit=visit)
    assert (series.managed_by, series.managed_url) == ("visit", visit.get_absolute_url())
    event = series.events.get()
    response = signed_in_client(visiting.head).post(
        reverse("meetings:event_cancel", args=[event.pk]), {"scope": "one"}
    )
    assert response.status_code == 403
    assert "Managed on the visit&#x27;s page" in response.content.decode()


def test_visit_series_made_before_the_marker_are_marked_by_the_migration(
    solved, django_capture_on_commit_callbacks
):
    from importlib import import_module

    from django.apps import apps

    visiting, solve = solved
    publish(visiting, solve(), django_capture_on_commit_callbacks)
    Series.objects.update(managed_by="", managed_url="")
    own = Series.objects.create(
        family=visiting.family, title="Network meeting", kind=EventKind.VISIT_DAY,
        start_time=visiting.plan.visit_start, end_time=visiting.plan.visit_end,
        first_date=COMMON_DAY, until=COMMON_DAY, organiser=visiting.coordinator,
    )  # fmt: skip
    migration = import_module("kinship.visits.migrations.0002_visit_series_managed_by")
    migration.mark_visit_series(apps, None)
    plan_url = visiting.plan.get_absolute_url()
    marked = set(Series.objects.exclude(pk=own.pk).values_list("managed_by", "managed_url"))
    assert marked == {("visit_plan", plan_url)}
    own.refresh_from_db()
    assert own.managed_by == ""  # a "Visit day" the meetings pages made stays theirs


def test_publishing_the_same_plan_again_changes_nothing_and_tells_nobody(
    solved, django_capture_on_commit_callbacks
):
    visiting, solve = solved
    run = solve()
    publish(visiting, run, django_capture_on_commit_callbacks)
    before = list(Event.objects.order_by("pk").values_list("pk", "date", "sequence", "cancelled"))
    calendars = list(TermCalendar.objects.order_by("pk").values_list("pk", "updated_at"))
    mail.outbox.clear()
    url = reverse("visits:plan_publish", args=[visiting.plan.pk, run.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in_client(visiting.coordinator).post(url, follow=True)
    assert "Published: nothing had changed" in response.content.decode()
    assert mail.outbox == []
    assert Visit.objects.count() == 3 and Series.objects.count() == 3
    after = list(Event.objects.order_by("pk").values_list("pk", "date", "sequence", "cancelled"))
    assert after == before
    assert list(TermCalendar.objects.order_by("pk").values_list("pk", "updated_at")) == calendars


def test_a_visit_taken_off_is_cancelled_in_the_feed_and_a_later_plan_can_put_it_back(
    solved, django_capture_on_commit_callbacks
):
    visiting, solve = solved
    publish(visiting, solve(), django_capture_on_commit_callbacks)
    ali = Visit.objects.get(visitor=visiting.alder_teacher)
    event = Event.objects.get(series=ali.series)
    services.staff_preference_save(
        actor=visiting.alder_teacher, plan=visiting.plan, school=visiting.school, will_visit=False
    )
    second = solve()
    expected = publish_summary(publish_preview(visiting.plan, second))
    assert "1 cancelled" in expected or "1 visit cancelled" in expected
    url = reverse("visits:plan_publish", args=[visiting.plan.pk, second.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in_client(visiting.coordinator).post(url, follow=True)
    assert escape(expected) in response.content.decode()
    # Ali's calendar app is told: the same UID, cancelled, with a higher SEQUENCE.
    feed = feed_calendar(visiting.alder_teacher, events_invited_to(visiting.alder_teacher))
    [entry] = [
        item
        for item in icalendar.Calendar.from_ical(feed).walk("VEVENT")
        if str(item["UID"]) == f"event-{event.uid}@kinship"
    ]
    assert (str(entry["STATUS"]), str(entry["SEQUENCE"])) == ("CANCELLED", "1")

    # Ali opts back in and the re-solve places her as before: she is put back, once.
    services.staff_preference_save(
        actor=visiting.alder_teacher, plan=visiting.plan, school=visiting.school,
        will_visit=True, choices=[visiting.shared_school],
    )  # fmt: skip
    services.plan_pin_visit(  # equally good days are a toss-up between solver threads
        actor=visiting.coordinator, plan=visiting.plan, person=visiting.alder_teacher,
        host=ali.host_school, day=ali.date,
    )  # fmt: skip
    third = solve()
    preview = publish_preview(visiting.plan, third)
    change = next(c for c in preview.visits if c.visitor == visiting.alder_teacher)
    assert (change.change, change.host_school, change.date) == ("new", ali.host_school, ali.date)
    publish(visiting, third, django_capture_on_commit_callbacks)
    back = Visit.objects.get(visitor=visiting.alder_teacher, status=Visit.Status.ACCEPTED)
    assert back.pk != ali.pk and not Event.objects.get(series=back.series).cancelled
    assert publish_summary(preview).startswith("Published: 1 visit added")


def test_a_visit_one_side_called_off_stays_off_when_the_plan_still_has_it(
    solved, django_capture_on_commit_callbacks
):
    visiting, solve = solved
    run = solve()
    publish(visiting, run, django_capture_on_commit_callbacks)
    ali = Visit.objects.get(visitor=visiting.alder_teacher)
    visit_cancel(actor=visiting.alder_teacher, visit=ali)
    # CP-SAT on several threads may pick any of equally good days; the pin makes "the plan
    # still has it" hold on every run rather than on most.
    services.plan_pin_visit(
        actor=visiting.coordinator, plan=visiting.plan, person=visiting.alder_teacher,
        host=ali.host_school, day=ali.date,
    )  # fmt: skip
    preview = publish_preview(visiting.plan, solve())
    change = next(c for c in preview.visits if c.visitor == visiting.alder_teacher)
    assert change.change == "called off"


def test_a_visit_moved_to_another_school_reaches_its_new_host_once(
    solved, django_capture_on_commit_callbacks
):
    visiting, solve = solved
    publish(visiting, solve(), django_capture_on_commit_callbacks)
    services.plan_pin_visit(
        actor=visiting.coordinator, plan=visiting.plan, person=visiting.teacher,
        host=visiting.school,
    )  # fmt: skip
    second = solve()
    mail.outbox.clear()
    publish(visiting, second, django_capture_on_commit_callbacks)
    tom = Visit.objects.get(visitor=visiting.teacher)
    assert tom.host_school == visiting.school
    # Alder's lead, the new host side, gets the visit once; Tom gets the update once.
    sent = [m.to[0] for m in mail.outbox if "Tom Teacher" in m.subject]
    assert sorted(sent) == ["head@a1.test", "teacher@a2.test"]


def test_the_publish_message_names_only_what_changed(solved):
    visiting, solve = solved
    run = solve()
    preview = publish_preview(visiting.plan, run)
    assert publish_summary(preview) == (
        "Published: 3 schools' heads asked to accept new term dates, and 3 visits wait for "
        "the answers."
    )
    preview.visits[0].change, preview.visits[1].change = "moved", "cancelled"
    preview.inset = []
    assert publish_summary(preview) == "Published: 1 visit added, 1 moved, 1 cancelled."


def _counts(school) -> tuple[int, int]:
    calendar = calendar_for(school, 2031)
    assert calendar is not None
    year = term_year_of(calendar)
    return year.pupil_days, year.inset_days


def test_publishing_moves_inset_days_and_never_adds_one(solved, django_capture_on_commit_callbacks):
    """Issue 18: each school keeps its pupil days and INSET days; the days its lead let move
    are pupil days again, and the preview says which moved where."""
    visiting, solve = solved
    schools = (visiting.school, visiting.second_school, visiting.shared_school)
    before = {school.pk: _counts(school) for school in schools}
    run = solve()
    preview = publish_preview(visiting.plan, run)
    assert preview.problems == []
    birch = next(c for c in preview.inset if c.school == visiting.second_school)
    assert set(birch.moved) == set(SUMMER_INSETS)
    assert any("Mon 7 Jun 2032 moves to" in line for line in birch.moves)
    shown = signed_in_client(visiting.coordinator).get(
        reverse("visits:plan_publish", args=[visiting.plan.pk, run.pk])
    )
    assert "keeps its pupil days and INSET days: Mon 7 Jun 2032 moves to" in unescape(
        shown.content.decode()
    )
    publish(visiting, run, django_capture_on_commit_callbacks)
    for school in schools:
        assert _counts(school) == before[school.pk], school.name
        assert not set(SUMMER_INSETS) & inset_of(school)
    # Publishing again shows nothing to change.
    page = signed_in_client(visiting.coordinator).get(
        reverse("visits:plan_publish", args=[visiting.plan.pk, run.pk])
    )
    assert page.status_code == 200


def test_a_school_whose_lead_lets_no_day_move_stops_publishing_and_is_named(
    visiting: Visiting, django_capture_on_commit_callbacks
):
    services.staff_preference_save(
        actor=visiting.teacher, plan=visiting.plan, school=visiting.second_school,
        will_visit=True, choices=[visiting.shared_school],
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        run = solve_run_start(actor=visiting.coordinator, plan=visiting.plan)
    run.refresh_from_db()
    before = inset_of(visiting.second_school)
    preview = publish_preview(visiting.plan, run)
    assert any(
        problem.startswith("Birch Primary School would need 2 INSET days")
        and "has let none move" in problem
        for problem in preview.problems
    ), preview.problems
    with pytest.raises(ValidationError):
        plan_publish(actor=visiting.coordinator, plan=visiting.plan, run=run)
    assert inset_of(visiting.second_school) == before


def test_a_lead_chooses_which_of_the_schools_own_inset_days_may_move(visiting: Visiting):
    url = reverse("visits:plan_school", args=[visiting.plan.pk, visiting.school.urn])
    client = signed_in_client(visiting.head)
    page = client.get(url).content.decode()
    assert "Our INSET days the plan may move" in page and "Mon 7 Jun 2032" in page
    state = selectors.school_state(visiting.plan, visiting.school)
    data = {
        "takes_part": "on",
        "candidates": [day.isoformat() for day in state.candidates],
        "reschedulable": ["2032-06-07"],
        "edit_version": "",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    state = selectors.school_state(visiting.plan, visiting.school)
    assert state.row is not None and state.row.reschedulable_insets == ["2032-06-07"]
    with pytest.raises(ValidationError, match="not one of Alder Primary School's own INSET"):
        services.plan_school_update(
            actor=visiting.head, plan=visiting.plan, school=visiting.school, takes_part=True,
            inset_days=None, host_capacity=None, excluded=[], reschedulable=[D(2032, 3, 2)],
        )  # fmt: skip


def test_a_day_moved_for_the_plan_goes_back_when_a_later_publish_no_longer_needs_it(
    solved, django_capture_on_commit_callbacks
):
    """The coordinator drops the common day: the summer day that made way for it is an INSET
    day again, with its own label, and the school's counts are what they were."""
    from kinship.visits.tests.conftest import plan_fields

    visiting, solve = solved
    publish(visiting, solve(), django_capture_on_commit_callbacks)
    birch = visiting.second_school
    assert not set(SUMMER_INSETS) & inset_of(birch)
    counts = _counts(birch)
    services.visit_plan_update(
        actor=visiting.coordinator, plan=visiting.plan,
        fields=plan_fields(common_inset_date=None),
    )  # fmt: skip
    visiting.plan.refresh_from_db()
    run = solve()
    preview = publish_preview(visiting.plan, run)
    assert preview.problems == []
    change = next(c for c in preview.inset if c.school == birch)
    assert [closure.date for closure in change.restore] == [D(2032, 7, 21)]
    publish(visiting, run, django_capture_on_commit_callbacks)
    days = inset_of(birch)
    assert D(2032, 7, 21) in days and D(2032, 6, 7) not in days and COMMON_DAY not in days
    assert _counts(birch) == counts
    calendar = calendar_for(birch, 2031)
    assert calendar is not None
    labels = {c.date: c.label for c in term_year_of(calendar).closures}
    assert labels[D(2032, 7, 21)] == "INSET day"
    moved = PublishedInset.objects.filter(plan=visiting.plan, school=birch, kind="moved")
    assert list(moved.values_list("date", flat=True)) == [D(2032, 6, 7)]


def test_a_re_solve_after_publishing_and_one_new_pin_changes_only_what_the_pin_forces(
    solved, django_capture_on_commit_callbacks
):
    visiting, solve = solved
    first = solve()
    publish(visiting, first, django_capture_on_commit_callbacks)
    assert first.result is not None
    birch = visiting.second_school.name
    new_day = next(
        day
        for day in selectors.school_state(visiting.plan, visiting.second_school).candidates
        if day.isoformat() not in first.result["inset"][birch]
    )
    services.plan_pin_inset(
        actor=visiting.coordinator, plan=visiting.plan, school=visiting.second_school, day=new_day
    )
    second = solve()
    assert second.problem["published"] == {
        "inset": first.result["inset"],
        "visits": [
            {"staff": v["staff"], "host": v["host"], "date": v["date"]}
            for v in first.result["visits"]
        ],
    }
    result = second.result
    assert result is not None
    # Only Birch's day moves, and only visits from or to Birch with it; nothing is given up.
    assert result["changes"]["inset"] == [
        {"school": birch, "from": first.result["inset"][birch], "to": [new_day.isoformat()]}
    ]
    assert {k: v for k, v in result["inset"].items() if k != birch} == {
        k: v for k, v in first.result["inset"].items() if k != birch
    }
    staff_school = {p["id"]: p["school"] for p in second.problem["staff"]}
    for change in result["changes"]["visits"]:
        touched = {staff_school[change["staff"]]} | {
            place["host"] for place in (change["from"], change["to"]) if place
        }
        assert birch in touched, change
    unpublished = {k: v for k, v in second.problem.items() if k != "published"}
    anyway = rota.solve(rota.parse_problem(unpublished))
    assert (result["placed"], result["points"], result["max_hosted_per_day"]) == (
        anyway.placed,
        anyway.points,
        anyway.max_hosted_per_day,
    )


def test_accepting_locks_the_plan_before_the_proposal(solved):
    """Publishing locks the plan, then the plan's pending proposals (superseding them);
    accepting locked the proposal, then the plan: a head accepting while the coordinator
    re-publishes could deadlock on PostgreSQL, and one of them saw an error page."""
    visiting, solve = solved
    plan_publish(actor=visiting.coordinator, plan=visiting.plan, run=solve())
    proposal = TermDateProposal.objects.filter(plan=visiting.plan, status="pending").first()
    assert proposal is not None
    with CaptureQueriesContext(connection) as queries:
        proposal_accept(actor=visiting.coordinator, proposal=proposal)
    if connection.vendor == "postgresql":  # SQLite serialises writers and has no FOR UPDATE
        sql = [q["sql"] for q in queries.captured_queries if "FOR UPDATE" in q["sql"]]
        plan = next(i for i, s in enumerate(sql) if 'FROM "visits_visitplan"' in s)
        mine = next(i for i, s in enumerate(sql) if 'FROM "visits_termdateproposal"' in s)
        assert plan < mine
