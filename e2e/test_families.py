from playwright.sync_api import expect

from e2e.helpers import sign_in


def test_confidential_circle_is_hidden_from_the_coordinator(page, server):
    sign_in(page, "head.ashworth@demo.kinship.test")
    page.get_by_role("link", name="New heads 2026–27").first.click()
    circle_url = page.url
    expect(page.get_by_role("heading", name="New heads 2026–27")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, "coordinator@demo.kinship.test")
    expect(page.get_by_role("heading", name="My families")).to_be_visible()
    page.get_by_role("link", name="Kaizen Network").first.click()
    expect(page.get_by_role("heading", name="Member schools")).to_be_visible()
    assert "New heads" not in page.content()
    page.get_by_role("link", name="Circles", exact=True).first.click()
    assert "New heads" not in page.content()
    response = page.goto(circle_url)
    assert response is not None and response.status == 404
    assert "New heads" not in page.content()
