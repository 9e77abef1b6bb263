from kinship.privacy.registry import Erase, Relation

RELATIONS = [
    Relation(
        "families.FamilyRole", "user", Erase.DELETE,
        "Roles in a family (coordinator, partner) end.",
    ),
    Relation(
        "families.Circle", "members", Erase.DELETE,
        "The person leaves every circle; a confidential circle gains no reader.",
    ),
    Relation(
        "families.CircleMembership", "user", Erase.DELETE,
        "The person leaves every circle; a confidential circle gains no reader.",
    ),
    Relation(
        "families.CirclePost", "author", Erase.FORMER_MEMBER,
        "Posts stay in the circle for its members (and only them), as a former member's.",
    ),
]  # fmt: skip
