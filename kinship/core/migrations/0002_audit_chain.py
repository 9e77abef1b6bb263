"""The audit log becomes a hash chain with a server-set time, and refuses TRUNCATE.

Existing entries are chained in id order. On PostgreSQL a BEFORE INSERT trigger sets `at`
(clock_timestamp()), `seq`, `prev_hash` and `hash` under a transaction-level advisory lock,
so two transactions appending at once take turns and never fork the chain. On SQLite, where
writers are serialised anyway, `audit_log()` computes the link and triggers refuse a row
whose link or time is not the one expected.
"""

import json

import django.db.models.functions.datetime
from django.db import migrations, models

from kinship.core.chain import canonical_time, entry_digest

POSTGRESQL = [
    # Each field as its length in characters, a colon and its text (kinship.core.chain).
    """CREATE OR REPLACE FUNCTION core_auditentry_field(value text) RETURNS text AS $$
    SELECT length(coalesce(value, '')) || ':' || coalesce(value, '')
    $$ LANGUAGE sql IMMUTABLE;""",
    """CREATE OR REPLACE FUNCTION core_auditentry_digest(
        seq bigint, at timestamptz, actor_id bigint, actor_email text, action text,
        object_type text, object_id text, summary text, detail jsonb, ip_address inet,
        prev_hash text
    ) RETURNS text AS $$
    SELECT encode(sha256(convert_to(
        core_auditentry_field(seq::text)
        || core_auditentry_field(to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'))
        || core_auditentry_field(actor_id::text)
        || core_auditentry_field(actor_email)
        || core_auditentry_field(action)
        || core_auditentry_field(object_type)
        || core_auditentry_field(object_id)
        || core_auditentry_field(summary)
        || core_auditentry_field(detail::text)
        || core_auditentry_field(host(ip_address))
        || core_auditentry_field(prev_hash),
        'UTF8')), 'hex')
    $$ LANGUAGE sql STABLE;""",
    """CREATE OR REPLACE FUNCTION core_auditentry_chain() RETURNS trigger AS $$
    DECLARE last_seq bigint; last_hash text;
    BEGIN
        PERFORM pg_advisory_xact_lock(7151412027);  -- any constant all writers share
        SELECT seq, hash INTO last_seq, last_hash FROM core_auditentry
            WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1;
        NEW.seq := coalesce(last_seq, 0) + 1;
        NEW.prev_hash := coalesce(last_hash, '');
        NEW.at := clock_timestamp();
        NEW.hash := core_auditentry_digest(
            NEW.seq, NEW.at, NEW.actor_id, NEW.actor_email, NEW.action, NEW.object_type,
            NEW.object_id, NEW.summary, NEW.detail, NEW.ip_address, NEW.prev_hash);
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER core_auditentry_chain BEFORE INSERT ON core_auditentry
    FOR EACH ROW EXECUTE FUNCTION core_auditentry_chain();""",
    """CREATE TRIGGER core_auditentry_no_truncate BEFORE TRUNCATE ON core_auditentry
    FOR EACH STATEMENT EXECUTE FUNCTION core_auditentry_append_only();""",
]
POSTGRESQL_UNDO = [
    "DROP TRIGGER IF EXISTS core_auditentry_no_truncate ON core_auditentry;",
    "DROP TRIGGER IF EXISTS core_auditentry_chain ON core_auditentry;",
    "DROP FUNCTION IF EXISTS core_auditentry_chain();",
    "DROP FUNCTION IF EXISTS core_auditentry_digest(bigint, timestamptz, bigint, text, text, "
    "text, text, text, jsonb, inet, text);",
    "DROP FUNCTION IF EXISTS core_auditentry_field(text);",
]
# Entries already written, chained in id order (the append-only trigger is off meanwhile).
POSTGRESQL_BACKFILL = """
DO $$
DECLARE entry record; n bigint := 0; previous text := ''; digest text;
BEGIN
    FOR entry IN SELECT * FROM core_auditentry ORDER BY id LOOP
        n := n + 1;
        digest := core_auditentry_digest(
            n, entry.at, entry.actor_id, entry.actor_email, entry.action, entry.object_type,
            entry.object_id, entry.summary, entry.detail, entry.ip_address, previous);
        UPDATE core_auditentry SET seq = n, prev_hash = previous, hash = digest
            WHERE id = entry.id;
        previous := digest;
    END LOOP;
END $$;
"""

SQLITE_APPEND_ONLY = [
    """CREATE TRIGGER core_auditentry_no_update BEFORE UPDATE ON core_auditentry
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;""",
    """CREATE TRIGGER core_auditentry_no_delete BEFORE DELETE ON core_auditentry
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;""",
]
SQLITE_CHAIN = [
    # SQLite cannot rewrite the row being inserted, so a time more than a minute from the
    # database clock is refused rather than replaced.
    """CREATE TRIGGER core_auditentry_own_time BEFORE INSERT ON core_auditentry
    WHEN NEW.at IS NULL OR abs(julianday(NEW.at) - julianday('now')) > 60.0 / 86400
    BEGIN SELECT RAISE(ABORT, 'the audit log sets its own time'); END;""",
    """CREATE TRIGGER core_auditentry_chain BEFORE INSERT ON core_auditentry
    WHEN NEW.seq IS NOT coalesce((SELECT max(seq) FROM core_auditentry), 0) + 1
      OR NEW.prev_hash IS NOT coalesce(
          (SELECT hash FROM core_auditentry ORDER BY seq DESC LIMIT 1), '')
    BEGIN SELECT RAISE(ABORT, 'the audit log is a chain: this entry does not follow the last'); END;""",
]
SQLITE_UNDO = [
    "DROP TRIGGER IF EXISTS core_auditentry_no_update;",
    "DROP TRIGGER IF EXISTS core_auditentry_no_delete;",
    "DROP TRIGGER IF EXISTS core_auditentry_own_time;",
    "DROP TRIGGER IF EXISTS core_auditentry_chain;",
]


def before(apps, schema_editor):
    """SQLite rebuilds the table to add columns, dropping its triggers: drop them first."""
    if schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE_UNDO:
            schema_editor.execute(sql)


def chain(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE core_auditentry DISABLE TRIGGER core_auditentry_no_change;"
        )
        for sql in POSTGRESQL:
            schema_editor.execute(sql)
        schema_editor.execute(POSTGRESQL_BACKFILL)
        schema_editor.execute(
            "ALTER TABLE core_auditentry ENABLE TRIGGER core_auditentry_no_change;"
        )
    elif vendor == "sqlite":
        _backfill_sqlite(schema_editor)
        for sql in SQLITE_APPEND_ONLY + SQLITE_CHAIN:
            schema_editor.execute(sql)
    else:
        raise RuntimeError(f"No audit chain for database vendor {vendor!r}")


def _backfill_sqlite(schema_editor):
    from datetime import datetime

    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, at, actor_id, actor_email, action, object_type, object_id, summary, "
            "detail, ip_address FROM core_auditentry ORDER BY id"
        )
        rows = cursor.fetchall()
        previous = ""
        for n, (pk, at, actor_id, *text, detail, ip) in enumerate(rows, start=1):
            when = at if isinstance(at, datetime) else datetime.fromisoformat(str(at))
            detail_text = detail if isinstance(detail, str) else json.dumps(detail)
            values = [str(n), canonical_time(when), "" if actor_id is None else str(actor_id),
                      *text, detail_text, ip or "", previous]  # fmt: skip
            digest = entry_digest(values)
            cursor.execute(
                "UPDATE core_auditentry SET seq = %s, prev_hash = %s, hash = %s WHERE id = %s",
                [n, previous, digest, pk],
            )
            previous = digest


def unchain(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in {"postgresql": POSTGRESQL_UNDO, "sqlite": SQLITE_UNDO}.get(vendor, []):
        schema_editor.execute(sql)


def restore_sqlite_append_only(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE_APPEND_ONLY:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [
        migrations.RunPython(before, restore_sqlite_append_only),
        migrations.AddField(
            model_name="auditentry",
            name="hash",
            field=models.CharField(blank=True, db_default="", editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="prev_hash",
            field=models.CharField(blank=True, db_default="", editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="seq",
            field=models.BigIntegerField(db_default=None, editable=False, null=True, unique=True),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="at",
            field=models.DateTimeField(
                db_default=django.db.models.functions.datetime.Now(), db_index=True
            ),
        ),
        migrations.RunPython(chain, unchain),
    ]
