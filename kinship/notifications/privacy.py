from django.db.models import Value
from django.db.models.functions import Replace

from kinship.accounts.models import User
from kinship.privacy.registry import Erase, Relation

RELATIONS = [
    Relation(
        "notifications.NotificationSettings", "user", Erase.DELETE,
        "Email choices are deleted.",
    ),
    Relation(
        "notifications.Notification", "recipient", Erase.DELETE,
        "Notifications sent to the person are deleted.",
    ),
]  # fmt: skip


def forget_name_in_notifications(user: User, *, name: str, email: str) -> None:
    """Other people's notifications were written with the person's name: it becomes the
    former member's, so no list or digest shows it."""
    from kinship.notifications.models import Notification

    for text in (name, email):
        if not text:
            continue
        for field in ("title", "body"):
            Notification.objects.filter(**{f"{field}__contains": text}).update(
                **{field: Replace(field, Value(text), Value(user.display_name))}
            )
