"""Programmes and their participants: creating a programme, applying, nominating,
accepting, withdrawing, conflicts, and keeping the cohort circle in step."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from kinship.accounts.models import ExpertiseTag, User
from kinship.core.audit import audit_log
from kinship.core.concurrency import lock_unchanged
from kinship.core.queue import enqueue_with_change
from kinship.families.models import Circle, CircleMembership, Family
from kinship.families.services import circle_create, circle_member_add, circle_member_remove
from kinship.mentoring import selectors
from kinship.mentoring.models import Conflict, Pair, Participant, Programme, Rhythm
from kinship.schools.models import School

MAX_CAPACITY = 6  # more heads than this and a coach cannot visit each every half-term


@dataclass
class ProgrammeFields:
    name: str
    starts_on: date
    ends_on: date
    description: str = ""
    eligibility: int = Programme.Eligibility.FIRST_AND_SECOND
    rhythm: str = Rhythm.HALF_TERM
    cohort_meetings_expected: int = 3
    avoid_same_trust: bool = False
    avoid_line_managers: bool = True
    applications_open: bool = True


# What the programme's edit form changes, and so what its version covers.
PROGRAMME_EDIT_FIELDS = tuple(ProgrammeFields.__dataclass_fields__)


def _check_programme(family: Family, fields: ProgrammeFields, programme: Programme | None) -> None:
    errors: dict[str, str] = {}
    if not fields.name.strip():
        errors["name"] = "Give the programme a name."
    elif (
        Programme.objects.filter(family=family, name__iexact=fields.name.strip())
        .exclude(pk=programme.pk if programme else 0)
        .exists()
    ):
        errors["name"] = f"{family.name} already has a programme with this name."
    if fields.ends_on <= fields.starts_on:
        errors["ends_on"] = "The programme must end after it starts."
    elif (fields.ends_on - fields.starts_on).days > 800:
        errors["ends_on"] = "A programme runs for two years at most."
    if fields.eligibility not in Programme.Eligibility.values:
        errors["eligibility"] = "Choose who may be coached."
    if fields.rhythm not in Rhythm.values:
        errors["rhythm"] = "Choose a coaching rhythm."
    if not 0 <= fields.cohort_meetings_expected <= 12:
        errors["cohort_meetings_expected"] = "Between 0 and 12 cohort meetings a year."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def programme_create(*, actor: User, family: Family, fields: ProgrammeFields) -> Programme:
    """A new programme in `family`, run by its coordinators."""
    _check_programme(family, fields, None)
    values = {**fields.__dict__, "name": fields.name.strip()}
    programme = Programme.objects.create(family=family, created_by=actor, **values)
    audit_log(
        actor=actor,
        action="mentoring.programme_create",
        target=programme,
        summary=f"Created the programme {programme.name} in {family.name}",
    )
    return programme


@transaction.atomic
def programme_update(
    *, actor: User, programme: Programme, fields: ProgrammeFields, version: str | None = None
) -> Programme:
    """Change a programme's settings; `version` is what the edit form showed
    (PROGRAMME_EDIT_FIELDS): a stale one raises EditConflict."""
    programme = lock_unchanged(programme, PROGRAMME_EDIT_FIELDS, version)
    _check_programme(programme.family, fields, programme)
    for name, value in fields.__dict__.items():
        setattr(programme, name, value.strip() if name == "name" else value)
    programme.save()
    audit_log(
        actor=actor,
        action="mentoring.programme_update",
        target=programme,
        summary=f"Changed the programme {programme.name}",
    )
    return programme


@dataclass
class Profile:
    """What a participant tells the programme, and what matching reads."""

    school: School
    vision: str = ""
    priorities: Sequence[ExpertiseTag] = ()
    priorities_note: str = ""
    context_note: str = ""
    share_school_context: bool = True
    headship_year: int | None = None
    capacity: int = 1
    availability: str = ""


# What the profile form edits, and so what its version covers.
PROFILE_FIELDS = tuple(Profile.__dataclass_fields__)


def _check_profile(programme: Programme, user: User, role: str, profile: Profile) -> None:
    errors: dict[str, str] = {}
    if (
        not selectors.school_choices_for(user, programme, role)
        .filter(pk=profile.school.pk)
        .exists()
    ):
        errors["school"] = (
            "Choose a school you lead in this family."
            if role == Participant.Role.MENTEE
            else "Choose a school you work at in this family."
        )
    if role == Participant.Role.MENTEE:
        year = profile.headship_year
        if year is None or year < 1:
            errors["headship_year"] = "Say which year of headship you are in."
        elif year > programme.eligibility:
            errors["headship_year"] = (
                "This programme is for "
                f"{Programme.Eligibility(programme.eligibility).label.lower()}."
            )
    elif not 1 <= profile.capacity <= MAX_CAPACITY:
        errors["capacity"] = f"Coach between 1 and {MAX_CAPACITY} heads."
    if errors:
        raise ValidationError(errors)


def _apply_profile(participant: Participant, profile: Profile) -> None:
    participant.school = profile.school
    participant.vision = profile.vision.strip()
    participant.priorities_note = profile.priorities_note.strip()
    participant.context_note = profile.context_note.strip()
    participant.share_school_context = profile.share_school_context
    participant.availability = profile.availability.strip()
    if participant.role == Participant.Role.MENTEE:
        participant.headship_year = profile.headship_year
    else:
        participant.capacity = profile.capacity
    participant.save()
    participant.priorities.set(profile.priorities)


@transaction.atomic
def participant_join(
    *, actor: User, programme: Programme, role: str, profile: Profile
) -> Participant:
    """Apply to be coached, or volunteer to coach. A coordinator accepts the application."""
    if role not in Participant.Role.values:
        raise ValidationError("Choose to be coached or to coach.")
    if not programme.applications_open:
        raise ValidationError("This programme is not taking applications.")
    if Participant.objects.filter(programme=programme, user=actor).exists():
        raise ValidationError("You already have a place in this programme.")
    _check_profile(programme, actor, role, profile)
    participant = Participant(
        programme=programme, user=actor, role=role, status=Participant.Status.APPLIED
    )
    _apply_profile(participant, profile)
    audit_log(
        actor=actor,
        action="mentoring.apply",
        target=participant,
        summary=f"{'Applied to' if role == 'mentee' else 'Volunteered to coach in'} "
        f"{programme.name}",
    )
    return participant


@transaction.atomic
def participant_nominate(
    *, actor: User, programme: Programme, user: User, role: str
) -> Participant:
    """A coordinator nominates a head (or a coach); they take their place when they
    complete their profile."""
    if Participant.objects.filter(programme=programme, user=user).exists():
        raise ValidationError(f"{user} already has a place in this programme.")
    school = selectors.school_choices_for(user, programme, role).first()
    if school is None:
        raise ValidationError(
            f"{user} does not lead a school in {programme.family.name}."
            if role == Participant.Role.MENTEE
            else f"{user} does not work at a school in {programme.family.name}."
        )
    participant = Participant.objects.create(
        programme=programme,
        user=user,
        role=role,
        school=school,
        status=Participant.Status.NOMINATED,
        nominated_by=actor,
    )
    audit_log(
        actor=actor,
        action="mentoring.nominate",
        target=participant,
        summary=f"Nominated {user.email} for {programme.name}",
    )
    from kinship.mentoring.tasks import send_notice

    enqueue_with_change(send_notice, "nominated", participant.pk)
    return participant


@transaction.atomic
def participant_profile_update(
    *, actor: User, participant: Participant, profile: Profile, version: str | None = None
) -> Participant:
    """Change a profile; a nominee who completes theirs takes their place. `version` is the
    profile as the form showed it (PROFILE_FIELDS): a change saved since raises EditConflict."""
    participant = lock_unchanged(participant, PROFILE_FIELDS, version)
    if participant.status == Participant.Status.WITHDRAWN:
        raise ValidationError("This place has been withdrawn.")
    _check_profile(participant.programme, participant.user, participant.role, profile)
    _apply_profile(participant, profile)
    if participant.status == Participant.Status.NOMINATED and actor.pk == participant.user_id:
        participant_accept(actor=actor, participant=participant)
    return participant


@transaction.atomic
def participant_accept(*, actor: User, participant: Participant) -> Participant:
    """Give an applicant (or a nominee who has confirmed) their place; a new head joins
    the cohort."""
    if participant.status == Participant.Status.ACCEPTED:
        return participant
    if participant.status == Participant.Status.WITHDRAWN:
        raise ValidationError("This place has been withdrawn.")
    participant.status = Participant.Status.ACCEPTED
    participant.save(update_fields=["status", "updated_at"])
    if participant.role == Participant.Role.MENTEE:
        _cohort_join(actor=actor, programme=participant.programme, user=participant.user)
    audit_log(
        actor=actor,
        action="mentoring.accept",
        target=participant,
        summary=f"{participant.user.email} takes part in {participant.programme.name} "
        f"({participant.get_role_display().lower()})",
    )
    return participant


@transaction.atomic
def participant_withdraw(*, actor: User, participant: Participant) -> Participant:
    """Leave the programme: proposals are dropped, a published pair ends, and a head
    leaves the cohort."""
    if participant.status == Participant.Status.WITHDRAWN:
        raise ValidationError("This place has already been withdrawn.")
    was_accepted = participant.status == Participant.Status.ACCEPTED
    participant.status = Participant.Status.WITHDRAWN
    participant.save(update_fields=["status", "updated_at"])
    live = Pair.objects.filter(Q(mentee=participant) | Q(coach=participant))
    live.filter(status=Pair.Status.PROPOSED).delete()
    live.filter(status=Pair.Status.PUBLISHED).update(
        status=Pair.Status.DECLINED,
        declined_at=timezone.now(),
        declined_by=actor,
        decline_reason="Left the programme.",
    )
    if was_accepted and participant.role == Participant.Role.MENTEE:
        _cohort_leave(actor=actor, programme=participant.programme, user=participant.user)
    audit_log(
        actor=actor,
        action="mentoring.withdraw",
        target=participant,
        summary=f"{participant.user.email} withdrawn from {participant.programme.name}",
    )
    return participant


@transaction.atomic
def programme_cohort_adopt(*, actor: User, programme: Programme, circle: Circle) -> Programme:
    """New heads who already meet in a confidential circle make it the programme's cohort,
    rather than starting another. Its convener does this, as a head in the programme; the
    coordinators never see the circle, only that the cohort exists."""
    if programme.cohort_id is not None:
        raise ValidationError("This programme already has its cohort.")
    if not circle.confidential:
        raise ValidationError("The cohort must be a confidential circle.")
    if not circle.memberships.filter(user=actor, is_convener=True).exists():
        raise PermissionDenied("Only the circle's convener can make it the cohort.")
    if not circle.families.filter(pk=programme.family_id).exists():
        raise ValidationError(f"The circle must belong to {programme.family.name}.")
    place = Participant.objects.filter(programme=programme, user=actor).first()
    if place is None or place.role != Participant.Role.MENTEE:
        raise PermissionDenied("Only a head in the programme can bring their circle to it.")
    programme.cohort = circle
    programme.save(update_fields=["cohort"])
    accepted = programme.participants.filter(
        role=Participant.Role.MENTEE, status=Participant.Status.ACCEPTED
    ).select_related("user")
    for mentee in accepted:
        circle_member_add(actor=actor, circle=circle, user=mentee.user)
    # Admins read the audit log: it says the cohort was made, not by whom (its convener,
    # and so a member of a confidential circle), as the families app does for circles.
    audit_log(
        actor=None,
        action="mentoring.cohort_adopt",
        target=programme,
        summary=f"A confidential circle became the cohort of {programme.name}",
    )
    return programme


def _cohort_join(*, actor: User, programme: Programme, user: User) -> None:
    """The cohort is a confidential circle of the programme's new heads. The first head
    opens it and convenes it: the coordinator is not a member and cannot read it."""
    if programme.cohort is None:
        programme.cohort = circle_create(
            actor=user,
            families=[programme.family],
            name=f"{programme.name}: new heads' cohort",
            description="The programme's new heads: a safe, confidential space. "
            "Nothing leaves the room.",
            confidential=True,
        )
        programme.save(update_fields=["cohort"])
        audit_log(
            actor=None,  # the first head in it: its membership is the members' own business
            action="mentoring.cohort_open",
            target=programme,
            summary=f"Opened the confidential cohort of {programme.name}",
        )
        return
    circle_member_add(actor=actor, circle=programme.cohort, user=user)


def _cohort_leave(*, actor: User, programme: Programme, user: User) -> None:
    if programme.cohort is None:
        return
    membership = CircleMembership.objects.filter(circle=programme.cohort, user=user).first()
    if membership is None:
        return
    others = programme.cohort.memberships.exclude(pk=membership.pk)
    if membership.is_convener and not others.filter(is_convener=True).exists():
        # Convening passes to the longest-standing member: the families app has no
        # service for it, and the cohort must not be left without a convener.
        successor = others.order_by("joined_at", "pk").first()
        if successor is not None:
            CircleMembership.objects.filter(pk=successor.pk).update(is_convener=True)
    membership.refresh_from_db()
    circle_member_remove(actor=actor, membership=membership)


@transaction.atomic
def conflict_declare(*, actor: User, participant: Participant, other: User, kind: str) -> Conflict:
    """Someone the participant must not be paired with; matching excludes the pair."""
    if other.pk == participant.user_id:
        raise ValidationError({"other": "That is you."})
    if kind not in Conflict.Kind.values:
        raise ValidationError({"kind": "Choose why."})
    conflict, _ = Conflict.objects.update_or_create(
        participant=participant, other=other, defaults={"kind": kind}
    )
    return conflict


@transaction.atomic
def conflict_remove(*, actor: User, conflict: Conflict) -> None:
    if conflict.participant.user_id != actor.pk:
        raise PermissionDenied("Only whoever declared a conflict can take it back.")
    conflict.delete()
