"""What the apps that notify tell this one, so it never imports them.

An app registers, in its AppConfig.ready():
- for each model it notifies about, a selector of the ids a person may see *now*: every
  list, email and digest filters through it, so nothing is shown that has since become
  private to the recipient;
- for each topic prefix ("forums.board"), how to name a topic and how to unsubscribe from it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

VisibleIds = Callable[[Any], QuerySet[Any]]


@dataclass(frozen=True)
class Topic:
    label: Callable[[str], str]  # the key after the prefix -> "the board Kaizen: maths"
    unsubscribe: Callable[[Any, str], None]  # (user, key)


_targets: dict[str, VisibleIds] = {}
_topics: dict[str, Topic] = {}


def register_target(model_label: str, visible_ids: VisibleIds) -> None:
    _targets[model_label.lower()] = visible_ids


def register_topic(prefix: str, topic: Topic) -> None:
    _topics[prefix] = topic


def visible_ids(model_label: str) -> VisibleIds | None:
    return _targets.get(model_label.lower())


def topic_for(topic: str) -> tuple[Topic, str] | None:
    prefix, _, key = topic.partition(":")
    found = _topics.get(prefix)
    return (found, key) if found is not None and key else None
