from kinship.privacy.registry import Erase, Relation

KEPT = "Shared work others use; shown as a former member's."

RELATIONS = [
    Relation("library.Resource", "author", Erase.FORMER_MEMBER, KEPT),
    Relation("library.ResourceVersion", "created_by", Erase.FORMER_MEMBER, KEPT),
    Relation("library.ResourceChange", "changed_by", Erase.FORMER_MEMBER, KEPT),
    Relation("library.Comment", "author", Erase.FORMER_MEMBER, KEPT),
    Relation("library.Use", "user", Erase.DELETE, "The record of what the person used is deleted."),
    Relation("library.Collection", "owner", Erase.FORMER_MEMBER, KEPT),
]
