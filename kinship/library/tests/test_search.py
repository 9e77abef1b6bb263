"""Search: words inside files, weights, stemming, facets, and only what the searcher may see."""

import pytest

from kinship.conftest import Personas
from kinship.families.services import circle_create
from kinship.library.models import Audience, Licence, Subject
from kinship.library.selectors import Filters, resource_search
from kinship.library.tests.conftest import share_page, share_pdf

pytestmark = pytest.mark.django_db


def titles(user, query: str, **filters) -> list[str]:
    found = resource_search(user, query=query, filters=Filters(**filters))
    return [resource.title for resource in found.resources]


def test_a_colleague_finds_a_pdf_by_a_word_inside_it(people: Personas):
    share_pdf(
        people.head,
        title="Spring plan",
        family=people.family,
        lines=("We taught equivalent fractions with bar models",),
    )
    assert titles(people.teacher, "bar models") == ["Spring plan"]


def test_stemming_finds_other_forms_of_a_word(people: Personas):
    share_page(people.head, title="Teaching fractions", family=people.family)
    assert titles(people.teacher, "fraction") == ["Teaching fractions"]


def test_a_title_match_ranks_above_a_match_in_the_text(people: Personas):
    share_page(
        people.head, title="Behaviour policy", body="Notes on phonics.", family=people.family
    )
    share_page(people.head, title="Phonics progression", body="Phase 2 to 5.", family=people.family)
    assert titles(people.teacher, "phonics") == ["Phonics progression", "Behaviour policy"]


def test_every_word_must_match(people: Personas):
    share_page(people.head, title="Fractions reasoning", family=people.family)
    share_page(people.head, title="Fractions fluency", family=people.family)
    assert titles(people.teacher, "fractions reasoning") == ["Fractions reasoning"]


def test_facets_count_the_whole_match_and_filters_narrow_it(people: Personas):
    share_page(people.head, title="Maths moderation", subject=Subject.MATHS, family=people.family)
    share_page(
        people.head, title="Writing moderation", subject=Subject.ENGLISH, family=people.family
    )
    result = resource_search(people.teacher, query="moderation")
    counts = {f.value: f.count for f in result.facets["subject"]}
    assert counts == {"maths": 1, "english": 1}
    assert titles(people.teacher, "moderation", subject="maths") == ["Maths moderation"]


def test_a_family_resource_never_reaches_another_family(people: Personas):
    share_page(people.head, title="Kaizen pack", family=people.family)
    share_page(people.outsider, title="Fellside pack", family=people.other_family)
    assert titles(people.outsider, "pack") == ["Fellside pack"]
    assert titles(people.teacher, "pack") == ["Kaizen pack"]
    assert titles(people.outsider, "") == ["Fellside pack"]


def test_a_circle_resource_is_for_its_members_alone(people: Personas):
    circle = people.confidential_circle  # the head and the teacher
    share_page(people.head, title="Heads notes", audience=Audience.CIRCLE, circle=circle)
    assert titles(people.teacher, "notes") == ["Heads notes"]
    assert titles(people.coordinator, "notes") == []
    assert titles(people.admin, "notes") == []


def test_everyone_on_kinship_sees_a_platform_resource_but_pupils_and_partners_do_not(people):
    share_page(people.head, title="Open guide", audience=Audience.PLATFORM)
    assert titles(people.outsider, "guide") == ["Open guide"]
    assert titles(people.pupil, "guide") == []
    assert titles(people.partner, "guide") == []


def test_all_rights_reserved_cannot_be_shared_with_everyone(people: Personas):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="all rights reserved"):
        share_page(
            people.head,
            title="Mine",
            audience=Audience.PLATFORM,
            licence=Licence.ALL_RIGHTS_RESERVED,
        )


def test_sharing_with_a_family_or_circle_one_is_not_in_is_refused(people: Personas):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        share_page(people.outsider, title="Sneaky", family=people.family)
    other = circle_create(actor=people.coordinator, families=[people.family], name="Other")
    with pytest.raises(ValidationError):
        share_page(people.outsider, title="Sneaky", audience=Audience.CIRCLE, circle=other)


@pytest.fixture(params=["fallback", "postgresql"])
def search_path(request, monkeypatch) -> str:
    """Each test runs on both ways of matching: PostgreSQL's full-text search (only on
    PostgreSQL) and the simple fallback (forced on PostgreSQL too, so both are tested
    whichever database the suite runs on)."""
    from types import SimpleNamespace

    from django.db import connection

    from kinship.library import selectors

    if request.param == "postgresql" and connection.vendor != "postgresql":
        pytest.skip("the PostgreSQL full-text path runs in the suite's PostgreSQL pass")
    if request.param == "fallback":
        monkeypatch.setattr(selectors, "connection", SimpleNamespace(vendor="sqlite"))
    return str(request.param)


def _resources_no_one_else_may_read(people: Personas) -> None:
    share_page(
        people.head,
        title="Zebrafish phonics review",
        summary="Zebrafish: the heads' candid notes",
        body="Zebrafish staffing worries.",
        subject=Subject.ENGLISH,
        audience=Audience.CIRCLE,
        circle=people.confidential_circle,
    )
    share_page(
        people.outsider,
        title="Zebrafish phonics at Fellside",
        summary="Zebrafish Fellside summary",
        subject=Subject.SCIENCE,
        licence=Licence.ALL_RIGHTS_RESERVED,
        family=people.other_family,
    )
    share_page(
        people.head,
        title="Zebrafish phonics for everyone",
        subject=Subject.MATHS,
        family=people.family,
    )


def test_search_results_and_facets_show_only_what_the_searcher_may_read(
    people: Personas, search_path: str
):
    _resources_no_one_else_may_read(people)
    for query in ("zebrafish", "phonics review", "candid", "Fellside", ""):
        found = resource_search(people.coordinator, query=query)
        assert [r.title for r in found.resources] in (["Zebrafish phonics for everyone"], []), query
        counted = {name: sum(f.count for f in values) for name, values in found.facets.items()}
        assert set(counted.values()) <= {len(found.resources)}, (query, counted)
    facets = resource_search(people.coordinator, query="zebrafish").facets
    assert {f.value: f.count for f in facets["subject"]} == {"maths": 1}
    assert {f.value: f.count for f in facets["licence"]} == {"cc_by": 1}
    # Those who may read them find them, by the same words.
    assert titles(people.teacher, "candid") == ["Zebrafish phonics review"]
    assert titles(people.outsider, "zebrafish") == ["Zebrafish phonics at Fellside"]


def test_the_search_page_shows_no_title_summary_or_count_of_what_the_searcher_may_not_read(
    people: Personas, search_path: str
):
    from kinship.conftest import signed_in_client

    _resources_no_one_else_may_read(people)
    client = signed_in_client(people.coordinator)
    for query in ("zebrafish", "candid", "fellside"):
        page = client.get("/library/", {"q": query}).content.decode()
        assert "candid notes" not in page and "Fellside summary" not in page, query
        assert "phonics review" not in page and "phonics at Fellside" not in page, query
        assert "Heads&#x27; room" not in page, query
        assert "Science" not in page and "English" not in page, query
    page = client.get("/library/", {"q": "zebrafish"}).content.decode()
    assert "1 resource matches" in page
