"""What people type and upload into the library when it is wrong: a form error on the page
and nothing saved, never a 500. A resource's versions: each one kept and downloadable by
the resource's audience, and the task that reads a big file's words when the file is
broken. Responses and collections sent twice count once."""

import dataclasses
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kinship.conftest import Personas, signed_in_client
from kinship.library import extraction, services
from kinship.library.forms import LIBRARY_UPLOADS, FileContentForm
from kinship.library.models import Collection, Comment, ExtractionStatus, Resource, Use
from kinship.library.tasks import extract_version_text
from kinship.library.tests.conftest import pdf_upload, share_page, share_pdf
from kinship.library.tests.files import pdf_with_text

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


def _fields(people: Personas, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "Fractions starter", "summary": "", "subject": "maths", "phase": "primary",
        "key_stage": "ks2", "year_groups": ["5"], "tags": "fractions", "school": "",
        "licence": "cc_by", "audience": "family", "family": people.family.pk, "circle": "",
    }  # fmt: skip
    data.update(changes)
    return data


def _share(people: Personas, **changes: Any) -> Any:
    client = signed_in_client(people.teacher)
    response = client.post(
        reverse("library:resource_create"), _fields(people, kind="file", **changes)
    )
    return response


def _file_errors(response: Any) -> str:
    return " ".join(response.context["content"].errors.get("file", []))


def test_a_good_upload_is_shared(people: Personas) -> None:
    response = _share(people, file=pdf_upload("plan.pdf", "Fractions"))
    resource = Resource.objects.get()
    assert response.status_code == 302 and response["Location"] == resource.get_absolute_url()
    assert resource.versions.get().original_name == "plan.pdf"


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("plan.pdf", b"MZ\x90\x00 a program, not a PDF"), ""),
        (SimpleUploadedFile("notes.txt", b"Just some words"), ""),
        (SimpleUploadedFile("run.exe", b"MZ\x90\x00\x03\x00\x00\x00"), ""),
        (SimpleUploadedFile("plan.pdf", b""), "empty"),
        (None, "required"),
    ],
    ids=["disguised", "wrong-type", "program", "empty", "missing"],
)
def test_a_bad_upload_is_a_form_error_and_nothing_is_stored(
    people: Personas, upload: SimpleUploadedFile | None, message: str
) -> None:
    response = _share(people, **({"file": upload} if upload is not None else {}))
    assert response.status_code == 200
    errors = _file_errors(response)
    assert errors and message in errors
    assert not Resource.objects.exists()


def test_a_file_over_the_limit_is_refused_before_it_is_read(
    people: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    field = FileContentForm.base_fields["file"]
    monkeypatch.setattr(field, "policy", dataclasses.replace(LIBRARY_UPLOADS, max_bytes=MB))
    big = pdf_with_text("Fractions") + b" " * MB
    response = _share(people, file=SimpleUploadedFile("big.pdf", big, "application/pdf"))
    assert response.status_code == 200
    assert "at most 1 MB" in _file_errors(response)
    assert not Resource.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": ""}, "title"),
        ({"family": ""}, "family"),
        ({"audience": "school"}, "audience"),
        ({"audience": "circle", "circle": ""}, "circle"),
        ({"licence": "all_rights_reserved", "audience": "platform"}, "licence"),
        ({"year_groups": ["14"]}, "year_groups"),
        ({"subject": "alchemy"}, "subject"),
    ],
)
def test_a_bad_description_is_a_form_error_and_nothing_is_shared(
    people: Personas, changes: dict[str, Any], field: str
) -> None:
    response = _share(people, file=pdf_upload(), **changes)
    assert response.status_code == 200
    assert response.context["form"].errors.get(field), response.context["form"].errors
    assert not Resource.objects.exists()


def test_sharing_with_another_familys_family_or_circle_is_a_form_error(people: Personas) -> None:
    for changes in (
        {"family": people.other_family.pk},
        {"audience": "circle", "circle": people.confidential_circle.pk},
    ):
        client = signed_in_client(people.coordinator)  # in the family, not the circle
        response = client.post(
            reverse("library:resource_create"),
            _fields(people, kind="file", file=pdf_upload(), **changes),
        )
        if "circle" in changes:
            assert response.context["form"].errors.get("circle")
        else:
            client = signed_in_client(people.teacher)
            response = client.post(
                reverse("library:resource_create"),
                _fields(people, kind="file", file=pdf_upload(), **changes),
            )
            assert response.context["form"].errors.get("family")
        assert response.status_code == 200
    assert not Resource.objects.exists()


def test_an_unknown_kind_of_resource_is_not_found(people: Personas) -> None:
    client = signed_in_client(people.teacher)
    url = reverse("library:resource_create")
    assert client.get(url, {"kind": "video"}).status_code == 404
    assert client.post(url, _fields(people, kind="video")).status_code == 404


def test_an_edit_that_moves_a_resource_where_its_author_is_not_is_a_form_error(
    people: Personas,
) -> None:
    resource = share_page(people.teacher, title="Fractions starter", family=people.family)
    client = signed_in_client(people.teacher)
    url = reverse("library:resource_edit", args=[resource.pk])
    version = client.get(url).context["form"].version
    response = client.post(
        url, _fields(people, family=people.other_family.pk, edit_version=version, title="Moved")
    )
    assert response.status_code == 200 and response.context["form"].errors.get("family")
    resource.refresh_from_db()
    assert (resource.title, resource.family_id) == ("Fractions starter", people.family.pk)
    assert not resource.changes.exists()


def test_a_new_version_keeps_the_old_one_downloadable_by_the_audience(people: Personas) -> None:
    resource = share_pdf(
        people.teacher, title="Fractions starter", lines=("Halves",), family=people.family
    )
    first = resource.versions.get().file.read()
    author = signed_in_client(people.teacher)
    response = author.post(
        reverse("library:version_add", args=[resource.pk]),
        {"note": "Added thirds", "file": pdf_upload("plan-2.pdf", "Thirds")},
    )
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.current_version is not None and resource.current_version.number == 2
    page = signed_in_client(people.head).get(resource.get_absolute_url()).content.decode()
    assert "Added thirds" in page
    assert reverse("library:download", args=[resource.pk, 1]) in page
    for person in (people.head, people.coordinator, people.teacher):
        client = signed_in_client(person)
        old = client.get(reverse("library:download", args=[resource.pk, 1]))
        assert old.status_code == 200
        assert b"".join(old.streaming_content) == first  # type: ignore[attr-defined]
        new = client.get(reverse("library:download", args=[resource.pk, 2]))
        assert new.status_code == 200 and new["Content-Disposition"].endswith('"plan-2.pdf"')
    for person in (people.outsider, people.partner):
        client = signed_in_client(person)
        assert client.get(reverse("library:download", args=[resource.pk, 1])).status_code == 404
    missing = reverse("library:download", args=[resource.pk, 3])
    assert signed_in_client(people.teacher).get(missing).status_code == 404


def test_a_page_has_versions_but_nothing_to_download(people: Personas) -> None:
    resource = share_page(people.teacher, title="Reading list", family=people.family)
    url = reverse("library:download", args=[resource.pk, 1])
    assert signed_in_client(people.teacher).get(url).status_code == 404


@pytest.mark.parametrize(
    ("data", "form", "field"),
    [
        ({"note": ""}, "note", "note"),
        ({"note": "Bad", "file": SimpleUploadedFile("x.pdf", b"not a pdf")}, "content", "file"),
        ({"note": "None"}, "content", "file"),
    ],
    ids=["no-note", "bad-file", "no-file"],
)
def test_a_bad_new_version_is_a_form_error_and_the_old_one_stays(
    people: Personas, data: dict[str, Any], form: str, field: str
) -> None:
    resource = share_pdf(
        people.teacher, title="Fractions starter", lines=("Halves",), family=people.family
    )
    if "file" not in data and field != "file":
        data = {**data, "file": pdf_upload()}
    response = signed_in_client(people.teacher).post(
        reverse("library:version_add", args=[resource.pk]), data
    )
    assert response.status_code == 200
    assert response.context[form].errors.get(field)
    assert resource.versions.count() == 1


def test_the_extraction_task_marks_a_broken_file_failed_and_a_gone_one_gone(
    people: Personas,
) -> None:
    resource = share_pdf(
        people.teacher, title="Fractions starter", lines=("Halves",), family=people.family
    )
    version = resource.versions.get()
    assert resource.extraction == ExtractionStatus.DONE and "Halves" in resource.body_text
    with version.file.storage.open(version.file.name or "", "wb") as handle:
        handle.write(b"%PDF-1.4 broken beyond reading")
    assert extract_version_text.call(version.pk) == ExtractionStatus.FAILED
    resource.refresh_from_db()
    assert resource.extraction == ExtractionStatus.FAILED and resource.body_text == ""
    # Still downloadable, still listed: a file whose words cannot be read is still a file.
    page = signed_in_client(people.head).get(resource.get_absolute_url())
    assert page.status_code == 200
    assert extract_version_text.call(version.pk + 1000) == "gone"


def test_a_big_broken_file_is_read_by_the_task_and_the_upload_still_succeeds(
    people: Personas, monkeypatch: pytest.MonkeyPatch, commits_run_callbacks: None
) -> None:
    from kinship.library.services import versions

    monkeypatch.setattr(versions, "INLINE_EXTRACTION_BYTES", 10)
    read: list[str] = []

    def unreadable(data: bytes, filename: str) -> Any:
        read.append(filename)
        raise extraction.ExtractionError("broken")

    monkeypatch.setattr(extraction, "extract_text", unreadable)
    response = _share(people, file=pdf_upload("plan.pdf", "Halves"))
    assert response.status_code == 302
    resource = Resource.objects.get()
    assert read, "the task did not run"
    assert resource.extraction == ExtractionStatus.FAILED and resource.body_text == ""


def test_comments_and_ratings_refuse_bad_input_and_count_a_repeat_once(people: Personas) -> None:
    resource = share_page(people.teacher, title="Fractions starter", family=people.family)
    head = signed_in_client(people.head)
    comment_url = reverse("library:comment_add", args=[resource.pk])
    use_url = reverse("library:use_set", args=[resource.pk])
    assert head.post(comment_url, {"body": "   "}).status_code == 302
    assert not Comment.objects.exists()
    assert head.post(use_url, {"used": "on", "stars": "9"}).status_code == 302
    assert not Use.objects.exists()
    for _ in range(2):
        assert head.post(use_url, {"used": "on", "stars": "4"}).status_code == 302
    resource.refresh_from_db()
    assert (resource.used_count, resource.rating_count, resource.rating_total) == (1, 1, 4)
    assert head.get(use_url).status_code == 405
    outsider = signed_in_client(people.outsider)
    assert outsider.post(comment_url, {"body": "Hello"}).status_code == 404
    assert outsider.post(use_url, {"used": "on"}).status_code == 404
    assert not Comment.objects.exists() and Use.objects.count() == 1


def test_collections_take_only_their_owners_changes_and_a_repeat_adds_once(
    people: Personas,
) -> None:
    resource = share_page(people.teacher, title="Fractions starter", family=people.family)
    mine = services.collection_create(
        actor=people.teacher, title="Maths", description="", audience="family",
        family=people.family,
    )  # fmt: skip
    theirs = services.collection_create(
        actor=people.head, title="Head's picks", description="", audience="family",
        family=people.family,
    )  # fmt: skip
    teacher = signed_in_client(people.teacher)
    add = reverse("library:collection_add", args=[resource.pk])
    for _ in range(2):
        assert teacher.post(add, {"collection": mine.pk}).status_code == 302
    assert list(mine.resources.all()) == [resource]
    # Someone else's collection is not one of the choices.
    assert teacher.post(add, {"collection": theirs.pk}).status_code == 302
    assert not theirs.resources.exists()
    remove = reverse("library:collection_remove", args=[mine.pk, resource.pk])
    assert signed_in_client(people.head).post(remove).status_code == 403
    assert signed_in_client(people.outsider).post(remove).status_code == 404
    assert teacher.get(remove).status_code == 405
    assert mine.resources.exists()
    assert teacher.post(remove).status_code == 302
    assert not mine.resources.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": ""}, "title"),
        ({"audience": "family", "family": ""}, "family"),
        ({"audience": "circle", "circle": ""}, "circle"),
        ({"audience": "school"}, "audience"),
    ],
)
def test_a_bad_collection_is_a_form_error(
    people: Personas, changes: dict[str, Any], field: str
) -> None:
    data = {"title": "Maths", "description": "", "audience": "family", "family": people.family.pk}
    data.update(changes)
    response = signed_in_client(people.teacher).post(reverse("library:collection_create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors.get(field), response.context["form"].errors
    assert not Collection.objects.exists()


@pytest.mark.parametrize(("role", "status"), [("pupil", 403), ("partner", 403)])
def test_pupils_and_partners_make_no_collections_or_resources(
    people: Personas, role: str, status: int
) -> None:
    client = signed_in_client(people.by_role(role))
    for name in ("library:collection_create", "library:resource_create", "library:collection_list"):
        assert client.get(reverse(name)).status_code == status, name
