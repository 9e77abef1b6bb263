"""Writing to the append-only audit log, and reading its hash chain back."""

import hashlib
import hmac
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import connection, models, transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from kinship.core.chain import StoredEntry, canonical_time, entry_digest
from kinship.core.http import client_ip
from kinship.core.models import AuditEntry

FORMER_MEMBER = _("Former member")


@transaction.atomic
def audit_log(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    action: str,
    target: models.Model | None = None,
    summary: str = "",
    detail: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
) -> AuditEntry:
    """Record a sensitive action. `actor` is a user, or None for the system or a visitor."""
    person = actor if isinstance(actor, AbstractBaseUser) and actor.is_authenticated else None
    entry = AuditEntry(
        actor_id=person.pk if person is not None else None,
        actor_email=getattr(person, person.get_email_field_name()) if person is not None else "",
        action=action,
        object_type=target._meta.label if target is not None else "",
        object_id=str(target.pk) if target is not None else "",
        summary=summary[:255],
        detail=detail or {},
        ip_address=client_ip(request),
    )
    if connection.vendor != "postgresql":
        # PostgreSQL's trigger sets the time and the link; SQLite's triggers only check them.
        # SQLite serialises writers (IMMEDIATE transactions), so the last entry stays last.
        _link(entry)
    entry.save(force_insert=True)
    return entry


def _link(entry: AuditEntry) -> None:
    last = AuditEntry.objects.order_by("-seq").values_list("seq", "hash").first()
    entry.seq = (last[0] or 0) + 1 if last else 1
    entry.prev_hash = last[1] if last else ""
    entry.at = _database_now()
    detail = AuditEntry._meta.get_field("detail").get_db_prep_value(entry.detail, connection)
    entry.hash = entry_digest(
        [
            str(entry.seq), canonical_time(entry.at),
            "" if entry.actor_id is None else str(entry.actor_id), entry.actor_email,
            entry.action, entry.object_type, entry.object_id, entry.summary, detail,
            entry.ip_address or "", entry.prev_hash,
        ]
    )  # fmt: skip


def _database_now() -> datetime:
    """The database's clock, as the triggers check against it (not Python's, which tests and
    a skewed host can move)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT strftime('%Y-%m-%d %H:%M:%f', 'now')")
        (now,) = cursor.fetchone()
    return datetime.fromisoformat(now).replace(tzinfo=UTC)


# Each entry's fields as text, in kinship.core.chain.FIELDS order, as the database holds them.
_STORED_POSTGRESQL = """
SELECT id, seq, seq::text AS seq_text, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
       coalesce(actor_id::text, ''), actor_email, action, object_type, object_id, summary,
       detail::text, coalesce(host(ip_address), ''), prev_hash, hash
FROM core_auditentry ORDER BY core_auditentry.seq NULLS LAST, id
"""
_STORED_SQLITE = """
SELECT id, seq, coalesce(seq, ''), at, coalesce(actor_id, ''), actor_email, action,
       object_type, object_id, summary, detail, coalesce(ip_address, ''), prev_hash, hash
FROM core_auditentry ORDER BY seq IS NULL, seq, id
"""


def stored_entries() -> Iterator[StoredEntry]:
    """Every entry as stored, in chain order, for `audit_verify`."""
    sql = _STORED_POSTGRESQL if connection.vendor == "postgresql" else _STORED_SQLITE
    with connection.cursor() as cursor:
        cursor.execute(sql)
        while rows := cursor.fetchmany(2000):
            for pk, seq, seq_text, at, *rest, stored_hash in rows:
                if connection.vendor != "postgresql":
                    at = canonical_time(datetime.fromisoformat(str(at)))
                values = tuple(str(value) for value in (seq_text, at, *rest))
                yield StoredEntry(id=pk, seq=seq, values=values, hash=stored_hash)


# An erased person's address, as their erasure's entry records it: a digest, never the address.
ERASE_ACTION = "privacy.erase"
_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def address_digest(email: str) -> str:
    """What the erasure entry keeps of an address: enough to recognise it in older entries
    (and hide it there), not to read it back."""
    key = b"kinship.core.audit.erased-address"
    return hmac.new(key, email.strip().lower().encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Erased:
    """Who was erased, for showing the log: their ids and the digests of their addresses."""

    actor_ids: frozenset[int]
    digests: frozenset[str]

    def actor(self, entry: AuditEntry) -> str:
        if entry.actor_id is not None and entry.actor_id in self.actor_ids:
            return str(FORMER_MEMBER)
        return self.text(entry.actor_email)

    def text(self, text: str) -> str:
        """`text` with every erased person's address shown as a former member's."""

        def hide(match: re.Match[str]) -> str:
            erased = address_digest(match.group(0)) in self.digests
            return str(FORMER_MEMBER) if erased else match.group(0)

        return _ADDRESS.sub(hide, text) if self.digests else text


def erased_people() -> Erased:
    """The entries stay as written (the chain must verify); pages name erased people only as
    former members."""
    details = AuditEntry.objects.filter(action=ERASE_ACTION).values_list("actor_id", "detail")
    ids, digests = set(), set()
    for _actor, detail in details:
        if isinstance(detail, dict) and detail.get("person") is not None:
            ids.add(int(detail["person"]))
            digests.add(str(detail.get("address", "")))
    return Erased(frozenset(ids), frozenset(digests))
