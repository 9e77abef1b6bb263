from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kinship.core.uploads import check_upload
from kinship.library.forms import LIBRARY_UPLOADS
from kinship.library.models import Audience, Kind, Licence, Resource
from kinship.library.services import ResourceFields, resource_create
from kinship.library.tests.files import pdf_with_text


@pytest.fixture(autouse=True)
def private_files(settings: Any, tmp_path: Any) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private")},
        },
    }
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def share_pdf(actor: Any, *, title: str, lines: tuple[str, ...], **fields: Any) -> Resource:
    data = pdf_with_text(*lines)
    upload = check_upload(data, filename=f"{title[:20]}.pdf", policy=LIBRARY_UPLOADS)
    values: dict[str, Any] = {"title": title, "licence": Licence.CC_BY, "audience": Audience.FAMILY}
    values.update(fields)
    return resource_create(
        actor=actor, kind=Kind.FILE, fields=ResourceFields(**values), upload=upload
    )


def share_page(actor: Any, *, title: str, body: str = "A page.", **fields: Any) -> Resource:
    values: dict[str, Any] = {"title": title, "licence": Licence.CC_BY, "audience": Audience.FAMILY}
    values.update(fields)
    return resource_create(actor=actor, kind=Kind.PAGE, fields=ResourceFields(**values), body=body)


def pdf_upload(name: str = "plan.pdf", *lines: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_with_text(*(lines or ("Fractions",))), "application/pdf")
