"""The pupils' filter: hostile and personal messages are held, ordinary ones pass."""

import pytest

from kinship.forums.safety import LINK_REMOVED, check_message, strip_links
from kinship.forums.tests.corpus import HELD, PASSES, TRAPS


def test_the_corpus_is_big_enough():
    assert len(HELD) >= 50


@pytest.mark.parametrize("message", HELD)
def test_hostile_or_personal_messages_are_held(message):
    verdict = check_message(message)
    assert verdict.held, message


@pytest.mark.parametrize("message", PASSES)
def test_ordinary_messages_pass(message):
    verdict = check_message(message)
    assert not verdict.held, (message, verdict.findings)


@pytest.mark.parametrize("message", TRAPS)
def test_ordinary_school_words_that_look_like_trouble_pass(message):
    verdict = check_message(message)
    assert not verdict.held, (message, verdict.findings)


def test_the_reasons_say_what_was_found():
    assert check_message("text me on 07700900123").reasons == ["contact", "phone"]
    assert check_message("my postcode is LA1 4YW").reasons == ["postcode"]
    assert check_message("you idiot").reasons == ["abuse"]
    assert check_message("he hits me at home").reasons == ["disclosure"]
    assert check_message("I live at 14 Elm Road, LA1 4YW").reasons == [
        "address",
        "contact",
        "postcode",
    ]


def test_a_known_full_name_is_held_even_when_it_is_not_a_common_first_name():
    assert not check_message("Zebedee Quill liked it").held
    assert check_message("zebedee quill liked it", known_names=["Zebedee Quill"]).held


def test_links_are_removed_and_emails_left_for_the_filter():
    text = strip_links("See https://example.com/a?b=1 and www.games.net or cool.co.uk/x")
    assert "example.com" not in text and "games.net" not in text and "cool.co.uk" not in text
    assert text.count(LINK_REMOVED) == 3
    assert "amy@gmail.com" in strip_links("amy@gmail.com")
