"""Curated lexicons and phrase patterns, one list per category of concern. Pure Python.

Each pattern is written in plain spelling over the `decoded` form of a message (lower case,
letters and digits only, one space between words, apostrophes dropped, l33t undone: see
normalise.py), so "I'm gonna", "im gonna" and "1m g0nna" read the same. In a pattern:

- `~` stands for up to three words of any kind, `~~` for up to six, `~~~` for up to ten;
- the shared groups (`{ME}`, `{HARMER}`, ...) name who and what a child writes about.

Patterns say who does what to whom ("he hits me", "bring a knife to school"), not a lone
risky word, so a history topic, a book's plot or "we killed it at netball" does not match;
the innocent set phrases in INNOCENT are removed before any pattern is tried. Every
quantifier is bounded, so each pattern runs in time linear in the message.

The words and patterns live in the text files beside this module (groups.txt,
innocent.txt and one file per category), read once at import: lines starting with `#`
and blank lines are skipped.
"""

import re
from importlib import resources

GAP = r"(?:[a-z0-9]{1,60} ){0,3}"
GAP6 = r"(?:[a-z0-9]{1,60} ){0,6}"
GAP10 = r"(?:[a-z0-9]{1,60} ){0,10}"

# category -> the kind of finding its patterns make (the detailed reason the DSL reads),
# in the order the categories are tried.
CATEGORY_KINDS = (
    ("self_harm", "self_harm"),
    ("abuse", "disclosure"),
    ("neglect", "neglect"),
    ("grooming", "secrecy"),
    ("exploitation", "exploitation"),
    ("violence", "threat"),
    ("harmful_content", "harmful_content"),
    ("bullying", "bullying"),
    ("hate", "hate"),
    ("password", "password"),
    ("links_scams", "scam"),
    ("offensive_language", "insult"),
)


def _lines(name: str) -> list[str]:
    """The data lines of one of the text files, without comments and blank lines."""
    text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def _groups() -> dict[str, str]:
    """Each `[NAME]` section of groups.txt as one group of alternatives."""
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    for line in _lines("groups.txt"):
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        else:
            current.append(line)
    return {name: "(?:" + "|".join(words) + ")" for name, words in sections.items()}


_GROUPS = _groups()
# Who a child is, and who may harm them, when they write about it.
ME = _GROUPS["ME"]
SELF = _GROUPS["SELF"]
HARMER = _GROUPS["HARMER"]
HURT = _GROUPS["HURT"]
VICTIM = _GROUPS["VICTIM"]
WEAPON = _GROUPS["WEAPON"]
YOU = _GROUPS["YOU"]
MEDIA = _GROUPS["MEDIA"]
# Groups of people with a protected characteristic, as children name them, and what is
# said against them.
GROUP = _GROUPS["GROUP"]
NASTY = _GROUPS["NASTY"]


def _with_groups(pattern: str) -> str:
    # Only capitalised names are groups: regex quantifiers such as {1,60} are left alone.
    return re.sub(r"\{([A-Z][A-Z0-9]*)\}", lambda name: _GROUPS[name[1]], pattern)


# Innocent set phrases, removed before the category patterns are tried.
INNOCENT = "|".join(_lines("innocent.txt"))

# category -> (kind, patterns).
RULES: dict[str, tuple[str, tuple[str, ...]]] = {
    category: (kind, tuple(_with_groups(line) for line in _lines(f"{category}.txt")))
    for category, kind in CATEGORY_KINDS
}

__all__ = [
    "CATEGORY_KINDS",
    "GAP",
    "GAP6",
    "GAP10",
    "GROUP",
    "HARMER",
    "HURT",
    "INNOCENT",
    "ME",
    "MEDIA",
    "NASTY",
    "RULES",
    "SELF",
    "VICTIM",
    "WEAPON",
    "YOU",
]
