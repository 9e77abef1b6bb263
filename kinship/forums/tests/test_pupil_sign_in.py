"""The pupils' sign-in: four pictures, wrong tries that pause one device (not the pupil's
others, so a classmate cannot lock them out), a pause for the name everywhere after many,
the teacher's unlock, and no secret kept in any record of a failure."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.test import Client
from django.utils import timezone

from kinship.conftest import signed_in_client
from kinship.core.models import AuditEntry
from kinship.forums import selectors, services
from kinship.forums.models import PupilProfile, PupilSignInAttempt, SignInWith
from kinship.forums.pupils import PICTURE_NAMES, PICTURES, pupil_matching
from kinship.forums.views.pupils import DEVICE_COOKIE

pytestmark = pytest.mark.django_db
SIGN_IN = "/forums/pupils/sign-in/"
RIGHT = {"picture_1": "cat", "picture_2": "sun", "picture_3": "fish", "picture_4": "rocket"}
WRONG = {"picture_1": "dog", "picture_2": "moon", "picture_3": "star", "picture_4": "car"}


def device() -> Client:
    """A browser that has opened the sign-in page, so it has its device cookie."""
    client = Client()
    response = client.get(SIGN_IN)
    cookie = response.cookies[DEVICE_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and int(cookie["max-age"]) > 3e7
    return client


def attempt(client: Client, code: str, pictures: dict[str, str], login: str = "leo"):
    return client.post(SIGN_IN, {"class_code": code, "login_name": login, **pictures})


def test_sixteen_pictures_drawn_as_images_with_names_four_in_order(forum):
    assert len(PICTURES) == 16 and len(set(PICTURE_NAMES)) == 16
    page = Client().get(SIGN_IN).content.decode()
    for ordinal in ("1st picture", "2nd picture", "3rd picture", "4th picture"):
        assert f">{ordinal}</legend>" in page
    # Each choice is an SVG image with its name as text, not an emoji.
    assert page.count('.svg"') == 64 and 'alt="rocket"' in page and "🐱" not in page
    assert page.count('type="radio"') == 64
    client = Client()
    assert attempt(client, forum.birch_group.code, RIGHT).status_code == 302


def test_the_pictures_are_served_as_static_files():
    from django.contrib.staticfiles import finders

    for picture in PICTURES:
        assert finders.find(picture.static_path), picture.static_path


def test_a_three_picture_account_keeps_working_and_is_flagged_for_a_new_card(forum):
    p = forum.people
    profile = PupilProfile.objects.get(user=forum.birch_pupil)
    # As an account made before four pictures: three pictures, and the migration's count.
    profile.user.set_password("pictures:cat-sun-fish")
    profile.user.save()
    PupilProfile.objects.filter(pk=profile.pk).update(picture_count=3)
    three = {"picture_1": "cat", "picture_2": "sun", "picture_3": "fish"}
    assert attempt(Client(), forum.birch_group.code, three).status_code == 302
    page = signed_in_client(p.teacher).get(forum.birch_group.get_absolute_url()).content.decode()
    assert "Old 3-picture sign-in: give a new one" in page
    services.pupil_secret_reset(
        actor=p.teacher,
        profile=PupilProfile.objects.get(pk=profile.pk),
        sign_in_with=SignInWith.PICTURES,
        pictures=["bird", "bird", "house", "umbrella"],  # repeats allowed
    )
    page = signed_in_client(p.teacher).get(forum.birch_group.get_absolute_url()).content.decode()
    assert "Old 3-picture" not in page
    new = {"picture_1": "bird", "picture_2": "bird", "picture_3": "house", "picture_4": "umbrella"}
    assert attempt(Client(), forum.birch_group.code, new).status_code == 302


def test_new_accounts_and_resets_need_four_pictures(forum):
    from django.core.exceptions import ValidationError

    p = forum.people
    with pytest.raises(ValidationError):
        services.pupil_create(
            actor=p.teacher,
            pupil_class=forum.birch_group,
            first_name="Ada",
            initial="L",
            login_name="ada",
            sign_in_with=SignInWith.PICTURES,
            pictures=["cat", "sun", "fish"],
        )
    with pytest.raises(ValidationError):
        services.pupil_secret_reset(
            actor=p.teacher,
            profile=PupilProfile.objects.get(user=forum.birch_pupil),
            sign_in_with=SignInWith.PICTURES,
            pictures=["cat", "sun", "fish"],
        )


def test_five_wrong_tries_lock_that_device_only_with_a_true_message(forum):
    code = forum.birch_group.code
    classmate = device()
    for _ in range(4):
        response = attempt(classmate, code, WRONG)
        assert response.status_code == 200 and "did not match" in response.content.decode()
    fifth = attempt(classmate, code, WRONG)
    assert fifth.status_code == 429
    latest = PupilSignInAttempt.objects.latest("created_at").created_at
    at = timezone.localtime(latest + timedelta(minutes=10)).strftime("%H:%M")
    assert f"Too many tries on this device. Ask your teacher, or try again at {at}." in (
        fifth.content.decode()
    )
    # Even the right pictures are refused on that device, and not counted.
    assert attempt(classmate, code, RIGHT).status_code == 429
    assert PupilSignInAttempt.objects.count() == 5
    # Leo's own device is unaffected: a classmate cannot lock him out.
    mine = device()
    attempt(mine, code, WRONG)
    assert attempt(mine, code, RIGHT).status_code == 302
    # His success forgives his own device's wrong try, not the classmate's five.
    assert PupilSignInAttempt.objects.count() == 5
    assert attempt(classmate, code, RIGHT).status_code == 429


def test_the_lock_ends_after_ten_minutes(forum):
    code = forum.birch_group.code
    for _ in range(5):
        services.pupil_sign_in_failure_record(class_code=code, login_name="leo", device="d1")
    now = timezone.now()
    pause = selectors.pupil_sign_in_pause(class_code=code, login_name="leo", device="d1", now=now)
    assert pause is not None and not pause.everywhere
    later = now + timedelta(minutes=10, seconds=1)
    assert (
        selectors.pupil_sign_in_pause(class_code=code, login_name="leo", device="d1", now=later)
        is None
    )


def test_many_wrong_tries_from_many_devices_pause_the_name_until_the_teacher_unlocks(forum):
    p = forum.people
    code = forum.birch_group.code
    # Cookies cleared every few tries: 30 in an hour pause Leo's sign-in everywhere.
    for n in range(30):
        services.pupil_sign_in_failure_record(
            class_code=code, login_name="leo", device=f"cleared-{n // 4}"
        )
    response = attempt(device(), code, RIGHT)
    assert response.status_code == 429
    assert "Ask your teacher to unlock it" in response.content.decode()
    # The teacher sees who is paused on the class page, and unlocks (audited).
    teacher = signed_in_client(p.teacher)
    page = teacher.get(forum.birch_group.get_absolute_url()).content.decode()
    assert "Sign-in paused: too many wrong tries" in page and "Unlock Leo B." in page
    url = f"/forums/pupil-groups/{forum.birch_group.pk}/pupils/{forum.birch_pupil.pk}/unlock/"
    assert signed_in_client(p.head).post(url).status_code == 404  # not Birch's staff
    assert teacher.post(url).status_code == 302
    assert AuditEntry.objects.filter(action="forums.pupil_unlock", actor_id=p.teacher.pk).exists()
    assert attempt(device(), code, RIGHT).status_code == 302


def test_one_device_trying_many_names_is_paused_whether_or_not_they_exist(forum):
    code = forum.birch_group.code
    guesser = device()
    answers = []
    for n in range(20):
        response = attempt(guesser, code if n % 2 else "NOSUCHCODE", WRONG, login=f"name{n}")
        answers.append(response.content.decode())
    # The same words for a real class code as for a made-up one, and then a pause.
    assert all("did not match" in answer for answer in answers[:19])
    assert "Too many tries on this device" in answers[19]
    assert attempt(guesser, code, RIGHT).status_code == 429
    assert attempt(device(), code, RIGHT).status_code == 302


def test_no_record_of_a_failure_keeps_the_secret(forum):
    code = forum.birch_group.code
    client = device()
    attempt(client, code, WRONG)
    client.post(SIGN_IN, {"class_code": code, "login_name": "leo", "password": "hunter42"})
    secrets = ("dog", "moon", "star", "car", "hunter42")
    for row in PupilSignInAttempt.objects.values():
        assert not any(s in str(value) for value in row.values() for s in secrets), row
    # django-axes, which keeps the posted form of adults' failures, saw nothing of pupils'.
    assert not AccessAttempt.objects.exists() and not AccessFailureLog.objects.exists()


def test_the_email_sign_in_cannot_be_used_to_guess_a_pupils_pictures(forum):
    client = Client()
    for form in ("/accounts/login/", "/admin/login/"):
        response = client.post(
            form,
            {
                "username": f"pupil:{forum.birch_group.code}:leo",
                "password": "pictures:cat-sun-fish-rocket",
            },
        )
        assert response.status_code == 200 and "_auth_user_id" not in client.session
    # The pupil sign-in page alone checks a pupil's secret.
    assert pupil_matching(forum.birch_group.code, "leo", "pictures:cat-sun-fish-rocket")


def test_the_migration_forgets_the_pictures_axes_kept_from_pupils_tries(forum):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("kinship.forums.migrations.0004_pupil_sign_in")
    kept = {"user_agent": "x", "ip_address": "10.0.0.1", "http_accept": "*/*", "path_info": "/"}
    AccessAttempt.objects.create(
        username="pupil:ASH2026:alfie",
        post_data="picture_1=cat\npicture_2=sun\npicture_3=tree",
        failures_since_start=1,
        **kept,
    )
    AccessAttempt.objects.create(
        username="head@a1.test", post_data="password=********", failures_since_start=1, **kept
    )
    migration.forget_pupil_tries_in_axes(apps, None)
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["head@a1.test"]
