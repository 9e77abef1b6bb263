"""privacy_export, privacy_erase and apply_retention on the command line."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from kinship.accounts.models import User
from kinship.conftest import PASSWORD, Personas
from kinship.core.models import AuditEntry
from kinship.forums.models import Post
from kinship.forums.services import pupil_board_create, thread_create
from kinship.privacy.services import FORMER_MEMBER, privacy_erase, retention_apply


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
    except SystemExit as exit:
        return int(exit.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("command", [["privacy_export"], ["privacy_erase", "--yes"]])
def test_an_unknown_address_is_one_line_on_stderr_and_exit_2(people: Personas, command):
    code, out, err = _run(*command, "nobody@nowhere.test")
    assert code == 2 and out == ""
    assert err.count("\n") <= 1 and "nobody@nowhere.test" in err


def test_privacy_export_writes_a_zip_and_is_audited(people: Personas, tmp_path):
    output = tmp_path / "tom.zip"
    code, out, _err = _run("privacy_export", "Teacher@A2.test", "--output", str(output))
    assert code == 0 and str(output) in out
    assert "account.json" in zipfile.ZipFile(output).namelist()
    assert AuditEntry.objects.filter(action="privacy.export", actor_id=None).count() == 1
    code, _out, err = _run("privacy_export", "teacher@a2.test", "--output", str(output))
    assert code == 2 and "cannot write" in err  # never overwrites a file


def test_privacy_erase_makes_a_former_member_who_cannot_sign_in(people: Personas, client):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=people.teacher, name="phone", confirmed=True)
    client.force_login(people.teacher)
    code, out, _err = _run("privacy_erase", "teacher@a2.test", "--yes")
    assert code == 0 and "Erased" in out
    tom = User.objects.get(pk=people.teacher.pk)
    assert tom.display_name == FORMER_MEMBER and tom.email.endswith("@erased.invalid")
    assert not tom.is_active and not tom.has_usable_password() and tom.erased_at
    assert not TOTPDevice.objects.filter(user=tom).exists()
    assert client.get("/accounts/profile/").status_code == 302  # the session is gone
    assert not tom.check_password(PASSWORD)
    entry = AuditEntry.objects.get(action="privacy.erase")
    assert "teacher@a2.test" not in f"{entry.summary} {entry.detail} {entry.actor_email}"
    code, _out, err = _run("privacy_erase", tom.email, "--yes")
    assert code == 2 and "erased already" in err


def test_privacy_erase_asks_first(people: Personas, monkeypatch):
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    code, _out, err = _run("privacy_erase", "teacher@a2.test")
    assert code == 2 and "nothing erased" in err
    code, _out, err = _run("privacy_erase", "odd\nname@a2.test", "--yes")
    assert code == 2 and err.count("\n") == 1 and "odd\\nname" in err
    assert User.objects.get(pk=people.teacher.pk).erased_at is None


def test_a_pupils_posts_are_kept_for_review_then_deleted(people: Personas, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    board = pupil_board_create(
        actor=people.head, family=people.family, title="Playtimes", topic="Better playtimes?",
        schools=[people.school],
    )  # fmt: skip
    thread = thread_create(actor=people.pupil, board=board, title="Benches", body="More benches")
    staff = thread_create(actor=people.head, board=board, title="Welcome", body="Hello all")
    privacy_erase(actor=None, user=people.pupil)
    assert Post.objects.filter(thread=thread).exists()  # kept for the school's review
    assert retention_apply() == 0
    later = timezone.now() + timedelta(days=settings.PUPIL_POST_RETENTION_DAYS + 1)
    assert retention_apply(now=later) == 1
    assert not Post.objects.filter(thread=thread).exists()
    assert Post.objects.filter(thread=staff).exists()
    assert retention_apply(now=later) == 0  # safe to repeat
    code, out, _err = _run("apply_retention")
    assert code == 0 and "Deleted 0" in out


def test_a_staff_members_posts_stay_as_a_former_members(people: Personas):
    from kinship.forums.services import family_board_create

    board = family_board_create(actor=people.coordinator, family=people.family, title="Staffroom")
    thread = thread_create(actor=people.teacher, board=board, title="Marking", body="Ideas?")
    privacy_erase(actor=None, user=people.teacher)
    later = timezone.now() + timedelta(days=3650)
    assert retention_apply(now=later) == 0
    author = Post.objects.get(thread=thread).author
    assert author is not None and author.display_name == FORMER_MEMBER


def test_the_audit_log_keeps_its_entries_and_shows_a_former_member(people: Personas):
    from kinship.conftest import signed_in_client
    from kinship.core.audit import stored_entries
    from kinship.core.chain import chain_problems

    before = AuditEntry.objects.filter(summary__contains="teacher@a2.test")
    written = list(before.values_list("pk", "summary", "actor_email"))
    assert written  # Tom's role and circles were granted by address
    privacy_erase(actor=people.admin, user=people.teacher)
    assert list(before.values_list("pk", "summary", "actor_email")) == written  # unchanged
    assert list(chain_problems(stored_entries())) == []
    admin = signed_in_client(people.admin)
    for url in (
        "/audit/",
        "/admin/core/auditentry/",
        f"/admin/core/auditentry/{written[0][0]}/change/",
    ):
        body = admin.get(url).content.decode()
        assert FORMER_MEMBER in body and "teacher@a2.test" not in body, url


def test_a_pupils_safeguarding_record_is_retained(people: Personas, settings):
    from kinship.forums.models import PupilClass, PupilProfile, SafetyAlert
    from kinship.forums.services import safeguarding_lead_add

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    safeguarding_lead_add(actor=people.head, school=people.school, user=people.head)
    board = pupil_board_create(
        actor=people.head, family=people.family, title="Playtimes", topic="Better playtimes?",
        schools=[people.school],
    )  # fmt: skip
    group = PupilClass.objects.create(school=people.school, name="Council")
    PupilProfile.objects.create(
        user=people.pupil, pupil_class=group, login_name="pip", sign_in_with="password"
    )
    thread = thread_create(
        actor=people.pupil, board=board, title="Home", body="my step dad hurts me when mum is out"
    )
    alert = SafetyAlert.objects.get(post__thread=thread)
    privacy_erase(actor=None, user=people.pupil)
    later = timezone.now() + timedelta(days=settings.PUPIL_POST_RETENTION_DAYS + 1)
    retention_apply(now=later)
    assert SafetyAlert.objects.filter(pk=alert.pk).exists() and alert.post.pk
    assert Post.objects.filter(pk=alert.post.pk).exists()
    assert PupilProfile.objects.get(user=people.pupil).login_name == "pip"
    assert not User.objects.get(pk=people.pupil.pk).is_active
