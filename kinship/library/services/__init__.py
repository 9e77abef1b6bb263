"""Operations that change the library, one module per part: resources, their versions,
search vectors, responses (comments, uses, ratings) and collections. Each is one
transaction. Files arrive already checked by `kinship.core.uploads` (the forms'
CheckedFileField) and are stored through Django's storage API in the private storage,
served only by the permission-checked download view."""

from kinship.library.services.collection import (
    collection_create,
    collection_resource_add,
    collection_resource_remove,
)
from kinship.library.services.resources import (
    RESOURCE_EDIT_FIELDS,
    ResourceFields,
    resource_create,
    resource_delete,
    resource_update,
)
from kinship.library.services.responses import comment_add, resource_use_set
from kinship.library.services.search import SEARCH_CONFIG, search_vector_refresh
from kinship.library.services.versions import (
    INLINE_EXTRACTION_BYTES,
    resource_version_add,
    version_text_extract,
)

__all__ = [
    "INLINE_EXTRACTION_BYTES",
    "RESOURCE_EDIT_FIELDS",
    "SEARCH_CONFIG",
    "ResourceFields",
    "collection_create",
    "collection_resource_add",
    "collection_resource_remove",
    "comment_add",
    "resource_create",
    "resource_delete",
    "resource_update",
    "resource_use_set",
    "resource_version_add",
    "search_vector_refresh",
    "version_text_extract",
]
