"""The lexicon layer: phrase patterns per category, and swearing and slurs in any disguise.
Pure Python."""

import re

from kinship.forums.safety.broad import BROAD
from kinship.forums.safety.lexicons import GAP, GAP6, GAP10, INNOCENT, RULES
from kinship.forums.safety.normalise import Forms
from kinship.forums.safety.wordlists import (
    EXACT_ONLY,
    MILD,
    SLURS,
    SQUEEZED_MILD,
    SQUEEZED_SLURS,
    SQUEEZED_SWEARS,
    SWEARS,
    squeeze,
)


def _compile(source: str) -> re.Pattern[str]:
    source = source.replace(" ~~~ ", " " + GAP10).replace(" ~~ ", " " + GAP6)
    source = source.replace(" ~ ", " " + GAP)
    return re.compile(rf"(?<![a-z0-9])(?:{source})(?![a-z0-9])")


def _squeezed(source: str) -> str:
    """The pattern with doubled letters written once, to read the `squeezed` form."""
    return re.sub(r"([a-z])\1+", r"\1", source)


INNOCENT_PATTERN = _compile(INNOCENT)
INNOCENT_SQUEEZED = _compile(_squeezed(INNOCENT))
COMPILED = {
    category: (kind, [(_compile(p), _compile(_squeezed(p))) for p in patterns])
    for category, (kind, patterns) in RULES.items()
}
STRETCHED = re.compile(r"([a-z])\1\1")
BROAD_COMPILED = {
    category: (_compile(veto), [_compile(p) for p in patterns])
    for category, (veto, patterns) in BROAD.items()
}
MASKED = re.compile(r"(?<![a-z0-9*#])[a-z]{1,6}[*#]{1,6}[a-z*#]{0,8}")


def _without_innocent(text: str, pattern: re.Pattern[str]) -> str:
    # One space where a phrase was, so the words either side still read as one sentence.
    return re.sub(r" {2,}", " ", pattern.sub(" ", text))


def category_findings(forms: Forms) -> list[tuple[str, str]]:
    """(kind, excerpt) for each category whose patterns match the message."""
    readings = [_without_innocent(text, INNOCENT_PATTERN) for text in {forms.decoded, forms.joined}]
    # The squeezed form is for stretched words ('diiie'): read only when a letter is tripled.
    stretched = STRETCHED.search(forms.words) is not None
    squeezed = _without_innocent(forms.squeezed, INNOCENT_SQUEEZED) if stretched else ""
    found: list[tuple[str, str]] = []
    for kind, patterns in COMPILED.values():
        for plain_pattern, squeezed_pattern in patterns:
            match = None
            for reading in readings:
                match = plain_pattern.search(reading)
                if match:
                    break
            if not match and stretched:
                match = squeezed_pattern.search(squeezed)
            if match:
                found.append((kind, match.group() or kind))
    for category, (veto, broad_patterns) in BROAD_COMPILED.items():
        if any(veto.search(text) for text in (forms.decoded, forms.joined)):
            continue  # a lesson, a story, history, cooking or sport
        for broad in broad_patterns:
            hit = next(filter(None, (broad.search(reading) for reading in readings)), None)
            if hit:
                found.append((RULES[category][0], hit.group()))
                break
    return found


def _word_hit(word: str) -> tuple[str, str] | None:
    """('swearing' | 'slur' | 'mild', word) when a word is on a list, in any stretch."""
    if word in SLURS:
        return ("slur", word)
    if word in SWEARS:
        return ("swearing", word)
    if word in MILD:
        return ("mild", word)
    short = squeeze(word)
    if short == word or word in EXACT_ONLY:
        return None
    if short in SQUEEZED_SLURS and SQUEEZED_SLURS[short] not in EXACT_ONLY:
        return ("slur", word)
    if short in SQUEEZED_SWEARS and SQUEEZED_SWEARS[short] not in EXACT_ONLY:
        return ("swearing", word)
    if short in SQUEEZED_MILD:
        return ("mild", word)
    return None


def _masked_hits(flat: str) -> list[tuple[str, str]]:
    """'f**k', 'sh*t', 'b#tch': a word with its middle starred that can only be a swear."""
    found: list[tuple[str, str]] = []
    for match in list(MASKED.finditer(flat))[:50]:
        token = match.group()
        shape = re.compile(
            "".join("[a-z]" if c in "*#" else re.escape(c) for c in token.rstrip("*#"))
            + ("[a-z]{0,4}" if token[-1] in "*#" else "")
        )
        for word in SWEARS | SLURS:
            if word[0] == token[0] and len(word) >= 3 and shape.fullmatch(word):
                found.append(("slur" if word in SLURS else "swearing", token))
                break
    return found


def word_findings(forms: Forms) -> list[tuple[str, str]]:
    """Swearing and slurs wherever they stand; mild insults ('stupid') only when disguised
    (a plain 'stupid mistake' is left to the insult patterns, which need someone insulted)."""
    found: list[tuple[str, str]] = []
    # Words as typed, before look-alikes and l33t are undone: 'stupid' here is not disguised.
    as_written = set(re.findall(r"[a-z0-9]{1,60}", forms.original.lower().replace("'", "")))
    short = len(forms.words.split()) <= 3  # 'freak', 'you loser': an insult on its own
    readings = {
        _without_innocent(forms.decoded, INNOCENT_PATTERN),
        _without_innocent(forms.joined, INNOCENT_PATTERN),
    }
    for reading in readings:
        for word in set(reading.split()):
            hit = _word_hit(word)
            if hit is None and word not in as_written:
                # 'u r a l o s e r' joins as 'uraloser': the short words typed before it.
                prefix = re.match(r"[uria]{1,3}(?=[a-z]{4})", word)
                hit = _word_hit(word[prefix.end() :]) if prefix else None
            if hit is None:
                continue
            kind, excerpt = hit
            if kind == "mild":
                if word in as_written and not short:
                    continue
                kind = "insult"
            found.append((kind, excerpt))
    return found + _masked_hits(forms.plain)
