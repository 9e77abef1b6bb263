"""After the visit: the reflection (the host is thanked and sees it), sharing it with the
family library only with both teachers' consent, and joint actions both sides update."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kinship.library.models import Resource
from kinship.library.selectors import resources_visible_to
from kinship.visits.models import JointAction, Reflection
from kinship.visits.services import reflections, visits
from kinship.visits.services.reflections import (
    reflection_library_entry,
    reflection_library_publish,
    reflection_save,
    reflection_share_consent,
)
from kinship.visits.tests.conftest import Visiting

pytestmark = pytest.mark.django_db


def last_weekday():
    day = timezone.localdate() - timedelta(days=1)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


@pytest.fixture
def visit(visiting: Visiting):
    """Tom (Birch) visited Alder, whose lead is the head."""
    return visits.visit_record(
        actor=visiting.teacher, host_school=visiting.school, day=last_weekday(),
        focus_question="Guided reading",
    )  # fmt: skip


def write(visiting: Visiting, visit, **changes) -> Reflection:
    values = {"saw": "Whole-class reading, every child with the text.", "will_try": "Echo reading."}
    values.update(changes)
    return reflection_save(actor=visiting.teacher, visit=visit, **values)


def test_the_host_is_thanked_and_shown_what_was_taken_away(
    visiting: Visiting, visit, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reflection = write(visiting, visit, offer_back="Our reading spine")
    [thanks] = mail.outbox
    assert thanks.to == ["head@a1.test"] and thanks.subject.startswith("Thank you from Tom Teacher")
    assert "Echo reading." in thanks.body and "Our reading spine" in thanks.body
    # Changing it later does not thank them twice.
    with django_capture_on_commit_callbacks(execute=True):
        write(visiting, visit, will_try="Echo reading, then choral reading.")
    assert len(mail.outbox) == 1
    assert Reflection.objects.get(pk=reflection.pk).will_try.endswith("choral reading.")


def test_a_reflection_waits_for_the_visit_and_needs_two_answers(visiting: Visiting, visit):
    with pytest.raises(ValidationError) as caught:
        write(visiting, visit, saw=" ", will_try="")
    assert set(caught.value.message_dict) == {"saw", "will_try"}
    with pytest.raises(PermissionDenied):
        reflection_save(actor=visiting.head, visit=visit, saw="x", will_try="y")
    visit.date = timezone.localdate() + timedelta(days=7)
    with pytest.raises(ValidationError, match="from the day itself"):
        write(visiting, visit)


def test_sharing_needs_both_teachers_and_either_can_withdraw_until_then(visiting: Visiting, visit):
    reflection = write(visiting, visit)
    reflection = reflection_share_consent(actor=visiting.teacher, reflection=reflection, agree=True)
    assert reflection.visitor_consent_at and not reflection.both_agree
    with pytest.raises(ValidationError, match="Both teachers"):
        reflection_library_publish(reflection=reflection)
    reflection = reflection_share_consent(
        actor=visiting.teacher, reflection=reflection, agree=False
    )
    assert reflection.visitor_consent_at is None
    with pytest.raises(PermissionDenied):
        reflection_share_consent(actor=visiting.coordinator, reflection=reflection, agree=True)
    assert not Resource.objects.exists()


def test_when_both_agree_it_becomes_a_family_library_page(visiting: Visiting, visit):
    reflection = write(visiting, visit)
    reflection_share_consent(actor=visiting.teacher, reflection=reflection, agree=True)
    reflection = reflection_share_consent(actor=visiting.head, reflection=reflection, agree=True)
    assert reflection.both_agree and reflection.host_consent_by == visiting.head
    assert reflection.library_published_at is not None
    resource = Resource.objects.get(pk=int(reflection.library_reference))
    assert resource.author == visiting.teacher and resource.family == visit.family
    assert resource.audience == "family" and resource.licence == "arr"
    body = resource.versions.get().body
    assert reflection.saw in body and reflection.will_try in body
    assert f"hosted by {visiting.head.display_name}" in body
    assert resources_visible_to(visiting.coordinator).filter(pk=resource.pk).exists()
    assert not resources_visible_to(visiting.outsider).filter(pk=resource.pk).exists()


def shared(visiting: Visiting, visit) -> Reflection:
    reflection = write(visiting, visit)
    reflection_share_consent(actor=visiting.teacher, reflection=reflection, agree=True)
    return reflection_share_consent(actor=visiting.head, reflection=reflection, agree=True)


def test_publishing_again_updates_the_same_library_page(visiting: Visiting, visit):
    reflection = shared(visiting, visit)
    resource = Resource.objects.get()
    # Publishing what is there already changes nothing: no second page, no new version.
    reflection_library_publish(reflection=reflection)
    reflection_library_publish(reflection=Reflection.objects.get(pk=reflection.pk))
    assert Resource.objects.get() == resource and resource.versions.count() == 1

    # The visitor changes it: the library keeps the agreed words until the host agrees again.
    changed = write(visiting, visit, saw="Every child read aloud, in pairs.")
    assert changed.host_consent_at is None and changed.library_published_at is not None
    assert "in pairs" not in Resource.objects.get().body_text
    again = reflection_share_consent(actor=visiting.head, reflection=changed, agree=True)
    assert again.library_reference == str(resource.pk)
    [page] = Resource.objects.all()
    assert page.pk == resource.pk and page.versions.count() == 2
    assert "in pairs" in page.body_text and "in pairs" in page.versions.all()[0].body


def test_withdrawing_takes_it_out_of_the_library(visiting: Visiting, visit):
    reflection = shared(visiting, visit)
    reflection = reflection_share_consent(actor=visiting.head, reflection=reflection, agree=False)
    assert reflection.library_published_at is None and reflection.library_reference == ""
    assert not Resource.objects.exists()
    # Agreeing again puts it back, as one page.
    reflection_share_consent(actor=visiting.head, reflection=reflection, agree=True)
    assert Resource.objects.count() == 1
    # The visitor may withdraw too; a host who has not agreed to changed words can as well.
    write(visiting, visit, saw="Something else entirely.")
    reflection = reflection_share_consent(
        actor=visiting.head, reflection=Reflection.objects.get(), agree=False
    )
    assert not Resource.objects.exists() and reflection.library_published_at is None


def test_a_page_the_visitor_removed_in_the_library_is_shared_afresh(visiting: Visiting, visit):
    reflection = shared(visiting, visit)
    Resource.objects.all().delete()
    reflection_library_publish(reflection=reflection)
    assert Resource.objects.count() == 1
    reflection.refresh_from_db()
    assert reflection.library_reference == str(Resource.objects.get().pk)


def test_changing_the_words_asks_the_host_again(visiting: Visiting, visit):
    reflection = write(visiting, visit)
    # The host agrees first; the visitor then rewrites what the host agreed to.
    reflection_share_consent(actor=visiting.head, reflection=reflection, agree=True)
    reflection_share_consent(actor=visiting.teacher, reflection=reflection, agree=False)
    changed = write(visiting, visit, saw="Something else entirely.")
    assert changed.visitor_consent_at is None and changed.host_consent_at is None
    reflection_share_consent(actor=visiting.teacher, reflection=changed, agree=True)
    unchanged = write(visiting, visit, saw="Something else entirely.")
    assert unchanged.visitor_consent_at is not None


def test_the_library_entry_is_by_both_teachers_with_what_was_seen_and_tried(
    visiting: Visiting, visit
):
    reflection = write(visiting, visit, offer_back="Our reading spine")
    reflection = reflection_share_consent(actor=visiting.head, reflection=reflection, agree=True)
    entry = reflection_library_entry(reflection)
    assert entry.family == visiting.family
    assert entry.authors == (visiting.teacher, visiting.head)
    assert entry.title == "What Tom Teacher took from Alder Primary School"
    assert "**What I will try.** Echo reading." in entry.body
    assert "**What I can offer back.** Our reading spine" in entry.body


def test_joint_actions_are_kept_up_to_date_by_either_side(visiting: Visiting, visit):
    action = reflections.joint_action_add(
        actor=visiting.teacher, visit=visit, text="Try echo reading for a fortnight",
        due=visit.date + timedelta(days=14),
    )  # fmt: skip
    reflections.joint_action_update(
        actor=visiting.head, action=action, status="trying", note="Started in Y4"
    )
    reflections.joint_action_update(
        actor=visiting.teacher, action=action, status="done", note="Fluency up"
    )
    action.refresh_from_db()
    assert action.status == JointAction.Status.DONE and action.updated_by == visiting.teacher
    assert [(n.author, n.status) for n in action.notes.all()] == [
        (visiting.head, "trying"), (visiting.teacher, "done"),
    ]  # fmt: skip
    with pytest.raises(ValidationError, match="how it is going"):
        reflections.joint_action_update(actor=visiting.head, action=action, status="done")
    with pytest.raises(ValidationError, match="before the visit"):
        reflections.joint_action_add(
            actor=visiting.head, visit=visit, text="x", due=visit.date - timedelta(days=1)
        )
    with pytest.raises(PermissionDenied):
        reflections.joint_action_add(actor=visiting.coordinator, visit=visit, text="x")
