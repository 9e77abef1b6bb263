"""Who may see and do what in the library.

A resource is seen by its audience: the staff of a family (its member schools' staff and
its coordinators), the members of a circle (a confidential circle's resources are its
members' alone), or every staff account on Kinship. Its author always sees it. Pupils and
partners do not use the library. Only the author changes a resource.
"""

from kinship.accounts.types import Viewer
from kinship.core.rules import add_perm, predicate
from kinship.library import selectors
from kinship.library.models import Collection, Resource
from kinship.membership.predicates import is_staff_account


@predicate
def is_in_resource_audience(user: Viewer, resource: Resource | None) -> bool:
    if resource is None or not user.is_authenticated:
        return False
    return selectors.resources_visible_to(user).filter(pk=resource.pk).exists()


@predicate
def is_resource_author(user: Viewer, resource: Resource | None) -> bool:
    return bool(resource is not None and user.is_authenticated and resource.author_id == user.pk)


@predicate
def may_share_somewhere(user: Viewer) -> bool:
    return bool(user.is_authenticated and selectors.families_to_share_with(user).exists())


@predicate
def is_in_collection_audience(user: Viewer, collection: Collection | None) -> bool:
    if collection is None or not user.is_authenticated:
        return False
    return selectors.collections_visible_to(user).filter(pk=collection.pk).exists()


@predicate
def owns_collection(user: Viewer, collection: Collection | None) -> bool:
    return bool(collection is not None and user.is_authenticated and collection.owner_id == user.pk)


add_perm("library.use_library", is_staff_account)
add_perm("library.create_resource", is_staff_account & may_share_somewhere)
add_perm("library.view_resource", is_staff_account & is_in_resource_audience)
add_perm("library.change_resource", is_staff_account & is_resource_author)
add_perm("library.respond_to_resource", is_staff_account & is_in_resource_audience)
add_perm("library.view_collection", is_staff_account & is_in_collection_audience)
add_perm("library.change_collection", is_staff_account & owns_collection)
