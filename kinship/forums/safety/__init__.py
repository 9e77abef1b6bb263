"""The pupil filter: whether a pupil's post is held for the school's designated safeguarding
lead (DSL), under which categories of concern, and why. Pure Python with no Django import.

Layers, each in its own module:

- `normalise`: the forms of a message (look-alike letters, l33t, spacing, stretched letters);
- `lexicons`: phrase patterns per category that read who does what to whom, innocent set
  phrases removed first; `broad`: wider co-occurrence rules per category with a veto for
  lessons, stories, history and sport; `wordlists`: swearing and slurs in any disguise;
  `words` applies all three;
- `personal`: phone numbers in any spelling (with `phonenumbers`), emails, postcodes,
  addresses, full names, handles and a school named with when its pupils leave;
- `links`: web addresses, which are removed from what is stored and held as a concern;
- `learned`: a linear model over words, letter runs and `concepts` (synonym groups), trained
  on the tuning corpus, which decides whether a message the rules pass is held, and under
  which category (its finding's kind is 'learned').

It errs towards holding: a held message costs the DSL a minute; a missed one can cost a child
far more. The text examined is capped at `normalise.MAX_CHARS` and every pattern is bounded,
so a hostile post costs time linear in its length.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from kinship.forums import concerns
from kinship.forums.safety import learned
from kinship.forums.safety.links import LINK_REMOVED, links, strip_links
from kinship.forums.safety.normalise import Forms, forms
from kinship.forums.safety.personal import personal_details
from kinship.forums.safety.words import category_findings, word_findings

__all__ = ["LINK_REMOVED", "Finding", "Verdict", "check_message", "strip_links"]

# What each kind of finding is a concern about (see concerns.CATEGORIES).
KIND_CATEGORY = {
    "self_harm": "self_harm",
    "disclosure": "abuse",
    "neglect": "neglect",
    "secrecy": "grooming",
    "exploitation": "exploitation",
    "threat": "violence",
    "harmful_content": "harmful_content",
    "bullying": "bullying",
    "hate": "hate",
    "slur": "hate",
    "phone": "personal_data",
    "email": "personal_data",
    "postcode": "personal_data",
    "address": "personal_data",
    "full_name": "personal_data",
    "contact": "personal_data",
    "handle": "personal_data",
    "school_time": "personal_data",
    "password": "password",
    "link": "links_scams",
    "scam": "links_scams",
    "swearing": "offensive_language",
    "insult": "offensive_language",
    "learned": "",  # the model's finding names its category itself
}
EXCERPT_CHARS = 120


@dataclass(frozen=True)
class Finding:
    kind: str  # a key of KIND_CATEGORY: 'phone', 'disclosure', 'slur', ...
    excerpt: str
    category: str = ""  # a key of concerns.CATEGORIES; by default the kind's

    def __post_init__(self) -> None:
        object.__setattr__(self, "excerpt", self.excerpt.strip()[:EXCERPT_CHARS])
        if not self.category:
            object.__setattr__(self, "category", KIND_CATEGORY.get(self.kind, "personal_data"))


@dataclass(frozen=True)
class Verdict:
    text: str  # the message with links removed: what is stored
    findings: tuple[Finding, ...] = field(default=())

    @property
    def held(self) -> bool:
        return bool(self.findings)

    @property
    def reasons(self) -> list[str]:
        """The kinds of thing found ('phone', 'email', ...), sorted."""
        return sorted({finding.kind for finding in self.findings})

    @property
    def categories(self) -> list[str]:
        """The categories of concern, most severe first."""
        return concerns.by_urgency(finding.category for finding in self.findings)

    @property
    def category(self) -> str:
        """The most severe category, or '' when nothing was found."""
        return self.categories[0] if self.findings else ""

    @property
    def severity(self) -> concerns.Severity:
        return concerns.most_severe(finding.category for finding in self.findings)


def _rule_findings(shapes: Forms, known_names: Iterable[str]) -> list[tuple[str, str]]:
    return (
        category_findings(shapes)
        + word_findings(shapes)
        + personal_details(shapes, known_names)
        + links(shapes)
    )


# Kinds the phrase patterns find (lexicons, broad.py): a reading of what a child says,
# which the learned layer may overrule when it reads the whole message as plainly ordinary.
PHRASE_KINDS = frozenset(
    {"self_harm", "disclosure", "neglect", "secrecy", "exploitation", "threat"}
    | {"harmful_content", "bullying", "hate", "password", "insult"}
)


def _judgement(kinds: Iterable[str]) -> int:
    found = set(kinds)
    if not found:
        return learned.PASSED
    return learned.PHRASES if found <= PHRASE_KINDS else learned.FIRM


def rules_judgement(text: str) -> int:
    """How the rule layers alone judge a message: learned.PASSED, PHRASES or FIRM."""
    return _judgement(kind for kind, _excerpt in _rule_findings(forms(text), ()))


def check_message(text: str, *, known_names: Iterable[str] = ()) -> Verdict:
    """Links removed, and every reason to hold the message for the DSL.

    `known_names` are full names of people at the schools taking part (pupils and staff):
    a message naming one in full is held even when the name is not on the common list.
    """
    cleaned = strip_links(text)
    shapes: Forms = forms(text)
    unique: dict[tuple[str, str], Finding] = {}
    for kind, excerpt in _rule_findings(shapes, known_names):
        finding = Finding(kind, excerpt)
        unique.setdefault((finding.kind, finding.excerpt.lower()), finding)
    judgement = _judgement(kind for kind, _excerpt in unique)
    if judgement == learned.PHRASES and learned.vetoed(shapes.joined):
        unique = {}  # read as a whole, plainly ordinary: a story, a game, a lesson
    elif judgement == learned.PASSED and shapes.joined.strip():
        held, category, _score = learned.judge(shapes.joined)
        if held:
            finding = Finding("learned", shapes.original, category=category)
            unique[(finding.kind, "")] = finding
    return Verdict(text=cleaned, findings=tuple(unique.values()))
