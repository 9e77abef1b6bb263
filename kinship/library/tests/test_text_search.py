"""The SQLite search's query words: Snowball stems, cut back so the text still contains them."""

import pytest

from kinship.library.text_search import MAX_TERMS, query_terms, stem


@pytest.mark.parametrize(
    ("typed", "text"),
    [
        ("fractions", "Adding fractions with unlike denominators"),
        ("fraction", "Fractions walls for Year 4"),
        ("activities", "A phonics activity pack"),
        ("happy", "A happy playtime"),
        ("writing", "Moderating Year 6 writing"),
        ("writing", "Write a recount"),
        ("moderation", "Notes for moderators"),
    ],
)
def test_a_stemmed_word_is_found_inside_related_words(typed: str, text: str) -> None:
    assert stem(typed) in text.lower()


def test_stems_stay_at_least_four_letters_so_matching_stays_specific() -> None:
    assert stem("running") == "runn"
    assert stem("maths") == "math"
    assert stem("Teacher’s") == "teacher"


def test_query_terms_drop_stop_words_and_repeats_and_keep_the_order_typed() -> None:
    assert query_terms("The fractions and the Fraction of writing") == ["fraction", "writ"]
    assert len(query_terms(" ".join(f"word{n}x" for n in range(20)))) == MAX_TERMS
