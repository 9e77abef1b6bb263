"""Demo resources, boards and pupil voice for the Kaizen Network, added by `seed_demo`.

Built through the real services (the PDF and Word files through the upload checker), and
idempotent: each piece is looked for by its title before it is made.
"""

from dataclasses import dataclass

from django.db import transaction

from kinship.accounts.models import User
from kinship.core.uploads import check_upload
from kinship.families.models import Circle, Family
from kinship.forums.models import Board, BoardKind, PupilClass, PupilProfile, SignInWith, Thread
from kinship.forums.services import (
    board_subscribe,
    circle_board_ensure,
    family_board_create,
    post_approve,
    post_reply,
    pupil_board_create,
    pupil_class_create,
    pupil_create,
    safeguarding_lead_add,
    thread_create,
)
from kinship.library.forms import LIBRARY_UPLOADS
from kinship.library.models import Audience, Collection, KeyStage, Kind, Licence, Resource, Subject
from kinship.library.sample_files import docx_with_text, pdf_with_text
from kinship.library.services import (
    ResourceFields,
    collection_create,
    collection_resource_add,
    resource_create,
)
from kinship.schools.models import School


@dataclass(frozen=True)
class DemoPupil:
    school_urn: int
    group: str
    code: str
    first_name: str
    initial: str
    login_name: str
    pictures: tuple[str, ...] = ()
    password: str = ""


PUPILS = (
    DemoPupil(
        990101,
        "School council 2026–27",
        "ASH2026",
        "Alfie",
        "J",
        "alfie",
        pictures=("cat", "sun", "tree", "rocket"),
    ),
    DemoPupil(990102, "School council 2026–27", "BRK2026", "Maya", "O", "maya", password="tiger42"),
)
PLAYTIME_BOARD = "School councils: making playtimes better"


def _user(email: str) -> User:
    return User.objects.get(email=email)


def _resource(
    title: str, author: User, kind: str, fields: ResourceFields, **content: object
) -> Resource:
    found = Resource.objects.filter(title=title).first()
    if found is not None:
        return found
    fields.title = title
    return resource_create(actor=author, kind=kind, fields=fields, **content)  # type: ignore[arg-type]


def _library(kaizen: Family) -> list[Resource]:
    tom = _user("teacher.brookfield@demo.kinship.test")
    helen = _user("head.carnforth@demo.kinship.test")
    sarah = _user("coordinator@demo.kinship.test")
    brookfield, carnforth = School.objects.get(urn=990102), School.objects.get(urn=990103)
    pdf = check_upload(
        pdf_with_text(
            "Year 4 fractions on a number line",
            "Lesson 1: place unit fractions on a number line from 0 to 1.",
            "Lesson 2: equivalent fractions with bar models and folded paper strips.",
            "Reasoning prompt: Amir says one third is bigger than one half. Is he right?",
        ),
        filename="y4-fractions-number-line.pdf",
        policy=LIBRARY_UPLOADS,
    )
    checklist = check_upload(
        docx_with_text(
            "KS2 writing moderation checklist: cohesion, tense, the full range of punctuation"
        ),
        filename="ks2-writing-moderation-checklist.docx",
        policy=LIBRARY_UPLOADS,
    )
    return [
        _resource(
            "Year 4 fractions on a number line",
            tom,
            Kind.FILE,
            ResourceFields(
                title="",
                summary="Two lessons and a reasoning prompt we used in Year 4 in the spring term.",
                subject=Subject.MATHS,
                key_stage=KeyStage.KS2,
                year_groups=("4",),
                tags=("fractions", "number line", "reasoning"),
                licence=Licence.CC_BY,
                audience=Audience.FAMILY,
                family=kaizen,
                school=brookfield,
            ),
            upload=pdf,
        ),
        _resource(
            "KS2 writing moderation checklist",
            sarah,
            Kind.FILE,
            ResourceFields(
                title="",
                summary="What we look for together at each moderation meeting.",
                subject=Subject.ASSESSMENT,
                key_stage=KeyStage.KS2,
                year_groups=("6",),
                tags=("moderation", "writing", "TAF"),
                licence=Licence.ALL_RIGHTS_RESERVED,
                audience=Audience.FAMILY,
                family=kaizen,
                school=School.objects.get(urn=990101),
            ),
            upload=checklist,
        ),
        _resource(
            "Greater-depth writing: what it looked like in Year 6",
            tom,
            Kind.PAGE,
            ResourceFields(
                title="",
                summary="Notes from our last moderation, with the features that tipped it.",
                subject=Subject.ENGLISH,
                key_stage=KeyStage.KS2,
                year_groups=("6",),
                tags=("writing", "greater depth", "moderation"),
                licence=Licence.CC_BY_SA,
                audience=Audience.FAMILY,
                family=kaizen,
                school=brookfield,
            ),
            body="## What tipped it into GDS\n\n- Shifts of formality chosen for effect\n"
            "- Cohesion across paragraphs, not just within them\n- Precise vocabulary\n",
        ),
        _resource(
            "Continuous provision in Reception: our audit",
            helen,
            Kind.PAGE,
            ResourceFields(
                title="",
                summary="How Carnforth Hill audited its EYFS areas in one staff meeting.",
                subject=Subject.OTHER,
                key_stage=KeyStage.EYFS,
                year_groups=("R",),
                phase="early_years",
                tags=("EYFS", "continuous provision"),
                licence=Licence.CC_BY,
                audience=Audience.PLATFORM,
                school=carnforth,
            ),
            body="1. Walk each area with the EYFS team.\n2. Ask: what can a child do here alone?\n",
        ),
        _resource(
            "Keeping children safe in education (GOV.UK)",
            sarah,
            Kind.LINK,
            ResourceFields(
                title="",
                summary="The statutory guidance every member of staff reads each September.",
                subject=Subject.SAFEGUARDING,
                licence=Licence.OGL3,
                audience=Audience.PLATFORM,
                phase="all",
            ),
            url="https://www.gov.uk/government/publications/keeping-children-safe-in-education--2",
        ),
    ]


def _boards(kaizen: Family) -> None:
    sarah = _user("coordinator@demo.kinship.test")
    tom = _user("teacher.brookfield@demo.kinship.test")
    helen = _user("head.carnforth@demo.kinship.test")
    if not Board.objects.filter(kind=BoardKind.FAMILY, title="Kaizen: staffroom").exists():
        board = family_board_create(
            actor=sarah,
            family=kaizen,
            title="Kaizen: staffroom",
            description="Questions and ideas for everyone in the network.",
        )
        family_board_create(
            actor=sarah,
            family=kaizen,
            title="Kaizen: maths leads",
            description="For the maths leads of our five schools.",
        )
        thread = thread_create(
            actor=tom,
            board=board,
            title="Spring writing moderation: which scripts?",
            body="Shall we each bring one WTS, one EXS and one GDS script? "
            "@Helen Brooks could Carnforth host?",
        )
        post_reply(actor=helen, thread=thread, body="Yes, happy to host in the hall. 15:45 start.")
        board_subscribe(actor=helen, board=board, frequency="daily")
    circle = Circle.objects.filter(name="Y6 teachers").first()
    if circle is not None:
        board = circle_board_ensure(actor=tom, circle=circle)
        if not Thread.objects.filter(board=board).exists():
            thread_create(
                actor=tom,
                board=board,
                title="SATs reading papers: practice timings",
                body="How long are you giving for the practice papers this year?",
            )


def _pupils(kaizen: Family) -> None:
    for urn in (990101, 990102, 990103, 990104, 990105):
        school = School.objects.get(urn=urn)
        head = User.objects.filter(school_roles__school=school, school_roles__role="lead").first()
        if head is not None:
            safeguarding_lead_add(actor=head, school=school, user=head)
    for spec in PUPILS:
        school = School.objects.get(urn=spec.school_urn)
        head = User.objects.get(school_roles__school=school, school_roles__role="lead")
        group = PupilClass.objects.filter(code=spec.code).first() or pupil_class_create(
            actor=head, school=school, name=spec.group, code=spec.code
        )
        if not PupilProfile.objects.filter(pupil_class=group, login_name=spec.login_name).exists():
            pupil_create(
                actor=head,
                pupil_class=group,
                first_name=spec.first_name,
                initial=spec.initial,
                login_name=spec.login_name,
                sign_in_with=SignInWith.PICTURES if spec.pictures else SignInWith.PASSWORD,
                pictures=spec.pictures,
                password=spec.password,
            )
    if Board.objects.filter(title=PLAYTIME_BOARD).exists():
        return
    priya = _user("head.ashworth@demo.kinship.test")
    david = _user("head.brookfield@demo.kinship.test")
    board = pupil_board_create(
        actor=priya,
        family=kaizen,
        title=PLAYTIME_BOARD,
        topic="What would make playtimes better for everyone? "
        "Share one idea your council has tried.",
        schools=list(School.objects.filter(urn__in=(990101, 990102))),
    )
    maya = User.objects.get(pupil_profile__login_name="maya")
    thread = thread_create(
        actor=maya,
        board=board,
        title="Our friendship stop",
        body="We painted a friendship stop on the playground. If you stand there "
        "someone comes to play with you.",
    )
    post_approve(actor=david, post=thread.posts.get())


@transaction.atomic
def seed_demo_sharing() -> None:
    """Library resources and a collection, staff and circle boards, safeguarding leads, two
    pupils (Ashworth and Brookfield) and their board. Running it twice changes nothing."""
    kaizen = Family.objects.get(name="Kaizen Network")
    resources = _library(kaizen)
    if not Collection.objects.filter(title="Spring moderation pack").exists():
        pack = collection_create(
            actor=_user("coordinator@demo.kinship.test"),
            title="Spring moderation pack",
            description="Everything for the spring writing moderation.",
            audience=Audience.FAMILY,
            family=kaizen,
        )
        for resource in resources[1:3]:
            collection_resource_add(actor=pack.owner, collection=pack, resource=resource)
    _boards(kaizen)
    _pupils(kaizen)
