"""A resource's versions: claiming the next number, storing its file (deleted again if the
transaction fails) and reading its words for search."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext as _

from kinship.accounts.models import User
from kinship.core.queue import enqueue_with_change
from kinship.core.uploads import CheckedUpload
from kinship.library import extraction
from kinship.library.models import ExtractionStatus, Kind, Resource, ResourceVersion, Use
from kinship.library.services.search import search_vector_refresh
from kinship.notifications.services import notify

# Files bigger than this are read for search by the task worker, not while the page waits.
INLINE_EXTRACTION_BYTES = 1024 * 1024


def _check_content(kind: str, upload: CheckedUpload | None, url: str, body: str) -> None:
    if kind == Kind.FILE and upload is None:
        raise ValidationError({"file": _("Choose the file to upload.")})
    if kind == Kind.LINK and not url:
        raise ValidationError({"url": _("Give the link's address.")})
    if kind == Kind.PAGE and not body.strip():
        raise ValidationError({"body": _("Write the page before saving it.")})


def _next_version_number(resource: Resource) -> int:
    latest = resource.versions.order_by("-number").values_list("number", flat=True).first()
    return (latest or 0) + 1


def _version_claim(
    *, actor: User, resource: Resource, url: str, body: str, note: str
) -> ResourceVersion:
    """Insert the next version's row, with the resource locked so two adds take turns."""
    # PostgreSQL: the second add waits here for the first to commit, then reads its number.
    # SQLite serialises writing transactions already (IMMEDIATE).
    list(Resource.objects.select_for_update().filter(pk=resource.pk).values_list("pk"))
    number = _next_version_number(resource)
    version = ResourceVersion(
        resource=resource, number=number, url=url, body=body, note=note[:300], created_by=actor
    )
    try:
        with transaction.atomic():
            version.save()
    except IntegrityError:
        # Only if the lock was bypassed (a raw write): say so rather than answer with a 500.
        raise ValidationError(
            _("Someone added a version of this at the same moment. Please send yours again.")
        ) from None
    return version


def _version_save(
    *,
    actor: User,
    resource: Resource,
    upload: CheckedUpload | None,
    url: str,
    body: str,
    note: str,
    written: list[FieldFile],
) -> ResourceVersion:
    """The next version; a file is written only once its row is claimed, and is added to
    `written` so the caller can delete it if the transaction fails (`_files_kept_on_commit`)."""
    _check_content(resource.kind, upload, url, body)
    version = _version_claim(actor=actor, resource=resource, url=url, body=body, note=note)
    pending = False
    if resource.kind == Kind.FILE and upload is not None:
        version.file.save(upload.filename, ContentFile(upload.content), save=False)
        written.append(version.file)
        version.original_name = upload.original_name[:200]
        version.content_type = upload.content_type
        version.size = upload.size
        if not extraction.kind_of(upload.filename):
            resource.extraction = ExtractionStatus.NOT_NEEDED
        elif upload.size > INLINE_EXTRACTION_BYTES:
            resource.extraction, pending = ExtractionStatus.PENDING, True
        else:
            _extract_into(version, resource, upload.content, upload.filename)
    elif resource.kind == Kind.LINK:
        resource.extraction = ExtractionStatus.NOT_NEEDED
    else:
        version.extracted_text = body
        resource.extraction = ExtractionStatus.NOT_NEEDED
    version.save()
    resource.current_version = version
    resource.body_text = version.extracted_text
    resource.updated_at = timezone.now()
    # Only what a version changes: the caller's copy may predate an edit of who sees the
    # resource, and a full save would quietly undo it.
    resource.save(update_fields=["current_version", "body_text", "extraction", "updated_at"])
    if pending:
        from kinship.library.tasks import extract_version_text

        enqueue_with_change(extract_version_text, version.pk)
    return version


@contextmanager
def _files_kept_on_commit() -> Iterator[list[FieldFile]]:
    """A transaction whose written files are deleted again when it fails.

    Django has no rollback hook, so the services that write files own their transaction:
    whatever escapes this block has rolled the rows back, and the files go with them."""
    written: list[FieldFile] = []
    try:
        with transaction.atomic():
            yield written
    except BaseException:
        for stored in written:
            if stored.name:
                stored.storage.delete(stored.name)
        raise


def _extract_into(version: ResourceVersion, resource: Resource, data: bytes, filename: str) -> None:
    try:
        version.extracted_text = extraction.extract_text(data, filename).text
        resource.extraction = ExtractionStatus.DONE
    except extraction.ExtractionError:
        version.extracted_text = ""
        resource.extraction = ExtractionStatus.FAILED


def resource_version_add(
    *,
    actor: User,
    resource: Resource,
    note: str,
    upload: CheckedUpload | None = None,
    url: str = "",
    body: str = "",
) -> ResourceVersion:
    """A new version; the earlier ones stay in its history. People who used it are told."""
    if not actor.has_perm("library.change_resource", resource):
        raise PermissionDenied(_("Only the person who shared it can add a version."))
    with _files_kept_on_commit() as written:
        version = _version_save(
            actor=actor, resource=resource, upload=upload, url=url, body=body, note=note,
            written=written,
        )  # fmt: skip
        search_vector_refresh([resource.pk])
        users = User.objects.filter(
            pk__in=Use.objects.filter(resource=resource, used=True).values("user_id")
        ).exclude(pk=actor.pk)
        notify(
            recipients=users,
            kind="library.version",
            target=resource,
            title=_("New version of %(title)s") % {"title": resource.title},
            body=note,
            url=resource.get_absolute_url(),
        )
    return version


@transaction.atomic
def version_text_extract(*, version_id: int, data: bytes | None = None) -> Resource | None:
    """Read a stored file's words for search (the task worker does this for big files)."""
    version = ResourceVersion.objects.select_related("resource").filter(pk=version_id).first()
    if version is None or not version.file:
        return None
    resource = version.resource
    if data is None:
        with version.file.open("rb") as handle:
            data = handle.read()
    _extract_into(version, resource, data, version.file.name or "")
    version.save(update_fields=["extracted_text"])
    if resource.current_version_id == version.pk:
        resource.body_text = version.extracted_text
        resource.save(update_fields=["body_text", "extraction"])
        search_vector_refresh([resource.pk])
    return resource
