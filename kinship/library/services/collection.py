"""A person's collections of resources, shared like a resource is."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kinship.accounts.models import User
from kinship.families.models import Circle, Family
from kinship.library.models import Audience, Collection, Resource
from kinship.library.services.resources import ResourceFields, _check_sharing


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
