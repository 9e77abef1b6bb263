"""Test helper for edit forms: two people open the same form, both save; the first is kept,
the second is refused with the first one's change shown, and saving again overwrites
knowingly. Used by each app's edit-form tests."""

import re
from collections.abc import Mapping
from typing import Any

from django.test import Client

VERSION = re.compile(r'name="edit_version" value="([0-9a-f]+)"')


def shown_version(client: Client, url: str) -> str:
    """The edit version the form at `url` carries, as a browser would send it back."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    page = response.content.decode()
    found = VERSION.search(page)
    assert found, f"{url} carries no edit_version"
    # Inside a <form> that posts, or the browser never sends it back.
    forms = re.findall(r"<form\b[^>]*>.*?</form>", page, flags=re.S | re.I)
    assert any(
        found.group(0) in form and re.search(r'method="post"', form, re.I) for form in forms
    ), f"{url}: the edit_version input is outside the form that saves"
    return found.group(1)


def stale_save_is_refused(
    first: Client,
    second: Client,
    url: str,
    first_data: Mapping[str, Any],
    second_data: Mapping[str, Any],
    *,
    shows: str,
) -> str:
    """Both open `url`; `first` saves, then `second` saves what it typed on the old form.

    Asserts the second is refused with 409 and `shows` (from the first's change) on the page,
    and returns the version that page carries, so a test can go on to overwrite knowingly."""
    version_first, version_second = shown_version(first, url), shown_version(second, url)
    assert version_first == version_second
    saved = first.post(url, {**first_data, "edit_version": version_first})
    assert saved.status_code in (302, 303), (saved.status_code, _errors(saved))
    refused = second.post(url, {**second_data, "edit_version": version_second})
    page = refused.content.decode()
    assert refused.status_code == 409, (refused.status_code, _errors(refused))
    assert "while you were editing" in page
    assert shows in page, f"the refused page does not show {shows!r}"
    found = VERSION.search(page)
    assert found and found.group(1) != version_second
    return found.group(1)


def _errors(response: Any) -> str:
    text = response.content.decode() if hasattr(response, "content") else ""
    start = text.find('id="form-errors"')
    return text[start : start + 600] if start >= 0 else text[:300]
