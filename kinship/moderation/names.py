"""Does a piece of text or a file name look as if it holds a pupil's name? A heuristic that
errs towards warning: the uploader is asked to check, never blocked. Pure Python.

It looks for a common first name (from the most given names in England and Wales), a pair
of capitalised words in a file name ("Jack Smith.pdf", "jack_smith_y6.jpg"), and the ways a
name is written at the top of a page ("Name: …", "by …", "my name is …").
"""

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

FIRST_NAMES = frozenset(
    [
        "aaliyah",
        "aaron",
        "abdul",
        "abigail",
        "adam",
        "adrian",
        "ahmed",
        "aidan",
        "aisha",
        "alex",
        "alexander",
        "alfie",
        "alice",
        "amaya",
        "amber",
        "amelia",
        "amelie",
        "amir",
        "amy",
        "anna",
        "annabelle",
        "archie",
        "aria",
        "arlo",
        "aryan",
        "ava",
        "bella",
        "ben",
        "benjamin",
        "bethany",
        "billy",
        "bobby",
        "brooke",
        "caleb",
        "callum",
        "cameron",
        "charles",
        "charlie",
        "charlotte",
        "chloe",
        "christopher",
        "connor",
        "daisy",
        "daniel",
        "darcy",
        "david",
        "dexter",
        "dylan",
        "edward",
        "eleanor",
        "eliza",
        "elijah",
        "ella",
        "ellie",
        "elsie",
        "emily",
        "emma",
        "erin",
        "ethan",
        "evelyn",
        "evie",
        "ezra",
        "faith",
        "finley",
        "florence",
        "frankie",
        "freddie",
        "freya",
        "gabriel",
        "george",
        "georgia",
        "grace",
        "gracie",
        "hannah",
        "harley",
        "harper",
        "harriet",
        "harrison",
        "harry",
        "harvey",
        "hazel",
        "henry",
        "holly",
        "hugo",
        "ibrahim",
        "imogen",
        "isaac",
        "isabella",
        "isabelle",
        "isla",
        "ivy",
        "jack",
        "jackson",
        "jacob",
        "jake",
        "james",
        "jasmine",
        "jayden",
        "jenson",
        "jessica",
        "joseph",
        "joshua",
        "jude",
        "kai",
        "katie",
        "kayden",
        "lacey",
        "layla",
        "leah",
        "leo",
        "leon",
        "lewis",
        "liam",
        "lily",
        "lola",
        "louie",
        "louis",
        "lucas",
        "lucy",
        "luna",
        "maddison",
        "madison",
        "maisie",
        "maria",
        "mason",
        "matilda",
        "matthew",
        "max",
        "maya",
        "megan",
        "mia",
        "michael",
        "millie",
        "mohammad",
        "mohammed",
        "molly",
        "muhammad",
        "musa",
        "nathan",
        "noah",
        "olivia",
        "ollie",
        "oliver",
        "oscar",
        "owen",
        "phoebe",
        "poppy",
        "reuben",
        "riley",
        "robert",
        "rory",
        "rosie",
        "ruby",
        "ryan",
        "sam",
        "samuel",
        "sara",
        "sarah",
        "scarlett",
        "sebastian",
        "sienna",
        "sofia",
        "sophia",
        "sophie",
        "stanley",
        "summer",
        "theo",
        "theodore",
        "thomas",
        "toby",
        "tommy",
        "tyler",
        "violet",
        "william",
        "willow",
        "yusuf",
        "zac",
        "zachary",
        "zara",
        "zoe",
    ]
)
CAPITALISED_PAIR = re.compile(r"\b([A-Z][a-z]{1,})[\s_.-]+([A-Z][a-z]{1,})\b")
NAME_LINE = re.compile(
    r"^\s*(?:name|pupil|written by|by|author)\s*[:\-]?\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)"
    r"|\bmy name is\s+([A-Z][a-z]+)",
    re.IGNORECASE | re.MULTILINE,
)
# Words that look like names in file names but are not ("Year Six", "Big Write").
NOT_NAMES = frozenset(
    [
        "year",
        "six",
        "five",
        "page",
        "scan",
        "draft",
        "final",
        "big",
        "write",
        "story",
        "letter",
        "report",
        "recount",
        "diary",
        "persuasive",
        "narrative",
        "poem",
        "writing",
        "script",
        "sample",
        "moderation",
        "greater",
        "depth",
        "expected",
        "working",
        "towards",
        "wts",
        "exs",
        "gds",
        "copy",
        "image",
        "photo",
        "img",
        "scanned",
        "document",
    ]
)


@dataclass(frozen=True)
class NameWarning:
    found: str  # what looked like a name
    where: str  # "file name" or "text"


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z]+", text)


def name_in_file_name(filename: str) -> NameWarning | None:
    stem = PurePosixPath(filename.replace("\\", "/")).stem
    spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", stem)  # JackSmith → Jack Smith
    for first, second in CAPITALISED_PAIR.findall(spaced):
        if first.lower() not in NOT_NAMES and second.lower() not in NOT_NAMES:
            return NameWarning(f"{first} {second}", "file name")
    for word in _words(spaced):
        if word.lower() in FIRST_NAMES:
            return NameWarning(word, "file name")
    return None


def name_in_text(text: str) -> NameWarning | None:
    """A name written where pupils write theirs: the first and last lines, or a "Name:"."""
    match = NAME_LINE.search(text)
    if match:
        return NameWarning(next(group for group in match.groups() if group), "text")
    lines = [line for line in text.strip().splitlines() if line.strip()]
    for line in lines[:2] + lines[-2:]:
        words = _words(line)
        if 0 < len(words) <= 4:
            for word in words:
                if word.lower() in FIRST_NAMES and word[0].isupper():
                    return NameWarning(line.strip(), "text")
    return None
