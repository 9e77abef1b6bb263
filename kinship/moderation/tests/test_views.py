"""Moderation from the browser's side: opening a round, uploads (with the hostile corpus),
blind grading, judging, the reports, the meeting, and who may see what."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinship.accounts.services import user_create
from kinship.conftest import PASSWORD, Personas, signed_in_client
from kinship.core.models import AuditEntry
from kinship.core.tests import hostile_files
from kinship.moderation import judgement, services
from kinship.moderation.models import Comparison, Grade, Outcome, Page, Round, RoundPerson, Script
from kinship.moderation.services import judging as judging_services
from kinship.moderation.tests.conftest import ModerationRound, days, judge_school
from kinship.schools.models import SchoolRole
from kinship.schools.services import school_role_grant

pytestmark = pytest.mark.django_db


def stored_files(settings) -> list[str]:
    root = settings.MEDIA_ROOT
    return [str(p) for p in root.rglob("*") if p.is_file()] if root.exists() else []


def page_url(page: Page) -> str:
    return reverse(
        "moderation:page_image", args=[page.script.round_id, page.script.code, page.number]
    )


def test_a_coordinator_opens_a_round_and_becomes_its_coordinator(people: Personas) -> None:
    client = signed_in_client(people.coordinator)
    url = reverse("moderation:round_create", args=[people.family.slug])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "title": "Y6 persuasive",
            "year_group": 6,
            "task": "Persuasive letter",
            "framework": "taf",
            "method": "both",
            "grades_per_script": 2,
            "judgements_per_script": 12,
            "upload_deadline": days(7),
            "judging_deadline": days(14),
            "schools": [people.school.pk, people.second_school.pk, people.shared_school.pk],
        },
    )
    round_ = Round.objects.get()
    assert response.status_code == 302 and response["Location"] == round_.get_absolute_url()
    assert round_.levels == ["WTS", "EXS", "GDS"]
    assert round_.people.get().user == people.coordinator


def test_a_custom_scale_needs_two_levels_and_a_bad_form_is_not_a_500(people: Personas) -> None:
    client = signed_in_client(people.coordinator)
    url = reverse("moderation:round_create", args=[people.family.slug])
    response = client.post(
        url,
        {
            "title": "Y3",
            "year_group": 3,
            "task": "Recount",
            "framework": "custom",
            "custom_levels": "Secure",
            "method": "judgement",
            "grades_per_script": 2,
            "judgements_per_script": 12,
            "upload_deadline": days(7),
            "judging_deadline": days(3),
            "schools": [people.school.pk, people.second_school.pk],
        },
    )
    page = response.content.decode()
    assert response.status_code == 200 and "Name at least two different levels" in page
    assert "Judging cannot close before samples are in" in page
    assert not Round.objects.exists()


def test_only_coordinators_open_rounds(people: Personas) -> None:
    url = reverse("moderation:round_create", args=[people.family.slug])
    assert signed_in_client(people.teacher).get(url).status_code == 403
    assert signed_in_client(people.outsider).get(url).status_code == 404
    assert signed_in_client(None).get(url).status_code == 302


def test_people_in_a_round_must_sign_in_with_a_second_factor(moderation: ModerationRound) -> None:
    from django.test import Client

    client = Client()
    client.force_login(moderation.people.teacher)  # no second factor verified
    response = client.get(reverse("moderation:round_detail", args=[moderation.round.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("accounts:two_factor")
    outsider = Client()
    outsider.force_login(moderation.people.partner)
    assert outsider.get("/").status_code == 200  # not in a round: no second factor asked


def test_an_uploader_adds_a_script_of_image_pages_and_typed_text(moderation, settings) -> None:
    client = signed_in_client(moderation.people.head)
    url = reverse("moderation:script_upload", args=[moderation.round.pk])
    page_one = SimpleUploadedFile("page1.jpg", hostile_files.jpeg_with_location_and_rotation())
    page_two = SimpleUploadedFile("page2.png", hostile_files.png())
    response = client.post(
        url,
        {
            "school": moderation.people.school.pk,
            "grade": 1,
            "pages": [page_one, page_two],
            "text": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    script = Script.objects.exclude(pk__in=[s.pk for s in moderation.scripts]).get()
    pages = list(script.pages.order_by("number"))
    assert [p.number for p in pages] == [1, 2] and all(p.image for p in pages)
    assert len(script.code) == 9 and "page1" not in "".join(p.image for p in pages)
    image = client.get(page_url(pages[0]))
    assert image.status_code == 200 and image["Content-Type"] == "image/jpeg"
    assert b"PhoneMaker" not in b"".join(image.streaming_content)  # type: ignore[attr-defined]  # EXIF stripped
    assert AuditEntry.objects.filter(action="moderation.script_upload").exists()


def test_a_pdf_script_is_drawn_page_by_page_into_images(
    moderation: ModerationRound, django_capture_on_commit_callbacks
) -> None:
    client = signed_in_client(moderation.people.head)
    url = reverse("moderation:script_upload", args=[moderation.round.pk])
    pdf = SimpleUploadedFile("scan.pdf", hostile_files.pdf(pages=2))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"school": moderation.people.school.pk, "grade": 2, "pages": [pdf]}
        )
    assert response.status_code == 302
    script = Script.objects.exclude(pk__in=[s.pk for s in moderation.scripts]).get()
    pages = list(script.pages.order_by("number"))
    assert len(pages) == 2 and all(p.status == Page.Status.READY for p in pages)
    image = client.get(page_url(pages[1]))
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert b"".join(image.streaming_content).startswith(b"\x89PNG")  # type: ignore[attr-defined]


def test_a_name_in_a_file_name_or_the_text_is_warned_about(moderation: ModerationRound) -> None:
    client = signed_in_client(moderation.people.head)
    url = reverse("moderation:script_upload", args=[moderation.round.pk])
    before = Script.objects.count()
    named = SimpleUploadedFile("Jack Smith story.jpg", hostile_files.jpeg())
    response = client.post(
        url, {"school": moderation.people.school.pk, "grade": 1, "pages": [named]}
    )
    page = response.content.decode()
    assert response.status_code == 200 and "Jack Smith" in page and "pupil" in page
    response = client.post(
        url,
        {
            "school": moderation.people.school.pk,
            "grade": 1,
            "text": "Name: Olivia Brown\n\nThe storm came over the hill.",
        },
    )
    assert response.status_code == 200 and "Olivia Brown" in response.content.decode()
    assert Script.objects.count() == before
    response = client.post(
        url,
        {
            "school": moderation.people.school.pk,
            "grade": 1,
            "no_names": "on",
            "text": "Name: Olivia Brown (covered)\n\nThe storm came.",
        },
    )
    assert response.status_code == 302 and Script.objects.count() == before + 1


@pytest.mark.parametrize("sample", hostile_files.hostile_corpus(), ids=lambda s: s.label)
def test_hostile_files_are_refused_with_a_message_and_nothing_is_stored(
    moderation: ModerationRound, settings, sample
) -> None:
    client = signed_in_client(moderation.people.head)
    url = reverse("moderation:script_upload", args=[moderation.round.pk])
    scripts, pages, files = Script.objects.count(), Page.objects.count(), stored_files(settings)
    upload = SimpleUploadedFile(sample.filename, sample.content)
    response = client.post(
        url, {"school": moderation.people.school.pk, "grade": 1, "pages": [upload]}
    )
    assert response.status_code == 200
    assert "Please check the form" in response.content.decode()
    assert Script.objects.count() == scripts and Page.objects.count() == pages
    assert stored_files(settings) == files


def test_an_uploader_cannot_upload_for_another_school(moderation: ModerationRound) -> None:
    client = signed_in_client(moderation.people.head)
    url = reverse("moderation:script_upload", args=[moderation.round.pk])
    response = client.post(
        url, {"school": moderation.people.second_school.pk, "grade": 1, "text": "A story."}
    )
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()


def test_judges_grade_blind_and_never_their_own_school(judging: ModerationRound) -> None:
    teacher = judging.people.teacher
    client = signed_in_client(teacher)
    url = reverse("moderation:grade", args=[judging.round.pk])
    own = judge_school(judging, teacher)
    for _ in range(6):
        response = client.get(url)
        script = response.context["script"]
        if script is None:
            break
        assert script.school_id != own
        page = response.content.decode()
        assert script.school.name not in page and "school&#x27;s grade" not in page
        assert client.post(url, {"script": script.code, "grade": 1}).status_code == 302
    graded = Grade.objects.filter(judge=teacher)
    assert graded.count() == 4 and not graded.filter(script__school_id=own).exists()  # type: ignore[misc]
    assert (
        AuditEntry.objects.filter(action="moderation.view_pupil_work", actor_id=teacher.pk).count()
        >= 4
    )


def test_grading_their_own_school_is_refused(judging: ModerationRound) -> None:
    teacher = judging.people.teacher
    mine = next(s for s in judging.scripts if s.school_id == judge_school(judging, teacher))
    client = signed_in_client(teacher)
    response = client.post(
        reverse("moderation:grade", args=[judging.round.pk]), {"script": mine.code, "grade": 0}
    )
    assert response.status_code == 403 and not Grade.objects.exists()


def test_a_judge_who_works_at_two_round_schools_sees_neither(judging: ModerationRound) -> None:
    # Cara judges for Cedar and also works at Alder (a SENCo the two schools share).
    p, cara = judging.people, judging.cara
    school_role_grant(actor=None, user=cara, school=p.school, role=SchoolRole.Role.STAFF)
    client = signed_in_client(cara)
    url = reverse("moderation:grade", args=[judging.round.pk])
    shown = []
    for _ in range(6):
        script = client.get(url).context["script"]
        if script is None:
            break
        shown.append(script.school_id)
        assert client.post(url, {"script": script.code, "grade": 1}).status_code == 302
    assert shown and set(shown) == {p.second_school.pk}  # Birch's scripts only
    alders = next(s for s in judging.scripts if s.school_id == p.school.pk)
    assert client.post(url, {"script": alders.code, "grade": 0}).status_code == 403
    assert not cara.has_perm("moderation.view_script_pages", alders)
    # The scheduler is told both her schools (and an adviser from none makes room for pairs).
    _, judges = judging_services._schedule_inputs(judging.round)
    assert next(j for j in judges if j.judge == str(cara.pk)).schools == {
        str(p.school.pk),
        str(p.shared_school.pk),
    }
    adviser = user_create(email="adviser@a3.test", display_name="Ada Adviser", password=PASSWORD)
    services.round_person_add(actor=p.coordinator, round_=judging.round, user=adviser, role="judge")
    services.comparisons_schedule(actor=p.coordinator, round_=judging.round)
    hers = Comparison.objects.filter(round=judging.round, judge=cara)
    assert not hers.filter(left__school__in=[p.school, p.shared_school]).exists()
    assert not hers.filter(right__school__in=[p.school, p.shared_school]).exists()


def test_the_judging_screen_shows_a_pair_and_takes_a_decision_with_or_without_js(
    judging: ModerationRound, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Codes and the scheduler are random; fixed here so that she always has pairs to spare.
    for number, script in enumerate(judging.round.scripts.order_by("pk")):
        script.code = f"TEST-{number:04d}"
        script.save(update_fields=["code"])
    schedule = judgement.schedule_pairs
    monkeypatch.setattr(judgement, "schedule_pairs", lambda *a, **k: schedule(*a, **k, seed=1))
    services.comparisons_schedule(actor=judging.people.coordinator, round_=judging.round)
    teacher = judging.people.teacher
    client = signed_in_client(teacher)
    url = reverse("moderation:judge", args=[judging.round.pk])
    response = client.get(url)
    comparison = response.context["comparison"]
    own = judge_school(judging, teacher)
    assert own not in (comparison.left.school_id, comparison.right.school_id)
    assert "Left is better" in response.content.decode() and "kbd" in response.content.decode()
    assert client.post(url, {"comparison": comparison.pk, "chosen": "left"}).status_code == 302
    comparison.refresh_from_db()
    assert comparison.winner_id == comparison.left_id and comparison.seconds is not None
    queue = client.get(reverse("moderation:judge_queue", args=[judging.round.pk])).json()
    # The queue preloads two of the pairs left to her, or the one left.
    left = Comparison.objects.filter(round=judging.round, judge=teacher, winner__isnull=True)
    assert left.exists()
    assert len(queue["pairs"]) == min(2, left.count()) and queue["progress"]["done"] == 1
    assert queue["pairs"][0]["id"] in set(left.values_list("pk", flat=True))
    following = queue["pairs"][0]["id"]
    answer = client.post(
        url, {"comparison": following, "chosen": "right", "seconds": "7.5", "format": "json"}
    )
    assert answer.status_code == 200 and answer.json()["progress"]["done"] == 2
    assert Comparison.objects.get(pk=following).seconds == 7.5
    again = client.post(url, {"comparison": following, "chosen": "left", "format": "json"})
    assert again.status_code == 409 and "already been judged" in again.json()["error"]


def test_a_judge_cannot_decide_another_judges_pair(judging: ModerationRound) -> None:
    services.comparisons_schedule(actor=judging.people.coordinator, round_=judging.round)
    theirs = Comparison.objects.filter(judge=judging.cara).first()
    assert theirs is not None
    client = signed_in_client(judging.people.teacher)
    response = client.post(
        reverse("moderation:judge", args=[judging.round.pk]),
        {"comparison": theirs.pk, "chosen": "left"},
    )
    assert response.status_code == 404


def decide_everything(m: ModerationRound) -> None:
    """Judges decide by the school grade (higher wins), grading every script they may."""
    services.comparisons_schedule(actor=m.people.coordinator, round_=m.round)
    for comparison in Comparison.objects.filter(round=m.round).select_related(
        "left", "right", "judge"
    ):
        chosen = (
            "left" if comparison.left.school_grade >= comparison.right.school_grade else "right"
        )
        if comparison.left.school_grade == comparison.right.school_grade:
            chosen = "left" if comparison.left.code < comparison.right.code else "right"
        services.comparison_decide(actor=comparison.judge, comparison=comparison, chosen=chosen)
    for script in m.scripts:
        for judge in (m.people.head, m.people.teacher, m.cara):
            if judge_school(m, judge) != script.school_id:
                services.grade_record(actor=judge, script=script, grade=script.school_grade)


def test_reports_show_agreement_scale_and_bias_and_export(judging: ModerationRound) -> None:
    decide_everything(judging)
    client = signed_in_client(judging.people.coordinator)
    response = client.get(reverse("moderation:report", args=[judging.round.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    for part in (
        "agreement-table",
        "confusion-table",
        "bias-table",
        "scale-figures",
        "moderation-charts",
        "Krippendorff",
        "Fleiss",
    ):
        assert part in page
    charts = response.context["charts"]
    assert charts["agreement"] and charts["scale"]
    csv_response = client.get(reverse("moderation:report_csv", args=[judging.round.pk]))
    lines = csv_response.content.decode().splitlines()
    assert lines[0].startswith("script,school,school_grade") and len(lines) == 7
    pdf = client.get(
        reverse("moderation:school_summary", args=[judging.round.pk, judging.people.school.urn])
    )
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_reports_open_to_the_rounds_people_only_when_judging_closes(judging) -> None:
    url = reverse("moderation:report", args=[judging.round.pk])
    assert signed_in_client(judging.people.teacher).get(url).status_code == 403
    services.round_status_set(
        actor=judging.people.coordinator, round_=judging.round, status=Round.Status.CLOSED
    )
    assert signed_in_client(judging.people.teacher).get(url).status_code == 200
    assert signed_in_client(judging.people.partner).get(url).status_code == 404
    summary = reverse(
        "moderation:school_summary", args=[judging.round.pk, judging.people.school.urn]
    )
    assert signed_in_client(judging.people.teacher).get(summary).status_code == 403
    assert signed_in_client(judging.people.head).get(summary).status_code == 200


def test_the_meeting_lists_the_largest_disagreement_first_and_records_outcomes(judging) -> None:
    services.comparisons_schedule(actor=judging.people.coordinator, round_=judging.round)
    disputed = judging.scripts[0]  # Alder says EXS; both judges say GDS
    for judge in (judging.people.teacher, judging.cara):
        services.grade_record(actor=judge, script=disputed, grade=2)
    client = signed_in_client(judging.people.coordinator)
    response = client.get(reverse("moderation:meeting", args=[judging.round.pk]))
    assert response.context["items"][0][0].script == disputed
    response = client.post(
        reverse("moderation:outcome", args=[disputed.pk]),
        {
            f"s{disputed.pk}-notes": "Strong cohesion; paragraphs linked.",
            f"s{disputed.pk}-decision": "changed",
            f"s{disputed.pk}-agreed_grade": "2",
            f"s{disputed.pk}-reason": "Meets every GDS statement",
        },
    )
    assert response.status_code == 302
    outcome = Outcome.objects.get(script=disputed)
    assert outcome.agreed_grade == 2 and outcome.decision == "changed"
    response = client.post(
        reverse("moderation:outcome", args=[disputed.pk]),
        {
            f"s{disputed.pk}-decision": "changed",
            f"s{disputed.pk}-agreed_grade": "2",
        },
    )
    assert Outcome.objects.get(script=disputed).reason == "Meets every GDS statement"
    judge = signed_in_client(judging.people.teacher)
    assert judge.post(reverse("moderation:outcome", args=[disputed.pk])).status_code == 403


def test_a_judge_does_not_open_a_scripts_page_but_its_uploader_does(moderation) -> None:
    alder = moderation.scripts[0]
    url = reverse("moderation:script_detail", args=[alder.pk])
    assert signed_in_client(moderation.people.head).get(url).status_code == 200
    assert signed_in_client(moderation.people.teacher).get(url).status_code == 403
    assert signed_in_client(moderation.people.outsider).get(url).status_code == 404
    assert signed_in_client(moderation.people.admin).get(url).status_code == 404


def test_wrong_methods_are_refused(moderation: ModerationRound) -> None:
    client = signed_in_client(moderation.people.coordinator)
    assert (
        client.get(reverse("moderation:status_set", args=[moderation.round.pk])).status_code == 405
    )
    assert (
        client.post(reverse("moderation:report_csv", args=[moderation.round.pk])).status_code == 405
    )


def test_the_round_list_costs_the_same_however_many_rounds(people: Personas) -> None:
    from kinship.moderation.tests.conftest import make_round

    make_round(people)
    client = signed_in_client(people.coordinator)
    url = reverse("moderation:round_list")
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    make_round(people)
    with CaptureQueriesContext(connection) as two:
        response = client.get(url)
    assert len(two) == len(one) and len(response.context["rounds"]) == 2


def test_scheduling_that_cannot_meet_the_rules_is_a_message(moderation: ModerationRound) -> None:
    services.round_status_set(
        actor=moderation.people.coordinator, round_=moderation.round, status=Round.Status.JUDGING
    )
    for person in moderation.round.people.filter(role="judge"):
        services.round_person_remove(actor=moderation.people.coordinator, person=person)
    client = signed_in_client(moderation.people.coordinator)
    response = client.post(reverse("moderation:schedule", args=[moderation.round.pk]), follow=True)
    assert "Add judges to the round first" in response.content.decode()
    assert json.dumps({}) == "{}"


def test_inactive_staff_account_cannot_be_added_to_a_moderation_round(moderation):
    # round_person_add checked the account type without is_active: a deactivated teacher
    # could be made a judge and, on coming back, see pupils' work.
    cara = moderation.cara
    RoundPerson.objects.filter(user=cara).delete()
    cara.is_active = False
    cara.save(update_fields=["is_active"])
    with pytest.raises(ValidationError):
        services.round_person_add(
            actor=moderation.people.coordinator, round_=moderation.round, user=cara, role="judge"
        )
    assert not RoundPerson.objects.filter(user=cara).exists()
