"""Issue 17: every address that moved when each app went under its own prefix answers with
a permanent redirect to its new address, keeping the arguments and the query string, and
a form posted to an old address is sent on with its method (308), not lost."""

import pytest
from django.urls import URLResolver, get_resolver, resolve, reverse

from kinship.conftest import signed_in_client
from kinship.core.moved import moved_target
from kinship.forums.middleware import PUPIL_PAGES
from kinship.tests.moved import sample
from kinship.urls import MOVED, PREFIXES

pytestmark = pytest.mark.django_db

QUERY = "month=2027-01&next=%2Fmeetings%2F"


@pytest.mark.parametrize(("old", "target"), MOVED, ids=[old for old, _ in MOVED])
def test_an_old_address_redirects_permanently_to_the_same_page(client, old, target):
    path, kwargs = sample(old)
    new = reverse(target, kwargs=kwargs)
    assert new != path
    response = client.get(f"{path}?{QUERY}")
    assert response.status_code == 301
    assert response["Location"] == f"{new}?{QUERY}"
    assert resolve(new).view_name == target
    assert client.head(path)["Location"] == new and client.head(path).status_code == 301


@pytest.mark.parametrize(("old", "target"), MOVED, ids=[old for old, _ in MOVED])
def test_a_form_posted_to_an_old_address_is_sent_on_with_its_method(client, old, target):
    path, kwargs = sample(old)
    response = client.post(f"{path}?x=1", {"body": "kept"})
    assert response.status_code == 308
    assert response["Location"] == reverse(target, kwargs=kwargs) + "?x=1"


@pytest.mark.parametrize(("old", "target"), MOVED, ids=[old for old, _ in MOVED])
def test_no_page_is_still_served_at_an_old_address(old, target):
    path, _kwargs = sample(old)
    assert moved_target(resolve(path).func) == target


def test_each_app_is_mounted_under_its_prefix_and_keeps_its_names():
    mounted = {
        resolver.namespace: str(resolver.pattern)
        for resolver in get_resolver().url_patterns
        if isinstance(resolver, URLResolver)
    }
    assert {app: mounted[app] for app in PREFIXES} == PREFIXES
    assert mounted["families"] == "" and mounted["core"] == ""
    assert reverse("families:dashboard") == "/"
    assert reverse("families:family_list") == "/families/"
    assert reverse("core:healthz") == "/healthz"
    assert reverse("accounts:login") == "/accounts/login/"
    assert reverse("privacy:your_data") == "/privacy/your-data/"
    # Calendar feed addresses were given out to people's calendars: they did not move.
    assert reverse("meetings:feed", kwargs={"token": "t"}) == "/meetings/feed/t.ics"
    assert reverse("mentoring:feed", kwargs={"token": "t"}) == "/mentoring/feed/t.ics"


def test_no_family_is_given_a_slug_its_address_would_hide(people):
    from kinship.families import services
    from kinship.families.models import Family

    for name in ("Circles", "New"):
        family = services.family_create(actor=people.admin, name=name, kind=Family.Kind.TRUST)
        assert family.slug == f"{name.lower()}-2"
        assert resolve(family.get_absolute_url()).view_name == "families:family_detail"


@pytest.mark.parametrize(("old", "target"), MOVED, ids=[old for old, _ in MOVED])
def test_a_pupil_reaches_no_adult_page_by_its_old_address_or_its_new_one(people, old, target):
    """The pupil allow-list judges an old address as the page it leads to: a pupil is
    refused an adult page's old address outright, not redirected to be refused there."""
    pupil = signed_in_client(people.pupil)
    path, kwargs = sample(old)
    new = reverse(target, kwargs=kwargs)
    if target in PUPIL_PAGES:
        assert pupil.get(path)["Location"] == new
    else:
        assert pupil.get(path).status_code == 403
        assert pupil.post(path, {"body": "hi"}).status_code == 403
        assert pupil.get(new).status_code == 403
