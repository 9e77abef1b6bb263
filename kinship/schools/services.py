"""Operations that change schools and the people acting for them."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kinship.core.audit import audit_log
from kinship.core.concurrency import lock_or_empty
from kinship.schools import gias, term_dates
from kinship.schools.models import Closure, HalfTerm, School, SchoolRole, TermCalendar
from kinship.schools.selectors import term_year_of

if TYPE_CHECKING:  # schools sits below accounts: the user type is for annotations only
    from kinship.accounts.models import User

GIAS_BATCH_SIZE = 2000
# Written on every created or changed school; urn is the key and never changes.
GIAS_UPDATE_FIELDS: tuple[str, ...] = (
    *gias.IMPORTED_FIELDS,
    "latitude",
    "longitude",
    "gias_digest",
    "gias_updated_at",
)
GIAS_AUDIT_SKIPPED = 20  # skipped rows quoted in the audit entry; the count is always complete

# progress(stage, done, total): stage is "Reading" (rows) then "Saving" (schools).
ImportProgress = Callable[[str, int, int], None]


@transaction.atomic
def school_role_grant(*, actor: User | None, user: User, school: School, role: str) -> SchoolRole:
    """Give `user` a role at `school` (idempotent) and record it in the audit log."""
    school_role, created = SchoolRole.objects.get_or_create(user=user, school=school, role=role)
    if created:
        audit_log(
            actor=actor,
            action="role.grant",
            target=school_role,
            summary=f"{user.email} made {school_role.get_role_display()} at {school.name}",
            detail={"user": user.pk, "school": school.urn, "role": role},
        )
    return school_role


@transaction.atomic
def school_role_revoke(*, actor: User | None, school_role: SchoolRole) -> None:
    audit_log(
        actor=actor,
        action="role.revoke",
        target=school_role,
        summary=f"{school_role.user.email} no longer {school_role.get_role_display()} "
        f"at {school_role.school.name}",
        detail={"user": school_role.user_id, "school": school_role.school.urn},
    )
    school_role.delete()


@dataclass
class ImportReport:
    """What a GIAS import did. `skipped` rows carry their file line number and the reason."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[gias.SkippedRow] = field(default_factory=list)
    encoding: str = ""
    seconds_reading: float = 0.0
    seconds_saving: float = 0.0

    @property
    def rows_read(self) -> int:
        return self.created + self.updated + self.unchanged + len(self.skipped)

    @property
    def seconds(self) -> float:
        return self.seconds_reading + self.seconds_saving

    def summary(self) -> str:
        return (
            f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged, "
            f"{len(self.skipped)} skipped"
        )


def gias_import(
    *, path_or_file: gias.Source, actor: User | None = None, progress: ImportProgress | None = None
) -> ImportReport:
    """Bring School rows in line with a GIAS "all establishment data" CSV, matched by URN.

    `path_or_file` is a path or an open file; `actor` the user running the import (None for
    the system). New URNs are created, changed ones updated, unchanged ones (same digest)
    not written at all; schools missing from the file are left alone. Everything happens in
    one transaction with one audit entry. Raises gias.GiasFileError, before touching the
    database, when the file is not usable GIAS data; bad rows are reported, not raised.
    """
    started = time.perf_counter()
    reading = None if progress is None else lambda done, total: progress("Reading", done, total)
    parsed = gias.parse_gias(path_or_file, max_lengths=_school_text_lengths(), progress=reading)
    report = ImportReport(skipped=parsed.skipped, encoding=parsed.encoding)
    report.seconds_reading = time.perf_counter() - started
    _gias_save(
        parsed.records,
        report=report,
        actor=actor,
        source=_source_name(path_or_file),
        progress=progress,
    )
    report.seconds_saving = time.perf_counter() - started - report.seconds_reading
    return report


@transaction.atomic
def _gias_save(
    records: list[gias.GiasRecord],
    *,
    report: ImportReport,
    actor: User | None,
    source: str,
    progress: ImportProgress | None,
) -> None:
    """Create and update in batches: three statements per 2,000 schools, none per row."""
    known = {
        urn: (pk, digest)
        for urn, pk, digest in School.objects.values_list("urn", "pk", "gias_digest")
    }
    now = timezone.now()
    to_create: list[School] = []
    to_update: list[School] = []
    for record in records:
        values = {name: getattr(record, name) for name in GIAS_UPDATE_FIELDS[:-2]}
        existing = known.get(record.urn)
        if existing is None:
            to_create.append(
                School(urn=record.urn, gias_digest=record.digest, gias_updated_at=now, **values)
            )
        elif existing[1] != record.digest:
            to_update.append(
                School(
                    pk=existing[0],
                    urn=record.urn,
                    gias_digest=record.digest,
                    gias_updated_at=now,
                    **values,
                )
            )
        else:
            report.unchanged += 1
    total, done = len(to_create) + len(to_update), 0
    for start in range(0, len(to_create), GIAS_BATCH_SIZE):
        batch = to_create[start : start + GIAS_BATCH_SIZE]
        School.objects.bulk_create(batch, batch_size=GIAS_BATCH_SIZE)
        done += len(batch)
        if progress is not None:
            progress("Saving", done, total)
    for start in range(0, len(to_update), GIAS_BATCH_SIZE):
        batch = to_update[start : start + GIAS_BATCH_SIZE]
        _schools_update_batch(batch, GIAS_UPDATE_FIELDS)
        done += len(batch)
        if progress is not None:
            progress("Saving", done, total)
    report.created, report.updated = len(to_create), len(to_update)
    audit_log(
        actor=actor,
        action="schools.import_gias",
        summary=f"GIAS import from {source}: {report.summary()}",
        detail={
            "file": source,
            "rows": report.rows_read,
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "skipped": len(report.skipped),
            "skipped_rows": [
                {"line": row.line, "urn": row.urn, "reason": row.reason}
                for row in report.skipped[:GIAS_AUDIT_SKIPPED]
            ],
        },
    )


def _schools_update_batch(schools: list[School], fields: tuple[str, ...]) -> None:
    """Write `fields` of each school, by primary key, in one executemany call per batch.

    QuerySet.bulk_update would do the same in principle, but it builds a CASE WHEN branch
    per row and field: measured on 50,000 changed schools it took minutes; this takes
    seconds. Values go through each field's own get_db_prep_save, as a save() would.
    """
    connection = connections[School.objects.db]
    quote = connection.ops.quote_name
    by_name = {field.name: field for field in School._meta.concrete_fields}
    model_fields = [by_name[name] for name in fields]
    assignments = ", ".join(f"{quote(str(field.column))} = %s" for field in model_fields)
    # Only quoted names from the model go into the text; every value is a parameter.
    table, pk = quote(School._meta.db_table), quote(str(by_name["id"].column))
    sql = f"UPDATE {table} SET {assignments} WHERE {pk} = %s"  # noqa: S608
    params = [
        [
            field.get_db_prep_save(getattr(school, field.attname), connection)
            for field in model_fields
        ]
        + [school.pk]
        for school in schools
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _school_text_lengths() -> dict[str, int]:
    by_name = {field.name: field for field in School._meta.concrete_fields}
    return {
        name: max_length
        for name in gias.DEFAULT_MAX_LENGTHS
        if (max_length := by_name[name].max_length) is not None
    }


def _source_name(path_or_file: gias.Source) -> str:
    if isinstance(path_or_file, str | os.PathLike):
        return os.path.basename(os.fspath(path_or_file))
    if isinstance(path_or_file, bytes):
        return "uploaded data"
    return os.path.basename(str(getattr(path_or_file, "name", "") or "uploaded file"))


@transaction.atomic
def school_role_listing_set(*, actor: User, school_role: SchoolRole, listed: bool) -> SchoolRole:
    """Show or hide a person on their school's profile (pupils are never shown either way)."""
    if school_role.listed_on_profile != listed:
        school_role.listed_on_profile = listed
        school_role.save(update_fields=["listed_on_profile"])
        audit_log(
            actor=actor,
            action="role.listing",
            target=school_role,
            summary=f"{school_role.user.email} {'listed' if listed else 'unlisted'} "
            f"on {school_role.school.name}",
            detail={"school": school_role.school.urn, "listed": listed},
        )
    return school_role


# Term dates


def _term_calendar_owner(school: School | None, la_name: str) -> dict[str, Any]:
    if school is not None:
        return {"school": school, "la_name": ""}
    if not la_name.strip():
        raise ValidationError(_("Say which school or local authority these term dates are for."))
    return {"school": None, "la_name": la_name.strip()}


TERM_CALENDAR_EDIT_FIELDS = ("term_dates",)


@transaction.atomic
def term_calendar_save(
    *,
    actor: User | None,
    year: term_dates.TermYear,
    school: School | None = None,
    la_name: str = "",
    source: str = "",
    version: str | None = None,
) -> tuple[TermCalendar, term_dates.CheckReport]:
    """Replace a school's (or an authority's) term dates for one academic year.

    Refused with a ValidationError listing every problem when the checks find errors; the
    warnings (pupil days other than 190, say) come back in the report for the page to show.
    `version` is the calendar's edit version as the form showed it (a calendar not yet saved
    compares as an empty one): dates saved since raise EditConflict; None saves regardless.
    """
    owner = _term_calendar_owner(school, la_name)
    lock_or_empty(
        TermCalendar, {"academic_year": year.start_year, **owner}, TERM_CALENDAR_EDIT_FIELDS,
        version,
    )  # fmt: skip
    report = term_dates.check(year)
    if report.errors:
        raise ValidationError(list(report.errors))
    calendar, created = TermCalendar.objects.select_for_update().get_or_create(
        academic_year=year.start_year, **owner
    )
    calendar.source = source[:200]
    calendar.updated_by = actor if getattr(actor, "is_authenticated", False) else None
    calendar.save()
    calendar.half_terms.all().delete()
    calendar.closures.all().delete()
    HalfTerm.objects.bulk_create(
        HalfTerm(calendar=calendar, number=number, start=half.start, end=half.end)
        for number, half in enumerate(year.half_terms, start=1)
    )
    Closure.objects.bulk_create(
        Closure(calendar=calendar, date=closure.date, kind=closure.kind, label=closure.label)
        for closure in year.closures
    )
    owner_name = school.name if school is not None else owner["la_name"]
    audit_log(
        actor=actor,
        action="term_dates.create" if created else "term_dates.update",
        target=calendar,
        summary=f"Term dates {year.label} for {owner_name}: {report.pupil_days} pupil days, "
        f"{report.inset_days} INSET days",
        detail={"source": calendar.source, "warnings": list(report.warnings)},
    )
    return calendar, report


def parse_term_dates_file(data: bytes, *, academic_year: int | None = None) -> term_dates.TermYear:
    """An iCalendar or CSV file of term dates, told apart by content (not by its name)."""
    if data.lstrip(b"\xef\xbb\xbf \r\n\t").upper().startswith(b"BEGIN:VCALENDAR"):
        return term_dates.parse_ical(data, year=academic_year)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    year = term_dates.parse_csv(text)
    if academic_year is not None and year.start_year != academic_year:
        raise term_dates.TermDatesError(
            f"That file is for {year.label}, not {academic_year}–{(academic_year + 1) % 100:02d}."
        )
    return year


class ReplaceNeedsConfirming(ValidationError):
    """The file would change a calendar that already has dates: say what, and ask first."""

    def __init__(self, changes: term_dates.Changes, calendar: TermCalendar) -> None:
        super().__init__(
            _("%(calendar)s already has term dates; this file would change them: %(changes)s")
            % {"calendar": calendar, "changes": "; ".join(changes.lines)}
        )
        self.changes = changes
        self.calendar = calendar


def term_calendar_import(
    *,
    actor: User | None,
    data: bytes,
    school: School | None = None,
    la_name: str = "",
    source: str = "",
    academic_year: int | None = None,
    replace: bool = False,
) -> tuple[TermCalendar, term_dates.CheckReport]:
    """Read a term-dates file and save it: nothing is saved when any of it is wrong, and a
    calendar that already has dates is changed only with `replace` (ReplaceNeedsConfirming
    says what would change), so a file holding one half-term never silently wipes a year."""
    try:
        year = parse_term_dates_file(data, academic_year=academic_year)
    except term_dates.TermDatesError as error:
        raise ValidationError(error.errors or [str(error)]) from None
    owner = _term_calendar_owner(school, la_name)
    existing = (
        TermCalendar.objects.filter(academic_year=year.start_year, **owner)
        .prefetch_related("half_terms", "closures")
        .first()
    )
    if existing is not None and not replace and existing.half_terms.exists():
        changes = term_dates.compare(term_year_of(existing), year)
        if changes.any:
            raise ReplaceNeedsConfirming(changes, existing)
    return term_calendar_save(actor=actor, year=year, school=school, la_name=la_name, source=source)
