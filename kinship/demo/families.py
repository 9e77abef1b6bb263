"""The demo family: Kaizen Network, five primaries in North West England, and a county
new-heads network that shares one school with it. Built through the real services."""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.db import transaction

from kinship.accounts.models import AccountType, User
from kinship.accounts.services import user_create, user_profile_update
from kinship.families.models import Circle, Family, FamilyMembership, FamilyRole
from kinship.families.services import (
    circle_create,
    circle_post_create,
    family_create,
    family_role_grant,
    family_school_add,
)
from kinship.schools.models import School, SchoolRole
from kinship.schools.services import gias_import, school_role_grant

DEMO_PASSWORD = "kinship-demo-2026"


@cache
def demo_password_hash() -> str:
    """One hash of the demo password for every demo account: hashing it afresh for each of
    some thirty people made loading the demo take ten seconds longer."""
    return make_password(DEMO_PASSWORD)


DEMO_GIAS_FILE = Path(__file__).parent / "fixtures" / "demo_gias.csv"
KAIZEN_URNS = (990101, 990102, 990103, 990104, 990105)
COUNTY_URNS = (990105, 990201, 990202)


@dataclass(frozen=True)
class DemoPerson:
    email: str
    name: str
    job_title: str
    urn: int | None = None
    role: str = SchoolRole.Role.STAFF
    account_type: str = AccountType.STAFF
    expertise: tuple[str, ...] = ()
    ask_me_about: str = ""
    what_to_try: str = ""


PEOPLE = (
    DemoPerson("admin@demo.kinship.test", "Alex Morgan", "Platform administrator",
               what_to_try="runs the service; must set up two-factor sign-in first"),
    DemoPerson("coordinator@demo.kinship.test", "Sarah Whitfield", "Deputy headteacher",
               urn=990101, expertise=("Assessment", "Ofsted preparation"),
               ask_me_about="running moderation across schools",
               what_to_try="coordinates Kaizen Network; cannot see the new heads' circle"),
    DemoPerson("head.ashworth@demo.kinship.test", "Priya Shah", "Headteacher (first year)",
               urn=990101, role=SchoolRole.Role.LEAD, expertise=("School finance",),
               what_to_try="a new head in the confidential new heads' circle"),
    DemoPerson("head.brookfield@demo.kinship.test", "David Okafor", "Headteacher",
               urn=990102, role=SchoolRole.Role.LEAD, expertise=("Ofsted preparation", "SEND"),
               ask_me_about="our first year after a Requires Improvement judgement",
               what_to_try="an experienced head and school lead"),
    DemoPerson("head.carnforth@demo.kinship.test", "Helen Brooks", "Headteacher",
               urn=990103, role=SchoolRole.Role.LEAD, expertise=("Phonics", "Early reading")),
    DemoPerson("head.dolphinholme@demo.kinship.test", "Mark Ellison", "Headteacher",
               urn=990104, role=SchoolRole.Role.LEAD, expertise=("Mixed-age classes",),
               ask_me_about="planning for mixed-age classes in a small school"),
    DemoPerson("head.edenvale@demo.kinship.test", "Joanne Pike", "Headteacher (second year)",
               urn=990105, role=SchoolRole.Role.LEAD, expertise=("Attendance",),
               what_to_try="a new head whose school is in both families"),
    DemoPerson("teacher.brookfield@demo.kinship.test", "Tom Fairclough", "Year 6 teacher",
               urn=990102, expertise=("KS2 writing", "Moderation"),
               ask_me_about="greater-depth writing in Year 6",
               what_to_try="a teacher in the open Y6 teachers' circle"),
    DemoPerson("eyfs.carnforth@demo.kinship.test", "Aisha Begum", "EYFS lead",
               urn=990103, expertise=("EYFS", "Phonics"), ask_me_about="continuous provision"),
    DemoPerson("senco.dolphinholme@demo.kinship.test", "Gareth Lloyd", "SENCO",
               urn=990104, expertise=("SEND", "EHCP applications")),
    DemoPerson("county@demo.kinship.test", "Ruth Ainsworth", "School improvement adviser",
               what_to_try="coordinates the county new-heads network"),
    DemoPerson("head.fulwood@demo.kinship.test", "Imran Hussain", "Headteacher (first year)",
               urn=990201, role=SchoolRole.Role.LEAD, expertise=("Maths mastery",)),
    DemoPerson("head.garstang@demo.kinship.test", "Claire Dawson", "Headteacher",
               urn=990202, role=SchoolRole.Role.LEAD, expertise=("Curriculum design",)),
    DemoPerson("partner@demo.kinship.test", "Sam Carter", "Community officer, Bay Engineering",
               account_type=AccountType.PARTNER,
               what_to_try="a business partner of Kaizen Network"),
    DemoPerson("pupil.ashworth@demo.kinship.test", "Ashworth school council 1", "",
               urn=990101, role=SchoolRole.Role.PUPIL, account_type=AccountType.PUPIL,
               what_to_try="a pupil account (school council)"),
)  # fmt: skip


def _person(spec: DemoPerson) -> User:
    user = User.objects.filter(email=spec.email).first()
    if user is None:
        user = user_create(
            email=spec.email,
            display_name=spec.name,
            password=None,
            password_hash=demo_password_hash(),
            job_title=spec.job_title,
            account_type=spec.account_type,
            is_platform_admin=spec.email.startswith("admin@"),
        )
        user_profile_update(
            user=user,
            display_name=spec.name,
            ask_me_about=spec.ask_me_about,
            expertise=list(spec.expertise),
        )
    if spec.urn is not None:
        school_role_grant(
            actor=None, user=user, school=School.objects.get(urn=spec.urn), role=spec.role
        )
    return user


def _family(
    name: str, kind: str, description: str, coordinator: User, urns: tuple[int, ...]
) -> Family:
    family = Family.objects.filter(name=name).first()
    if family is None:
        family = family_create(
            actor=None, name=name, kind=kind, description=description, coordinator=coordinator
        )
    member_urns = set(
        family.memberships.filter(status=FamilyMembership.Status.ACTIVE).values_list(
            "school__urn", flat=True
        )
    )
    for school in School.objects.filter(urn__in=set(urns) - member_urns):
        family_school_add(actor=None, family=family, school=school)
    return family


@transaction.atomic
def seed_demo() -> list[DemoPerson]:
    """Create (or complete) the demo data. Running it twice changes nothing."""
    gias_import(path_or_file=DEMO_GIAS_FILE)
    people = {spec.email: _person(spec) for spec in PEOPLE}
    kaizen = _family(
        "Kaizen Network", Family.Kind.LOCAL_CLUSTER,
        "Five primary schools around Morecambe Bay. We moderate writing together, share "
        "staff meetings every half-term and visit each other's classrooms.",
        people["coordinator@demo.kinship.test"], KAIZEN_URNS,
    )  # fmt: skip
    county = _family(
        "Lancashire New Heads Network", Family.Kind.COUNTY_NETWORK,
        "First- and second-year headteachers across the county, meeting three times a year.",
        people["county@demo.kinship.test"], COUNTY_URNS,
    )  # fmt: skip
    family_role_grant(
        actor=None, family=kaizen, user=people["partner@demo.kinship.test"],
        role=FamilyRole.Role.PARTNER,
    )  # fmt: skip
    if not Circle.objects.filter(name="Y6 teachers").exists():
        circle = circle_create(
            actor=people["teacher.brookfield@demo.kinship.test"], families=[kaizen],
            name="Y6 teachers", description="Year 6 teachers across Kaizen Network.",
            members=[people["head.dolphinholme@demo.kinship.test"]],
        )  # fmt: skip
        circle_post_create(
            actor=people["teacher.brookfield@demo.kinship.test"], circle=circle,
            body="Writing moderation is on the **first Thursday after half-term**. "
            "Please bring three scripts: one WTS, one EXS, one GDS.",
        )  # fmt: skip
    if not Circle.objects.filter(name="New heads 2026–27").exists():
        circle = circle_create(
            actor=people["head.ashworth@demo.kinship.test"], families=[kaizen, county],
            name="New heads 2026–27", confidential=True,
            description="A safe space for first- and second-year heads. Nothing leaves the room.",
            members=[people["head.edenvale@demo.kinship.test"],
                     people["head.fulwood@demo.kinship.test"]],
        )  # fmt: skip
        circle_post_create(
            actor=people["head.ashworth@demo.kinship.test"],
            circle=circle,
            body="How are you all finding the first budget round? I'd value a chat.",
        )
    return list(PEOPLE)
