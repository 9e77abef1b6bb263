"""Markdown is rendered once per text: a page shown again reads the HTML it made before."""

from collections import OrderedDict
from typing import Any

import pytest
from django.core.cache import cache

from kinship.core import markdown


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts actually rendered, with both the process's memory and the cache empty."""
    done: list[str] = []
    real = markdown.render

    def counting(text: str) -> str:
        done.append(text)
        return real(text)

    monkeypatch.setattr(markdown, "render", counting)
    monkeypatch.setattr(markdown, "_local", OrderedDict())
    cache.clear()
    return done


def test_the_same_words_are_rendered_once(renders: list[str]) -> None:
    first = markdown.rendered("**Thursday** after half-term")
    assert markdown.rendered("**Thursday** after half-term") == first
    assert first == "<p><strong>Thursday</strong> after half-term</p>\n"
    assert renders == ["**Thursday** after half-term"]


def test_edited_words_are_rendered_afresh(renders: list[str]) -> None:
    markdown.rendered("Thursday")
    assert markdown.rendered("Friday") == "<p>Friday</p>\n"
    assert renders == ["Thursday", "Friday"]


def test_another_process_finds_the_html_in_the_shared_cache(
    renders: list[str], monkeypatch: Any
) -> None:
    markdown.rendered("Bring *three* scripts")
    monkeypatch.setattr(markdown, "_local", OrderedDict())  # a second web process
    assert markdown.rendered("Bring *three* scripts") == "<p>Bring <em>three</em> scripts</p>\n"
    assert len(renders) == 1


def test_what_is_remembered_is_the_sanitised_html(renders: list[str]) -> None:
    markdown.rendered("[x](javascript:alert(1)) <script>alert(1)</script>")
    html = markdown.rendered("[x](javascript:alert(1)) <script>alert(1)</script>")
    assert 'href="javascript' not in html and "<script" not in html


def test_the_process_keeps_only_so_many_texts(
    renders: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(markdown, "LOCAL_TEXTS", 2)
    for word in ("one", "two", "three"):
        markdown.rendered(word)
    assert len(markdown._local) == 2
