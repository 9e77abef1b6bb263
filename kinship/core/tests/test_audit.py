from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from kinship.core.audit import audit_log
from kinship.core.models import AuditEntry


@pytest.mark.django_db
def test_audit_entries_cannot_be_changed():
    entry = audit_log(actor=None, action="test.write", summary="original")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(summary="rewritten")
    entry.refresh_from_db()
    assert entry.summary == "original"


@pytest.mark.django_db
def test_audit_entries_cannot_be_deleted():
    entry = audit_log(actor=None, action="test.write")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).delete()
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_audit_log_page_is_for_admins_only(client_for, people):
    audit_log(actor=people.head, action="test.visible", summary="something sensitive")
    response = client_for("admin").get("/audit/")
    assert response.status_code == 200
    assert "something sensitive" in response.content.decode()
    assert client_for("coordinator").get("/audit/").status_code == 403


# Issue 15: the log holds against the application's own database role.

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL (roles, TRUNCATE, replica mode)"
)


def _verify() -> tuple[int, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("audit_verify", stdout=out, stderr=err)
    except SystemExit as exit:
        return int(exit.code or 0), out.getvalue()
    return 0, out.getvalue()


@pytest.mark.django_db
def test_audit_log_refuses_truncate():
    entry = audit_log(actor=None, action="test.write")
    # SQLite has no TRUNCATE: an unfiltered DELETE is its truncate, refused by the same trigger.
    statement = (
        "TRUNCATE core_auditentry"
        if connection.vendor == "postgresql"
        else ("DELETE FROM core_auditentry")
    )
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.django_db
def test_audit_log_sets_its_own_time_on_a_backdated_insert():
    long_ago = timezone.now() - timedelta(days=400)
    if connection.vendor == "postgresql":
        AuditEntry.objects.create(at=long_ago, action="test.backdated", seq=99, hash="f" * 64)
        entry = AuditEntry.objects.get(action="test.backdated")
        assert abs(entry.at - timezone.now()) < timedelta(minutes=1)
        assert entry.seq != 99 and entry.hash != "f" * 64
    else:
        # SQLite cannot rewrite the row being inserted, so it refuses the time instead.
        last = AuditEntry.objects.order_by("-seq").first()
        link = {"seq": (last.seq or 0) + 1, "prev_hash": last.hash} if last else {"seq": 1}
        with pytest.raises(DatabaseError, match="sets its own time"), transaction.atomic():
            AuditEntry.objects.create(at=long_ago, action="test.backdated", **link)
        assert not AuditEntry.objects.filter(action="test.backdated").exists()
    assert _verify()[0] == 0


@pytest.mark.django_db
def test_entries_form_an_unbroken_chain():
    first = audit_log(actor=None, action="test.one", detail={"ü": ["a\nb", 1.5]})
    second = audit_log(actor=None, action="test.two", summary="café")
    assert second.seq == (first.seq or 0) + 1 and second.prev_hash == first.hash
    code, out = _verify()
    assert code == 0 and out.startswith("Audit log intact:")


@postgresql_only
@pytest.mark.django_db
def test_audit_verify_detects_a_deleted_entry():
    entries = [audit_log(actor=None, action=f"test.{n}") for n in range(3)]
    with connection.cursor() as cursor:  # as a superuser who switches the triggers off
        cursor.execute("ALTER TABLE core_auditentry DISABLE TRIGGER USER")
        cursor.execute("DELETE FROM core_auditentry WHERE id = %s", [entries[1].pk])
        cursor.execute("ALTER TABLE core_auditentry ENABLE TRIGGER USER")
    code, out = _verify()
    assert code == 1
    assert f"gap before entry {entries[2].pk}: entry number {entries[1].seq} deleted" in out


@postgresql_only
@pytest.mark.django_db
def test_audit_verify_detects_a_forged_and_an_altered_entry():
    entries = [audit_log(actor=None, action=f"test.{n}") for n in range(2)]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")  # triggers do not fire
        cursor.execute(
            "INSERT INTO core_auditentry (at, seq, actor_email, action, object_type, object_id,"
            " summary, detail, prev_hash, hash) VALUES (now() - interval '1 year', %s, '',"
            " 'auth.sign_in', '', '', 'forged', '{}', %s, %s) RETURNING id",
            [(entries[1].seq or 0) + 1, entries[1].hash, "0" * 64],
        )
        forged = cursor.fetchone()[0]
        cursor.execute(
            "UPDATE core_auditentry SET summary = 'rewritten' WHERE id = %s", [entries[0].pk]
        )
        cursor.execute("SET LOCAL session_replication_role = origin")
    code, out = _verify()
    assert code == 1
    assert f"entry {forged}: altered or forged" in out
    assert f"entry {entries[0].pk}: altered or forged" in out


@postgresql_only
@pytest.mark.django_db
def test_two_transactions_appending_at_once_do_not_fork_the_chain():
    """The second writer waits at the trigger's lock and links to the first one's entry."""
    import threading

    import psycopg

    settings = connection.settings_dict
    params = {"dbname": settings["NAME"], "host": settings["HOST"] or None,
              "port": settings["PORT"] or None, "user": settings["USER"],
              "password": settings["PASSWORD"] or None}  # fmt: skip
    insert = (
        "INSERT INTO core_auditentry (actor_email, action, object_type, object_id, summary,"
        " detail) VALUES ('', %s, '', '', '', '{}') RETURNING id, seq, prev_hash, hash"
    )
    made: dict[str, Any] = {}
    with psycopg.connect(**params) as first, psycopg.connect(**params) as second:
        try:
            made["first"] = first.execute(insert, ["test.first"]).fetchone()
            waiting = threading.Thread(
                target=lambda: made.update(
                    second=second.execute(insert, ["test.second"]).fetchone()
                )
            )
            waiting.start()
            waiting.join(timeout=1)
            assert waiting.is_alive()  # held at the lock until the first commits
            first.commit()
            waiting.join(timeout=10)
            second.commit()
            assert made["second"][1] == made["first"][1] + 1
            assert made["second"][2] == made["first"][3]
        finally:
            # Committed rows would outlive the test: the owner removes them, triggers off.
            with psycopg.connect(**params, autocommit=True) as owner, owner.transaction():
                owner.execute("ALTER TABLE core_auditentry DISABLE TRIGGER USER")
                owner.execute("DELETE FROM core_auditentry WHERE action LIKE 'test.%%'")
                owner.execute("ALTER TABLE core_auditentry ENABLE TRIGGER USER")
