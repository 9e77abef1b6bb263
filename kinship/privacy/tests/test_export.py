"""An export holds the person's own data and files, never another person's private words."""

import io
import json
import zipfile

from kinship.conftest import Personas, signed_in_client
from kinship.core.models import AuditEntry
from kinship.privacy.services import privacy_export
from kinship.tests.test_confidential_canary import CoachingCanary, coaching_canary  # noqa: F401


def _archive(people_user, actor=None) -> zipfile.ZipFile:
    data = privacy_export(actor=actor or people_user, user=people_user)
    return zipfile.ZipFile(io.BytesIO(data))


def _text(archive: zipfile.ZipFile) -> str:
    return "".join(archive.read(name).decode(errors="replace") for name in archive.namelist())


def test_the_export_holds_the_account_each_apps_json_and_is_audited(people: Personas):
    archive = _archive(people.teacher)
    names = set(archive.namelist())
    assert {"README.txt", "account.json", "audit.json", "schools.json", "families.json"} <= names
    account = json.loads(archive.read("account.json"))
    assert account["email"] == "teacher@a2.test" and account["display_name"] == "Tom Teacher"
    assert "password" not in account
    families = json.loads(archive.read("families.json"))
    assert families["CircleMembership.user"]  # Tom is in the Y6 teachers and the heads' room
    entry = AuditEntry.objects.filter(action="privacy.export").get()
    assert entry.object_id == str(people.teacher.pk) and entry.actor_id == people.teacher.pk


def test_the_export_never_holds_secrets(people: Personas):
    from kinship.meetings.services import calendar_settings_of

    token = calendar_settings_of(people.teacher).feed_token
    text = _text(_archive(people.teacher))
    assert token not in text and "pbkdf2" not in text and "feed_token" not in text


def test_a_pair_member_gets_their_own_words_and_files_not_the_other_members(
    people: Personas,
    coaching_canary: CoachingCanary,  # noqa: F811
):
    secret = coaching_canary.secret
    head_text = _text(_archive(coaching_canary.mentee))
    # Nell's own: her questions, goals, reflection and private journal.
    for own in (f"Question {secret}", f"Goal {secret}", f"Reflection {secret}",
                coaching_canary.journal_secret, f"Topic {secret}"):  # fmt: skip
        assert own in head_text, own
    # Tom's words in the same confidential space are his, not hers.
    for others in (f"Coach reflection {secret}", f"Progress {secret}", f"Note {secret}"):
        assert others not in head_text, others
    coach = _archive(people.teacher)
    coach_text = _text(coach)
    assert f"Coach reflection {secret}" in coach_text and f"Progress {secret}" in coach_text
    assert coaching_canary.journal_secret not in coach_text
    assert f"Question {secret}" not in coach_text  # the head's backlog is hers
    files = [name for name in coach.namelist() if name.startswith("files/mentoring.resource/")]
    assert files and coach.read(files[0]) == f"File {secret}".encode()


def test_another_persons_conflict_naming_you_is_not_exported(
    people: Personas,
    coaching_canary: CoachingCanary,  # noqa: F811
):
    from kinship.mentoring.models import Conflict, Participant

    nell = Participant.objects.get(user=coaching_canary.mentee)
    Conflict.objects.create(participant=nell, other=people.head, kind="line_manager")
    assert "Conflict" not in _text(_archive(people.head))
    assert '"kind": "line_manager"' in _text(_archive(coaching_canary.mentee))


def test_the_your_data_page_downloads_a_zip(people: Personas):
    client = signed_in_client(people.head)
    page = client.get("/privacy/your-data/")
    assert page.status_code == 200 and b"Download your data" in page.content
    assert b"/privacy/your-data/" in client.get("/accounts/profile/").content
    response = client.post("/privacy/your-data/download/")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert json.loads(archive.read("account.json"))["email"] == "head@a1.test"
    assert client.get("/privacy/your-data/download/").status_code == 405


def test_a_pupil_is_refused_the_your_data_page(people: Personas):
    client = signed_in_client(people.pupil)
    assert client.get("/privacy/your-data/").status_code == 403
    assert client.post("/privacy/your-data/download/").status_code == 403
    assert not AuditEntry.objects.filter(action="privacy.export").exists()
