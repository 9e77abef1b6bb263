"""The demo coaching programme, added by `seed_demo`: "New heads 2026-27" in Kaizen Network.

Priya Shah (first year, Ashworth) and Joanne Pike (second year, Eden Vale) are coached by
experienced Kaizen heads, matched by the real matcher and published; Priya's pair space has
questions saved up since the last visit, a meeting held and one booked, actions and goals,
and her private journal an entry. Priya convenes the demo's confidential "New heads 2026-27"
circle, which becomes the programme's cohort, with its three dates, topics and notes. Built
through the services; running it twice changes nothing. Dates near today are counted from
today, so the demo stays sensible whenever it is loaded.
"""

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from kinship.accounts.models import User
from kinship.accounts.services import expertise_tags_for
from kinship.families.models import Circle, Family
from kinship.mentoring import services
from kinship.mentoring.models import MatchingRun, Pair, Participant, Programme
from kinship.schools.models import School
from kinship.schools.selectors import school_day_near

NAME = "New heads 2026–27"
LONDON = timezone.get_default_timezone()
# School URN, year of headship (or places offered), vision, priorities, words of their own.
Spec = tuple[int, int, str, tuple[str, ...], str]

HEADS: dict[str, Spec] = {
    "head.ashworth@demo.kinship.test": (
        990101,
        1,
        "A school at the heart of its community where every child reads for pleasure "
        "and families feel welcome.",
        ("SEND", "School finance"),
        "setting my first budget; SEND provision after a rise in EHCPs",
    ),
    "head.edenvale@demo.kinship.test": (
        990105,
        2,
        "High expectations for every child, attendance every day and a curriculum "
        "that opens doors.",
        ("Attendance", "Curriculum design"),
        "persistent absence; a new curriculum for foundation subjects",
    ),
}
COACHES: dict[str, Spec] = {
    "head.brookfield@demo.kinship.test": (
        990102,
        2,
        "A community school where reading comes first and every child with SEND "
        "is known and included.",
        ("SEND", "Ofsted preparation", "School finance"),
        "Tuesday and Thursday afternoons; happy to host visits",
    ),
    "head.carnforth@demo.kinship.test": (
        990103,
        1,
        "Early reading and phonics so that every child reads by seven.",
        ("Phonics", "Early reading"),
        "Wednesday mornings",
    ),
    "head.dolphinholme@demo.kinship.test": (
        990104,
        1,
        "A small school with a big curriculum: mixed-age classes, attendance and belonging.",
        ("Mixed-age classes", "Attendance", "Curriculum design"),
        "Monday afternoons, or online",
    ),
}


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=LONDON)


def _apply(programme: Programme, email: str, role: str, spec: Spec) -> Participant:
    urn, number, vision, tags, words = spec
    user = User.objects.get(email=email)
    profile = services.Profile(
        school=School.objects.get(urn=urn),
        vision=vision,
        priorities=expertise_tags_for(list(tags)),
        priorities_note=words if role == Participant.Role.MENTEE else "",
        availability=words if role == Participant.Role.COACH else "",
        headship_year=number if role == Participant.Role.MENTEE else None,
        capacity=number if role == Participant.Role.COACH else 1,
    )
    return services.participant_join(actor=user, programme=programme, role=role, profile=profile)


@transaction.atomic
def seed_demo_mentoring(*, coordinator: User, family: Family) -> None:
    """The programme, its matched and published pairs, a pair space and the cohort."""
    if Programme.objects.filter(family=family, name=NAME).exists():
        return
    programme = services.programme_create(
        actor=coordinator,
        family=family,
        fields=services.ProgrammeFields(
            name=NAME,
            starts_on=date(2026, 9, 1),
            ends_on=date(2027, 7, 22),
            description="A coach for the year (an experienced head from another Kaizen school), "
            "a cohort of new heads meeting three times a year, and a safe, confidential space.",
            avoid_same_trust=True,
        ),
    )
    places = [
        _apply(programme, email, Participant.Role.MENTEE, spec) for email, spec in HEADS.items()
    ]
    # Priya convenes the new heads' confidential circle: it becomes the cohort.
    priya = User.objects.get(email="head.ashworth@demo.kinship.test")
    circle = Circle.objects.filter(name=NAME, confidential=True).first()
    if circle is not None:
        services.programme_cohort_adopt(actor=priya, programme=programme, circle=circle)
    for place in places:
        services.participant_accept(actor=coordinator, participant=place)
    for email, spec in COACHES.items():
        coach = _apply(programme, email, Participant.Role.COACH, spec)
        services.participant_accept(actor=coordinator, participant=coach)
    run = MatchingRun.objects.create(programme=programme, requested_by=coordinator)
    services.matching_run_execute(run_id=run.pk)
    services.matching_publish(actor=coordinator, programme=programme)
    pair = Pair.objects.get(programme=programme, mentee__user=priya, status=Pair.Status.PUBLISHED)
    _pair_space(pair, priya)
    _cohort(programme, priya, User.objects.get(email="head.edenvale@demo.kinship.test"))


def _pair_space(pair: Pair, head: User) -> None:
    coach = pair.coach.user
    today = timezone.localdate()
    # Both visits are at the coach's school, so on days its pupils are in, whatever today is.
    held = school_day_near(pair.coach.school, today - timedelta(days=6), step=-1)
    visit = services.meeting_schedule(
        actor=coach,
        pair=pair,
        starts_at=_at(held, 13, 30),
        ends_at=_at(held, 15),
        place="coach_school",
        location="Head's office",
    )
    budget = services.question_add(
        actor=head,
        pair=pair,
        text="How did you set your first budget with a falling roll?",
        tags="budget",
    )
    services.question_answer(
        actor=coach,
        question=budget,
        meeting=visit,
        answer="Start from the five-year forecast; talk to the LA finance team before governors.",
    )
    services.meeting_record(
        actor=coach,
        meeting=visit,
        held=True,
        notes="Walked the school at lunchtime; looked at our SEND register and provision map.\n\n"
        "- Budget: start from the five-year forecast.\n- Next time: the SEND review.",
    )
    services.action_add(
        actor=coach, pair=pair, meeting=visit, owner=coach, text="Send our provision map template"
    )
    done = services.action_add(
        actor=coach,
        pair=pair,
        meeting=visit,
        owner=head,
        text="Book a call with the LA finance team",
    )
    services.action_set_done(actor=head, action=done, done=True)
    for text, tags in (
        ("What should a SEND review cover in the first year?", "SEND"),
        ("How do you prepare governors for the budget meeting?", "budget, governors"),
        ("How much do you delegate to the deputy in the first term?", "leadership"),
    ):
        services.question_add(actor=head, pair=pair, text=text, tags=tags)
    upcoming = school_day_near(pair.coach.school, today + timedelta(days=14), step=1)
    services.meeting_schedule(
        actor=head,
        pair=pair,
        starts_at=_at(upcoming, 13, 30),
        ends_at=_at(upcoming, 15),
        place="coach_school",
    )
    goal = services.goal_add(
        actor=head,
        pair=pair,
        title="A balanced three-year budget",
        detail="Agreed by governors in the spring term.",
    )
    services.goal_progress(
        actor=head,
        goal=goal,
        status="under_way",
        text="First forecast drafted with the business manager.",
    )
    services.goal_add(actor=head, pair=pair, title="A SEND review, and a provision map staff use")
    services.resource_share(
        actor=coach,
        pair=pair,
        title="Our SEND provision map (template)",
        url="https://example.org/provision-map",
        note="Adapt the columns to your own needs.",
    )
    services.journal_add(
        actor=head,
        participant=pair.mentee,
        title="After the visit",
        body="Seeing Brookfield's provision map made me realise how much we already do.",
    )


def _cohort(programme: Programme, priya: User, joanne: User) -> None:
    coordinator = programme.created_by
    ashworth = School.objects.get(urn=990101)
    dates = (date(2026, 10, 15), date(2027, 2, 4), date(2027, 6, 17))
    meetings = [
        services.cohort_meeting_create(
            actor=coordinator,
            programme=programme,
            title=f"Cohort meeting {n}",
            starts_at=_at(day, 9, 30),
            ends_at=_at(day, 12, 30),
            host_school=ashworth,
            location="Library",
        )
        for n, day in enumerate(dates, start=1)
    ]
    services.cohort_notes_save(
        actor=priya,
        meeting=meetings[0],
        notes="We shared how our first half-term went. Everyone is finding the budget hard.",
    )
    budget = services.cohort_topic_propose(
        actor=priya, meeting=meetings[1], title="The first budget round"
    )
    services.cohort_vote(actor=joanne, topic=budget, wanted=True)
    services.cohort_topic_propose(
        actor=joanne, meeting=meetings[1], title="Handling parental complaints"
    )
