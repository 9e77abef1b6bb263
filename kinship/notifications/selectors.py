"""Reading notifications: only those whose target the person may still see."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from kinship.accounts.models import User
from kinship.accounts.types import Viewer
from kinship.notifications import registry
from kinship.notifications.models import Frequency, Notification, NotificationSettings
from kinship.notifications.tokens import ALL, read_unsubscribe_token


def still_visible_filter(user: Viewer, types: list[ContentType]) -> Q:
    """Notifications of `user` whose targets they may see now: one subquery per model."""
    allowed = Q(pk__in=[])
    for content_type in types:
        visible = registry.visible_ids(f"{content_type.app_label}.{content_type.model}")
        if visible is not None:
            allowed |= Q(target_type=content_type, target_id__in=visible(user))
    return allowed


def _types_of(notifications: QuerySet[Notification]) -> list[ContentType]:
    ids = set(notifications.values_list("target_type_id", flat=True).distinct())
    return [ContentType.objects.get_for_id(pk) for pk in ids]


def notifications_for(user: Viewer) -> QuerySet[Notification]:
    """The person's notifications, newest first, leaving out any they may no longer see."""
    if not user.is_authenticated:
        return Notification.objects.none()
    mine = Notification.objects.filter(recipient=user)
    return mine.filter(still_visible_filter(user, _types_of(mine)))


def unread_count(user: Viewer) -> int:
    """Asked on every page: with nothing unread, one small query and no visibility filter."""
    if not user.is_authenticated:
        return 0
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    types = _types_of(unread)
    return unread.filter(still_visible_filter(user, types)).count() if types else 0


def settings_of(user: User) -> NotificationSettings:
    found = NotificationSettings.objects.filter(user=user).first()
    return found or NotificationSettings(user=user)


def default_frequency(user: User, *, mention: bool = False) -> str:
    chosen = settings_of(user)
    return chosen.mentions if mention else chosen.frequency


def pending_digest(user: User, frequency: str) -> QuerySet[Notification]:
    """Notifications waiting for this person's `frequency` digest that they may still see."""
    waiting = Notification.objects.filter(
        recipient=user, frequency=frequency, emailed_at__isnull=True
    )
    return waiting.filter(still_visible_filter(user, _types_of(waiting))).order_by("created_at")


def digest_frequencies() -> tuple[str, str]:
    return (Frequency.DAILY, Frequency.WEEKLY)


def unsubscribe_describe(token: str) -> tuple[User, str, str | None] | None:
    """(person, topic, what it is called) for a valid token; None for a forged one. The
    name is None for a topic no app registered: such a link stops nothing (never all)."""
    found = read_unsubscribe_token(token)
    if found is None:
        return None
    user = User.objects.filter(pk=found[0], is_active=True).first()
    if user is None:
        return None
    topic = found[1]
    if topic == ALL:
        return user, topic, _("all emails from Kinship")
    handler = registry.topic_for(topic)
    if handler is None:
        return user, topic, None
    return user, topic, handler[0].label(handler[1])
