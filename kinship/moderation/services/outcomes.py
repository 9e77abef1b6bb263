"""The moderation meeting's notes on a script and what it decided."""

from django.core.exceptions import ValidationError
from django.db import transaction

from kinship.accounts.models import User
from kinship.core.audit import audit_log
from kinship.core.concurrency import lock_or_empty
from kinship.moderation.models import Outcome, Script

OUTCOME_FIELDS = ("notes", "decision", "agreed_grade", "reason")


@transaction.atomic
def outcome_record(
    *,
    actor: User,
    script: Script,
    notes: str,
    decision: str,
    agreed_grade: int | None,
    reason: str,
    version: str | None = None,
) -> Outcome:
    """The meeting's notes on a script and what it decided: agreed, or changed and why.

    `version` is the outcome's edit version as the form showed it (a script not yet
    discussed has an empty one): a change saved since raises EditConflict."""
    lock_or_empty(Outcome, {"script": script}, OUTCOME_FIELDS, version)
    if decision == Outcome.Decision.CHANGED:
        if agreed_grade is None or not 0 <= agreed_grade < len(script.round.levels):
            raise ValidationError({"agreed_grade": "Choose the grade agreed."})
        if agreed_grade == script.school_grade:
            raise ValidationError({"agreed_grade": "That is the school's grade: choose agreed."})
        if not reason.strip():
            raise ValidationError({"reason": "Say why the grade changed."})
    elif decision == Outcome.Decision.AGREED:
        agreed_grade = script.school_grade
    else:
        agreed_grade = None
    outcome, _ = Outcome.objects.update_or_create(
        script=script,
        defaults={
            "notes": notes.strip(),
            "decision": decision,
            "agreed_grade": agreed_grade,
            "reason": reason.strip(),
            "recorded_by": actor,
        },
    )
    audit_log(
        actor=actor,
        action="moderation.outcome",
        target=script,
        summary=f"Meeting outcome for {script.code}: {decision or 'notes only'}",
    )
    return outcome
