"""Search words as the SQLite fallback uses them: lower case, common words dropped, and a
English stemming so 'fractions' finds 'fraction'. Pure Python with no Django import.

PostgreSQL stems both the query and the text (its english configuration). SQLite has no
stemmed index, so the query's words are stemmed with the same Snowball stemmer and looked
for inside the text, which gives the same results on the small databases SQLite is for.
"""

import re

import snowballstemmer

MAX_TERMS = 8
# PostgreSQL's English stop words (its snowball list), so both databases ignore the same.
STOPWORDS = frozenset(
    [
        "i",
        "me",
        "my",
        "myself",
        "we",
        "our",
        "ours",
        "ourselves",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "he",
        "him",
        "his",
        "himself",
        "she",
        "her",
        "hers",
        "herself",
        "it",
        "its",
        "itself",
        "they",
        "them",
        "their",
        "theirs",
        "themselves",
        "what",
        "which",
        "who",
        "whom",
        "this",
        "that",
        "these",
        "those",
        "am",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "have",
        "has",
        "had",
        "having",
        "do",
        "does",
        "did",
        "doing",
        "a",
        "an",
        "the",
        "and",
        "but",
        "if",
        "or",
        "because",
        "as",
        "until",
        "while",
        "of",
        "at",
        "by",
        "for",
        "with",
        "about",
        "against",
        "between",
        "into",
        "through",
        "during",
        "before",
        "after",
        "above",
        "below",
        "to",
        "from",
        "up",
        "down",
        "in",
        "out",
        "on",
        "off",
        "over",
        "under",
        "again",
        "further",
        "then",
        "once",
        "here",
        "there",
        "when",
        "where",
        "why",
        "how",
        "all",
        "any",
        "both",
        "each",
        "few",
        "more",
        "most",
        "other",
        "some",
        "such",
        "no",
        "nor",
        "not",
        "only",
        "own",
        "same",
        "so",
        "than",
        "too",
        "very",
        "s",
        "t",
        "can",
        "will",
        "just",
        "don",
        "should",
        "now",
    ]
)
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)


_ENGLISH = snowballstemmer.stemmer("english")


def stem(word: str) -> str:
    """The part of `word` to look for: PostgreSQL's own English (Snowball) stem, cut back to
    where it still agrees with the word ("happy" stems to "happi", which "happy" does not
    contain, so "happ"), and never shorter than four letters, so matching stays specific."""
    word = word.lower().replace("’", "'").removesuffix("'s")
    stemmed = _ENGLISH.stemWord(word)
    agreed = next(
        (i for i, (a, b) in enumerate(zip(word, stemmed, strict=False)) if a != b),
        min(len(word), len(stemmed)),
    )
    return word[: max(agreed, 4)]


def query_terms(query: str) -> list[str]:
    """The stems to look for, each once, in the order typed (at most eight)."""
    seen: list[str] = []
    for match in WORD.finditer(query):
        word = match.group().lower()
        if word in STOPWORDS:
            continue
        term = stem(word)
        if term and term not in seen:
            seen.append(term)
    return seen[:MAX_TERMS]
