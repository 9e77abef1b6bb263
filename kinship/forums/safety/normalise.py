"""Normalisation: the forms of a message the lexicons and patterns read. Pure Python.

Pupils disguise words (l33t, s p a c e s, d.o.t.s, stretched letters, look-alike letters
from other alphabets) and write without punctuation or apostrophes; every form here undoes
one of those, so a lexicon is written once in plain spelling. Every step is a single pass
over text capped at MAX_CHARS: nothing here can take more than linear time.
"""

import re
import unicodedata
from dataclasses import dataclass

MAX_CHARS = 20_000  # the longest post a pupil can send; anything past it is not examined

# Letters from other alphabets and symbols that look like Latin letters (after NFKC).
LOOKALIKES = str.maketrans(
    {
        # Cyrillic
        "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o",
        "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "і": "i", "ї": "i", "ј": "j",
        "ѕ": "s", "ԁ": "d", "ɡ": "g", "ո": "n", "ս": "u", "ᴜ": "u",
        # Greek
        "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o",
        "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "γ": "y", "ω": "w",
        # Latin look-alikes and symbols
        "ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe",
        "‘": "'", "’": "'", "`": "'", "´": "'", "“": '"', "”": '"',
        "–": "-", "—": "-", "\u00a0": " ",
    }
)  # fmt: skip
INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")

# Digits and symbols read as letters inside a word that also has letters: 'l0s3r', 'sm3lly'.
LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g",
     "@": "a", "$": "s", "!": "i", "|": "i", "€": "e", "£": "e", "+": "t"}
)  # fmt: skip
LEET_TOKEN = re.compile(r"[a-z0-9@$!|€£+*#]{1,60}")
HAS_LETTER = re.compile(r"[a-z]")
WORD = re.compile(r"[a-z0-9]{1,60}")
# '3pm', '2nd', '10km', 'y6', 'year6': digits and letters that are not a disguised word.
MEASURE = re.compile(
    r"\d{1,6}(?:st|nd|rd|th|am|pm|s|k|m|cm|mm|km|kg|g|ml|l|p|x|mph)|(?:y|yr|year)\d{1,2}"
)
INNER_SEPARATOR = re.compile(r"(?<=[a-z0-9*$@!])[-._](?=[a-z0-9*$@!])")
# 'no no no no no' reads as 'no no no': a word or short phrase said over and over says
# nothing more (and a post of one phrase repeated 5,000 times costs no more than three).
REPEATED_WORD = re.compile(
    r"(?<![a-z0-9])((?:[a-z0-9]{1,60} ){0,2}[a-z0-9]{1,60})(?: \1){3,}(?![a-z0-9])"
)
RUN_3 = re.compile(r"([a-z])\1{2,}")
RUN_2 = re.compile(r"([a-z])\1+")


@dataclass(frozen=True)
class Forms:
    """The forms of one message. `plain`: lower case, look-alikes and accents undone,
    punctuation kept (for emails, links, numbers). `words`: letters and digits only, one
    space between words, apostrophes dropped ("don't" -> "dont"). `decoded`: `words` with
    l33t undone inside words and stretched letters cut to two ("stuuupid" -> "stuupid",
    "sooo" -> "soo"). `squeezed`: every doubled letter cut to one ("stupid", "kil").
    `joined`: `decoded` with runs of single letters joined ("d u m b" -> "dumb")."""

    original: str
    plain: str
    words: str
    decoded: str
    squeezed: str
    joined: str


def plain(text: str) -> str:
    """Lower case, NFKC (fullwidth and styled letters to plain), look-alikes to Latin,
    accents and invisible characters removed."""
    text = INVISIBLE.sub("", unicodedata.normalize("NFKC", text[:MAX_CHARS]))
    text = text.lower().translate(LOOKALIKES)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _words(text: str) -> str:
    return " ".join(WORD.findall(text.replace("'", "")))


# Text-speak read as the words it stands for, before l33t: 'no1' is 'no one', not 'noi'.
TEXT_SPEAK = {
    "no1": "no one", "any1": "anyone", "some1": "someone", "sum1": "someone",
    "every1": "everyone", "evry1": "everyone", "2day": "today", "2nite": "tonight",
    "2night": "tonight", "2moro": "tomorrow", "2morrow": "tomorrow", "tmrw": "tomorrow",
    "b4": "before", "gr8": "great", "l8r": "later", "l8": "late", "w8": "wait", "h8": "hate",
    "m8": "mate", "m8s": "mates", "4get": "forget", "4got": "forgot", "wiv": "with",
    "wen": "when", "wot": "what", "wat": "what", "sed": "said", "nite": "night",
    "nxt": "next", "pls": "please", "plz": "please", "bf": "boyfriend", "gf": "girlfriend",
    "bday": "birthday", "skl": "school", "skool": "school", "hw": "homework", "rn": "now",
    "cuz": "cos", "coz": "cos", "bc": "because", "bcos": "because", "becos": "because",
}  # fmt: skip


def _deleet(match: re.Match[str]) -> str:
    token = match.group()
    if token in TEXT_SPEAK:
        return TEXT_SPEAK[token]
    if not HAS_LETTER.search(token) or token.isalpha() or MEASURE.fullmatch(token):
        return token
    return token.translate(LEET)


def _join_single_letters(words: str) -> str:
    """'so d u m b' -> 'so dumb': three or more one-letter words in a row
    are one word spelled out."""
    out: list[str] = []
    run: list[str] = []
    for word in [*words.split(), ""]:
        if len(word) == 1 and word.isalpha():
            run.append(word)
            continue
        out.append("".join(run) if len(run) >= 3 else " ".join(run))
        run = []
        out.append(word)
    return " ".join(part for part in out if part)


def forms(text: str) -> Forms:
    flat = plain(text)
    words = _words(flat)
    # Separators inside a word are dropped ('mor-on', 'sh_it'), then l33t read as letters.
    leet = LEET_TOKEN.sub(_deleet, INNER_SEPARATOR.sub("", flat.replace("'", "")))
    decoded = REPEATED_WORD.sub(r"\1 \1 \1", RUN_3.sub(r"\1\1", _words(leet)))
    joined = _join_single_letters(decoded)
    squeezed = RUN_2.sub(r"\1", joined)
    return Forms(
        original=text[:MAX_CHARS],
        plain=flat,
        words=words,
        decoded=decoded,
        squeezed=squeezed,
        joined=joined,
    )
