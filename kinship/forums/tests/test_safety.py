"""The pupils' filter: recall per category and false holds on the tuning corpus, and focused
tests of each layer (normalisation, phone numbers in words, look-alike letters, context,
known names, links, excerpts, hostile lengths)."""

import time
from collections import Counter
from pathlib import Path

import pytest

from kinship.forums import concerns
from kinship.forums.safety import LINK_REMOVED, check_message, strip_links
from kinship.forums.safety.normalise import MAX_CHARS, forms
from kinship.forums.safety.personal import spelled_digits
from kinship.forums.tests.tuning import ordinary, tuning_rows

SAFETY_PACKAGE = Path(__file__).parents[1] / "safety"


def test_the_tuning_corpus_covers_every_category_and_many_near_misses():
    rows = tuning_rows()
    counts = Counter(category for _message, category in rows)
    assert len(rows) >= 320 and len({message for message, _ in rows}) == len(rows)
    assert set(counts) == {*concerns.CATEGORIES, "none"}
    assert all(counts[category] >= 12 for category in concerns.CATEGORIES)
    assert sum(counts[c] for c in concerns.CATEGORIES) >= 160 and counts["none"] >= 160


def test_recall_per_category_and_false_holds_on_the_tuning_set(capsys):
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    false_holds = []
    for message, category in tuning_rows():
        held = check_message(message).held
        if category == "none":
            false_holds += [message] if held else []
        else:
            total[category] += 1
            found[category] += held
    lines = ["", f"{'category':<20} held  of  recall"]
    for category in concerns.CATEGORIES:
        lines.append(
            f"{category:<20} {found[category]:>4} {total[category]:>4}"
            f"  {found[category] / total[category]:6.1%}"
        )
    overall = sum(found.values()) / sum(total.values())
    rate = len(false_holds) / len(ordinary())
    lines += [f"{'all concerning':<20} {overall:16.1%}", f"{'false holds':<20} {rate:16.1%}"]
    with capsys.disabled():
        print("\n".join(lines))
    # 95%, not 100%: many tuning messages are indirect phrasings that only the learned layer
    # reads, and it is regularised rather than made to memorise them (the held-out set is the
    # measure that counts: test_heldout_evaluation.py).
    assert all(found[c] / total[c] >= 0.95 for c in concerns.CATEGORIES), lines
    assert rate <= 0.02, false_holds


def test_no_rule_names_a_tuning_message():
    source = "\n".join(p.read_text().lower() for p in SAFETY_PACKAGE.glob("*.py"))
    named = [message for message, _ in tuning_rows() if message.lower() in source]
    assert named == []


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("sometimes I wish I wasn't here", "self_harm"),
        ("my mum's boyfriend says I'm not allowed to tell anyone what happens at home", "abuse"),
        ("there's never any food in our house", "neglect"),
        ("we could meet at the shops after school, just you and me", "grooming"),
        ("what time does your school finish", "grooming"),
        ("an older lad said he'd pay me to drop a bag off", "exploitation"),
    ],
)
def test_what_the_old_filter_missed_is_held_under_its_category(text, category):
    verdict = check_message(text)
    assert verdict.held and category in verdict.categories, verdict.findings
    assert verdict.severity == concerns.Severity.HIGH


@pytest.mark.parametrize(
    "text",
    [
        "we killed it at the netball tournament",
        "I died laughing at the assembly",
        "it's anti-bullying week so we wore odd socks",
        "The Great Fire of London killed few people but burned 13,000 houses",
        "in the book the giant wants to eat the boy",
        "our secret santa is on Friday",
        "I hate sprouts",
        "the knife and fork award went to Year 3",
        "we learnt never to share your password in e-safety",
        "Harry Kane scored a penalty",
        "gardening club finishes at 4:15",
        "My brother beat me at chess",
        "we raised £125.50 on 14/03/2025",
    ],
)
def test_risky_words_in_an_innocent_sense_pass(text):
    verdict = check_message(text)
    assert not verdict.held, verdict.findings


def test_normalisation_undoes_disguises():
    assert forms("ｓｔｕｐｉｄ").words == "stupid"  # fullwidth
    assert forms("Ѕtupіd").words == "stupid"  # Cyrillic look-alikes
    assert forms("1d10t").decoded == "idiot"
    assert forms("mor-on").decoded == "moron"
    assert forms("so d u m b").joined == "so dumb"
    assert forms("stuuuupid").squeezed == "stupid"
    assert forms("don't tell").words == "dont tell"
    assert forms("we meet at 3pm in y6").decoded == "we meet at 3pm in y6"  # not l33t


@pytest.mark.parametrize(
    "text",
    ["l00000ser", "u r a l0s3r", "Ⅰdiot", "f**k off", "s.h.i.t", "sh!t", "d u m b a s s"],
)
def test_disguised_abuse_is_held(text):
    assert check_message(text).category == "offensive_language"


def test_phone_numbers_in_words_and_pieces_are_held():
    assert spelled_digits("oh seven seven double oh nine") == "077009"
    assert spelled_digits("triple five") == "555"
    for text in (
        "zero seven seven double oh nine double oh one two three",
        "my mums is 0 7 7 0 0 9 0 0 1 2 3",
        "07700-900-123",
        "ring 0161 496 0123",
        "+44 7700 900 123",
        "O7700 9OO123",
    ):
        verdict = check_message(text)
        assert "phone" in verdict.reasons, text
        assert verdict.category == "personal_data"


def test_scores_dates_and_money_are_not_phone_numbers():
    for text in ("Year 6 scored 12 345 points", "the 2024-2025 school year", "12/03/2025 at 3:15"):
        assert not check_message(text).held, text


def test_a_known_full_name_is_held_even_when_it_is_not_a_common_first_name():
    assert not check_message("Zebedee Quill liked it").held
    verdict = check_message("zebedee quill liked it", known_names=["Zebedee Quill"])
    assert verdict.reasons == ["full_name"] and verdict.category == "personal_data"


def test_first_names_alone_and_famous_full_names_pass():
    assert not check_message("Amelia and Oscar want a bench").held
    assert not check_message("we read a book by Jacqueline Wilson").held
    assert check_message("Amelia Watson said the field is muddy").reasons == ["full_name"]


def test_a_verdict_orders_categories_by_severity_and_keeps_excerpts_short():
    verdict = check_message("you idiot, my number is 07700 900123 and he hits me at home")
    assert verdict.categories == ["abuse", "personal_data", "offensive_language"]
    assert verdict.category == "abuse" and verdict.severity == concerns.Severity.HIGH
    assert "disclosure" in verdict.reasons and "phone" in verdict.reasons
    assert all(len(f.excerpt) <= 120 for f in check_message("free robux " * 500).findings)
    assert check_message("what a lovely day").category == ""
    assert check_message("what a lovely day").severity == concerns.Severity.NONE


def test_links_are_removed_held_and_emails_left_for_the_filter():
    text = strip_links("See https://example.com/a?b=1 and www.games.net or cool.co.uk/x")
    assert "example.com" not in text and "games.net" not in text and "cool.co.uk" not in text
    assert text.count(LINK_REMOVED) == 3
    assert "amy@gmail.com" in strip_links("amy@gmail.com")
    verdict = check_message("look at www.games.net")
    assert verdict.text == f"look at {LINK_REMOVED}" and verdict.category == "links_scams"
    assert check_message("amy@gmail.com").reasons == ["email"]


@pytest.mark.parametrize(
    "text",
    [
        "a." * 9999 + "x",
        "a " * 10000,
        "@" * 20000,
        "1 " * 10000,
        "0" * 20000,
        "s " * 10000,
        "s." * 10000,
        "s-" * 10000,
        "a@" * 10000,
        "www." * 5000,
        "f*" * 10000,
        "oh " * 6000,
        "i want to " * 2000,
        "Amy Smith " * 2000,
        "x" * 20000,
        "a" * 19999 + "!",
    ],
    ids=lambda text: repr(text[:6]),
)
def test_filter_is_linear_on_hostile_lengths(text):
    start = time.perf_counter()
    check_message(text)
    assert time.perf_counter() - start < 1.5  # about 0.2 s on an idle laptop core
    assert len(forms(text * 3).original) == MAX_CHARS  # past it nothing is examined


@pytest.mark.parametrize(
    "text",
    [
        "my dad hit me by accident again last night",
        "mums boyfriend pushed me by accident and i hit my head",
        "my step dad kicked me accidentally he said",
        "dad hit my face by accident",
    ],
)
def test_a_blow_from_an_adult_called_an_accident_is_still_held(text):
    """Children are often told to say it was an accident: the DSL decides, not the filter.
    Held by the disclosure rules themselves, not left to the learned model's reading."""
    verdict = check_message(text)
    assert ("disclosure", "abuse") in {(f.kind, f.category) for f in verdict.findings}
