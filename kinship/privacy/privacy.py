"""Django's own models that point at a person (this app declares what no Kinship app owns)."""

from kinship.privacy.registry import Erase, Relation

RELATIONS = [
    Relation(
        "admin.LogEntry", "user", Erase.FORMER_MEMBER,
        "Django admin's record of changes a platform admin made; kept as the service's record.",
        export=False,
    ),
]  # fmt: skip
