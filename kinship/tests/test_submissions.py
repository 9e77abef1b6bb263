"""The one-time submission token: a repeat waits for the first, replays it or answers 409;
a failed first gives its claim back; every POST form carries the token."""

import re
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.http import HttpResponse, HttpResponseRedirect
from django.template import engines
from django.urls import reverse
from django.utils import timezone

import kinship
from kinship.conftest import Personas, signed_in_client
from kinship.core import submissions
from kinship.core.models import Submission
from kinship.core.submissions import FIELD, new_token
from kinship.forums import services as forums
from kinship.forums.models import Post, Thread
from kinship.forums.tests.conftest import make_forum

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def forum_settings(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.RATE_LIMIT_PREFIX = f"test-submissions-{uuid.uuid4().hex}"


def reply_url(people: Personas) -> tuple[Thread, str]:
    forum = make_forum(people)
    thread = forums.thread_create(actor=people.teacher, board=forum.board, title="Plans", body="x")
    return thread, reverse("forums:reply", args=[thread.pk])


def replies(thread: Thread) -> int:
    return Post.objects.filter(thread=thread, is_opening=False).count()


def test_a_repeat_of_a_post_still_running_answers_409(people: Personas, monkeypatch) -> None:
    thread, url = reply_url(people)
    monkeypatch.setattr(submissions, "WAIT_SECONDS", 0.3)
    monkeypatch.setattr(submissions, "POLL_SECONDS", 0.05)
    token = new_token()
    Submission.objects.create(owner=f"user:{people.teacher.pk}", token=token, path=url)
    response = signed_in_client(people.teacher).post(url, {"body": "Yes", FIELD: token})
    assert response.status_code == 409
    assert "still being sent" in response.content.decode()
    assert replies(thread) == 0


def test_a_repeat_waits_for_the_first_then_goes_where_it_went(
    people: Personas, monkeypatch
) -> None:
    thread, url = reply_url(people)
    token = new_token()
    first = Submission.objects.create(owner=f"user:{people.teacher.pk}", token=token, path=url)
    naps: list[float] = []

    def first_finishes(seconds: float) -> None:  # the first request ends while this one waits
        naps.append(seconds)
        Submission.objects.filter(pk=first.pk).update(header="Location", location="/done/")

    monkeypatch.setattr("kinship.core.submissions.sleep", first_finishes)
    response = signed_in_client(people.teacher).post(url, {"body": "Yes", FIELD: token})
    assert response.status_code == 303 and response["Location"] == "/done/"
    assert len(naps) == 1 and replies(thread) == 0


def test_a_repeat_runs_the_view_when_the_first_gives_its_claim_back(
    people: Personas, monkeypatch
) -> None:
    thread, url = reply_url(people)
    token = new_token()
    first = Submission.objects.create(owner=f"user:{people.teacher.pk}", token=token, path=url)
    monkeypatch.setattr("kinship.core.submissions.sleep", lambda _s: first.delete())
    response = signed_in_client(people.teacher).post(url, {"body": "Yes", FIELD: token})
    assert response.status_code == 302 and replies(thread) == 1
    assert Submission.objects.get(token=token).location == response["Location"]


def test_a_refusal_or_a_crash_gives_the_claim_back(people: Personas, monkeypatch) -> None:
    thread, url = reply_url(people)
    token = new_token()
    # The outsider may not see the thread: 404, and nothing is kept.
    outsider = signed_in_client(people.outsider).post(url, {"body": "Hi", FIELD: token})
    assert outsider.status_code == 404
    assert not Submission.objects.exists()

    def broken(**kwargs: Any) -> None:
        raise RuntimeError("database went away")

    monkeypatch.setattr(forums, "post_reply", broken)
    client = signed_in_client(people.teacher)
    client.raise_request_exception = False
    assert client.post(url, {"body": "Yes", FIELD: token}).status_code == 500
    assert not Submission.objects.exists()
    monkeypatch.undo()
    assert client.post(url, {"body": "Yes", FIELD: token}).status_code == 302
    assert replies(thread) == 1


def test_a_post_without_a_token_or_with_a_strange_one_is_handled_as_before(
    people: Personas,
) -> None:
    thread, url = reply_url(people)
    client = signed_in_client(people.teacher)
    for data in ({"body": "One"}, {"body": "Two", FIELD: "short"}, {"body": "Two", FIELD: "short"}):
        assert client.post(url, data).status_code == 302
    assert replies(thread) == 3 and not Submission.objects.exists()


def test_a_token_sent_to_another_address_is_not_replayed_there(people: Personas) -> None:
    thread, url = reply_url(people)
    token = new_token()
    owner = f"user:{people.teacher.pk}"
    Submission.objects.create(owner=owner, token=token, path="/elsewhere/", location="/x/")
    response = signed_in_client(people.teacher).post(url, {"body": "Yes", FIELD: token})
    assert response.status_code == 302 and replies(thread) == 1


def test_htmx_answers_are_replayed_only_from_their_redirect_headers(people: Personas) -> None:
    claim = submissions.Claim(owner="user:1", token=new_token())
    Submission.objects.create(owner=claim.owner, token=claim.token, path="/p/")
    partial = HttpResponse("<p>the form again</p>")
    submissions.submission_settle(claim, partial, htmx=True)
    assert not Submission.objects.exists()  # a partial cannot say it was a success

    Submission.objects.create(owner=claim.owner, token=claim.token, path="/p/")
    done = HttpResponse()
    done["HX-Redirect"] = "/thread/9/"
    submissions.submission_settle(claim, done, htmx=True)
    row = Submission.objects.get()
    assert (row.header, row.location) == ("HX-Redirect", "/thread/9/")

    thread, url = reply_url(people)
    token = new_token()
    owner = f"user:{people.teacher.pk}"
    Submission.objects.create(
        owner=owner, token=token, path=url, header="HX-Redirect", location="/t/"
    )
    response = signed_in_client(people.teacher).post(
        url, {"body": "Yes", FIELD: token}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200 and response["HX-Redirect"] == "/t/"
    assert replies(thread) == 0


def test_a_redirect_is_kept_and_a_non_redirect_is_not(db: Any) -> None:
    claim = submissions.Claim(owner="session:abc", token=new_token())
    Submission.objects.create(owner=claim.owner, token=claim.token, path="/p/")
    submissions.submission_settle(claim, HttpResponseRedirect("/ok/"), htmx=False)
    assert Submission.objects.get().location == "/ok/"
    assert submissions.owner_of(type("R", (), {"user": None, "session": None})()) == ""


def test_old_claims_are_forgotten(db: Any) -> None:
    Submission.objects.create(owner="user:1", token=new_token(), path="/p/", location="/x/")
    assert submissions.forget_old_submissions() == 0
    later = timezone.now() + submissions.KEEP_SUBMISSIONS + timedelta(minutes=1)
    assert submissions.forget_old_submissions(now=later) == 1


def test_each_rendering_gives_a_fresh_token() -> None:
    template = engines["django"].from_string("{% submission_token %}")
    first, second = template.render({}), template.render({})
    assert first != second and f'name="{FIELD}"' in first


FORM = re.compile(r"<form\b[^>]*>.*?</form>", re.DOTALL | re.IGNORECASE)


def test_every_post_form_carries_the_submission_token() -> None:
    """A new form cannot forget it: each form with `{% csrf_token %}` has the token too."""
    root = Path(kinship.__file__).parent
    missing = []
    for path in root.rglob("templates/**/*.html"):
        text = path.read_text()
        if text.count("{% csrf_token %}") != text.count("{% submission_token %}"):
            missing.append(str(path.relative_to(root)))
            continue
        for form in FORM.findall(text):
            if "{% csrf_token %}" in form and "{% submission_token %}" not in form:
                missing.append(str(path.relative_to(root)))
    assert missing == []
