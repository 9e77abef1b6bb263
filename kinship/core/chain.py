"""The audit log's hash chain: how one entry is serialised and hashed, and how a run of
entries is checked. No Django here; PostgreSQL's trigger (core migration 0002) computes the
same digest in SQL, and `audit_verify` checks both against this one definition.

An entry's canonical form is its fields in a fixed order, each written as its length in
characters, a colon and the text itself, so no value can pose as two. `at` is UTC as
`YYYY-MM-DDTHH:MM:SS.ffffff`; a missing actor or address is the empty string; `detail` is the
JSON text the database holds.
"""

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

FIELDS = (
    "seq", "at", "actor_id", "actor_email", "action", "object_type", "object_id", "summary",
    "detail", "ip_address", "prev_hash",
)  # fmt: skip


def canonical_time(at: datetime) -> str:
    if at.tzinfo is not None:
        at = at.astimezone(UTC).replace(tzinfo=None)
    return at.strftime("%Y-%m-%dT%H:%M:%S.%f")


def entry_digest(values: Sequence[str]) -> str:
    """SHA-256 (hex) of one entry, given its fields as text in the order of FIELDS."""
    if len(values) != len(FIELDS):
        raise ValueError(f"an audit entry has {len(FIELDS)} fields, not {len(values)}")
    canonical = "".join(f"{len(value)}:{value}" for value in values)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class StoredEntry:
    """One row as read back: its id, its fields as text (FIELDS order) and its stored hash."""

    id: int
    seq: int | None
    values: tuple[str, ...]
    hash: str

    @property
    def prev_hash(self) -> str:
        return self.values[-1]


def chain_problems(entries: Iterable[StoredEntry]) -> Iterator[str]:
    """One line per problem in entries given in `seq` order (entries without a place last).

    A missing number is a gap (entries deleted); a hash that does not match its fields is an
    altered or forged entry; a link to the wrong previous hash is an entry put in between."""
    expected_seq, previous_hash = 1, ""
    for entry in entries:
        if entry.seq is None:
            yield f"entry {entry.id}: forged (it has no place in the chain)"
            continue
        if entry.seq > expected_seq:
            missing = (
                str(expected_seq)
                if entry.seq == expected_seq + 1
                else f"{expected_seq} to {entry.seq - 1}"
            )
            yield f"gap before entry {entry.id}: entry number {missing} deleted"
        elif entry.prev_hash != previous_hash:
            yield f"entry {entry.id}: forged or reordered (its link to the entry before is wrong)"
        if entry_digest(entry.values) != entry.hash:
            yield f"entry {entry.id}: altered or forged (its hash does not match its contents)"
        expected_seq, previous_hash = entry.seq + 1, entry.hash
