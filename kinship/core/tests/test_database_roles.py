"""The runtime role of docs/database-roles.sql: it appends to the audit log and reads it,
and nothing more, so the application's own credentials cannot rewrite or empty it."""

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.db import connection

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="database roles are PostgreSQL's"),
    pytest.mark.django_db,  # for the test database; the role works over its own connections
]
ROLES_SQL = Path(__file__).resolve().parents[3] / "docs" / "database-roles.sql"


def _statements(role: str) -> list[str]:
    lines = [line for line in ROLES_SQL.read_text().splitlines() if not line.startswith("--")]
    return [
        s.strip() for s in "\n".join(lines).replace("kinship_app", role).split(";") if s.strip()
    ]


@pytest.fixture
def runtime_role(db: None) -> Iterator[dict[str, Any]]:
    """A runtime role made by the documented grants in the test database, dropped afterwards.
    Set up over its own connection (committed), as the test's own transaction is invisible."""
    settings = connection.settings_dict
    role, password = f"kinship_app_test_{uuid.uuid4().hex[:12]}", uuid.uuid4().hex
    owner = {"dbname": settings["NAME"], "host": settings["HOST"] or None,
             "port": settings["PORT"] or None, "user": settings["USER"],
             "password": settings["PASSWORD"] or None}  # fmt: skip
    with psycopg.connect(**owner, autocommit=True) as admin:
        admin.execute(f"CREATE ROLE {role} LOGIN PASSWORD '{password}'")
        try:
            for statement in _statements(role):
                admin.execute(statement)
            yield {**owner, "user": role, "password": password}
        finally:
            admin.execute(f"DROP OWNED BY {role}")
            admin.execute(f"DROP ROLE {role}")


def _refused(conn: psycopg.Connection, sql: str) -> str:
    with pytest.raises(psycopg.errors.InsufficientPrivilege) as raised, conn.transaction():
        conn.execute(sql)
    return str(raised.value)


def test_runtime_role_cannot_disable_the_audit_trigger(runtime_role: dict[str, Any]):
    with psycopg.connect(**runtime_role, autocommit=True) as app:
        assert "must be owner" in _refused(
            app, "ALTER TABLE core_auditentry DISABLE TRIGGER core_auditentry_no_change"
        )
        assert "must be owner" in _refused(app, "ALTER TABLE core_auditentry DISABLE TRIGGER ALL")


def test_runtime_role_cannot_truncate_update_or_delete_the_audit_log(
    runtime_role: dict[str, Any],
):
    with psycopg.connect(**runtime_role, autocommit=True) as app:
        for sql in (
            "TRUNCATE core_auditentry",
            "UPDATE core_auditentry SET summary = 'rewritten'",
            "DELETE FROM core_auditentry",
        ):
            assert "permission denied" in _refused(app, sql)


def test_runtime_role_appends_with_server_time_and_does_ordinary_work(
    runtime_role: dict[str, Any],
):
    with psycopg.connect(**runtime_role) as app:  # one transaction, rolled back
        row = app.execute(
            "INSERT INTO core_auditentry (at, actor_email, action, object_type, object_id,"
            " summary, detail) VALUES ('2001-01-01', '', 'test.runtime', '', '', '', '{}')"
            " RETURNING seq, at, hash"
        ).fetchone()
        assert row is not None and row[0] >= 1 and row[1].year > 2001 and len(row[2]) == 64
        assert app.execute("SELECT count(*) FROM core_auditentry").fetchone()
        app.execute("UPDATE accounts_user SET display_name = display_name")  # ordinary rights
        app.rollback()
