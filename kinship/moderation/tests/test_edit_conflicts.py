"""A round's settings or a script's outcome edited in two places at once: the later stale
save is refused with the earlier one shown, not silently lost (issue 16)."""

from typing import Any

import pytest
from django.urls import reverse

from kinship.conftest import signed_in_client
from kinship.core.concurrency import EditConflict, edit_version
from kinship.core.tests.stale import stale_save_is_refused
from kinship.moderation import services
from kinship.moderation.models import Outcome, Round
from kinship.moderation.tests.conftest import ModerationRound, days, round_fields

pytestmark = pytest.mark.django_db


def round_data(title: str) -> dict[str, Any]:
    return {
        "title": title,
        "year_group": 6,
        "task": "Narrative: a story with a dilemma",
        "framework": "taf",
        "custom_levels": "WTS, EXS, GDS",
        "method": "both",
        "grades_per_script": 2,
        "judgements_per_script": 4,
        "upload_deadline": days(7),
        "judging_deadline": days(21),
    }


def test_two_stale_round_edits_keep_the_first_and_refuse_the_second(
    moderation: ModerationRound,
) -> None:
    round_ = moderation.round
    url = reverse("moderation:round_edit", args=[round_.pk])
    coordinator = moderation.people.coordinator
    tab_a, tab_b = signed_in_client(coordinator), signed_in_client(coordinator)
    version = stale_save_is_refused(
        tab_a, tab_b, url, round_data("Title from tab A"), round_data("Title from tab B"),
        shows="Title from tab A",
    )  # fmt: skip
    round_.refresh_from_db()
    assert round_.title == "Title from tab A"
    again = tab_b.post(url, {**round_data("Title from tab B"), "edit_version": version})
    assert again.status_code == 302
    round_.refresh_from_db()
    assert round_.title == "Title from tab B"


def test_round_update_refuses_a_stale_version_and_a_script_without_one_still_saves(
    moderation: ModerationRound,
) -> None:
    round_ = moderation.round
    actor = moderation.people.coordinator
    seen = edit_version(round_, services.ROUND_EDIT_FIELDS)
    services.round_update(
        actor=actor, round_=round_, fields=round_fields(title="Second"), version=seen
    )
    with pytest.raises(EditConflict) as raised:
        services.round_update(
            actor=actor, round_=round_, fields=round_fields(title="Third"), version=seen
        )
    current = raised.value.current
    assert isinstance(current, Round) and current.title == "Second"
    services.round_update(actor=actor, round_=round_, fields=round_fields(title="Third"))
    round_.refresh_from_db()
    assert round_.title == "Third"


def outcome_data(prefix: str, notes: str) -> dict[str, str]:
    return {
        f"{prefix}-notes": notes,
        f"{prefix}-decision": "agreed",
        f"{prefix}-agreed_grade": "",
        f"{prefix}-reason": "",
    }


def test_two_stale_outcomes_keep_the_first_and_refuse_the_second(
    judging: ModerationRound,
) -> None:
    script = judging.scripts[0]
    url = reverse("moderation:outcome", args=[script.pk])
    prefix = f"s{script.pk}"
    coordinator = judging.people.coordinator
    tab_a, tab_b = signed_in_client(coordinator), signed_in_client(coordinator)
    # No outcome yet: the form may create it, and the first save still wins.
    assert not Outcome.objects.filter(script=script).exists()
    version = stale_save_is_refused(
        tab_a, tab_b, url, outcome_data(prefix, "Notes from tab A"),
        outcome_data(prefix, "Notes from tab B"), shows="Notes from tab A",
    )  # fmt: skip
    assert Outcome.objects.get(script=script).notes == "Notes from tab A"
    again = tab_b.post(url, {**outcome_data(prefix, "Notes from tab B"), "edit_version": version})
    assert again.status_code == 302
    assert Outcome.objects.get(script=script).notes == "Notes from tab B"


def test_the_meeting_agenda_carries_each_outcomes_version_inside_its_form(
    judging: ModerationRound,
) -> None:
    script = judging.scripts[0]
    client = signed_in_client(judging.people.coordinator)
    page = client.get(reverse("moderation:meeting", args=[judging.round.pk])).content.decode()
    empty = edit_version(Outcome(script=script), services.OUTCOME_FIELDS)
    form_start = page.index(reverse("moderation:outcome", args=[script.pk]))
    assert (
        f'name="edit_version" value="{empty}"'
        in page[form_start : page.index("</form>", form_start)]
    )


def test_outcome_record_refuses_a_stale_version_and_a_script_without_one_still_saves(
    judging: ModerationRound,
) -> None:
    script = judging.scripts[0]
    actor = judging.people.coordinator
    empty = edit_version(Outcome(script=script), services.OUTCOME_FIELDS)

    def record(notes: str, version: str | None) -> Outcome:
        return services.outcome_record(
            actor=actor, script=script, notes=notes, decision="", agreed_grade=None,
            reason="", version=version,
        )  # fmt: skip

    record("First", empty)
    with pytest.raises(EditConflict) as raised:
        record("Second", empty)  # a form shown before the first save
    current = raised.value.current
    assert isinstance(current, Outcome) and current.notes == "First"
    record("Second", edit_version(current, services.OUTCOME_FIELDS))
    record("Third", None)  # no version: a script
    assert Outcome.objects.get(script=script).notes == "Third"
