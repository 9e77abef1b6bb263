"""Setting up a moderation round: its fields, the people taking part, each school's sample
and the round's status."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from kinship.accounts.models import User
from kinship.core.audit import audit_log
from kinship.core.concurrency import lock_unchanged
from kinship.families.models import Family, FamilyMembership
from kinship.membership import visibility
from kinship.moderation.models import TAF_LEVELS, Round, RoundPerson, RoundSchool
from kinship.schools.models import School


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
    *, actor: User, family: Family, fields: RoundFields, schools: Sequence[School]
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
    *, actor: User, round_: Round, fields: RoundFields, version: str | None = None
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


def _people_school(user: User, round_: Round) -> School | None:
    """The round school `user` works at, if any (their judge or uploader school)."""
    ids = visibility.staff_school_ids(user).filter(school__in=round_.schools.values("school"))
    return School.objects.filter(pk__in=ids).order_by("name").first()


@transaction.atomic
def round_person_add(*, actor: User, round_: Round, user: User, role: str) -> RoundPerson:
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
def round_person_remove(*, actor: User, person: RoundPerson) -> None:
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
    *, actor: User, round_school: RoundSchool, cohort: int | None, extra: int, reason: str
) -> RoundSchool:
    """Record a school's cohort, and widen its sample for a disputed standard."""
    if extra and not reason.strip():
        raise ValidationError({"extra_reason": "Say which standard is disputed."})
    round_school.cohort, round_school.extra = cohort, extra
    round_school.extra_reason = reason.strip()
    round_school.save(update_fields=["cohort", "extra", "extra_reason"])
    return round_school


@transaction.atomic
def round_status_set(*, actor: User, round_: Round, status: str) -> Round:
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
