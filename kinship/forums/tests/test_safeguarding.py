"""The DSL's side of issue 14: the queue's order and names, the append-only record, closing,
escalation after school hours, and safeguarding emails as a duty (no unsubscribe, no
pupil words, one email per burst)."""

from datetime import datetime, timedelta
from typing import Any
from unittest import mock
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_otp.plugins.otp_totp.models import TOTPDevice

from kinship.accounts.models import User
from kinship.accounts.services import user_create
from kinship.accounts.tests.conftest import current_code, enrolled
from kinship.conftest import PASSWORD, signed_in_client
from kinship.core.models import AuditEntry
from kinship.forums import services
from kinship.forums.models import (
    EscalationLevel,
    PostStatus,
    SafeguardingAction,
    SafeguardingLead,
    SafetyAlert,
)
from kinship.forums.selectors import alert_context, alerts_for
from kinship.forums.services.safeguarding import escalation_due
from kinship.forums.tests.conftest import Forum
from kinship.notifications.models import Notification
from kinship.notifications.services import notification_settings_update, unsubscribe
from kinship.notifications.tasks import send_duty_emails
from kinship.notifications.tokens import unsubscribe_token
from kinship.schools.models import SchoolRole
from kinship.schools.services import school_role_grant, term_calendar_save
from kinship.schools.tests.term_years import LANCASHIRE

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
DISCLOSURE = "my step dad hurts me when mum is out"
PHONE = "text me on 07700 900123"


def hold(
    forum: Forum, body: str, *, title: str = "Playtimes", pupil: User | None = None
) -> SafetyAlert:
    thread = services.thread_create(
        actor=pupil or forum.people.pupil, board=forum.pupil_board, title=title, body=body
    )
    post = thread.posts.get()
    assert post.status == PostStatus.HELD
    return SafetyAlert.objects.get(post=post)


def held_at(alert: SafetyAlert, when: datetime) -> SafetyAlert:
    """Test setup: the alert as if held at `when` (the clock is the one thing mocked)."""
    SafetyAlert.objects.filter(pk=alert.pk).update(created_at=when)
    alert.refresh_from_db()
    return alert


def deputy(forum: Forum) -> User:
    p = forum.people
    person = user_create(email="deputy@a1.test", display_name="Dee Deputy", password=PASSWORD)
    school_role_grant(actor=None, user=person, school=p.school, role=SchoolRole.Role.STAFF)
    services.safeguarding_lead_add(
        actor=p.head, school=p.school, user=person, role=SafeguardingLead.Role.DEPUTY
    )
    return person


# The queue and the alert page


def test_the_queue_puts_the_most_severe_first_then_the_oldest_and_names_the_pupil(forum):
    p = forum.people
    council = services.pupil_class_create(actor=p.head, school=p.school, name="Year 5 council")
    maya = services.pupil_create(
        actor=p.head,
        pupil_class=council,
        first_name="Maya",
        initial="B",
        login_name="maya.b",
        sign_in_with="password",
        password="tiger42",
    ).user
    phone = hold(forum, PHONE, title="Numbers")
    swear = hold(forum, "you are stupid", title="Games")
    disclosure = hold(forum, DISCLOSURE, title="Home", pupil=maya)
    held_at(disclosure, disclosure.created_at - timedelta(hours=3, minutes=5))
    older_phone = held_at(hold(forum, "ring 07700 900456", title="More"), phone.created_at)
    held_at(phone, phone.created_at + timedelta(minutes=1))
    assert (disclosure.category, disclosure.severity) == ("abuse", 3)
    assert (phone.category, phone.severity) == ("personal_data", 2)
    assert {r["category"] for r in disclosure.reasons} == {"abuse"}
    assert set(disclosure.reasons[0]) == {"kind", "excerpt", "category"}
    order = list(alerts_for(p.head).values_list("pk", flat=True))
    assert order == [disclosure.pk, older_phone.pk, phone.pk, swear.pk]

    client = signed_in_client(p.head)
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/forums/safeguarding/").content.decode()
    assert len(queries) < 25  # no query per row
    first_row = page.split('id="open-alerts"')[1].split("<tr>")[2]
    assert "Maya" in first_row and "maya.b" in first_row  # display name and login name
    assert "Alder Primary School" in first_row and "Year 5 council" in first_row
    assert "Abuse (physical, sexual, emotional or domestic)" in first_row
    assert "held 3\xa0hours ago" in first_row and "High" in first_row
    assert "held just now" in page
    assert DISCLOSURE not in page  # the queue names, it does not quote


def test_the_alert_page_shows_the_thread_around_the_post_and_other_waiting_posts(forum):
    p = forum.people
    thread = services.thread_create(
        actor=p.head, board=forum.pupil_board, title="Playtimes", body="What would help?"
    )
    for n in range(5):
        services.post_reply(actor=p.head, thread=thread, body=f"Earlier reply {n}")
    waiting = services.post_reply(actor=p.pupil, thread=thread, body="A buddy bench")
    held = services.post_reply(actor=p.pupil, thread=thread, body=DISCLOSURE)
    services.post_reply(actor=p.head, thread=thread, body="Later reply")
    around = alert_context(held.alert)
    assert around.opening is not None and around.opening.body == "What would help?"
    assert [post.body for post in around.before] == [
        "Earlier reply 3",
        "Earlier reply 4",
        "A buddy bench",
    ]
    assert around.skipped_before == 3 and [post.body for post in around.after] == ["Later reply"]
    page = signed_in_client(p.head).get(held.alert.get_absolute_url()).content.decode()
    assert DISCLOSURE in page and "This alert's post" in page
    assert "Waiting for a teacher's approval" in page and waiting.body in page
    assert "3 earlier replies not shown" in page
    assert AuditEntry.objects.filter(action="forums.safety_read").exists()


def test_only_the_schools_safeguarding_leads_see_the_queue_and_its_alerts(forum):
    p = forum.people
    alert = hold(forum, DISCLOSURE)
    # Fellside's head, named DSL of their own school, sees their (empty) queue, not Alder's.
    services.safeguarding_lead_add(actor=p.outsider, school=p.other_school, user=p.outsider)
    assert not alerts_for(p.outsider).exists()
    outsider = signed_in_client(p.outsider)
    assert outsider.get("/forums/safeguarding/").status_code == 200
    assert outsider.get(alert.get_absolute_url()).status_code == 404
    for person in (p.teacher, p.coordinator, p.admin):
        assert signed_in_client(person).get("/forums/safeguarding/").status_code == 403
        assert signed_in_client(person).get(alert.get_absolute_url()).status_code == 404
    assert signed_in_client(p.pupil).get("/forums/safeguarding/").status_code == 403
    with pytest.raises(PermissionDenied):
        services.safeguarding_action_record(actor=p.teacher, alert=alert, kind="other", note="x")


# A second factor before pupils' held writing (issue 15)


def password_only(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_dsl_without_a_second_factor_is_asked_to_set_one_up_then_comes_back(forum):
    p = forum.people
    alert = hold(forum, DISCLOSURE)
    TOTPDevice.objects.filter(user=p.head).delete()
    client = password_only(p.head)
    for url in ("/forums/safeguarding/", alert.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"/accounts/two-factor/?next={quote(url, safe='')}"
    setup = client.get("/accounts/two-factor/?next=/forums/safeguarding/")
    assert "held posts are shown only to people who sign in with a second factor" in (
        setup.content.decode()
    )
    device = TOTPDevice.objects.get(user=p.head, confirmed=False)
    done = client.post(
        "/accounts/two-factor/?next=/forums/safeguarding/", {"code": current_code(device)}
    )
    assert done["Location"] == "/forums/safeguarding/"
    assert DISCLOSURE in client.get(alert.get_absolute_url()).content.decode()


def test_a_dsl_with_a_device_gives_the_code_before_the_queue(forum):
    p = forum.people
    hold(forum, DISCLOSURE)
    device = enrolled(p.head)
    client = password_only(p.head)
    response = client.get("/forums/safeguarding/")
    assert response["Location"] == "/accounts/two-factor/verify/?next=/forums/safeguarding/"
    assert client.post(response["Location"], {"code": current_code(device)}).status_code == 302
    assert client.get("/forums/safeguarding/").status_code == 200


def test_held_posts_stay_out_of_the_thread_until_the_second_factor_is_given(forum):
    p = forum.people
    thread = services.thread_create(
        actor=p.head, board=forum.pupil_board, title="Playtimes", body="What would help?"
    )
    services.post_reply(actor=p.pupil, thread=thread, body=DISCLOSURE)
    TOTPDevice.objects.filter(user=p.head).delete()
    client = password_only(p.head)
    page = client.get(thread.get_absolute_url())
    assert page.status_code == 200 and DISCLOSURE not in page.content.decode()
    # Anyone with a device gives its code at sign-in (TwoFactorMiddleware); then they see it.
    device = enrolled(p.head)
    client.post("/accounts/two-factor/verify/", {"code": current_code(device)})
    assert DISCLOSURE in client.get(thread.get_absolute_url()).content.decode()


def test_a_dsl_cannot_turn_their_second_factor_off(forum):
    p = forum.people
    enrolled(p.head)
    client = signed_in_client(p.head)
    response = client.post("/accounts/two-factor/", {"password": PASSWORD})
    assert TOTPDevice.objects.filter(user=p.head, confirmed=True).exists()
    assert response.status_code in (200, 403)


# The record


def test_the_dsl_records_what_was_done_and_only_then_closes(forum):
    p = forum.people
    alert = hold(forum, DISCLOSURE)
    client = signed_in_client(p.head)
    response = client.post(f"{alert.get_absolute_url()}close/", {"outcome": "kept_hidden"})
    assert response.status_code == 302
    alert.refresh_from_db()
    assert alert.resolved_at is None  # nothing recorded yet: refused
    with pytest.raises(ValidationError):
        services.alert_close(actor=p.head, alert=alert, outcome="kept_hidden")
    response = client.post(alert.get_absolute_url(), {"kind": "spoke_to_pupil", "note": ""})
    assert response.status_code == 200 and not alert.actions.exists()
    note = "Spoke to Pip with the class teacher; logged on CPOMS."
    client.post(alert.get_absolute_url(), {"kind": "spoke_to_pupil", "note": note})
    client.post(alert.get_absolute_url(), {"kind": "spoke_to_pupil", "note": note})  # repeated
    [action] = SafeguardingAction.objects.filter(alert=alert)
    assert (action.actor_id, action.actor_name, action.kind) == (
        p.head.pk,
        "Hana Head",
        "spoke_to_pupil",
    )
    services.safeguarding_action_record(
        actor=p.head, alert=alert, kind="referred_social_care", note="Referred to MASH."
    )
    client.post(f"{alert.get_absolute_url()}close/", {"outcome": "kept_hidden"})
    alert.refresh_from_db()
    assert alert.outcome == "kept_hidden" and alert.resolved_by == p.head
    assert alert.post.status == PostStatus.DECLINED
    entries = AuditEntry.objects.filter(action="forums.safeguarding_action")
    assert entries.count() == 2
    assert not [
        e for e in AuditEntry.objects.all() if "step dad" in e.summary or "Pip" in e.summary
    ]
    page = client.get(alert.get_absolute_url()).content.decode()
    assert note in page and "Referred to MASH." in page and "Referred to children" in page


def test_the_record_cannot_be_changed_or_deleted_in_the_database(forum):
    p = forum.people
    alert = hold(forum, DISCLOSURE)
    action = services.safeguarding_action_record(
        actor=p.head, alert=alert, kind="no_concern", note="A story they read."
    )
    for change in (
        lambda: SafeguardingAction.objects.filter(pk=action.pk).update(note="edited"),
        lambda: SafeguardingAction.objects.filter(pk=action.pk).delete(),
        lambda: connection.cursor().execute(
            "UPDATE forums_safeguardingaction SET note = 'x' WHERE id = %s", [action.pk]
        ),
        lambda: connection.cursor().execute(
            "DELETE FROM forums_safeguardingaction WHERE id = %s", [action.pk]
        ),
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            change()
    action.refresh_from_db()
    assert action.note == "A story they read."
    assert connection.vendor in ("sqlite", "postgresql")


def test_old_alerts_get_categories_from_their_reason_kinds(forum):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("kinship.forums.migrations.0003_safeguarding_record")
    old = hold(forum, DISCLOSURE)
    SafetyAlert.objects.filter(pk=old.pk).update(
        reasons=[{"kind": "abuse", "excerpt": "x"}, {"kind": "disclosure", "excerpt": "y"}],
        category="",
        severity=0,
        resolved_at=old.created_at,
        action_taken="Spoke to them.",
    )
    phone = hold(forum, PHONE)
    SafetyAlert.objects.filter(pk=phone.pk).update(
        reasons=[{"kind": "phone", "excerpt": "07700"}], category="", severity=0
    )
    migration.fill_categories(apps, None)
    old.refresh_from_db()
    phone.refresh_from_db()
    assert (old.category, old.severity) == ("abuse", 3)
    assert [r["category"] for r in old.reasons] == ["offensive_language", "abuse"]
    assert (phone.category, phone.severity) == ("personal_data", 2)
    assert old.actions.get().note == "Spoke to them."


# Escalation


@pytest.fixture
def lancashire_terms(db: Any) -> None:
    term_calendar_save(actor=None, year=LANCASHIRE, la_name="Lancashire")


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=LONDON)


def test_escalation_counts_school_hours_across_a_holiday_and_an_inset_day(forum, lancashire_terms):
    # Alder follows Lancashire: half-term ends Fri 24 Oct 2031, back Mon 3 Nov, an INSET day.
    alert = held_at(hold(forum, DISCLOSURE), at(2031, 10, 24, 14, 45))
    assert escalation_due(alert, 1) == at(2031, 11, 4, 10, 15)
    assert escalation_due(alert, 2) == at(2031, 11, 4, 12, 15)


def test_escalation_counts_school_hours_across_a_weekend_and_after_school(forum, lancashire_terms):
    friday = held_at(hold(forum, DISCLOSURE), at(2031, 11, 7, 15, 0))
    assert escalation_due(friday, 1) == at(2031, 11, 10, 10, 30)
    evening = held_at(hold(forum, DISCLOSURE, title="Later"), at(2031, 11, 5, 18, 0))
    assert escalation_due(evening, 1) == at(2031, 11, 6, 10, 45)


def test_a_school_without_term_dates_counts_monday_to_friday(forum):
    alert = held_at(hold(forum, DISCLOSURE), at(2031, 10, 24, 14, 45))
    assert escalation_due(alert, 1) == at(2031, 10, 27, 10, 15)


def test_unacted_high_alerts_go_to_the_deputies_then_the_head_once_each(
    forum, lancashire_terms, django_capture_on_commit_callbacks, settings
):
    p = forum.people
    settings.DUTY_EMAIL_DELAY_SECONDS = 0
    dee = deputy(forum)
    alert = held_at(hold(forum, DISCLOSURE), at(2031, 11, 5, 9, 0))
    phone = held_at(hold(forum, PHONE, title="Numbers"), at(2031, 11, 5, 9, 0))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.alerts_escalate(now=at(2031, 11, 5, 10, 59)) == []
        [step] = services.alerts_escalate(now=at(2031, 11, 5, 11, 0))
        # A second run, and one that read the alert before the first raised it, do nothing.
        assert services.alerts_escalate(now=at(2031, 11, 5, 11, 5)) == []
        from kinship.forums.services.safeguarding import _escalate_step

        assert _escalate_step(alert, 0, at(2031, 11, 5, 11, 5)) is None
    assert (step.alert_id, step.level, step.told) == (alert.pk, 1, 1)
    alert.refresh_from_db()
    assert alert.escalation_level == EscalationLevel.DEPUTIES
    [email] = mail.outbox
    assert email.to == [dee.email] and "not yet acted on" in email.subject
    assert Notification.objects.filter(kind="forums.safety_escalation").count() == 1
    # The head: after as many school hours again.
    with django_capture_on_commit_callbacks(execute=True):
        [step] = services.alerts_escalate(now=at(2031, 11, 5, 13, 0))
        assert services.alerts_escalate(now=at(2031, 11, 6, 13, 0)) == []
    assert step.level == EscalationLevel.HEAD
    assert [m.to for m in mail.outbox[1:]] == [[p.head.email]]
    assert AuditEntry.objects.filter(action="forums.safety_escalate").count() == 2
    phone.refresh_from_db()
    assert phone.escalation_level == 0  # medium severity never escalates
    page = signed_in_client(p.head).get("/forums/safeguarding/").content.decode()
    assert "Escalated to the headteacher" in page


def test_an_alert_acted_on_is_not_escalated(forum):
    p = forum.people
    alert = held_at(hold(forum, DISCLOSURE), at(2031, 11, 5, 9, 0))
    services.safeguarding_action_record(
        actor=p.head, alert=alert, kind="spoke_to_pupil", note="Spoke to them at break."
    )
    assert services.alerts_escalate(now=at(2031, 11, 10, 9, 0)) == []


def test_the_head_sees_an_alert_once_it_escalates_to_them(forum):
    p = forum.people
    dee = deputy(forum)
    services.safeguarding_lead_add(
        actor=p.head, school=p.school, user=dee, role=SafeguardingLead.Role.DESIGNATED
    )
    # The head is not a safeguarding lead here.
    services.safeguarding_lead_remove(actor=p.head, lead=SafeguardingLead.objects.get(user=p.head))
    alert = held_at(hold(forum, DISCLOSURE), at(2031, 11, 5, 9, 0))
    head = signed_in_client(p.head)
    assert head.get(alert.get_absolute_url()).status_code == 404
    assert head.get("/forums/safeguarding/").status_code == 403
    steps = services.alerts_escalate(now=at(2031, 11, 6, 9, 0))
    assert [s.level for s in steps] == [1, 2]  # no deputies: the head at once, then again
    assert head.get(alert.get_absolute_url()).status_code == 200
    assert head.get("/forums/safeguarding/").status_code == 200


def test_the_command_escalates_with_the_clock(forum, lancashire_terms):
    alert = held_at(hold(forum, DISCLOSURE), at(2031, 11, 5, 9, 0))
    with mock.patch("django.utils.timezone.now", return_value=at(2031, 11, 5, 11, 30)):
        call_command("escalate_safeguarding_alerts", stdout=(out := __import__("io").StringIO()))
    assert "told the head (no deputies named) (1 told)" in out.getvalue()
    alert.refresh_from_db()
    assert alert.escalation_level == EscalationLevel.DEPUTIES


# Duty emails


def test_alert_emails_ignore_unsubscribes_and_carry_no_unsubscribe_or_pupil_words(
    forum, django_capture_on_commit_callbacks
):
    p = forum.people
    notification_settings_update(
        actor=p.head, frequency="never", mentions="never", emails_enabled=False
    )
    unsubscribe(token=unsubscribe_token(p.head))
    with pytest.raises(ValidationError):  # not a topic: a duty has no switch to turn off
        unsubscribe(token=unsubscribe_token(p.head, "forums.safety_alert"))
    with django_capture_on_commit_callbacks(execute=True):
        hold(forum, DISCLOSURE)
    [email] = [m for m in mail.outbox if m.to == [p.head.email]]
    assert "Alder Primary School" in email.subject and "1 pupil post held for you" in email.subject
    assert "List-Unsubscribe" not in email.extra_headers
    html = str(email.alternatives[0][0])  # type: ignore[attr-defined]
    for text in (email.subject, email.body, html):
        assert "step dad" not in text and "hurts" not in text and "Pip" not in text
        assert "unsubscribe" not in text.lower() or "cannot be turned off" in text
        assert "/notifications/unsubscribe/" not in text
    assert "/forums/safeguarding/" in email.body
    # The unsubscribe link of any other email does not stop the next alert either.
    client = signed_in_client(None)
    client.post(f"/notifications/unsubscribe/{unsubscribe_token(p.head)}/")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        hold(forum, PHONE, title="Numbers")
    assert [m.to for m in mail.outbox] == [[p.head.email]]
    assert "2 pupil posts held for you" in mail.outbox[0].subject


def test_a_burst_of_held_posts_is_one_email(forum, settings, django_capture_on_commit_callbacks):
    p = forum.people
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    with django_capture_on_commit_callbacks(execute=True):
        hold(forum, DISCLOSURE)
        hold(forum, PHONE, title="Numbers")
    with django_capture_on_commit_callbacks(execute=True):
        hold(forum, "you are stupid", title="Games")
    tasks = [r for r in default_task_backend.results if r.task.name == "send_duty_emails"]  # type: ignore[attr-defined]
    assert len(tasks) == 3 and all(r.task.run_after is not None for r in tasks)
    assert mail.outbox == []
    sent = [send_duty_emails.call(*r.args) for r in tasks]
    assert sent == [1, 0, 0]
    [email] = mail.outbox
    assert email.to == [p.head.email] and "3 pupil posts held for you" in email.subject
    assert "3 new alerts since the last email." in email.body
    assert not Notification.objects.filter(
        kind="forums.safety_alert", emailed_at__isnull=True
    ).exists()


def test_a_lost_duty_email_is_sent_by_the_cron_command(forum, settings):
    p = forum.people
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    hold(forum, DISCLOSURE)  # its task never runs (no on-commit here: a worker that died)
    later = Notification.objects.get(kind="forums.safety_alert").created_at + timedelta(minutes=6)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("escalate_safeguarding_alerts", stdout=__import__("io").StringIO())
        call_command("escalate_safeguarding_alerts", stdout=__import__("io").StringIO())
    assert [m.to for m in mail.outbox] == [[p.head.email]]
