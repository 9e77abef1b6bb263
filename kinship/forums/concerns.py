"""What the pupil filter can find in a message: each category of concern, what it is called
on the DSL's screens, and how urgent it is. Pure Python with no Django import.

The categories follow Keeping Children Safe in Education's kinds of harm and the online
risks it names (content, contact, conduct, commerce). Severity orders the DSL's queue and
decides escalation: a `high` concern not acted on in time goes to the deputies and the head.
"""

from collections.abc import Iterable
from enum import IntEnum


class Severity(IntEnum):
    NONE = 0
    LOW = 1
    MEDIUM = 2
    HIGH = 3

    @property
    def code(self) -> str:
        return self.name.lower() if self else ""

    @classmethod
    def from_code(cls, code: str) -> "Severity":
        return cls[code.upper()] if code else cls.NONE


# code -> (label on the DSL's screens, severity)
CATEGORIES: dict[str, tuple[str, Severity]] = {
    "self_harm": ("Self-harm or suicidal thoughts", Severity.HIGH),
    "abuse": ("Abuse (physical, sexual, emotional or domestic)", Severity.HIGH),
    "neglect": ("Neglect", Severity.HIGH),
    "grooming": ("Grooming, secrecy or a request to meet", Severity.HIGH),
    "exploitation": ("Exploitation (criminal or sexual)", Severity.HIGH),
    "violence": ("Weapons, violence or threats", Severity.HIGH),
    "harmful_content": ("Exposure to harmful content", Severity.MEDIUM),
    "bullying": ("Bullying", Severity.MEDIUM),
    "hate": ("Hate about a protected characteristic", Severity.MEDIUM),
    "personal_data": ("Personal details or contact", Severity.MEDIUM),
    "password": ("A password or sign-in detail", Severity.MEDIUM),
    "links_scams": ("A link or a scam", Severity.MEDIUM),
    "offensive_language": ("Swearing or insults, disguised spellings included", Severity.LOW),
}


def label(category: str) -> str:
    return CATEGORIES[category][0] if category in CATEGORIES else category


def severity(category: str) -> Severity:
    return CATEGORIES[category][1] if category in CATEGORIES else Severity.MEDIUM


def most_severe(categories: Iterable[str]) -> Severity:
    return max((severity(category) for category in categories), default=Severity.NONE)


def by_urgency(categories: Iterable[str]) -> list[str]:
    """Most severe first, then in the order of CATEGORIES (so the same set reads the same)."""
    order = list(CATEGORIES)
    unique = set(categories)
    return sorted(
        unique,
        key=lambda c: (-severity(c), order.index(c) if c in order else len(order), c),
    )
