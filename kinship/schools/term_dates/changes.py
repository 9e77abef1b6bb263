"""What changes when a year replaces the one before: for the heads who must be told."""

from __future__ import annotations

from dataclasses import dataclass

from kinship.core.dates import uk_date
from kinship.schools.term_dates.year import KIND_NAMES, ClosureKind, TermYear, half_term_name

# --- Comparing a year with the one it would replace ------------------------------------------


@dataclass(frozen=True)
class Changes:
    """What saving `new` over `old` would do, in words a school's lead can check."""

    lines: tuple[str, ...]
    removed: int  # half-terms and closures that would go

    @property
    def any(self) -> bool:
        return bool(self.lines)


def compare(old: TermYear, new: TermYear) -> Changes:
    """Half-terms by their place in the year, closures by date."""
    lines: list[str] = []
    removed = 0
    for index in range(max(len(old.half_terms), len(new.half_terms))):
        name = half_term_name(index)
        before = old.half_terms[index] if index < len(old.half_terms) else None
        after = new.half_terms[index] if index < len(new.half_terms) else None
        if before == after:
            continue
        if after is None:
            assert before is not None
            removed += 1
            lines.append(f"{name} ({uk_date(before.start)} to {uk_date(before.end)}) would go")
        elif before is None:
            lines.append(f"{name} would be added: {uk_date(after.start)} to {uk_date(after.end)}")
        else:
            lines.append(
                f"{name} would move from {uk_date(before.start)}–{uk_date(before.end)} "
                f"to {uk_date(after.start)}–{uk_date(after.end)}"
            )
    old_closures = {c.date: c for c in old.closures}
    new_closures = {c.date: c for c in new.closures}
    for day in sorted(old_closures.keys() - new_closures.keys()):
        removed += 1
        lines.append(f"{_sentence_start(old_closures[day].kind)} on {uk_date(day)} would go")
    for day in sorted(new_closures.keys() - old_closures.keys()):
        lines.append(f"{_sentence_start(new_closures[day].kind)} on {uk_date(day)} would be added")
    for day in sorted(old_closures.keys() & new_closures.keys()):
        if old_closures[day].kind != new_closures[day].kind:
            lines.append(
                f"{uk_date(day)} would change from {KIND_NAMES[old_closures[day].kind]} "
                f"to {KIND_NAMES[new_closures[day].kind]}"
            )
    return Changes(tuple(lines), removed)


def _sentence_start(kind: ClosureKind) -> str:
    name = KIND_NAMES[kind]
    return name[0].upper() + name[1:]  # "INSET day", "Bank holiday"
