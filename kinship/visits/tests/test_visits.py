"""Open classrooms and visits all year: offer, ask with a focus question, answer (the visit
lands in both calendars), arrange, call off; the visitor's school declares them cleared."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from kinship.core.models import AuditEntry
from kinship.meetings.models import Event
from kinship.meetings.selectors import events_invited_to
from kinship.visits.models import ClearanceDeclaration, Visit
from kinship.visits.selectors import visits as selectors
from kinship.visits.services import clearances, visits
from kinship.visits.services.clearances import current_declaration
from kinship.visits.tests.conftest import Visiting

pytestmark = pytest.mark.django_db
D = date
TUESDAY = D(2032, 3, 2)  # Cedar in session; Lancashire schools too


def offer_fields(visiting: Visiting, **changes: Any) -> visits.OfferFields:
    values: dict[str, Any] = {
        "school": visiting.shared_school, "year_group": "y2", "subject": "early_reading",
        "focus": "Segmenting and blending", "weekdays": [1, 3], "session": "morning",
        "room": "Class 2", "places": 1,
    }  # fmt: skip
    values.update(changes)
    return visits.OfferFields(**values)


@pytest.fixture
def offer(visiting: Visiting):
    return visits.open_classroom_create(actor=visiting.cedar_teacher, fields=offer_fields(visiting))


def ask(visiting: Visiting, offer, day=TUESDAY, who=None, capture=None) -> Visit:
    person = who or visiting.teacher
    return visits.visit_request(
        actor=person, offer=offer, day=day, focus_question="How do you keep the pace up?"
    )


def test_an_open_classroom_reads_as_teachers_say_it(offer):
    assert offer.summary == "Y2 phonics, Tue and Thu mornings"
    assert AuditEntry.objects.filter(action="visits.offer_create").exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"focus": " "}, "focus"), ({"weekdays": []}, "weekdays"), ({"weekdays": [5]}, "weekdays"),
     ({"places": 0}, "places")],
)  # fmt: skip
def test_an_offer_must_say_what_and_when(visiting: Visiting, changes, field):
    with pytest.raises(ValidationError) as caught:
        visits.open_classroom_create(
            actor=visiting.cedar_teacher, fields=offer_fields(visiting, **changes)
        )
    assert field in caught.value.message_dict


def test_only_staff_of_the_school_offer_its_classrooms(visiting: Visiting):
    with pytest.raises(ValidationError, match="where you work"):
        visits.open_classroom_create(actor=visiting.teacher, fields=offer_fields(visiting))


def test_a_request_asks_the_host_by_email(
    visiting: Visiting, offer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        visit = ask(visiting, offer)
    assert (visit.status, visit.visitor_school, visit.host) == (
        "requested",
        visiting.second_school,
        visiting.cedar_teacher,
    )
    assert (visit.start_time.hour, visit.end_time.hour, visit.room) == (9, 12, "Class 2")
    assert visit.family == visiting.family
    [email] = mail.outbox
    assert (
        email.to == ["y6@a3.test"]
        and "Tom Teacher would like to visit on Tue 2 Mar 2032" in email.subject
    )
    assert "How do you keep the pace up?" in email.body


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (D(2032, 3, 3), "not one of those days"),  # a Wednesday
        (D(2032, 2, 24), "pupils are not in"),  # Cedar's half-term
        (date.today(), "after today"),
    ],
)
def test_a_request_for_a_day_that_cannot_work_is_refused(visiting: Visiting, offer, day, message):
    with pytest.raises(ValidationError, match=message):
        ask(visiting, offer, day=day)


def test_a_full_day_and_a_second_request_are_refused(visiting: Visiting, offer):
    ask(visiting, offer)
    with pytest.raises(ValidationError, match="full"):
        ask(visiting, offer, who=visiting.alder_teacher)


def test_nobody_asks_to_visit_their_own_or_an_unrelated_school(visiting: Visiting, offer):
    with pytest.raises(ValidationError, match="your own"):
        ask(visiting, offer, who=visiting.cedar_teacher)
    from kinship.visits.tests.conftest import staff_member

    stranger = staff_member("y1@maple.test", "Mo Maple", visiting.maple)
    with pytest.raises(ValidationError, match="shares a family"):
        ask(visiting, offer, who=stranger)
    # Fellside shares Cedar's other family, so its head may come.
    assert ask(visiting, offer, who=visiting.outsider).visitor_school == visiting.other_school


def test_accepting_puts_the_visit_in_both_calendars(
    visiting: Visiting, offer, django_capture_on_commit_callbacks
):
    visit = ask(visiting, offer)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        visits.visit_respond(
            actor=visiting.cedar_teacher, visit=visit, accept=True, note="Office at 8.50"
        )
    visit.refresh_from_db()
    assert visit.status == "accepted" and visit.series is not None
    event = Event.objects.get(series=visit.series)
    assert event in events_invited_to(visiting.teacher)
    assert event in events_invited_to(visiting.cedar_teacher)
    assert event.host_school == visiting.shared_school and event.room == "Class 2"
    recipients = {message.to[0] for message in mail.outbox}
    assert "teacher@a2.test" in recipients  # the answer, and the calendar invitation
    answer = next(m for m in mail.outbox if m.subject.startswith("Your visit"))
    assert "agreed" in answer.subject and "Office at 8.50" in answer.body
    with pytest.raises(ValidationError, match="answered already"):
        visits.visit_respond(actor=visiting.cedar_teacher, visit=visit, accept=False)


def test_declining_leaves_calendars_alone(visiting: Visiting, offer):
    visit = visits.visit_respond(
        actor=visiting.cedar_teacher, visit=ask(visiting, offer), accept=False
    )
    assert visit.status == "declined" and visit.series is None
    assert not events_invited_to(visiting.teacher).exists()


def test_arranging_and_calling_off_tell_both_calendars(visiting: Visiting, offer):
    visit = visits.visit_respond(
        actor=visiting.cedar_teacher, visit=ask(visiting, offer), accept=True
    )
    visits.visit_arrange(
        actor=visiting.cedar_teacher, visit=visit, room="Hall", host=visiting.cedar_teacher
    )
    event = Event.objects.get(series=visit.series)
    assert (event.room, event.sequence) == ("Hall", 1)
    with pytest.raises(ValidationError, match="does not work at"):
        visits.visit_arrange(
            actor=visiting.cedar_teacher, visit=visit, room="", host=visiting.teacher
        )
    visits.visit_cancel(actor=visiting.teacher, visit=visit)
    event.refresh_from_db()
    assert event.cancelled and Visit.objects.get(pk=visit.pk).status == "cancelled"
    with pytest.raises(ValidationError):
        visits.visit_cancel(actor=visiting.teacher, visit=visit)


def test_a_visit_arranged_outside_kinship_can_be_recorded_afterwards(visiting: Visiting):
    from django.utils import timezone

    day = timezone.localdate() - timedelta(days=1)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    visit = visits.visit_record(actor=visiting.teacher, host_school=visiting.school, day=day)
    assert (visit.status, visit.source, visit.visitor_school) == (
        "accepted",
        "recorded",
        visiting.second_school,
    )
    with pytest.raises(ValidationError, match="recorded already"):
        visits.visit_record(actor=visiting.teacher, host_school=visiting.school, day=day)
    with pytest.raises(ValidationError, match="once it has happened"):
        visits.visit_record(actor=visiting.teacher, host_school=visiting.school, day=TUESDAY)
    with pytest.raises(ValidationError, match="share a family"):
        visits.visit_record(actor=visiting.teacher, host_school=visiting.maple, day=day)


# Clearance


def test_the_visitors_lead_declares_them_cleared_and_it_is_audited(visiting: Visiting):
    declaration = clearances.clearance_declare(
        actor=visiting.head, school=visiting.school, person=visiting.alder_teacher
    )
    assert "Ali Alder is a member of our staff" in declaration.wording
    assert "not given here" in declaration.wording
    entry = AuditEntry.objects.get(action="visits.clearance_declare")
    assert entry.detail == {"school": 100001, "person": visiting.alder_teacher.pk}
    field_names = {field.name for field in ClearanceDeclaration._meta.get_fields()}
    assert not {name for name in field_names if "certificate" in name or "dbs" in name}
    assert current_declaration(visiting.school.pk, visiting.alder_teacher.pk) == declaration
    # Declaring twice keeps the one declaration.
    assert (
        clearances.clearance_declare(
            actor=visiting.head, school=visiting.school, person=visiting.alder_teacher
        )
        == declaration
    )
    clearances.clearance_withdraw(actor=visiting.head, declaration=declaration)
    assert current_declaration(visiting.school.pk, visiting.alder_teacher.pk) is None
    assert AuditEntry.objects.filter(action="visits.clearance_withdraw").exists()
    with pytest.raises(ValidationError, match="already"):
        clearances.clearance_withdraw(actor=visiting.head, declaration=declaration)


def test_only_a_lead_declares_and_only_for_their_own_staff(visiting: Visiting):
    with pytest.raises(ValidationError, match="Only a lead"):
        clearances.clearance_declare(
            actor=visiting.alder_teacher, school=visiting.school, person=visiting.alder_teacher
        )
    with pytest.raises(ValidationError, match="not on the staff"):
        clearances.clearance_declare(
            actor=visiting.head, school=visiting.school, person=visiting.teacher
        )


def test_a_declaration_lapses_when_the_person_leaves_the_school(visiting: Visiting):
    from kinship.schools.models import SchoolRole

    clearances.clearance_declare(
        actor=visiting.head, school=visiting.school, person=visiting.alder_teacher
    )
    SchoolRole.objects.filter(user=visiting.alder_teacher).delete()
    assert current_declaration(visiting.school.pk, visiting.alder_teacher.pk) is None


def test_the_sign_in_sheet_lists_the_days_visitors_with_their_clearance(visiting: Visiting, offer):
    visits.visit_respond(actor=visiting.cedar_teacher, visit=ask(visiting, offer), accept=True)
    other = visits.open_classroom_create(
        actor=visiting.cedar_teacher,
        fields=offer_fields(visiting, subject="maths", session="afternoon"),
    )
    visits.visit_respond(
        actor=visiting.cedar_teacher,
        visit=ask(visiting, other, who=visiting.alder_teacher),
        accept=True,
    )
    clearances.clearance_declare(
        actor=visiting.head, school=visiting.school, person=visiting.alder_teacher
    )
    sheet = selectors.sign_in_sheet(visiting.shared_school, TUESDAY)
    cleared = [(v.visitor.display_name, v.cleared) for v in sheet]  # type: ignore[attr-defined]
    assert cleared == [
        ("Tom Teacher", False),
        ("Ali Alder", True),
    ]
    assert selectors.hosting_days(visiting.shared_school, after=D(2032, 1, 1)) == [(TUESDAY, 2)]
