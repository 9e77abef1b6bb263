"""What the apps that notify tell this one, so it never imports them.

An app registers, in its AppConfig.ready():
- for each model it notifies about, a selector of the ids a person may see *now*: every
  list, email and digest filters through it, so nothing is shown that has since become
  private to the recipient;
- for each topic prefix ("forums.board"), how to name a topic and how to unsubscribe from it;
- each *duty* kind (a safeguarding alert): notifications that are emailed whatever the person
  chose, without an unsubscribe link, gathered into one email per burst, and described by
  the app (`DutyEmail`) so the email says only what the app allows (never a pupil's words).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

VisibleIds = Callable[[Any], QuerySet[Any]]


@dataclass(frozen=True)
class Topic:
    label: Callable[[str], str]  # the key after the prefix -> "the board Kaizen: maths"
    unsubscribe: Callable[[Any, str], None]  # (user, key)


@dataclass(frozen=True)
class DutyEmail:
    subject: str
    lines: tuple[str, ...]
    url: str  # a path in Kinship: the queue, never the item itself


# (recipient, their notifications of this kind being sent now) -> what the email says
DescribeDuty = Callable[[Any, Sequence[Any]], DutyEmail]

_targets: dict[str, VisibleIds] = {}
_topics: dict[str, Topic] = {}
_duties: dict[str, DescribeDuty] = {}


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


def register_duty_kind(kind: str, describe: DescribeDuty) -> None:
    _duties[kind] = describe


def is_duty(kind: str) -> bool:
    return kind in _duties


def duty_kinds() -> list[str]:
    return sorted(_duties)


def describe_duty(kind: str) -> DescribeDuty:
    return _duties[kind]
