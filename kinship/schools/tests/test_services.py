"""gias_import and the school role services, against the real database."""

import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinship.accounts.services import user_create
from kinship.conftest import make_school
from kinship.core.models import AuditEntry
from kinship.schools import services
from kinship.schools.gias import GiasFileError
from kinship.schools.models import School, SchoolRole
from kinship.schools.services import (
    gias_import,
    school_role_grant,
    school_role_listing_set,
    school_role_revoke,
)
from kinship.schools.tests.conftest import gias_csv, gias_row

pytestmark = pytest.mark.django_db


def write(tmp_path, rows, name="edubasealldata.csv"):
    path = tmp_path / name
    path.write_bytes(gias_csv(rows))
    return path


def school_writes(queries):
    """INSERT and UPDATE statements on the schools table among captured queries."""
    table = School._meta.db_table
    return [
        q["sql"]
        for q in queries
        if table in q["sql"] and q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE"))
    ]


def test_first_import_creates_every_school_with_its_details(tmp_path):
    rows = [
        gias_row(100001, "Alder Primary School"),
        gias_row(100002, "Birch High School", **{"EstablishmentStatus (name)": "Closed"}),
    ]

    report = gias_import(path_or_file=write(tmp_path, rows))

    assert (report.created, report.updated, report.unchanged, report.skipped) == (2, 0, 0, [])
    alder = School.objects.get(urn=100001)
    assert alder.name == "Alder Primary School"
    assert alder.la_name == "Lancashire"
    assert alder.pupils == 210
    assert alder.fsm_percent == Decimal("12.5")
    assert alder.latitude == pytest.approx(54.0504, abs=0.001)
    assert alder.is_open is True
    assert len(alder.gias_digest) == 32
    assert alder.gias_updated_at is not None
    birch = School.objects.get(urn=100002)
    assert birch.is_open is False
    assert birch.status == "Closed"


def test_reimporting_the_same_file_writes_nothing_to_schools(tmp_path):
    path = write(tmp_path, [gias_row(100000 + n, f"School {n}") for n in range(30)])
    gias_import(path_or_file=path)
    stamp = School.objects.get(urn=100001).gias_updated_at

    with CaptureQueriesContext(connection) as ctx:
        report = gias_import(path_or_file=path)

    assert (report.created, report.updated, report.unchanged) == (0, 0, 30)
    assert school_writes(ctx.captured_queries) == []
    assert School.objects.get(urn=100001).gias_updated_at == stamp


def test_changed_rows_are_updated_and_only_they(tmp_path):
    gias_import(path_or_file=write(tmp_path, [gias_row(100001), gias_row(100002, "Birch")]))
    untouched = School.objects.get(urn=100002).gias_updated_at
    rows = [
        gias_row(
            100001,
            "Alder Primary Academy",
            NumberOfPupils="250",
            PercentageFSM="SUPP",
            Easting="",
            Northing="",
            **{"EstablishmentStatus (name)": "Closed", "Trusts (name)": "Bay Learning Trust"},
        ),
        gias_row(100002, "Birch"),
        gias_row(100003, "Cedar"),
    ]

    report = gias_import(path_or_file=write(tmp_path, rows, "next.csv"))

    assert (report.created, report.updated, report.unchanged) == (1, 1, 1)
    alder = School.objects.get(urn=100001)
    assert alder.name == "Alder Primary Academy"
    assert alder.pupils == 250
    assert alder.fsm_percent is None
    assert alder.is_open is False
    assert alder.trust_name == "Bay Learning Trust"
    assert (alder.easting, alder.latitude) == (None, None)
    assert School.objects.get(urn=100002).gias_updated_at == untouched


def test_an_existing_school_is_matched_by_urn_and_keeps_its_people(tmp_path, people):
    pk = people.school.pk

    report = gias_import(path_or_file=write(tmp_path, [gias_row(people.school.urn, "Alder CE")]))

    assert report.updated == 1
    school = School.objects.get(urn=people.school.urn)
    assert school.pk == pk
    assert school.name == "Alder CE"
    assert school.roles.filter(user=people.head).exists()
    # Schools the file does not mention are left as they were.
    assert School.objects.get(pk=people.other_school.pk).name == "Fellside Primary School"


def test_skipped_rows_are_reported_with_line_numbers(tmp_path):
    rows = [gias_row(100001), gias_row("abc", "Birch"), gias_row(100001, "Again")]

    report = gias_import(path_or_file=write(tmp_path, rows))

    assert report.created == 1
    assert [(row.line, row.urn) for row in report.skipped] == [(3, "abc"), (4, "100001")]
    assert "not a whole number" in report.skipped[0].reason
    assert School.objects.count() == 1


def test_one_audit_entry_records_the_counts_and_who(tmp_path, people):
    rows = [gias_row(people.school.urn), gias_row(900001, "New"), gias_row("x", "Bad")]
    before = AuditEntry.objects.filter(action="schools.import_gias").count()

    gias_import(path_or_file=write(tmp_path, rows), actor=people.admin)

    entries = AuditEntry.objects.filter(action="schools.import_gias")
    assert entries.count() == before + 1
    entry = entries.latest("id")
    assert entry.actor_email == people.admin.email
    assert entry.detail["created"] == 1
    assert entry.detail["updated"] == 1
    assert entry.detail["unchanged"] == 0
    assert entry.detail["skipped"] == 1
    assert entry.detail["skipped_rows"][0]["line"] == 4
    assert entry.detail["file"] == "edubasealldata.csv"
    assert "1 created, 1 updated" in entry.summary


@pytest.mark.parametrize(
    "data",
    [
        b"\x1f\x8b\x08\x00binary\x00",
        gias_csv([gias_row(100001)], columns=["URN", "EstablishmentName"]),
        b"",
    ],
    ids=["binary", "missing-columns", "empty"],
)
def test_a_fatal_file_error_leaves_the_database_untouched(tmp_path, people, data):
    path = tmp_path / "bad.csv"
    path.write_bytes(data)
    schools = list(School.objects.values_list("urn", "name", "gias_digest"))
    audit_count = AuditEntry.objects.count()

    with CaptureQueriesContext(connection) as ctx, pytest.raises(GiasFileError):
        gias_import(path_or_file=path)

    assert ctx.captured_queries == []
    assert list(School.objects.values_list("urn", "name", "gias_digest")) == schools
    assert AuditEntry.objects.count() == audit_count


def test_everything_is_one_transaction(tmp_path, monkeypatch):
    def fail(**kwargs):
        raise RuntimeError("the audit log is down")

    monkeypatch.setattr(services, "audit_log", fail)
    rows = [gias_row(100000 + n, f"School {n}") for n in range(3000)]  # more than one batch

    with pytest.raises(RuntimeError):
        gias_import(path_or_file=write(tmp_path, rows))

    assert School.objects.count() == 0


def test_large_imports_use_batches_not_a_query_per_row(tmp_path):
    rows = [gias_row(100000 + n, f"School {n}") for n in range(1200)]
    with CaptureQueriesContext(connection) as first:
        gias_import(path_or_file=write(tmp_path, rows))
    changed = [gias_row(100000 + n, f"School {n}", NumberOfPupils="99") for n in range(1200)]
    with CaptureQueriesContext(connection) as second:
        report = gias_import(path_or_file=write(tmp_path, changed, "changed.csv"))

    assert report.updated == 1200
    # SQLite caps parameters per statement (999), so its INSERTs hold ~45 rows; PostgreSQL's
    # hold the whole batch. Either way far fewer statements than rows.
    assert len(first.captured_queries) < 1200 / 20
    assert len(second.captured_queries) < 10


def test_an_open_file_can_be_imported(tmp_path):
    upload = io.BytesIO(gias_csv([gias_row(100001)]))
    upload.name = "uploads/edubase.csv"
    report = gias_import(path_or_file=upload)
    assert report.created == 1
    assert AuditEntry.objects.latest("id").detail["file"] == "edubase.csv"


def test_progress_reports_reading_then_saving(tmp_path):
    calls = []
    gias_import(
        path_or_file=write(tmp_path, [gias_row(100000 + n) for n in range(5)]),
        progress=lambda stage, done, total: calls.append((stage, done, total)),
    )
    stages = [stage for stage, _, _ in calls]
    assert stages.index("Reading") < stages.index("Saving")
    assert calls[-1] == ("Saving", 5, 5)


def test_school_role_grant_is_idempotent_and_audited_once():
    school = make_school(300001, "Oak Primary School")
    user = user_create(email="oak@oak.test", display_name="Olive Oak", password=None)

    first = school_role_grant(actor=None, user=user, school=school, role=SchoolRole.Role.STAFF)
    again = school_role_grant(actor=None, user=user, school=school, role=SchoolRole.Role.STAFF)

    assert first == again
    assert AuditEntry.objects.filter(action="role.grant", object_id=str(first.pk)).count() == 1


def test_school_role_revoke_deletes_and_audits():
    school = make_school(300001, "Oak Primary School")
    user = user_create(email="oak@oak.test", display_name="Olive Oak", password=None)
    role = school_role_grant(actor=None, user=user, school=school, role=SchoolRole.Role.LEAD)
    pk = role.pk

    school_role_revoke(actor=None, school_role=role)

    assert not SchoolRole.objects.filter(pk=pk).exists()
    assert AuditEntry.objects.filter(action="role.revoke", object_id=str(pk)).exists()


def test_school_role_listing_set_hides_and_shows_and_audits_only_changes():
    school = make_school(300001, "Oak Primary School")
    user = user_create(email="oak@oak.test", display_name="Olive Oak", password=None)
    role = school_role_grant(actor=None, user=user, school=school, role=SchoolRole.Role.STAFF)

    school_role_listing_set(actor=user, school_role=role, listed=False)
    school_role_listing_set(actor=user, school_role=role, listed=False)

    role.refresh_from_db()
    assert role.listed_on_profile is False
    assert AuditEntry.objects.filter(action="role.listing", object_id=str(role.pk)).count() == 1
    school_role_listing_set(actor=user, school_role=role, listed=True)
    role.refresh_from_db()
    assert role.listed_on_profile is True
