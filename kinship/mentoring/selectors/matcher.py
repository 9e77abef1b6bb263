"""The matcher's problem built from a programme's accepted participants."""

from collections.abc import Sequence
from dataclasses import dataclass

from kinship.mentoring import matching
from kinship.mentoring.models import (
    Conflict,
    Pair,
    Participant,
    Programme,
)
from kinship.mentoring.selectors.programmes import participants_of
from kinship.schools.models import School


@dataclass
class MatchingInput:
    problem: matching.Problem
    participants: dict[str, Participant]


def school_context(school: School) -> matching.SchoolContext:
    return matching.SchoolContext(
        urn=school.urn,
        phase=school.phase,
        pupils=school.pupils,
        fsm_percent=float(school.fsm_percent) if school.fsm_percent is not None else None,
        urban_rural=school.urban_rural,
        trust=school.trust_name,
        latitude=school.latitude,
        longitude=school.longitude,
    )


def _text_of(participant: Participant) -> str:
    return " ".join(part for part in (participant.vision, participant.priorities_note) if part)


def matching_input(programme: Programme, *, keep: Sequence[Pair] = ()) -> MatchingInput:
    """The programme's accepted heads and coaches as the matcher's problem. Published and
    locked pairs (and `keep`) stay as they are; declined pairs and declared conflicts are
    excluded; line managers and trusts as the programme says."""
    people = list(participants_of(programme).filter(status=Participant.Status.ACCEPTED))
    by_id = {str(p.pk): p for p in people}
    by_user = {p.user_id: p for p in people}
    mentees = tuple(
        matching.Mentee(
            id=str(p.pk),
            school=p.school.urn,
            vision=_text_of(p),
            tags=tuple(t.name for t in p.priorities.all()),
            share_context=p.share_school_context,
        )
        for p in people
        if p.role == Participant.Role.MENTEE
    )
    coaches = tuple(
        matching.Coach(
            id=str(p.pk),
            school=p.school.urn,
            vision=_text_of(p),
            tags=tuple(t.name for t in p.priorities.all()),
            capacity=p.capacity,
            share_context=p.share_school_context,
        )
        for p in people
        if p.role == Participant.Role.COACH
    )
    pairs = list(Pair.objects.filter(programme=programme).select_related("mentee", "coach"))
    exclusions = {(str(p.mentee_id), str(p.coach_id)) for p in pairs if p.status == "declined"}
    line_managers: set[tuple[str, str]] = set()
    conflicts = Conflict.objects.filter(participant__programme=programme).select_related(
        "participant"
    )
    for conflict in conflicts:
        other = by_user.get(conflict.other_id)
        if other is None or other.role == conflict.participant.role:
            continue
        mentee, coach = (
            (conflict.participant, other)
            if conflict.participant.role == Participant.Role.MENTEE
            else (other, conflict.participant)
        )
        target = line_managers if conflict.kind == Conflict.Kind.LINE_MANAGER else exclusions
        target.add((str(mentee.pk), str(coach.pk)))
    keep_ids = {pair.pk for pair in keep}
    fixed = tuple(
        (str(p.mentee_id), str(p.coach_id))
        for p in pairs
        if (
            p.status == Pair.Status.PUBLISHED
            or (p.status == Pair.Status.PROPOSED and p.locked)
            or p.pk in keep_ids
        )
        and str(p.mentee_id) in by_id
        and str(p.coach_id) in by_id
    )
    problem = matching.Problem(
        mentees=mentees,
        coaches=coaches,
        schools={p.school.urn: school_context(p.school) for p in people},
        exclusions=frozenset(exclusions),
        line_managers=frozenset(line_managers),
        avoid_line_managers=programme.avoid_line_managers,
        avoid_same_trust=programme.avoid_same_trust,
        fixed=fixed,
    )
    return MatchingInput(problem=problem, participants=by_id)
