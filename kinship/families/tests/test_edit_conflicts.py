"""A family edited in two places at once: the later stale save is refused, not lost."""

import pytest
from django.urls import reverse

from kinship.conftest import signed_in_client
from kinship.core.concurrency import EditConflict, edit_version
from kinship.core.tests.stale import stale_save_is_refused
from kinship.families import services
from kinship.families.models import Family

pytestmark = pytest.mark.django_db


def test_two_stale_family_saves_keep_one_and_refuse_the_other(people):
    family = people.family
    url = reverse("families:family_edit", args=[family.slug])
    tab_a, tab_b = signed_in_client(people.coordinator), signed_in_client(people.coordinator)
    first = {"name": family.name, "kind": "trust", "description": "Written in tab A"}
    second = {"name": family.name, "kind": "local_cluster", "description": "Written in tab B"}
    version = stale_save_is_refused(tab_a, tab_b, url, first, second, shows="Written in tab A")
    family.refresh_from_db()
    assert (family.kind, family.description) == ("trust", "Written in tab A")
    # Saving again from the conflict page overwrites knowingly.
    again = tab_b.post(url, {**second, "edit_version": version})
    assert again.status_code == 302
    family.refresh_from_db()
    assert (family.kind, family.description) == ("local_cluster", "Written in tab B")


def test_the_family_service_refuses_a_stale_version_and_a_script_still_saves(people):
    family = people.family
    seen = edit_version(family, services.FAMILY_EDIT_FIELDS)
    fields = {"name": family.name, "kind": family.kind}
    services.family_update(
        actor=people.coordinator, family=family, description="Second", version=seen, **fields
    )
    with pytest.raises(EditConflict) as raised:
        services.family_update(
            actor=people.coordinator, family=family, description="Third", version=seen, **fields
        )
    current = raised.value.current
    assert isinstance(current, Family) and current.description == "Second"
    services.family_update(actor=people.coordinator, family=family, description="Third", **fields)
    family.refresh_from_db()
    assert family.description == "Third"
