"""Demo classroom visits for the Kaizen Network, added by `seed_demo` through the services.

Enough for a first-time coordinator to see how it works: staff at every school with their
expertise, open classrooms, some staff already declared cleared for visits, visits that have
happened (one with a reflection and a joint action, one still to be written up), requests
coming up, and a summer-term plan with staff preferences, not yet solved. The spring term is
left for the coordinator (and the browser test) to plan.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from kinship.accounts.models import User
from kinship.accounts.services import user_create, user_profile_update
from kinship.demo.families import demo_password_hash
from kinship.families.models import Family
from kinship.schools.models import School, SchoolRole
from kinship.schools.selectors import school_day_near
from kinship.schools.services import school_role_grant
from kinship.visits.models import OpenClassroom, Visit, VisitPlan
from kinship.visits.selectors import plans as plan_selectors
from kinship.visits.services import clearances, plans, reflections, visits
from kinship.visits.services.plans import PlanFields

SUMMER_PLAN = "Summer term visits 2027"


@dataclass(frozen=True)
class Colleague:
    short: str  # the email before @demo.kinship.test
    name: str
    job_title: str
    urn: int
    expertise: tuple[str, ...] = ()


STAFF = (
    Colleague("y3.ashworth", "Laura Jenkins", "Year 3 teacher", 990101, ("Maths mastery",)),
    Colleague("reception.ashworth", "Ben Walsh", "Reception teacher", 990101, ("EYFS", "Phonics")),
    Colleague("y5.ashworth", "Sophie Clarke", "Year 5 teacher", 990101, ("History",)),
    Colleague("y2.brookfield", "Rachel Moore", "Year 2 teacher", 990102, ("Phonics",)),
    Colleague("y4.brookfield", "James Patel", "Year 4 teacher", 990102, ("Science",)),
    Colleague("ta.brookfield", "Hannah Scott", "Teaching assistant", 990102, ("SEND",)),
    Colleague(
        "y2.carnforth", "Nadia Rahman", "Year 2 teacher", 990103, ("Phonics", "Early reading")
    ),
    Colleague("y6.carnforth", "Owen Price", "Year 6 teacher", 990103, ("KS2 writing",)),
    Colleague("y1.carnforth", "Emma Hughes", "Year 1 teacher", 990103, ()),
    Colleague("ks1.dolphinholme", "Lucy Grant", "KS1 teacher (mixed age)", 990104, ("Phonics",)),
    Colleague(
        "ks2.dolphinholme", "Peter Shaw", "KS2 teacher (mixed age)", 990104, ("Maths mastery",)
    ),
    Colleague("y1.edenvale", "Chloe Adams", "Year 1 teacher", 990105, ("Phonics",)),
    Colleague("y5.edenvale", "Daniel Evans", "Year 5 teacher", 990105, ("History", "Geography")),
    Colleague("reception.edenvale", "Fatima Ali", "Reception teacher", 990105, ("EYFS",)),
)

# (host's email, year group, subject, what you will see, weekdays, session, room)
OFFERS = (
    (
        "y2.carnforth",
        "y2",
        "early_reading",
        "Phonics: segmenting and blending with the whole class, then keep-up groups",
        (1, 3),
        "morning",
        "Class 2",
    ),
    (
        "eyfs.carnforth",
        "reception",
        "early_years",
        "Continuous provision, and adult-led maths in small groups",
        (0, 2),
        "morning",
        "Reception",
    ),
    (
        "teacher.brookfield",
        "y6",
        "writing",
        "Modelled writing towards greater depth, with live feedback",
        (2,),
        "morning",
        "Year 6",
    ),
    (
        "y4.brookfield",
        "y4",
        "science",
        "Working scientifically: planning a fair test",
        (3,),
        "afternoon",
        "Year 4",
    ),
    (
        "y3.ashworth",
        "y3",
        "maths",
        "Maths mastery: concrete, pictorial, abstract in one lesson",
        (0, 4),
        "morning",
        "Year 3",
    ),
    (
        "ks2.dolphinholme",
        "mixed",
        "maths",
        "One maths lesson for Years 3 to 6 together",
        (1,),
        "morning",
        "Class 3",
    ),
    (
        "senco.dolphinholme",
        "mixed",
        "send",
        "Adaptive teaching and a calm start to the day",
        (2,),
        "morning",
        "Class 2",
    ),
    (
        "y1.edenvale",
        "y1",
        "early_reading",
        "Phonics and early reading, and keeping up the slowest readers",
        (0, 3),
        "morning",
        "Year 1",
    ),
    (
        "y5.edenvale",
        "y5",
        "history",
        "Enquiry questions with local sources",
        (4,),
        "afternoon",
        "Year 5",
    ),
)

# Leads who have declared these staff cleared for visits; the others are still to do.
DECLARED = {
    "head.brookfield": ("teacher.brookfield", "y2.brookfield", "y4.brookfield"),
    "head.carnforth": ("y6.carnforth", "y2.carnforth", "eyfs.carnforth"),
    "head.dolphinholme": ("ks1.dolphinholme", "ks2.dolphinholme"),
    "head.ashworth": ("reception.ashworth", "y3.ashworth"),
}

# Staff preferences for the summer plan: (email, first choices..., subject, year group)
SUMMER_PREFERENCES = (
    ("teacher.brookfield", (990103, 990105), "", ""),
    ("y2.brookfield", (), "early_reading", "y2"),
    ("y4.brookfield", (990104,), "", ""),
    ("y3.ashworth", (990104, 990102), "", ""),
    ("reception.ashworth", (), "early_years", "reception"),
    ("y6.carnforth", (990102,), "", ""),
    ("y1.carnforth", (), "early_reading", "y1"),
    ("ks1.dolphinholme", (990103, 990105, 990101), "", ""),
    ("y5.edenvale", (990101,), "history", ""),
    ("reception.edenvale", (990103,), "", ""),
)


def _person(spec: Colleague) -> User:
    email = f"{spec.short}@demo.kinship.test"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = user_create(
            email=email,
            display_name=spec.name,
            password=None,
            password_hash=demo_password_hash(),
            job_title=spec.job_title,
        )
        user_profile_update(user=user, display_name=spec.name, expertise=list(spec.expertise))
    school_role_grant(
        actor=None, user=user, school=School.objects.get(urn=spec.urn), role=SchoolRole.Role.STAFF
    )
    return user


def _offers(people: dict[str, User]) -> dict[str, OpenClassroom]:
    found = {}
    for host, year_group, subject, focus, weekdays, session, room in OFFERS:
        user = people[host]
        offer = OpenClassroom.objects.filter(host=user, subject=subject).first()
        if offer is None:
            school = School.objects.filter(roles__user=user).order_by("name").first()
            assert school is not None
            offer = visits.open_classroom_create(
                actor=user,
                fields=visits.OfferFields(
                    school=school, year_group=year_group, subject=subject, focus=focus,
                    weekdays=weekdays, session=session, room=room,
                ),
            )  # fmt: skip
        found[host] = offer
    return found


def _declarations(people: dict[str, User]) -> None:
    for lead, staff in DECLARED.items():
        head = people[lead]
        school = School.objects.get(roles__user=head, roles__role=SchoolRole.Role.LEAD)
        for short in staff:
            clearances.clearance_declare(actor=head, school=school, person=people[short])


def _past_visits(people: dict[str, User]) -> None:
    today = timezone.localdate()
    carnforth, brookfield = School.objects.get(urn=990103), School.objects.get(urn=990102)
    # Tom has been to Carnforth's Year 2 phonics and not yet written it up.
    tom = people["teacher.brookfield"]
    if not Visit.objects.filter(visitor=tom, source=Visit.Source.RECORDED).exists():
        day = school_day_near(carnforth, today - timedelta(days=8), step=-1, weekdays=(1, 3))
        visits.visit_record(
            actor=tom, host_school=carnforth, day=day,
            focus_question="How do the keep-up groups run without a TA?",
        )  # fmt: skip
    lucy = people["ks1.dolphinholme"]
    if not Visit.objects.filter(visitor=lucy, source=Visit.Source.RECORDED).exists():
        day = school_day_near(carnforth, today - timedelta(days=20), step=-1, weekdays=(1, 3))
        visit = visits.visit_record(
            actor=lucy, host_school=carnforth, day=day,
            focus_question="Phonics in a class with two year groups",
        )  # fmt: skip
        reflection = reflections.reflection_save(
            actor=lucy,
            visit=visit,
            saw="Every child said every sound: choral repetition, then partners, then 'my turn'. "
            "The slowest readers had five minutes with Nadia straight after.",
            will_try="Keep-up groups the same afternoon for the six in Year 1 who are behind.",
            offer_back="Our mixed-age timetable: how we fit two phonics groups in one room.",
        )
        reflections.reflection_share_consent(actor=lucy, reflection=reflection, agree=True)
        reflections.joint_action_add(
            actor=lucy, visit=visit, due=day + timedelta(days=28),
            text="Try same-day keep-up groups for four weeks, then compare notes on progress",
        )  # fmt: skip
    owen = people["y6.carnforth"]
    if not Visit.objects.filter(visitor=owen, source=Visit.Source.RECORDED).exists():
        day = school_day_near(brookfield, today - timedelta(days=13), step=-1, weekdays=(2,))
        visit = visits.visit_record(
            actor=owen, host_school=brookfield, day=day, focus_question="Greater-depth writing"
        )
        reflections.reflection_save(
            actor=owen,
            visit=visit,
            saw="Tom writes live in front of the class and thinks aloud about each choice.",
            will_try="One modelled paragraph a week, written live, before the children draft.",
        )


def _upcoming_visits(people: dict[str, User], offers: dict[str, OpenClassroom]) -> None:
    today = timezone.localdate()
    reception = offers["eyfs.carnforth"]
    fatima = people["reception.edenvale"]
    if not Visit.objects.filter(visitor=fatima, offer=reception).exists():
        day = school_day_near(reception.school, today + timedelta(days=9), step=1, weekdays=(0, 2))
        visits.visit_request(
            actor=fatima, offer=reception, day=day,
            focus_question="How does continuous provision free adults to teach small groups?",
        )  # fmt: skip
    phonics = offers["y1.edenvale"]
    ben = people["reception.ashworth"]
    if not Visit.objects.filter(visitor=ben, offer=phonics).exists():
        day = school_day_near(phonics.school, today + timedelta(days=15), step=1, weekdays=(0, 3))
        visit = visits.visit_request(
            actor=ben, offer=phonics, day=day,
            focus_question="Phonics in Year 1 for children who struggled in Reception",
        )  # fmt: skip
        visits.visit_respond(
            actor=people["y1.edenvale"], visit=visit, accept=True,
            note="Come to the office at 8.50; we start at 9.05.",
        )  # fmt: skip


def _summer_plan(family: Family, coordinator: User, people: dict[str, User]) -> None:
    if VisitPlan.objects.filter(family=family, title=SUMMER_PLAN).exists():
        return
    plan = plans.visit_plan_create(
        actor=coordinator,
        family=family,
        fields=PlanFields(
            title=SUMMER_PLAN,
            window_start=date(2027, 4, 12),
            window_end=date(2027, 7, 16),
            common_inset_date=date(2027, 6, 7),
            preferences_due=date(2027, 3, 19),
            time_limit_s=10,
        ),
    )
    for short, schools, subject, year_group in SUMMER_PREFERENCES:
        person = people[short]
        own = plan_selectors.schools_of_person_in_plan(plan, person)[0]
        plans.staff_preference_save(
            actor=person, plan=plan, school=own, will_visit=True,
            choices=[School.objects.get(urn=urn) for urn in schools],
            focus_subject=subject, focus_year_group=year_group,
        )  # fmt: skip
    plans.plan_school_update(
        actor=people["head.dolphinholme"], plan=plan, school=School.objects.get(urn=990104),
        takes_part=True, inset_days=None, host_capacity=2, excluded=[],
    )  # fmt: skip
    # Each lead lets the plan move their last two INSET days of the year, so publishing moves
    # days rather than adding them (issue 18).
    for state in plan_selectors.school_states(plan, with_counts=False):
        plans.plan_school_update(
            actor=coordinator, plan=plan, school=state.school, takes_part=state.takes_part,
            inset_days=state.row.inset_days if state.row else None,
            host_capacity=state.row.host_capacity if state.row else None,
            excluded=sorted(state.excluded),
            reschedulable=plan_selectors.own_insets_for(plan, state.school)[-2:],
        )  # fmt: skip


@transaction.atomic
def seed_demo_visits(*, family: Family, coordinator: User) -> None:
    """Staff, open classrooms, declarations, visits and a summer plan. Idempotent."""
    people = {spec.short: _person(spec) for spec in STAFF}
    people.update(
        {
            user.email.split("@")[0]: user
            for user in User.objects.filter(email__endswith="@demo.kinship.test")
        }
    )
    offers = _offers(people)
    _declarations(people)
    _past_visits(people)
    _upcoming_visits(people, offers)
    _summer_plan(family, coordinator, people)
