"""An axe scan of the main pages: no serious or critical violations."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from e2e.helpers import sign_in

PAGES = [
    "/",
    "/families/",
    "/families/kaizen-network/",
    "/circles/",
    "/directory/",
    "/schools/",
    "/schools/990101/",
    "/accounts/profile/",
    "/accounts/invitations/",
]


def serious_violations(page) -> list[str]:
    results = Axe().run(page)
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
