"""Operations that change moderation rounds. Each is one transaction; reading and changing
pupil work is written to the audit log (codes only, never a pupil's work or a note)."""

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone

from kinship.core.audit import audit_log
from kinship.core.concurrency import lock_or_empty, lock_unchanged
from kinship.core.queue import enqueue_with_change
from kinship.core.uploads import CheckedUpload, Kind
from kinship.families.models import Family, FamilyMembership
from kinship.membership import visibility
from kinship.moderation import judgement, selectors
from kinship.moderation.models import (
    TAF_LEVELS,
    Comparison,
    Grade,
    Outcome,
    Page,
    Round,
    RoundPerson,
    RoundSchool,
    Script,
    new_script_code,
)
from kinship.schools.models import School

MAX_PAGES = 30


@dataclass
class RoundFields:
    title: str
    year_group: int
    task: str
    framework: str
    method: str
    upload_deadline: date
    judging_deadline: date
    levels: Sequence[str] = ()
    meeting_on: date | None = None
    grades_per_script: int = 2
    judgements_per_script: int = 12


def _check_round_fields(fields: RoundFields) -> list[str]:
    errors: dict[str, str] = {}
    levels = list(TAF_LEVELS) if fields.framework == Round.Framework.TAF else list(fields.levels)
    levels = [level.strip() for level in levels if level.strip()]
    if len(levels) < 2 or len(set(levels)) != len(levels):
        errors["levels"] = "Name at least two different levels, lowest first."
    if fields.judging_deadline < fields.upload_deadline:
        errors["judging_deadline"] = "Judging cannot close before samples are in."
    if fields.meeting_on and fields.meeting_on < fields.judging_deadline:
        errors["meeting_on"] = "Hold the meeting after judging closes."
    if not 2 <= fields.judgements_per_script <= 60:
        errors["judgements_per_script"] = "Between 2 and 60 comparisons per script."
    if not 2 <= fields.grades_per_script <= 10:
        errors["grades_per_script"] = "Each script needs between 2 and 10 external grades."
    if errors:
        raise ValidationError(errors)
    return levels


@transaction.atomic
def round_create(
    *, actor: Any, family: Family, fields: RoundFields, schools: Sequence[School]
) -> Round:
    """Open a round for `schools` of `family`; the actor coordinates it."""
    levels = _check_round_fields(fields)
    members = set(
        family.memberships.filter(status=FamilyMembership.Status.ACTIVE).values_list(
            "school_id", flat=True
        )
    )
    if len(schools) < 2:
        raise ValidationError({"schools": "Moderation needs at least two schools."})
    outside = [s.name for s in schools if s.pk not in members]
    if outside:
        raise ValidationError({"schools": f"Not in {family.name}: {', '.join(outside)}."})
    round_ = Round.objects.create(
        family=family,
        title=fields.title.strip(),
        year_group=fields.year_group,
        task=fields.task.strip(),
        framework=fields.framework,
        levels=levels,
        method=fields.method,
        grades_per_script=fields.grades_per_script,
        judgements_per_script=fields.judgements_per_script,
        upload_deadline=fields.upload_deadline,
        judging_deadline=fields.judging_deadline,
        meeting_on=fields.meeting_on,
        created_by=actor,
    )
    RoundSchool.objects.bulk_create([RoundSchool(round=round_, school=s) for s in schools])
    RoundPerson.objects.create(round=round_, user=actor, role=RoundPerson.Role.COORDINATOR)
    audit_log(
        actor=actor,
        action="moderation.round_create",
        target=round_,
        summary=f"Opened moderation round {round_.title}",
    )
    return round_


ROUND_EDIT_FIELDS = (
    "title",
    "year_group",
    "task",
    "framework",
    "method",
    "upload_deadline",
    "judging_deadline",
    "meeting_on",
    "grades_per_script",
    "judgements_per_script",
    "levels",
)


@transaction.atomic
def round_update(
    *, actor: Any, round_: Round, fields: RoundFields, version: str | None = None
) -> Round:
    """Change a round's settings. `version` is the round's edit version as the form showed
    it: a change saved since raises EditConflict."""
    round_ = lock_unchanged(round_, ROUND_EDIT_FIELDS, version)
    levels = _check_round_fields(fields)
    if levels != round_.levels and round_.scripts.exists():
        raise ValidationError({"levels": "The levels cannot change once scripts are in."})
    for name in (
        "title",
        "year_group",
        "task",
        "framework",
        "method",
        "upload_deadline",
        "judging_deadline",
        "meeting_on",
        "grades_per_script",
        "judgements_per_script",
    ):
        setattr(round_, name, getattr(fields, name))
    round_.levels = levels
    round_.save()
    return round_


def _people_school(user: Any, round_: Round) -> School | None:
    """The round school `user` works at, if any (their judge or uploader school)."""
    ids = visibility.staff_school_ids(user).filter(school__in=round_.schools.values("school"))
    return School.objects.filter(pk__in=ids).order_by("name").first()


@transaction.atomic
def round_person_add(*, actor: Any, round_: Round, user: Any, role: str) -> RoundPerson:
    """Add a coordinator, judge or uploader. A judge or uploader acts for the round school
    they work at (a judge from none, such as an adviser, judges every script); an uploader
    must work at one. Whoever is added will sign in with a second factor from now on."""
    if not visibility.is_staff_account(user):
        raise ValidationError("Only school and family staff can take part in moderation.")
    school = _people_school(user, round_) if role != RoundPerson.Role.COORDINATOR else None
    if role == RoundPerson.Role.UPLOADER and school is None:
        raise ValidationError(f"{user} does not work at a school in this round.")
    person, created = RoundPerson.objects.get_or_create(
        round=round_, user=user, role=role, defaults={"school": school}
    )
    if created:
        audit_log(
            actor=actor,
            action="moderation.person_add",
            target=round_,
            summary=f"{user.email} added to a round as {person.get_role_display()}",
            detail={"user": user.pk, "role": role},
        )
    return person


@transaction.atomic
def round_person_remove(*, actor: Any, person: RoundPerson) -> None:
    round_ = person.round
    if (
        person.role == RoundPerson.Role.COORDINATOR
        and round_.people.filter(role=RoundPerson.Role.COORDINATOR).count() == 1
    ):
        raise ValidationError("A round needs at least one coordinator.")
    audit_log(
        actor=actor,
        action="moderation.person_remove",
        target=round_,
        summary=f"{person.user.email} no longer {person.get_role_display()}",
        detail={"user": person.user_id, "role": person.role},
    )
    person.delete()


@transaction.atomic
def round_school_sample_set(
    *, actor: Any, round_school: RoundSchool, cohort: int | None, extra: int, reason: str
) -> RoundSchool:
    """Record a school's cohort, and widen its sample for a disputed standard."""
    if extra and not reason.strip():
        raise ValidationError({"extra_reason": "Say which standard is disputed."})
    round_school.cohort, round_school.extra = cohort, extra
    round_school.extra_reason = reason.strip()
    round_school.save(update_fields=["cohort", "extra", "extra_reason"])
    return round_school


@transaction.atomic
def round_status_set(*, actor: Any, round_: Round, status: str) -> Round:
    if status == Round.Status.JUDGING and round_.scripts.values("school").distinct().count() < 2:
        raise ValidationError("Judging needs scripts from at least two schools.")
    round_.status = status
    round_.save(update_fields=["status"])
    audit_log(
        actor=actor,
        action="moderation.round_status",
        target=round_,
        summary=f"Round {round_.pk} now {round_.get_status_display()}",
    )
    return round_


# Scripts


def _store(round_: Round, code: str, number: int, content: bytes, extension: str) -> str:
    # A random part too: a stored name says nothing and cannot be guessed.
    name = f"moderation/{round_.pk}/{code}/{number:02d}-{secrets.token_hex(8)}{extension}"
    return default_storage.save(name, ContentFile(content))


def _unique_code(round_: Round) -> str:
    for _ in range(20):
        code = new_script_code()
        if not round_.scripts.filter(code=code).exists():
            return code
    raise IntegrityError("could not find a free script code")  # 10¹² codes: never happens


def script_upload(
    *,
    actor: Any,
    round_: Round,
    school: School,
    grade: int,
    files: Sequence[CheckedUpload] = (),
    text: str = "",
    anchor: bool = False,
) -> Script:
    """Store one pupil's script: checked files (images as pages, each PDF page drawn into an
    image by a background task) and/or typed text. The script gets a random code; nothing
    about the pupil is kept. One transaction, and no stored file outlives a failure."""
    stored: list[str] = []
    try:
        with transaction.atomic():
            script = _script_save(actor, round_, school, grade, files, text, anchor, stored)
    except Exception:
        for name in stored:
            default_storage.delete(name)
        raise
    if script.pages.filter(status=Page.Status.RENDERING).exists():
        from kinship.moderation.tasks import render_pdf_pages

        enqueue_with_change(render_pdf_pages, script.pk)
    return script


def _script_save(
    actor: Any,
    round_: Round,
    school: School,
    grade: int,
    files: Sequence[CheckedUpload],
    text: str,
    anchor: bool,
    stored: list[str],
) -> Script:
    if round_.status == Round.Status.CLOSED:
        raise ValidationError("This round is closed.")
    if not round_.schools.filter(school=school).exists():
        raise ValidationError({"school": f"{school.name} is not in this round."})
    if not 0 <= grade < len(round_.levels):
        raise ValidationError({"grade": "Choose one of the round's levels."})
    text = text.strip()
    if not files and not text:
        raise ValidationError("Upload the pages or type the text of the script.")
    pages = sum((f.pages or 1) if f.kind == Kind.PDF else 1 for f in files)
    if pages > MAX_PAGES:
        raise ValidationError(f"A script can have at most {MAX_PAGES} pages; this has {pages}.")
    script = Script.objects.create(
        round=round_,
        school=school,
        code=_unique_code(round_),
        school_grade=grade,
        text=text,
        anchor=anchor,
        uploaded_by=actor,
    )
    number = 0
    for upload in files:
        extension = "." + upload.filename.rsplit(".", 1)[-1].lower()
        name = _store(round_, script.code, number + 1, upload.content, extension)
        stored.append(name)
        if upload.kind == Kind.PDF:
            for page in range(upload.pages or 1):
                number += 1
                Page.objects.create(
                    script=script,
                    number=number,
                    source=name,
                    source_page=page,
                    status=Page.Status.RENDERING,
                )
        else:
            number += 1
            Page.objects.create(
                script=script,
                number=number,
                source=name,
                image=name,
                content_type=upload.content_type,
            )
    audit_log(
        actor=actor,
        action="moderation.script_upload",
        target=script,
        summary=f"Uploaded script {script.code} ({number} pages)",
        detail={"round": round_.pk, "school": school.pk},
    )
    return script


def script_delete(*, actor: Any, script: Script) -> None:
    if script.round.status != Round.Status.UPLOADING:
        raise ValidationError("Scripts can be withdrawn only while samples are being collected.")
    names = {p.source for p in script.pages.all()} | {
        p.image for p in script.pages.all() if p.image
    }
    with transaction.atomic():
        audit_log(
            actor=actor,
            action="moderation.script_delete",
            target=script,
            summary=f"Withdrew script {script.code}",
        )
        script.delete()
    for name in names:
        default_storage.delete(name)


def pupil_work_viewed(*, actor: Any, scripts: Sequence[Script], where: str, request: Any) -> None:
    """Every view of pupil work goes in the audit log: who, which scripts (codes), where."""
    if not scripts:
        return
    codes = [s.code for s in scripts]
    audit_log(
        actor=actor,
        action=selectors.VIEW_PUPIL_WORK,
        target=scripts[0].round,
        summary=f"Viewed {len(codes)} script(s) on {where}: {', '.join(codes[:8])}"[:255],
        detail={"scripts": codes, "where": where},
        request=request,
    )


# A page's images come in a request each, just after the page that shows them has logged
# the view: within this time of a logged view of the same script they are that view.
IMAGE_VIEW_WINDOW = timedelta(minutes=30)


def page_image_viewed(*, actor: Any, script: Script, request: Any) -> bool:
    """A page image of `script` was sent to `actor`: logged, unless the view of the script it
    belongs to already is (one row a script, not one an image). True when logged here."""
    since = timezone.now() - IMAGE_VIEW_WINDOW
    if selectors.pupil_work_view_logged(actor.pk, script, since=since):
        return False
    pupil_work_viewed(actor=actor, scripts=[script], where="page image", request=request)
    return True


# Blind grading and comparative judgement


def _judge_school_ids(actor: Any, round_: Round) -> set[int]:
    if not round_.people.filter(user=actor, role=RoundPerson.Role.JUDGE).exists():
        raise PermissionDenied("Only the round's judges can grade and compare scripts.")
    return selectors.judge_school_ids(actor.pk, round_.pk)


@transaction.atomic
def grade_record(*, actor: Any, script: Script, grade: int) -> Grade:
    round_ = script.round
    if round_.status != Round.Status.JUDGING or not round_.uses_grading:
        raise ValidationError("Blind grading is not open in this round.")
    if script.school_id in _judge_school_ids(actor, round_):
        raise PermissionDenied("Judges do not grade their own school's scripts.")
    if not 0 <= grade < len(round_.levels):
        raise ValidationError("Choose one of the round's levels.")
    recorded, _ = Grade.objects.update_or_create(
        script=script, judge=actor, defaults={"grade": grade, "created_at": timezone.now()}
    )
    return recorded


def _schedule_inputs(round_: Round) -> tuple[list[judgement.Script], list[judgement.Judge]]:
    scripts = [judgement.Script(s.code, str(s.school_id)) for s in round_.scripts.order_by("code")]
    judges = [
        judgement.Judge(
            str(p.user_id),
            str(p.school_id) if p.school_id else None,
            frozenset(str(pk) for pk in selectors.judge_school_ids(p.user_id, round_.pk)),
        )
        for p in round_.people.filter(role=RoundPerson.Role.JUDGE).order_by("user_id")
    ]
    return scripts, judges


@transaction.atomic
def comparisons_schedule(*, actor: Any, round_: Round) -> int:
    """Schedule the round's comparisons (the pairs already decided count towards each
    script's target; undecided ones are scheduled again). Returns how many were added."""
    if not round_.uses_judgement or round_.status != Round.Status.JUDGING:
        raise ValidationError("Comparative judgement is not open in this round.")
    scripts, judges = _schedule_inputs(round_)
    if not judges:
        raise ValidationError("Add judges to the round first.")
    round_.comparisons.filter(winner__isnull=True).delete()
    decided = list(round_.comparisons.select_related("left", "right"))
    existing = [judgement.Pair(str(c.judge_id), c.left.code, c.right.code) for c in decided]
    try:
        pairs = judgement.schedule_pairs(
            scripts, judges, round_.judgements_per_script, existing=existing
        )
    except judgement.ScheduleError as error:
        raise ValidationError(f"The comparisons cannot be scheduled: {error}.") from None
    return _save_pairs(actor, round_, pairs, boundary_focus=False)


def _save_pairs(
    actor: Any, round_: Round, pairs: Sequence[judgement.Pair], *, boundary_focus: bool
) -> int:
    by_code = {s.code: s for s in round_.scripts.all()}
    start: dict[str, int] = {}
    rows = []
    for pair in pairs:
        position = start.setdefault(pair.judge, _next_position(round_, int(pair.judge)))
        start[pair.judge] = position + 1
        rows.append(
            Comparison(
                round=round_,
                judge_id=int(pair.judge),
                left=by_code[pair.left],
                right=by_code[pair.right],
                position=position,
                boundary_focus=boundary_focus,
            )
        )
    Comparison.objects.bulk_create(rows)
    audit_log(
        actor=actor,
        action="moderation.schedule",
        target=round_,
        summary=f"Scheduled {len(rows)} comparisons"
        f"{' near the grade boundaries' if boundary_focus else ''}",
    )
    return len(rows)


def _next_position(round_: Round, judge_id: int) -> int:
    last = round_.comparisons.filter(judge_id=judge_id).order_by("-position").first()
    return last.position + 1 if last else 0


@transaction.atomic
def comparisons_schedule_boundary(*, actor: Any, round_: Round, per_script: int = 4) -> int:
    """Spend extra comparisons on scripts whose grade the scale leaves uncertain; the round's
    reports say so from then on."""
    from kinship.moderation.analysis import current_fit

    if not round_.uses_judgement or round_.status != Round.Status.JUDGING:
        raise ValidationError("Comparative judgement is not open in this round.")
    state = current_fit(round_)
    if state is None or not any(state.boundaries):
        raise ValidationError("Fit the scale with grades on both sides of a boundary first.")
    scripts, judges = _schedule_inputs(round_)
    decided = list(round_.comparisons.select_related("left", "right"))
    existing = [judgement.Pair(str(c.judge_id), c.left.code, c.right.code) for c in decided]
    try:
        pairs = judgement.schedule_boundary_pairs(
            scripts,
            judges,
            state.theta_by_code,
            state.se_by_code,
            state.boundaries,
            per_script=per_script,
            existing=existing,
        )
    except judgement.ScheduleError as error:
        raise ValidationError(f"The comparisons cannot be scheduled: {error}.") from None
    round_.boundary_focus_used = True
    round_.save(update_fields=["boundary_focus_used"])
    return _save_pairs(actor, round_, pairs, boundary_focus=True)


@transaction.atomic
def comparison_decide(
    *, actor: Any, comparison: Comparison, chosen: str, seconds: float | None = None
) -> Comparison:
    """The judge chose the `chosen` ("left" or "right") script as the better piece."""
    if comparison.judge_id != actor.pk:
        raise PermissionDenied("This comparison belongs to another judge.")
    if comparison.round.status != Round.Status.JUDGING:
        raise ValidationError("Judging is closed in this round.")
    if chosen not in ("left", "right"):
        raise ValidationError("Choose the left or the right script.")
    if comparison.winner_id is not None:
        raise ValidationError("That pair has already been judged.")
    comparison.winner = comparison.left if chosen == "left" else comparison.right
    now = timezone.now()
    comparison.decided_at = now
    if seconds is None and comparison.shown_at is not None:
        seconds = (now - comparison.shown_at).total_seconds()
    comparison.seconds = None if seconds is None else max(0.0, min(float(seconds), 3600.0))
    comparison.save(update_fields=["winner", "decided_at", "seconds"])
    return comparison


OUTCOME_FIELDS = ("notes", "decision", "agreed_grade", "reason")


@transaction.atomic
def outcome_record(
    *,
    actor: Any,
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
