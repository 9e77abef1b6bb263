"""Permission matrix rows for the library: a Kaizen resource (a page and a PDF) shared by
the head, and a Kaizen collection of the head's.

Kaizen's staff (the head, the teacher) and its coordinator read them; only the head changes
them. Platform admins, outsiders, partners and pupils are not told they exist; partners and
pupils do not use the library at all.
"""

from typing import Any

from kinship.conftest import Personas
from kinship.core.uploads import check_upload
from kinship.library.forms import LIBRARY_UPLOADS
from kinship.library.models import Audience, Collection, Kind, Licence, Resource
from kinship.library.services import (
    ResourceFields,
    collection_create,
    collection_resource_add,
    resource_create,
)
from kinship.library.tests.files import pdf_with_text
from kinship.tests.matrix import NOT_FOR_PUPILS, OK, Case, Expect, expect

HIDDEN: dict[str, Expect] = dict(admin=404, outsider=404, partner=404, pupil=NOT_FOR_PUPILS)
READERS: dict[str, Expect] = dict(head=OK, teacher=OK, coordinator=OK, **HIDDEN)
AUTHOR: dict[str, Expect] = dict(head=OK, teacher=403, coordinator=403, **HIDDEN)
STAFF: dict[str, Expect] = dict(partner=403, pupil=NOT_FOR_PUPILS)
SHARERS: dict[str, Expect] = dict(admin=403, partner=403, pupil=NOT_FOR_PUPILS)


def resource(p: Personas, *, with_file: bool = False) -> Resource:
    title = "Matrix PDF" if with_file else "Matrix page"
    found = Resource.objects.filter(title=title).first()
    if found is not None:
        return found
    fields = ResourceFields(
        title=title, licence=Licence.CC_BY, audience=Audience.FAMILY, family=p.family
    )
    if with_file:
        upload = check_upload(
            pdf_with_text("Matrix words"), filename="matrix.pdf", policy=LIBRARY_UPLOADS
        )
        return resource_create(actor=p.head, kind=Kind.FILE, fields=fields, upload=upload)
    return resource_create(actor=p.head, kind=Kind.PAGE, fields=fields, body="Matrix body")


def collection(p: Personas) -> Collection:
    found = Collection.objects.filter(title="Matrix pack").first()
    if found is not None:
        return found
    made = collection_create(
        actor=p.head, title="Matrix pack", description="", audience=Audience.FAMILY, family=p.family
    )
    collection_resource_add(actor=p.head, collection=made, resource=resource(p))
    return made


def own_collection(p: Personas, role: str) -> Collection:
    """A collection of the sender's own to add to (only its owner adds to a collection);
    those who may not make one get the head's, and are refused the resource first."""
    user = p.by_role(role)
    if role not in ("head", "teacher", "coordinator") or user is None:
        return collection(p)
    return collection_create(
        actor=user,
        title=f"{role}'s pack",
        description="",
        audience=Audience.FAMILY,
        family=p.family,
    )


def _pk(p: Personas) -> list[Any]:
    return [resource(p).pk]


LIBRARY_CASES: list[Case] = [
    Case("library:search", expect(OK, **STAFF)),
    Case("library:search", expect(OK, **STAFF), query="?q=matrix&subject=maths", label="filtered"),
    Case("library:resource_create", expect(OK, **SHARERS)),
    Case("library:resource_detail", expect(OK, **READERS), args=_pk),
    Case("library:resource_edit", expect(OK, **AUTHOR), args=_pk),
    Case("library:resource_delete", expect(OK, **AUTHOR), args=_pk, method="post"),
    Case("library:version_add", expect(OK, **AUTHOR), args=_pk),
    Case(
        "library:download",
        expect(OK, **READERS),
        args=lambda p: [resource(p, with_file=True).pk, 1],
    ),
    Case(
        "library:comment_add",
        expect(OK, **READERS),
        args=_pk,
        method="post",
        data=lambda p: {"body": "Worked well in Year 4"},
    ),
    Case(
        "library:use_set",
        expect(OK, **READERS),
        args=_pk,
        method="post",
        data=lambda p: {"used": "on", "stars": "4"},
    ),
    Case(
        "library:collection_add",
        expect(OK, **READERS),
        args=_pk,
        method="post",
        data_by_role=lambda p, role: {"collection": own_collection(p, role).pk},
    ),
    Case("library:collection_list", expect(OK, **STAFF)),
    Case("library:collection_create", expect(OK, **SHARERS)),
    Case("library:collection_detail", expect(OK, **READERS), args=lambda p: [collection(p).pk]),
    Case(
        "library:collection_remove",
        expect(OK, **AUTHOR),
        method="post",
        args=lambda p: [collection(p).pk, resource(p).pk],
    ),
]
