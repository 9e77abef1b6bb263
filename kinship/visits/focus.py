"""Turning "I'd like to see phonics in Year 2" into schools to visit.

A member of staff may name a subject or a year group instead of schools. The planner looks
first for open classrooms in it (an offer matching both the subject and the year group
counts most), then for colleagues who list it in the directory of who knows what, and takes
the schools with most to see. Pure Python: the services pass plain data in.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

# Directory tags are free text ("KS2 writing", "Phonics", "EHCP applications"): a subject
# matches a tag holding one of its words.
SUBJECT_WORDS: dict[str, tuple[str, ...]] = {
    "early_reading": ("phonics", "early reading", "reading"),
    "reading": ("reading", "guided reading", "oracy", "english"),
    "writing": ("writing", "english", "grammar", "spelling", "handwriting"),
    "maths": ("maths", "mathematics", "numeracy", "mastery"),
    "science": ("science",),
    "history": ("history", "humanities"),
    "geography": ("geography", "humanities", "outdoor learning"),
    "art": ("art", "art and design"),
    "design_technology": ("design and technology", "d&t", "dt"),
    "music": ("music",),
    "pe": ("pe", "physical education", "sport"),
    "computing": ("computing", "online safety"),
    "languages": ("languages", "mfl", "french", "spanish", "german"),
    "re": ("re", "religious education"),
    "pshe": ("pshe", "rse", "wellbeing"),
    "send": ("send", "sen", "senco", "inclusion", "ehcp", "autism"),
    "early_years": ("eyfs", "early years", "continuous provision"),
    "behaviour": ("behaviour", "attendance", "routines"),
}
YEAR_GROUP_WORDS: dict[str, tuple[str, ...]] = {
    "nursery": ("nursery", "eyfs", "early years"),
    "reception": ("reception", "eyfs", "early years"),
    "y1": ("year 1", "y1", "ks1"),
    "y2": ("year 2", "y2", "ks1"),
    **{f"y{n}": (f"year {n}", f"y{n}", "ks2") for n in range(3, 7)},
    **{f"y{n}": (f"year {n}", f"y{n}", "ks3") for n in range(7, 10)},
    "y10": ("year 10", "y10", "ks4", "gcse"),
    "y11": ("year 11", "y11", "ks4", "gcse"),
    "y12": ("year 12", "y12", "sixth form"),
    "y13": ("year 13", "y13", "sixth form"),
    "mixed": ("mixed-age", "mixed age"),
}
FULL_OFFER, PART_OFFER, COLLEAGUE = 4, 1, 1  # what each kind of match is worth
MAX_SCHOOLS = 3


def _has_word(text: str, words: Sequence[str]) -> bool:
    lowered = text.lower()
    return any(re.search(rf"(?<![a-z0-9]){re.escape(word)}(?![a-z0-9])", lowered) for word in words)


def tag_matches(tag: str, *, subject: str = "", year_group: str = "") -> bool:
    """Whether a directory tag speaks of the subject or the year group."""
    return bool(
        (subject and _has_word(tag, SUBJECT_WORDS.get(subject, ())))
        or (year_group and _has_word(tag, YEAR_GROUP_WORDS.get(year_group, ())))
    )


@dataclass(frozen=True)
class SchoolOffer:
    """What a school has to see: its open classrooms (subject, year group) and its staff's
    directory tags (one entry per person, each a tuple of their tags)."""

    school: int
    name: str
    open_classrooms: tuple[tuple[str, str], ...] = ()
    colleagues: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class FocusMatch:
    school: int
    name: str
    open_classrooms: int  # offers matching the subject or the year group
    colleagues: int  # staff with a matching directory tag

    @property
    def score(self) -> int:
        return self.open_classrooms + self.colleagues


def schools_for_focus(
    schools: Sequence[SchoolOffer],
    *,
    subject: str = "",
    year_group: str = "",
    exclude: Sequence[int] = (),
    limit: int = MAX_SCHOOLS,
) -> list[FocusMatch]:
    """The schools with most to see of a subject and/or year group, best first: an open
    classroom matching everything asked counts 4, one matching part of it 1, a colleague
    who lists it 1. Schools with nothing to see are left out; ties go by name."""
    if not subject and not year_group:
        return []
    asked = (1 if subject else 0) + (1 if year_group else 0)
    scored: list[tuple[int, str, FocusMatch]] = []
    for school in schools:
        if school.school in exclude:
            continue
        offer_points, offers = 0, 0
        for offer_subject, offer_year in school.open_classrooms:
            hits = int(bool(subject) and offer_subject == subject)
            hits += int(bool(year_group) and offer_year == year_group)
            if hits:
                offers += 1
                offer_points += FULL_OFFER if hits == asked else PART_OFFER
        colleagues = sum(
            1
            for tags in school.colleagues
            if any(tag_matches(tag, subject=subject, year_group=year_group) for tag in tags)
        )
        points = offer_points + COLLEAGUE * colleagues
        if points:
            match = FocusMatch(school.school, school.name, offers, colleagues)
            scored.append((-points, school.name, match))
    scored.sort(key=lambda item: (item[0], item[1]))
    return [match for _, _, match in scored[:limit]]
