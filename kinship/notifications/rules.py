"""Who may see and act on a notification: the person it was sent to, and nobody else.

Not a colleague at their school, not the school's lead, not a platform admin: a
notification says what someone was told (a mention, a held pupil post), so it is theirs
alone. Lists and pages also filter by recipient (selectors.notifications_for).
"""

from kinship.accounts.types import Viewer
from kinship.core.rules import add_perm, predicate
from kinship.notifications.models import Notification


@predicate
def is_recipient(user: Viewer, notification: Notification | None) -> bool:
    return bool(
        notification is not None
        and user.is_authenticated
        and user.is_active
        and notification.recipient_id == user.pk
    )


add_perm("notifications.view_notification", is_recipient)
add_perm("notifications.change_notification", is_recipient)
