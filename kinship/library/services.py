"""Operations that change the library. Each is one transaction; sharing into a confidential
circle is audited without its title. Files arrive already checked by
`kinship.core.uploads` (the forms' CheckedFileField) and are stored through Django's
storage API in the private storage, served only by the permission-checked download view."""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.contrib.postgres.search import SearchVector
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Q, Sum
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kinship.accounts.models import User
from kinship.core.audit import audit_log
from kinship.core.concurrency import lock_unchanged
from kinship.core.queue import enqueue_with_change
from kinship.core.uploads import CheckedUpload
from kinship.families.models import Circle, Family
from kinship.library import extraction, selectors
from kinship.library.models import (
    YEAR_GROUPS,
    Audience,
    Collection,
    Comment,
    ExtractionStatus,
    Kind,
    Licence,
    Resource,
    ResourceChange,
    ResourceVersion,
    Tag,
    Use,
)
from kinship.membership import visibility
from kinship.notifications.services import notify
from kinship.schools.models import School

# Files bigger than this are read for search by the task worker, not while the page waits.
INLINE_EXTRACTION_BYTES = 1024 * 1024
SEARCH_CONFIG = "english"


@dataclass
class ResourceFields:
    """What an author sets on a resource."""

    title: str
    summary: str = ""
    phase: str = "primary"
    key_stage: str = "none"
    year_groups: Sequence[str] = ()
    subject: str = "other"
    tags: Sequence[str] = ()
    licence: str = Licence.CC_BY
    audience: str = Audience.FAMILY
    family: Family | None = None
    circle: Circle | None = None
    school: School | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _check_sharing(actor: User, fields: ResourceFields) -> None:
    errors: dict[str, str] = {}
    if not fields.title.strip():
        errors["title"] = _("Give the resource a title.")
    if fields.audience == Audience.FAMILY:
        if fields.family is None:
            errors["family"] = _("Choose the family to share it with.")
        elif not selectors.families_to_share_with(actor).filter(pk=fields.family.pk).exists():
            errors["family"] = _("You can share only with families your school belongs to.")
    elif fields.audience == Audience.CIRCLE:
        if fields.circle is None:
            errors["circle"] = _("Choose the circle to share it with.")
        elif not selectors.circles_to_share_with(actor).filter(pk=fields.circle.pk).exists():
            errors["circle"] = _("You can share only with circles you belong to.")
    elif fields.audience != Audience.PLATFORM:
        errors["audience"] = _("Choose who can see it.")
    if fields.licence == Licence.ALL_RIGHTS_RESERVED and fields.audience == Audience.PLATFORM:
        errors["licence"] = _(
            "A resource with all rights reserved stays in a family or circle: choose an open "
            "licence to share it with everyone."
        )
    if fields.licence not in Licence.values:
        errors["licence"] = _("Choose a licence.")
    bad_years = [year for year in fields.year_groups if year not in YEAR_GROUPS]
    if bad_years:
        errors["year_groups"] = _("Unknown year groups: %s") % ", ".join(bad_years)
    if fields.school is not None and not visibility.works_at_school(actor, fields.school):
        errors["school"] = _("Choose a school you work at.")
    if errors:
        raise ValidationError(errors)


def _tags_for(names: Sequence[str]) -> list[Tag]:
    tags: dict[str, Tag] = {}
    for name in names:
        name = " ".join(name.split())[:60]
        slug = slugify(name)[:60]
        if slug and slug not in tags:
            tags[slug] = Tag.objects.get_or_create(slug=slug, defaults={"name": name})[0]
    return list(tags.values())


def _apply(resource: Resource, fields: ResourceFields) -> None:
    resource.title = fields.title.strip()
    resource.summary = fields.summary.strip()
    resource.phase, resource.key_stage, resource.subject = (
        fields.phase,
        fields.key_stage,
        fields.subject,
    )
    resource.year_groups = (
        "," + ",".join(y for y in YEAR_GROUPS if y in fields.year_groups) + ","
        if fields.year_groups
        else ""
    )
    resource.licence, resource.audience, resource.school = (
        fields.licence,
        fields.audience,
        fields.school,
    )
    resource.family = fields.family if fields.audience == Audience.FAMILY else None
    resource.circle = fields.circle if fields.audience == Audience.CIRCLE else None


def search_vector_refresh(resource_ids: Sequence[int]) -> None:
    """Rebuild the stored search vectors of these resources (PostgreSQL only: SQLite searches
    the columns directly). Title weighs most, then summary and tags, then the text."""
    if connection.vendor != "postgresql" or not resource_ids:
        return
    head = SearchVector("title", weight="A", config=SEARCH_CONFIG) + SearchVector(
        "summary", "tag_names", weight="B", config=SEARCH_CONFIG
    )
    Resource.objects.filter(pk__in=list(resource_ids)).update(
        search_vector=head + SearchVector("body_text", weight="C", config=SEARCH_CONFIG),
        search_head=head,
    )


def _audit_summary(resource: Resource, verb: str) -> str:
    confidential = resource.circle is not None and resource.circle.confidential
    return (
        f"{verb} a resource in a confidential circle"
        if confidential
        else (f"{verb} {resource.title}")
    )


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


def resource_create(
    *,
    actor: User,
    kind: str,
    fields: ResourceFields,
    upload: CheckedUpload | None = None,
    url: str = "",
    body: str = "",
) -> Resource:
    """Share a file, a link or a Markdown page with a family, a circle or everyone."""
    if not actor.has_perm("library.create_resource"):
        raise PermissionDenied(_("Staff of a family's schools can share resources."))
    if kind not in Kind.values:
        raise ValidationError(_("Choose a file, a link or a page."))
    _check_sharing(actor, fields)
    with _files_kept_on_commit() as written:
        resource = Resource(kind=kind, author=actor)
        _apply(resource, fields)
        resource.save()
        tags = _tags_for(fields.tags)
        resource.tags.set(tags)
        resource.tag_names = " ".join(tag.name for tag in tags)
        _version_save(
            actor=actor, resource=resource, upload=upload, url=url, body=body, note="",
            written=written,
        )  # fmt: skip
        search_vector_refresh([resource.pk])
        audit_log(
            actor=actor,
            action="library.share",
            target=resource,
            summary=_audit_summary(resource, "Shared"),
        )
    return resource


RESOURCE_EDIT_FIELDS = (
    "title", "summary", "subject", "phase", "key_stage", "year_group_list", "tags", "school",
    "licence", "audience", "family", "circle",
)  # fmt: skip


@transaction.atomic
def resource_update(
    *, actor: User, resource: Resource, fields: ResourceFields, version: str | None = None
) -> Resource:
    """Change what a resource says about itself and who sees it (not its content); what it
    said before stays in its history.

    `version` is the resource's edit version as the form showed it: a resource changed since
    raises EditConflict; None (a script) saves regardless, though still behind the lock."""
    if not actor.has_perm("library.change_resource", resource):
        raise PermissionDenied(_("Only the person who shared it can change it."))
    shown = resource
    resource = lock_unchanged(resource, RESOURCE_EDIT_FIELDS, version)
    _check_sharing(actor, fields)
    ResourceChange.objects.create(
        resource=resource,
        title=resource.title,
        summary=resource.summary,
        details={
            "subject": resource.subject, "phase": resource.phase,
            "key_stage": resource.key_stage, "year_groups": resource.year_group_list,
            "tags": sorted(tag.name for tag in resource.tags.all()),
            "licence": resource.licence, "audience": resource.audience,
            "school": resource.school_id, "family": resource.family_id,
            "circle": resource.circle_id,
        },
        written_at=resource.updated_at,
        changed_by=actor,
    )  # fmt: skip
    _apply(resource, fields)
    tags = _tags_for(fields.tags)
    resource.tags.set(tags)
    resource.tag_names = " ".join(tag.name for tag in tags)
    resource.updated_at = timezone.now()
    resource.save()
    search_vector_refresh([resource.pk])
    audit_log(
        actor=actor,
        action="library.update",
        target=resource,
        summary=_audit_summary(resource, "Changed"),
    )
    if shown is not resource:
        shown.refresh_from_db()  # the caller's copy says what is saved now
    return resource


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
def resource_delete(*, actor: User, resource: Resource) -> None:
    if not actor.has_perm("library.change_resource", resource):
        raise PermissionDenied(_("Only the person who shared it can withdraw it."))
    audit_log(
        actor=actor,
        action="library.withdraw",
        target=resource,
        summary=_audit_summary(resource, "Withdrew"),
    )
    files = [version.file for version in resource.versions.exclude(file="")]
    resource.delete()

    def delete_files() -> None:
        for stored in files:
            stored.delete(save=False)

    transaction.on_commit(delete_files)


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


@transaction.atomic
def comment_add(*, actor: User, resource: Resource, body: str) -> Comment:
    if not actor.has_perm("library.respond_to_resource", resource):
        raise PermissionDenied(_("You cannot comment on this resource."))
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Write your comment first.")})
    comment = Comment.objects.create(resource=resource, author=actor, body=body)
    if resource.author_id != actor.pk:
        notify(
            recipients=[resource.author],
            kind="library.comment",
            target=resource,
            title=_("%(name)s commented on %(title)s")
            % {"name": actor.display_name, "title": resource.title},
            body=body,
            url=resource.get_absolute_url() + "#comments",
        )
    return comment


@transaction.atomic
def resource_use_set(
    *, actor: User, resource: Resource, used: bool, stars: int | None = None
) -> Use:
    """Say 'I used this' and, if you like, rate it from one to five stars."""
    if not actor.has_perm("library.respond_to_resource", resource):
        raise PermissionDenied(_("You cannot rate this resource."))
    if stars is not None and not 1 <= stars <= 5:
        raise ValidationError({"stars": _("Give one to five stars.")})
    use, _created = Use.objects.update_or_create(
        resource=resource, user=actor, defaults={"used": used, "stars": stars}
    )
    totals = Use.objects.filter(resource=resource).aggregate(
        used=Count("pk", filter=Q(used=True)),
        rated=Count("pk", filter=Q(stars__isnull=False)),
        stars=Sum("stars"),
    )
    Resource.objects.filter(pk=resource.pk).update(
        used_count=totals["used"], rating_count=totals["rated"], rating_total=totals["stars"] or 0
    )
    resource.refresh_from_db(fields=["used_count", "rating_count", "rating_total"])
    return use


def _check_collection_audience(
    actor: User, audience: str, family: Family | None, circle: Circle | None
) -> None:
    _check_sharing(
        actor, ResourceFields(title="-", audience=audience, family=family, circle=circle)
    )


@transaction.atomic
def collection_create(
    *,
    actor: User,
    title: str,
    description: str,
    audience: str,
    family: Family | None = None,
    circle: Circle | None = None,
) -> Collection:
    if not actor.has_perm("library.create_resource"):
        raise PermissionDenied(_("Staff of a family's schools can make collections."))
    if not title.strip():
        raise ValidationError({"title": _("Give the collection a title.")})
    _check_collection_audience(actor, audience, family, circle)
    return Collection.objects.create(
        title=title.strip(),
        description=description.strip(),
        owner=actor,
        audience=audience,
        family=family if audience == Audience.FAMILY else None,
        circle=circle if audience == Audience.CIRCLE else None,
    )


@transaction.atomic
def collection_resource_add(*, actor: User, collection: Collection, resource: Resource) -> None:
    if not actor.has_perm("library.change_collection", collection):
        raise PermissionDenied(_("Only the collection's owner can add to it."))
    if not actor.has_perm("library.view_resource", resource):
        raise PermissionDenied(_("You cannot add that resource."))
    collection.resources.add(resource)


@transaction.atomic
def collection_resource_remove(*, actor: User, collection: Collection, resource: Resource) -> None:
    if not actor.has_perm("library.change_collection", collection):
        raise PermissionDenied(_("Only the collection's owner can change it."))
    collection.resources.remove(resource)
