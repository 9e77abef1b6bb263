"""Sharing a resource, changing what it says and who sees it, and withdrawing it. Sharing
into a confidential circle is audited without its title."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kinship.accounts.models import User
from kinship.core.audit import audit_log
from kinship.core.concurrency import lock_unchanged
from kinship.core.uploads import CheckedUpload
from kinship.families.models import Circle, Family
from kinship.library import selectors
from kinship.library.models import (
    YEAR_GROUPS,
    Audience,
    Kind,
    Licence,
    Resource,
    ResourceChange,
    Tag,
)
from kinship.library.services.search import search_vector_refresh
from kinship.library.services.versions import _files_kept_on_commit, _version_save
from kinship.membership import visibility
from kinship.schools.models import School


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


def _audit_summary(resource: Resource, verb: str) -> str:
    confidential = resource.circle is not None and resource.circle.confidential
    return (
        f"{verb} a resource in a confidential circle"
        if confidential
        else (f"{verb} {resource.title}")
    )


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
