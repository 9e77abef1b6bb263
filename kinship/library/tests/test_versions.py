"""New versions of a file: two at once do not answer 500, and a file is never left behind
by a version that was not saved."""

from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinship.conftest import Personas, signed_in_client
from kinship.core.uploads import check_upload
from kinship.library import services
from kinship.library.forms import LIBRARY_UPLOADS
from kinship.library.models import Resource, ResourceVersion
from kinship.library.services import versions
from kinship.library.tests.conftest import share_pdf
from kinship.library.tests.files import pdf_with_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def library_storage_of_its_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test counts files in a folder of its own: the suite's other worker writes
    library files of its own at the same time."""
    storage = ResourceVersion._meta.get_field("file").storage
    for name in ("base_location", "location"):  # cached properties of FileSystemStorage
        monkeypatch.setitem(storage.__dict__, name, str(tmp_path))
    assert storage.path("x").startswith(str(tmp_path))


def stored_files(resource: Resource) -> set[Path]:
    """The library's files on disk (the storage is chosen when the model loads)."""
    storage = ResourceVersion._meta.get_field("file").storage
    return {path for path in Path(storage.path("")).rglob("*") if path.is_file()}


def add_version(people: Personas, resource: Resource) -> None:
    upload = check_upload(pdf_with_text("Version two"), filename="v2.pdf", policy=LIBRARY_UPLOADS)
    services.resource_version_add(
        actor=people.teacher, resource=resource, note="Second", upload=upload
    )


def test_a_version_that_fails_after_its_file_was_written_leaves_no_file(
    people: Personas, monkeypatch: Any
) -> None:
    resource = share_pdf(people.teacher, title="Rota", lines=("One",), family=people.family)
    before = stored_files(resource)

    def notify_breaks(**kwargs: Any) -> None:
        raise RuntimeError("notifications are down")

    # Patched where resource_version_add looks it up.
    monkeypatch.setattr(versions, "notify", notify_breaks)
    with pytest.raises(RuntimeError):
        add_version(people, resource)
    assert resource.versions.count() == 1
    assert stored_files(resource) == before


def test_a_version_number_taken_meanwhile_is_a_form_error_and_writes_nothing(
    people: Personas, monkeypatch: Any
) -> None:
    """Two new versions at once: if the second read the same number, it used to answer
    500 (unique_version_number) after writing its file, which stayed on the disk."""
    resource = share_pdf(people.teacher, title="Rota", lines=("One",), family=people.family)
    before = stored_files(resource)
    monkeypatch.setattr(versions, "_next_version_number", lambda resource: 1)
    with pytest.raises(ValidationError, match="at the same moment"):
        add_version(people, resource)
    assert stored_files(resource) == before

    client = signed_in_client(people.teacher)
    upload = check_upload(pdf_with_text("v2"), filename="v2.pdf", policy=LIBRARY_UPLOADS)
    file = SimpleUploadedFile("v2.pdf", upload.content, content_type="application/pdf")
    response = client.post(
        f"/library/{resource.pk}/versions/new/", {"note": "Second", "file": file}
    )
    assert response.status_code == 200
    assert "at the same moment" in response.content.decode()
    assert resource.versions.count() == 1 and stored_files(resource) == before


def test_a_new_version_locks_its_resource_first(people: Personas) -> None:
    resource = share_pdf(people.teacher, title="Rota", lines=("One",), family=people.family)
    before = stored_files(resource)
    with CaptureQueriesContext(connection) as queries:
        add_version(people, resource)
    assert list(resource.versions.values_list("number", flat=True)) == [2, 1]
    assert len(stored_files(resource) - before) == 1
    if connection.vendor == "postgresql":  # SQLite serialises writers and has no FOR UPDATE
        sql = [query["sql"] for query in queries.captured_queries]
        lock = next(i for i, s in enumerate(sql) if "FOR UPDATE" in s)
        insert = next(
            i for i, s in enumerate(sql) if s.startswith('INSERT INTO "library_resourceversion"')
        )
        assert lock < insert


def test_a_new_version_from_an_older_copy_keeps_an_edit_saved_meanwhile(
    people: Personas,
) -> None:
    """The version form's copy of the resource may predate someone narrowing who sees it:
    adding the version must not quietly put the old audience back."""
    resource = share_pdf(people.teacher, title="Rota", lines=("One",), family=people.family)
    older_copy = Resource.objects.get(pk=resource.pk)
    services.resource_update(
        actor=people.teacher,
        resource=resource,
        fields=services.ResourceFields(
            title="Rota (circle only)", audience="circle", circle=people.confidential_circle
        ),
    )
    add_version(people, older_copy)
    saved = Resource.objects.get(pk=resource.pk)
    assert (saved.title, saved.audience) == ("Rota (circle only)", "circle")
    assert saved.current_version is not None and saved.current_version.number == 2
