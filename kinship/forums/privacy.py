from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from kinship.privacy.registry import Erase, Relation

KEPT = "Part of a board's discussion; shown as a former member's."
SAFEGUARDING = (
    "A safeguarding record: kept under KCSIE (Keeping Children Safe in Education), not erased."
)


def pupil_post_retention_days() -> int:
    return int(settings.PUPIL_POST_RETENTION_DAYS)


def posts_under_safeguarding(posts: QuerySet[Any]) -> QuerySet[Any]:
    """Posts that raised a safeguarding alert stay with the alert's record."""
    return posts.filter(alert__isnull=False)


def profiles_under_safeguarding(profiles: QuerySet[Any]) -> QuerySet[Any]:
    """A pupil with a safeguarding alert stays identifiable to the DSL (login name, class)."""
    return profiles.filter(user__forum_posts__alert__isnull=False)


RELATIONS = [
    Relation("forums.Board", "created_by", Erase.FORMER_MEMBER, KEPT),
    Relation("forums.Thread", "author", Erase.FORMER_MEMBER, KEPT),
    Relation(
        "forums.Post", "author", Erase.FORMER_MEMBER,
        "Staff posts stay in the discussion; a pupil's posts are kept for the school's review "
        "for PUPIL_POST_RETENTION_DAYS after erasure, then deleted (unless under a safeguarding "
        "record).",
        pupil_erase=Erase.RETAIN_THEN_DELETE,
        retain_days=pupil_post_retention_days,
        retention_exempt=posts_under_safeguarding,
    ),
    # Pupils' posts a teacher reviewed (held ones among them) are the pupils', not the teacher's.
    Relation("forums.Post", "reviewed_by", Erase.FORMER_MEMBER, KEPT, export=False),
    Relation("forums.Mention", "user", Erase.DELETE, "Mentions of the person are deleted."),
    Relation("forums.Flag", "flagged_by", Erase.FORMER_MEMBER, KEPT),
    Relation("forums.Flag", "resolved_by", Erase.FORMER_MEMBER, KEPT),
    Relation("forums.BoardSubscription", "user", Erase.DELETE, "Subscriptions are deleted."),
    Relation("forums.ThreadFollow", "user", Erase.DELETE, "Followed threads are forgotten."),
    Relation("forums.PupilClass", "created_by", Erase.FORMER_MEMBER, KEPT),
    Relation(
        "forums.PupilProfile", "user", Erase.DELETE,
        "A pupil's sign-in details are deleted, so the account can never sign in again; a "
        "pupil with a safeguarding alert keeps the login name and class the DSL's record "
        "shows (KCSIE), and the account still cannot sign in.",
        retention_exempt=profiles_under_safeguarding,
    ),
    Relation("forums.PupilProfile", "created_by", Erase.FORMER_MEMBER, KEPT, export=False),
    Relation(
        "forums.SafeguardingLead", "user", Erase.DELETE,
        "The designation as a safeguarding lead ends (the designation itself is audited).",
    ),
    Relation("forums.SafeguardingLead", "designated_by", Erase.FORMER_MEMBER, KEPT),
    Relation(
        "forums.SafetyAlert", "resolved_by", Erase.RETAIN, SAFEGUARDING,
        export=False,
    ),
    Relation(
        "forums.SafeguardingAction", "actor", Erase.RETAIN,
        SAFEGUARDING + " The name recorded with each action stays, as the record must read the "
        "same (the DSL gives access to it on request).",
        export=False,
    ),
]  # fmt: skip
