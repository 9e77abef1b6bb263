"""An axe scan of the main pages: no serious or critical violations."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError

from e2e.helpers import sign_in

PAGES = [
    "/",
    "/families/",
    "/families/kaizen-network/",
    "/families/circles/",
    "/accounts/directory/",
    "/schools/",
    "/schools/990101/",
    "/accounts/profile/",
    "/accounts/invitations/",
]


# What Chromium says when a scan starts on a page that a click is still replacing.
NAVIGATING = ("documentElement", "Execution context was destroyed")


def serious_violations(page) -> list[str]:
    # A click that follows a link returns before the next page has loaded; scan that page,
    # not the one going away.
    for attempt in range(3):
        page.wait_for_load_state("load")
        try:
            results = Axe().run(page)
            break
        except PlaywrightError as error:
            if attempt == 2 or not any(sign in str(error) for sign in NAVIGATING):
                raise
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_sign_in_page_is_accessible(page):
    page.goto("/accounts/login/")
    assert serious_violations(page) == []


@pytest.mark.parametrize("path", PAGES)
def test_main_pages_are_accessible(page, path):
    sign_in(page, "head.ashworth@demo.kinship.test")
    response = page.goto(path)
    assert response is not None and response.status == 200
    assert serious_violations(page) == []
