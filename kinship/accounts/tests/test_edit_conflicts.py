"""A profile saved from two tabs: the later stale save is refused with the earlier one
shown, not silently lost (issue 16)."""

import pytest

from kinship.accounts.models import User
from kinship.accounts.services import PROFILE_FIELDS, user_profile_update
from kinship.accounts.tests.test_views_profile import URL, form_data
from kinship.conftest import Personas, signed_in_client
from kinship.core.concurrency import EditConflict, edit_version
from kinship.core.tests.stale import stale_save_is_refused

pytestmark = pytest.mark.django_db


def test_two_stale_profile_saves_keep_the_first_and_refuse_the_second(people: Personas) -> None:
    head = people.head
    tab_a, tab_b = signed_in_client(head), signed_in_client(head)
    version = stale_save_is_refused(
        tab_a, tab_b, URL, form_data(job_title="Title from tab A"),
        form_data(job_title="Title from tab B"), shows="Title from tab A",
    )  # fmt: skip
    head.refresh_from_db()
    assert head.job_title == "Title from tab A"
    again = tab_b.post(URL, {**form_data(job_title="Title from tab B"), "edit_version": version})
    assert again.status_code == 302
    head.refresh_from_db()
    assert head.job_title == "Title from tab B"
    assert sorted(head.expertise.values_list("name", flat=True)) == ["Phonics", "SEND"]


def test_the_service_refuses_a_stale_version_and_a_script_without_one_still_saves(
    people: Personas,
) -> None:
    head = people.head
    seen = edit_version(head, PROFILE_FIELDS)
    user_profile_update(user=head, display_name="Hana Head", job_title="Second", version=seen)
    with pytest.raises(EditConflict) as raised:
        user_profile_update(user=head, display_name="Hana Head", job_title="Third", version=seen)
    current = raised.value.current
    assert isinstance(current, User) and current.job_title == "Second"
    # A change to the expertise alone is a change to the profile too.
    seen = edit_version(current, PROFILE_FIELDS)
    user_profile_update(user=head, display_name="Hana Head", expertise=["Maths"])
    with pytest.raises(EditConflict):
        user_profile_update(user=head, display_name="Hana Head", job_title="Fourth", version=seen)
    user_profile_update(user=head, display_name="Hana Head", job_title="Third")  # a script
    head.refresh_from_db()
    assert head.job_title == "Third"
