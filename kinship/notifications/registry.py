"""What the apps that notify tell this one, so it never imports them.

An app registers, in its AppConfig.ready():
- for each model it notifies about, a selector of the ids a person may see *now*: every
  list, email and digest filters through it, so nothing is shown that has since become
  private to the recipient;
- for each topic prefix ("forums.board"), how to name a topic and how to unsubscribe from it;
- each *duty* kind (a safeguarding alert): notifications that are emailed whatever the person
  chose, without an unsubscribe link, gathered into one email per burst, and described by
  the app (`DutyEmail`) so the email says only what the app allows (never a pupil's words);
- each *digest section* (meetings' "what's on"): a part of the daily or weekly digest that is
  not a list of notifications, so a person gets one email a period, not one per app.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
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


@dataclass(frozen=True)
class DigestLine:
    text: str
    url: str = ""  # a path in Kinship; "" for a line without a link


@dataclass(frozen=True)
class DigestSection:
    heading: str  # "What's on in the next two weeks"
    lines: tuple[DigestLine, ...]
    subject: str  # the email's subject when nothing else is in the digest
    links: tuple[DigestLine, ...] = ()  # after the lines: "Your calendar", its settings


@dataclass(frozen=True)
class DigestProvider:
    frequency: str  # "daily" or "weekly"
    # (now) -> the ids of the people who may get this section: they are sent a digest even
    # with no notifications waiting
    recipients: Callable[[datetime], QuerySet[Any]]
    # (person, now) -> the sections to show them; empty when there is nothing to say
    sections: Callable[[Any, datetime], Sequence[DigestSection]]


_targets: dict[str, VisibleIds] = {}
_topics: dict[str, Topic] = {}
_duties: dict[str, DescribeDuty] = {}
_digest_providers: dict[str, DigestProvider] = {}


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


def register_digest_provider(name: str, provider: DigestProvider) -> None:
    _digest_providers[name] = provider


def digest_providers(frequency: str) -> list[DigestProvider]:
    return [p for _, p in sorted(_digest_providers.items()) if p.frequency == frequency]
