"""Permission matrix rows for moderation: a round across Alder, Birch and Cedar run by the
coordinator, with the head (Alder) and the teacher (Birch) uploading and judging.

Round coordinators run it; uploaders see their own school's scripts; judges see other
schools' pages only on the judging screens; reports open to the round's people when judging
closes. The family's other staff, admins, partners, pupils and outsiders are not told a
round's pupil work exists.
"""

from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from kinship.conftest import Personas
from kinship.moderation.models import Page, Round, RoundPerson, Script
from kinship.moderation.services import round_status_set
from kinship.tests.matrix import NOT_FOR_PUPILS, OK, Case, Expect, expect

OUTSIDE: dict[str, Expect] = dict(admin=404, partner=404, pupil=NOT_FOR_PUPILS, outsider=404)
COORDINATORS: dict[str, Expect] = dict(coordinator=OK, head=403, teacher=403, **OUTSIDE)
PEOPLE: dict[str, Expect] = dict(coordinator=OK, head=OK, teacher=OK, **OUTSIDE)
JUDGES: dict[str, Expect] = dict(coordinator=403, head=OK, teacher=OK, **OUTSIDE)
PAGE = "moderation/matrix/page.png"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def _round(p: Personas, status: str = Round.Status.UPLOADING) -> Round:
    from kinship.moderation.tests.conftest import make_round

    round_ = Round.objects.filter(family=p.family).first() or make_round(p).round
    if round_.status != status:
        round_status_set(actor=p.coordinator, round_=round_, status=status)
    return round_


def _alder_script(p: Personas) -> Script:
    script = _round(p).scripts.filter(school=p.school).order_by("pk").first()
    assert script is not None
    return script


def _page(p: Personas) -> Page:
    script = _alder_script(p)
    if not default_storage.exists(PAGE):
        default_storage.save(PAGE, ContentFile(PNG))
    page, _ = Page.objects.get_or_create(
        script=script,
        number=1,
        defaults={"source": PAGE, "image": PAGE, "content_type": "image/png"},
    )
    return page


def _page_args(p: Personas) -> list[Any]:
    page = _page(p)
    return [page.script.round_id, page.script.code, page.number]


def _judging(p: Personas) -> int:
    return _round(p, Round.Status.JUDGING).pk


def _judge_role(p: Personas) -> int:
    """A judge other than the personas (Cara at Cedar in the matrix's round)."""
    judges = RoundPerson.objects.filter(round=_round(p), role="judge")
    person = judges.exclude(user__in=[p.head, p.teacher]).order_by("pk").last()
    assert person is not None
    return person.pk


def _outcome(p: Personas) -> dict[str, Any]:
    script = _alder_script(p)
    return {f"s{script.pk}-notes": "Discussed", f"s{script.pk}-decision": "agreed"}


MODERATION_CASES: list[Case] = [
    Case("moderation:round_list", expect(OK, partner=403, pupil=NOT_FOR_PUPILS)),
    Case(
        "moderation:round_create",
        expect(403, coordinator=OK, partner=404, pupil=NOT_FOR_PUPILS, outsider=404),
        args=lambda p: [p.family.slug],
    ),
    Case("moderation:round_detail", expect(OK, **PEOPLE), args=lambda p: [_round(p).pk]),
    Case("moderation:round_edit", expect(OK, **COORDINATORS), args=lambda p: [_round(p).pk]),
    Case(
        "moderation:person_add",
        expect(OK, **COORDINATORS),
        args=lambda p: [_round(p).pk],
        method="post",
        data=lambda p: {"email": p.head.email, "role": "coordinator"},
    ),
    Case(
        "moderation:person_remove",
        expect(OK, **COORDINATORS),
        args=lambda p: [_round(p).pk, _judge_role(p)],
        method="post",
    ),
    Case(
        "moderation:sample_set",
        expect(OK, **COORDINATORS),
        args=lambda p: [_round(p).pk, p.school.urn],
        method="post",
        data=lambda p: {"cohort": 30, "extra": 2, "extra_reason": "EXS/GDS"},
    ),
    Case(
        "moderation:status_set",
        expect(OK, **COORDINATORS),
        args=lambda p: [_round(p).pk],
        method="post",
        data=lambda p: {"status": "judging"},
    ),
    Case(
        "moderation:schedule",
        expect(OK, **COORDINATORS),
        args=lambda p: [_judging(p)],
        method="post",
    ),
    Case("moderation:script_list", expect(OK, **PEOPLE), args=lambda p: [_round(p).pk]),
    Case("moderation:script_upload", expect(OK, **PEOPLE), args=lambda p: [_round(p).pk]),
    Case(
        "moderation:script_detail",
        expect(OK, coordinator=OK, head=OK, teacher=403, **OUTSIDE),
        args=lambda p: [_alder_script(p).pk],
    ),
    Case(
        "moderation:script_delete",
        expect(OK, coordinator=OK, head=OK, teacher=403, **OUTSIDE),
        args=lambda p: [_alder_script(p).pk],
        method="post",
    ),
    Case(
        "moderation:outcome",
        expect(OK, **COORDINATORS),
        args=lambda p: [_alder_script(p).pk],
        method="post",
        data=_outcome,
    ),
    Case("moderation:page_image", expect(OK, **PEOPLE), args=_page_args),
    Case("moderation:grade", expect(OK, **JUDGES), args=lambda p: [_judging(p)]),
    Case("moderation:judge", expect(OK, **JUDGES), args=lambda p: [_judging(p)]),
    Case("moderation:judge_queue", expect(OK, **JUDGES), args=lambda p: [_judging(p)]),
    Case("moderation:report", expect(OK, **COORDINATORS), args=lambda p: [_judging(p)]),
    Case(
        "moderation:report",
        expect(OK, **PEOPLE),
        args=lambda p: [_round(p, Round.Status.CLOSED).pk],
        label="judging closed",
    ),
    Case("moderation:report_csv", expect(OK, **COORDINATORS), args=lambda p: [_judging(p)]),
    Case(
        "moderation:school_summary",
        expect(OK, coordinator=OK, head=OK, teacher=403, **OUTSIDE),
        args=lambda p: [_round(p, Round.Status.CLOSED).pk, p.school.urn],
    ),
    Case("moderation:meeting", expect(OK, **COORDINATORS), args=lambda p: [_judging(p)]),
]
