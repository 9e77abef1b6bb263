"""Demo moderation for the Kaizen Network: a moderation lead and three Year 6 teachers (at
Ashworth, Carnforth Hill and Dolphinholme) who upload and judge, and a finished round with
typed scripts, blind grades, comparisons and two meeting outcomes. Built through the services.

Everyone in a round signs in with a second factor. The demo people have TOTP devices with a
FIXED, PUBLISHED secret (DEMO_TOTP_SECRET, in README.md): demo data only, never for real use.
None of the foundation's demo logins is put in a round, so they sign in without a code.
"""

import base64
import random
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from kinship.accounts.models import User
from kinship.accounts.services import user_create
from kinship.demo.families import demo_password_hash
from kinship.families.models import Family, FamilyRole
from kinship.families.services import family_role_grant
from kinship.moderation import services
from kinship.moderation.models import Comparison, Round, RoundPerson
from kinship.schools.models import School, SchoolRole
from kinship.schools.services import school_role_grant

# 20 bytes shown to authenticator apps as base32. Published in README.md: demo only.
DEMO_TOTP_KEY = b"kinship-demo-2fa-mod"
DEMO_TOTP_SECRET = base64.b32encode(DEMO_TOTP_KEY).decode()
ROUND_TITLE = "Y6 narrative writing, autumn 2026 (demo)"


@dataclass(frozen=True)
class ModerationPerson:
    email: str
    name: str
    job_title: str
    urn: int | None
    what_to_try: str


PEOPLE = (
    ModerationPerson(
        "moderation@demo.kinship.test",
        "Nadia Rahman",
        "Assessment lead",
        None,
        "moderation lead (coordinator of Kaizen Network); two-factor demo code",
    ),
    ModerationPerson(
        "y6.ashworth@demo.kinship.test",
        "Lucy Marsh",
        "Year 6 teacher",
        990101,
        "uploads and judges moderation scripts; two-factor demo code",
    ),
    ModerationPerson(
        "y6.carnforth@demo.kinship.test",
        "Omar Haddad",
        "Year 6 teacher",
        990103,
        "uploads and judges moderation scripts; two-factor demo code",
    ),
    ModerationPerson(
        "y6.dolphinholme@demo.kinship.test",
        "Grace Whittle",
        "Year 6 teacher",
        990104,
        "uploads and judges moderation scripts; two-factor demo code",
    ),
)

OPENINGS = (
    "The fog rolled in off the bay before anyone noticed the boat had gone.",
    "Nobody in our street had ever opened the gate at the end of the lane.",
    "When the lights went out, the museum was suddenly very quiet.",
    "My grandad kept a tin under his bed that he said was full of storms.",
)


def _person(spec: ModerationPerson) -> User:
    user = User.objects.filter(email=spec.email).first()
    if user is None:
        user = user_create(
            email=spec.email,
            display_name=spec.name,
            password=None,
            password_hash=demo_password_hash(),
            job_title=spec.job_title,
        )
    if spec.urn is not None:
        school_role_grant(
            actor=None,
            user=user,
            school=School.objects.get(urn=spec.urn),
            role=SchoolRole.Role.STAFF,
        )
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        TOTPDevice.objects.create(
            user=user,
            name="Demo authenticator (published secret)",
            key=DEMO_TOTP_KEY.hex(),
            confirmed=True,
        )
    return user


@transaction.atomic
def seed_demo_moderation(*, family: Family) -> list[ModerationPerson]:
    """The people and a closed demo round. Running it twice changes nothing."""
    people = [_person(spec) for spec in PEOPLE]
    lead, teachers = people[0], people[1:]
    family_role_grant(actor=None, family=family, user=lead, role=FamilyRole.Role.COORDINATOR)
    if Round.objects.filter(family=family, title=ROUND_TITLE).exists():
        return list(PEOPLE)
    schools = [School.objects.get(urn=spec.urn or 0) for spec in PEOPLE[1:]]
    round_ = services.round_create(
        actor=lead,
        family=family,
        schools=schools,
        fields=services.RoundFields(
            title=ROUND_TITLE,
            year_group=6,
            task="Narrative: a story opening with suspense",
            framework=Round.Framework.TAF,
            method=Round.Method.BOTH,
            upload_deadline=date(2026, 11, 6),
            judging_deadline=date(2026, 11, 20),
            meeting_on=date(2026, 11, 26),
            judgements_per_script=8,
        ),
    )
    for teacher in teachers:
        for role in (RoundPerson.Role.UPLOADER, RoundPerson.Role.JUDGE):
            services.round_person_add(actor=lead, round_=round_, user=teacher, role=role)
    rng = random.Random(2026)
    quality = {}
    # Carnforth Hill grades generously at EXS/GDS: the bias chart has something to show.
    for school, teacher, generous in zip(schools, teachers, (0.0, 0.9, 0.0), strict=True):
        for n in range(4):
            true = rng.gauss(0, 1.5)
            own = 0 if true + generous < -1 else (2 if true + generous > 1.2 else 1)
            text = (
                f"{OPENINGS[n]}\n\nIt was the kind of evening when the gulls stop calling. "
                f"(Demo script {n + 1}, written by the Kinship demo, not by a pupil.)"
            )
            script = services.script_upload(
                actor=teacher, round_=round_, school=school, grade=own, text=text
            )
            quality[script.pk] = true
    services.round_status_set(actor=lead, round_=round_, status=Round.Status.JUDGING)
    services.comparisons_schedule(actor=lead, round_=round_)
    for comparison in Comparison.objects.filter(round=round_).select_related("judge"):
        gap = quality[comparison.left_id] - quality[comparison.right_id]
        chosen = "left" if rng.random() < 1 / (1 + 2.718281828**-gap) else "right"
        services.comparison_decide(
            actor=comparison.judge,
            comparison=comparison,
            chosen=chosen,
            seconds=rng.uniform(20, 90),
        )
    for script in round_.scripts.all():
        judges = [t for t, s in zip(teachers, schools, strict=True) if s.pk != script.school_id]
        for judge in judges:
            noisy = quality[script.pk] + rng.gauss(0, 0.4)
            services.grade_record(
                actor=judge, script=script, grade=0 if noisy < -1 else (2 if noisy > 1.2 else 1)
            )
    services.round_status_set(actor=lead, round_=round_, status=Round.Status.CLOSED)
    return list(PEOPLE)
