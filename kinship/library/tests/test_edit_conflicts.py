"""A resource's description edited in two places at once: the later stale save is refused,
not lost, and the resource's history keeps every saved version."""

from typing import Any

import pytest
from django.urls import reverse

from kinship.conftest import Personas, signed_in_client
from kinship.core.concurrency import EditConflict, edit_version
from kinship.core.tests.stale import stale_save_is_refused
from kinship.library import services
from kinship.library.models import Resource
from kinship.library.services import ResourceFields
from kinship.library.tests.conftest import share_page

pytestmark = pytest.mark.django_db


def _form(people: Personas, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "Fractions starter", "summary": "", "subject": "maths", "phase": "primary",
        "key_stage": "ks2", "year_groups": ["5"], "tags": "fractions", "school": "",
        "licence": "cc_by", "audience": "family", "family": people.family.pk, "circle": "",
    }  # fmt: skip
    data.update(changes)
    return data


def test_two_stale_resource_saves_keep_one_refuse_the_other_and_history_keeps_both(
    people: Personas,
) -> None:
    resource = share_page(people.head, title="Fractions starter", family=people.family)
    url = reverse("library:resource_edit", args=[resource.pk])
    tab_a, tab_b = signed_in_client(people.head), signed_in_client(people.head)
    version = stale_save_is_refused(
        tab_a, tab_b, url,
        _form(people, summary="Summary from tab A"), _form(people, summary="Summary from tab B"),
        shows="Summary from tab A",
    )  # fmt: skip
    resource.refresh_from_db()
    assert resource.summary == "Summary from tab A"
    # Saving again from the conflict page overwrites knowingly.
    again = tab_b.post(
        url, {**_form(people, summary="Summary from tab B"), "edit_version": version}
    )
    assert again.status_code == 302
    resource.refresh_from_db()
    assert resource.summary == "Summary from tab B"
    earlier = list(resource.changes.all())
    assert [change.summary for change in earlier] == ["Summary from tab A", ""]
    assert {change.changed_by for change in earlier} == {people.head}
    page = tab_a.get(resource.get_absolute_url()).content.decode()
    assert "Earlier descriptions" in page and "Summary from tab A" in page


def test_the_resource_service_refuses_a_stale_version_and_a_script_still_saves(
    people: Personas,
) -> None:
    resource = share_page(people.head, title="First title", family=people.family)
    seen = edit_version(resource, services.RESOURCE_EDIT_FIELDS)

    def fields(title: str) -> ResourceFields:
        return ResourceFields(title=title, family=people.family)

    services.resource_update(
        actor=people.head, resource=resource, fields=fields("Second"), version=seen
    )
    with pytest.raises(EditConflict) as raised:
        services.resource_update(
            actor=people.head, resource=resource, fields=fields("Third"), version=seen
        )
    current = raised.value.current
    assert isinstance(current, Resource) and current.title == "Second"
    services.resource_update(actor=people.head, resource=resource, fields=fields("Third"))
    resource.refresh_from_db()
    assert resource.title == "Third"
    assert [c.title for c in resource.changes.all()] == ["Second", "First title"]
