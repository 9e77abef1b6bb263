"""Signed unsubscribe tokens: who, and from what ("all" or a topic). No expiry: a link in
an old email must still work."""

from django.core import signing

from kinship.accounts.types import Viewer

SALT = "kinship.notifications.unsubscribe"
ALL = "all"


def unsubscribe_token(user: Viewer, topic: str = ALL) -> str:
    return signing.dumps({"u": user.pk, "t": topic or ALL}, salt=SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[int, str] | None:
    """(user id, topic), or None when the token was not made by us."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    topic = data.get("t")
    return data["u"], topic if isinstance(topic, str) and topic else ALL
