"""Blindness, end to end: everything a judge can fetch while judging (the grading and
judging screens, the queue, every page image with its headers and metadata) says nothing of
a script's school or the school's grade; and the page images are logged, never cached, and
hidden from everyone outside the round."""

import io
import json
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from PIL import Image

from kinship.accounts.models import User
from kinship.accounts.services import user_create
from kinship.conftest import PASSWORD, Personas, make_school, signed_in_client
from kinship.core.models import AuditEntry
from kinship.core.tests import hostile_files
from kinship.core.uploads import check_upload
from kinship.families.models import Family, FamilyRole
from kinship.families.services import family_create, family_role_grant, family_school_add
from kinship.moderation import services
from kinship.moderation.forms import SCRIPT_POLICY
from kinship.moderation.models import Page, Round, Script
from kinship.moderation.tests.conftest import round_fields
from kinship.schools.models import School, SchoolRole
from kinship.schools.services import school_role_grant

pytestmark = pytest.mark.django_db

# Ids, URNs and names nothing else on a page could contain by chance: no script code has
# a 0 or a 1, and the levels are words no page uses.
SCHOOLS = [
    (9100101, 130010, "Quillon Primary School"),
    (9100110, 130011, "Rowanlea Primary School"),
    (9100111, 130100, "Saltmarsh Primary School"),
]
LEVELS = ["Kestrel", "Merlin", "Osprey"]
VIEW = "moderation.view_pupil_work"


def scanned_jpeg(school: School) -> bytes:
    """A scan whose comment and EXIF say where it was made, as office scanners' do."""
    exif = Image.Exif()
    exif[0x013B] = f"{school.name} {school.urn}"  # Artist
    exif[0x010E] = f"Scanned at {school.name}"  # ImageDescription
    buffer = io.BytesIO()
    Image.new("RGB", (90, 120), (240, 240, 240)).save(
        buffer, format="JPEG", exif=exif.tobytes(), comment=f"{school.name} {school.pk}".encode()
    )
    return buffer.getvalue()


def blind_round(people: Personas, django_capture_on_commit_callbacks: Any) -> tuple[Round, User]:
    """Three schools, a judge and uploader at each, two scripts each (a JPEG scan, a PNG and
    a PDF all labelled with the school); judging open and scheduled. Returns the round and
    the judge at Quillon."""
    family = family_create(
        actor=people.admin,
        name="Quarry Lane Partnership",
        kind=Family.Kind.LOCAL_CLUSTER,
        coordinator=people.coordinator,
    )
    schools = [make_school(urn, name, pk=pk) for pk, urn, name in SCHOOLS]
    for school in schools:
        family_school_add(actor=people.coordinator, family=family, school=school)
    round_ = services.round_create(
        actor=people.coordinator,
        family=family,
        fields=round_fields(framework=Round.Framework.CUSTOM, levels=LEVELS),
        schools=schools,
    )
    judges = []
    for n, school in enumerate(schools):
        teacher = user_create(
            email=f"y6-{n}@quarry.test", display_name=f"Year Six {n}", password=PASSWORD
        )
        school_role_grant(actor=None, user=teacher, school=school, role=SchoolRole.Role.STAFF)
        for role in ("uploader", "judge"):
            services.round_person_add(
                actor=people.coordinator, round_=round_, user=teacher, role=role
            )
        judges.append(teacher)
        labelled = (
            (f"{school.name} scan.jpg", scanned_jpeg(school)),
            (f"{school.urn}.png", hostile_files.png(text={"Author": school.name})),
            (f"{school.name}.pdf", hostile_files.pdf(pages=2, author=school.name)),
        )
        files = [check_upload(data, filename=name, policy=SCRIPT_POLICY) for name, data in labelled]
        with django_capture_on_commit_callbacks(execute=True):
            for grade, pages in ((n % 3, files[:2]), ((n + 1) % 3, files[2:])):
                services.script_upload(
                    actor=teacher,
                    round_=round_,
                    school=school,
                    grade=grade,
                    files=pages,
                    text="The storm came over the hill.",
                )
    assert not Page.objects.exclude(status=Page.Status.READY).exists()  # the PDFs are drawn
    services.round_status_set(actor=people.coordinator, round_=round_, status=Round.Status.JUDGING)
    services.comparisons_schedule(actor=people.coordinator, round_=round_)
    return round_, judges[0]


class Collected:
    """What a client fetched: each URL, its headers and its body."""

    def __init__(self, client: Client) -> None:
        self.client = client
        self.seen: list[tuple[str, str]] = []  # (where, text)
        self.images: set[str] = set()

    def keep(self, url: str, response: Any, *, body: str | None = None) -> None:
        headers = "\n".join(f"{k}: {v}" for k, v in response.headers.items())
        text = response.content.decode() if body is None else body
        self.seen.append((url, f"{url}\n{headers}\n{text}"))
        self.images |= set(re.findall(r'<img src="([^"]+)"', text))

    def get(self, url: str) -> Any:
        response = self.client.get(url)
        assert response.status_code == 200, url
        self.keep(url, response)
        return response

    def post(self, url: str, data: dict[str, Any]) -> Any:
        response = self.client.post(url, data)
        assert response.status_code in (200, 302), (url, response.status_code)
        self.keep(f"POST {url}", response)
        return response

    def json(self, url: str, response: Any) -> dict[str, Any]:
        data = response.json()
        for pair in data["pairs"]:
            for side in ("left", "right"):
                self.images |= {p["url"] for p in pair[side]["pages"] if p["url"]}
        assert not re.search(r'"[^"]*(school|grade|urn)[^"]*":', json.dumps(data)), data
        return data  # type: ignore[no-any-return]

    def fetch_images(self) -> None:
        for url in sorted(self.images):
            response = self.client.get(url)
            assert response.status_code == 200, url
            content = b"".join(response.streaming_content)  # type: ignore[attr-defined]
            image = Image.open(io.BytesIO(content))
            metadata = f"{image.info!r} {dict(image.getexif())!r}"
            self.keep(url, response, body=f"{metadata}\n{content.decode('latin-1')}")


def test_nothing_a_judge_fetches_while_judging_names_a_school_or_its_grade(
    people: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    round_, judge = blind_round(people, django_capture_on_commit_callbacks)
    seen = Collected(signed_in_client(judge))

    grade_url = reverse("moderation:grade", args=[round_.pk])
    graded = []
    while (response := seen.get(grade_url)).context["script"] is not None:
        script = response.context["script"]
        graded.append(script)
        page = response.content.decode()
        # The scale is on the page, as the judge's choices: none of them is chosen.
        options = re.search(r"<fieldset>.*?</fieldset>", page, re.S)
        assert options is not None and "checked" not in options.group(0)
        assert f'name="script" value="{script.code}"' in page
        seen.seen[-1] = (grade_url, page.replace(options.group(0), ""))
        seen.post(grade_url, {"script": script.code, "grade": 1})
    assert len(graded) == 4  # Rowanlea's and Saltmarsh's scripts

    judge_url = reverse("moderation:judge", args=[round_.pk])
    queue_url = reverse("moderation:judge_queue", args=[round_.pk])
    for turn in range(40):
        comparison = seen.get(judge_url).context["comparison"]
        pending = seen.json(queue_url, seen.get(queue_url))
        if comparison is None:
            assert pending["pairs"] == []
            break
        if turn % 2:
            seen.post(judge_url, {"comparison": comparison.pk, "chosen": "left"})
        else:
            answer = seen.post(
                judge_url, {"comparison": comparison.pk, "chosen": "right", "format": "json"}
            )
            seen.json(judge_url, answer)
    else:
        pytest.fail("the judge's queue never emptied")
    # No row id reaches the judge either: ids follow the order schools uploaded in.
    assert len(seen.images) >= 8
    for url in seen.images:
        assert re.fullmatch(
            rf"/moderation/{round_.pk}/scripts/[A-Z2-9]{{4}}-[A-Z2-9]{{4}}/pages/\d", url
        )
    seen.fetch_images()

    schools = School.objects.filter(pk__in=[pk for pk, _urn, _name in SCHOOLS])
    needles = [str(s.pk) for s in schools] + [str(s.urn) for s in schools]
    needles += [s.name.split()[0] for s in schools] + LEVELS
    for where, text in seen.seen:
        for needle in needles:
            assert needle.lower() not in text.lower(), (needle, where)
    # The stored names of the files stay on the server: a download is called by its code.
    for name in Page.objects.filter(script__round=round_).values_list("image", flat=True):
        assert not any(name.rsplit("/", 1)[-1] in text for _where, text in seen.seen)


def image_round(people: Personas, django_capture_on_commit_callbacks: Any) -> Script:
    """A three-page script from Birch in the personas' round, with judging open."""
    from kinship.moderation.tests.conftest import make_round

    m = make_round(people)
    pages = [check_upload(hostile_files.png(), filename="p.png", policy=SCRIPT_POLICY)] * 3
    script = services.script_upload(
        actor=people.teacher, round_=m.round, school=people.second_school, grade=1, files=pages
    )
    services.round_status_set(actor=people.coordinator, round_=m.round, status=Round.Status.JUDGING)
    return script


def image_urls(script: Script) -> list[str]:
    return [
        reverse("moderation:page_image", args=[script.round_id, script.code, n]) for n in (1, 2, 3)
    ]


def views_by(user: User) -> int:
    return AuditEntry.objects.filter(action=VIEW, actor_id=user.pk).count()


def test_page_images_are_logged_once_a_script_not_once_an_image(
    people: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    script = image_round(people, django_capture_on_commit_callbacks)
    uploader = signed_in_client(people.teacher)
    page = uploader.get(script.get_absolute_url())
    assert page.status_code == 200 and views_by(people.teacher) == 1
    for url in image_urls(script):
        assert url in page.content.decode()
        assert uploader.get(url).status_code == 200
    assert views_by(people.teacher) == 1  # the page's entry covers its three images

    # Images fetched without a page that logged them (a saved link, a new tab) are logged,
    # once for the script however many are fetched.
    judge = signed_in_client(people.head)
    for url in image_urls(script):
        assert judge.get(url).status_code == 200
    entries = AuditEntry.objects.filter(action=VIEW, actor_id=people.head.pk)
    assert entries.count() == 1
    entry = entries.get()
    assert entry.detail == {"scripts": [script.code], "where": "page image"}
    assert entry.object_id == str(script.round_id)


def test_a_page_image_is_never_cached_and_is_called_by_its_code(
    people: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    script = image_round(people, django_capture_on_commit_callbacks)
    response = signed_in_client(people.head).get(image_urls(script)[1])
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"] == f'inline; filename="{script.code}-2.png"'


def test_page_images_are_not_found_for_anyone_outside_the_round(
    people: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    script = image_round(people, django_capture_on_commit_callbacks)
    url = image_urls(script)[0]
    # A second coordinator of the family, who sees the round exists but is not in it.
    lead = user_create(email="lead@a0.test", display_name="Lee Lead", password=PASSWORD)
    family_role_grant(actor=None, family=people.family, user=lead, role=FamilyRole.Role.COORDINATOR)
    for user in (people.outsider, people.partner, people.admin, lead):
        assert signed_in_client(user).get(url).status_code == 404, user
    # A pupil is turned away before any page of the moderation app is looked up.
    assert signed_in_client(people.pupil).get(url).status_code == 403
    # Birch's own judge is in the round but never sees Birch's pages (the teacher uploads
    # for Birch, so a colleague who only judges).
    colleague = user_create(email="colleague@a2.test", display_name="Col League", password=PASSWORD)
    school_role_grant(
        actor=None, user=colleague, school=people.second_school, role=SchoolRole.Role.STAFF
    )
    services.round_person_add(
        actor=people.coordinator, round_=script.round, user=colleague, role="judge"
    )
    assert signed_in_client(colleague).get(url).status_code == 404
    missing = reverse("moderation:page_image", args=[script.round_id, script.code, 4])
    assert signed_in_client(people.head).get(missing).status_code == 404
    assert Client().get(url).status_code == 302  # to sign in
    assert not AuditEntry.objects.filter(action=VIEW).exists()
