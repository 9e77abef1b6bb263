import re

from django.db.models import Q

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
    former member's, so no list or digest shows it. Only the whole name or address is
    replaced (erasing "Al" leaves "Alder Primary School" alone)."""
    from kinship.notifications.models import Notification

    for text in (name, email):
        if not text:
            continue
        whole = re.compile(rf"(?<!\w){re.escape(text)}(?!\w)")
        found = Notification.objects.filter(Q(title__contains=text) | Q(body__contains=text))
        for notification in found.only("pk", "title", "body").iterator():
            title = whole.sub(user.display_name, notification.title)
            body = whole.sub(user.display_name, notification.body)
            if (title, body) != (notification.title, notification.body):
                Notification.objects.filter(pk=notification.pk).update(title=title, body=body)
