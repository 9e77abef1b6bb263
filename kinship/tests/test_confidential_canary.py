"""A unique string written into a confidential circle must never reach a non-member.

Every role that is not in the circle crawls every page it can reach (all GET URLs from the
permission matrix, then every same-site link it finds), including the Django admin for the
platform admin. The canary must appear nowhere. Members see it, so the test can fail.
"""

import re
import uuid
from collections import deque
from dataclasses import dataclass
from datetime import date, time, timedelta
from html import unescape
from typing import Any
from urllib.parse import urldefrag, urljoin, urlparse

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from kinship.conftest import Personas, signed_in_client
from kinship.families.services import circle_create, circle_post_create
from kinship.forums.services import board_subscribe, circle_board_ensure, thread_create
from kinship.library.models import Audience as LibraryAudience
from kinship.library.models import Licence
from kinship.library.services import (
    ResourceFields,
    collection_create,
    collection_resource_add,
    resource_create,
)
from kinship.meetings.models import Audience, EventKind
from kinship.meetings.services import (
    SeriesFields,
    agenda_item_add,
    calendar_settings_of,
    series_create,
)
from kinship.tests.test_confidential_canary_moderation import moderation_canary
from kinship.tests.test_permission_matrix import CASES
from kinship.visits.services.reflections import joint_action_add, reflection_save
from kinship.visits.services.visits import visit_record

HREF = re.compile(r"""href=["']([^"']+)["']""")
MAX_PAGES = 400
# A feed is read by its secret address, not by who asks: each role's own feed is checked below.
SKIP = ("/static/", "/media/", "logout", "/delete/", "password_change", "/meetings/feed/",
        # Library searches and quote forms vary one page endlessly; search is checked apart.
        "/library/?", "?quote=")  # fmt: skip


def crawl(client: Client, start: list[str]) -> dict[str, str]:
    seen: dict[str, str] = {}
    queue = deque(start)
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        if url in seen or any(part in url for part in SKIP):
            continue
        response = client.get(url)
        # Downloads (a pair's files) stream: read them too, as their text could leak.
        raw = b"".join(response.streaming_content) if response.streaming else response.content  # type: ignore[attr-defined]
        body = raw.decode(errors="replace") if response.status_code == 200 else ""
        seen[url] = body + response.get("Location", "")
        if response.status_code in (301, 302) and response.get("Location", "").startswith("/"):
            queue.append(response["Location"])
        for href in HREF.findall(body):
            link = urldefrag(urljoin(url, unescape(href)))[0]
            parsed = urlparse(link)
            if parsed.netloc in ("", "testserver") and parsed.path.startswith("/"):
                queue.append(parsed.path + (f"?{parsed.query}" if parsed.query else ""))
    return seen


def search_results(client: Client, query: str) -> str:
    """The results list of a library search (the page itself repeats the query typed)."""
    response = client.get("/library/", {"q": query})
    body = response.content.decode() if response.status_code == 200 else ""
    start = body.find('id="results"')
    return body[start : body.find("</ul>", start)] if start >= 0 else ""


def start_urls(people: Personas) -> list[str]:
    urls = ["/", "/admin/", "/admin/families/circle/", "/admin/core/auditentry/", "/audit/",
            "/audit/?action=circle", "/admin/otp_totp/totpdevice/"]  # fmt: skip
    for case in CASES:
        if case.method != "get":
            continue
        try:
            urls.append(reverse(case.url_name, args=case.args(people)))
        except NoReverseMatch:
            continue
    return urls


@pytest.fixture
def canary(people: Personas) -> tuple[str, int]:
    secret = f"canary-{uuid.uuid4().hex}"
    circle = circle_create(
        actor=people.teacher,
        families=[people.family],
        name=f"Circle {secret}",
        description=f"About {secret}",
        confidential=True,
    )
    circle_post_create(actor=people.teacher, circle=circle, body=f"Post {secret}")
    # A meeting of the circle, with an agenda item: its title and agenda are the circle's too.
    day = timezone.localdate() + timedelta(days=10)
    series = series_create(
        actor=people.teacher,
        family=people.family,
        fields=SeriesFields(
            title=f"Meeting {secret}",
            kind=EventKind.NETWORK_MEETING,
            audience=Audience.CIRCLE,
            circle=circle,
            online_url="https://meet.example.org/room",
            start_time=time(16),
            end_time=time(17),
            first_date=day,
        ),
    )
    agenda_item_add(actor=people.teacher, event=series.events.get(), title=f"Item {secret}")
    # Pupil work and a moderation meeting's notes, in a round none of the crawlers is in.
    moderation_canary(people, secret)
    _private_reflection(people, secret)
    # The circle's library resource, collection and board: as confidential as the circle.
    resource = resource_create(
        actor=people.teacher, kind="page", body=f"Body {secret}",
        fields=ResourceFields(title=f"Resource {secret}", summary=f"About {secret}",
                              licence=Licence.ALL_RIGHTS_RESERVED,
                              audience=LibraryAudience.CIRCLE, circle=circle),
    )  # fmt: skip
    pack = collection_create(actor=people.teacher, title=f"Pack {secret}", description=secret,
                             audience=LibraryAudience.CIRCLE, circle=circle)  # fmt: skip
    collection_resource_add(actor=people.teacher, collection=pack, resource=resource)
    board = circle_board_ensure(actor=people.teacher, circle=circle)
    board_subscribe(actor=people.teacher, board=board, frequency="daily")
    thread_create(actor=people.teacher, board=board, title=f"Thread {secret}",
                  body=f"Post {secret}", attachments=[resource])  # fmt: skip
    return secret, circle.pk


def test_the_audit_page_never_shows_who_is_in_a_confidential_circle(
    people: Personas, canary: tuple[str, int]
):
    """The audit log is the platform admin's: it shows that a confidential circle changed,
    never who joined or left it, nor the circle's name or words."""
    from kinship.accounts.services import user_create
    from kinship.families.models import Circle, CircleMembership
    from kinship.families.services import circle_member_add, circle_member_remove
    from kinship.schools.services import school_role_grant

    secret, circle_pk = canary
    joiner_secret = f"joiner-{uuid.uuid4().hex}"
    joiner = user_create(email=f"{joiner_secret}@a2.test", display_name=joiner_secret, password="x")
    school_role_grant(actor=None, user=joiner, school=people.second_school, role="staff")
    circle = Circle.objects.get(pk=circle_pk)
    circle_member_add(actor=people.teacher, circle=circle, user=joiner)
    circle_member_remove(
        actor=joiner, membership=CircleMembership.objects.get(circle=circle, user=joiner)
    )
    admin = signed_in_client(people.admin)
    pages = crawl(admin, ["/audit/", "/audit/?action=circle", "/admin/core/auditentry/"])
    audit_pages = {url: body for url, body in pages.items() if "audit" in url}
    assert len(audit_pages) >= 3
    assert not [url for url, body in audit_pages.items() if secret in body]
    circle_rows = admin.get("/audit/?action=circle").content.decode()
    assert joiner_secret not in circle_rows
    assert "confidential circle&#x27;s membership changed" in circle_rows
    # The same person joining an open circle is named, so the check above can fail.
    circle_member_add(actor=people.coordinator, circle=people.open_circle, user=joiner)
    assert joiner_secret in admin.get("/audit/?action=circle").content.decode()


def _private_reflection(people: Personas, secret: str) -> None:
    """A visit the teacher made to Cedar (which has no lead to be its host side): what they
    took away, and the joint action, are between the two sides of the visit alone."""
    day = timezone.localdate() - timedelta(days=1)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    visit = visit_record(actor=people.teacher, host_school=people.shared_school, day=day)
    reflection_save(
        actor=people.teacher, visit=visit, saw=f"Reflection {secret}", will_try=secret,
        offer_back=secret,
    )  # fmt: skip
    joint_action_add(actor=people.teacher, visit=visit, text=f"Action {secret}")


@pytest.mark.parametrize(
    "role", ["anonymous", "admin", "coordinator", "head", "partner", "pupil", "outsider"]
)
def test_confidential_canary_never_leaks(
    people: Personas, canary: tuple[str, int], coaching_canary: "CoachingCanary", role: str
):
    secret, circle_pk = canary
    client = signed_in_client(people.by_role(role))
    coaching = [*coaching_urls(coaching_canary), "/admin/mentoring/programme/",
                "/admin/mentoring/matchingrun/"]  # fmt: skip
    pages = crawl(
        client,
        [*start_urls(people), f"/families/circles/{circle_pk}/", f"/forums/circles/{circle_pk}/",
         "/forums/", "/notifications/", *coaching],
    )  # fmt: skip
    assert secret not in search_results(client, secret)
    assert len(pages) > (1 if role == "anonymous" else 5)
    for hidden in (secret, coaching_canary.secret, coaching_canary.journal_secret):
        leaks = [url for url, body in pages.items() if hidden in body]
        assert leaks == []
    user = people.by_role(role)
    if user is not None and user.account_type != "pupil":
        feeds = feeds_of(client, user)
        assert secret not in feeds and coaching_canary.secret not in feeds


def test_the_member_does_see_the_canary(
    people: Personas, canary: tuple[str, int], coaching_canary: "CoachingCanary"
):
    secret, circle_pk = canary
    client = signed_in_client(people.teacher)
    pages = crawl(client, ["/"])
    assert f"Resource {secret}" in search_results(client, secret)
    assert any(secret in body for body in pages.values())
    # Tom coaches Nell: he reads their pair space, but not her journal, nor her cohort.
    coach_text = "".join(pages.values())
    coached = coaching_canary.secret
    assert f"Question {coached}" in coach_text and f"Reflection {coached}" in coach_text
    assert coaching_canary.journal_secret not in coach_text
    assert f"Topic {coached}" not in coach_text
    assert f"/families/circles/{circle_pk}/" in pages
    assert any(f"Item {secret}" in body for body in pages.values())  # the meeting's page
    assert any(f"Reflection {secret}" in body for body in pages.values())  # the visit's page
    assert any(f"Action {secret}" in body for body in pages.values())
    assert any(f"Post {secret}" in body for body in pages.values())  # the circle's board
    feed = signed_in_client(None).get(
        f"/meetings/feed/{calendar_settings_of(people.teacher).feed_token}.ics"
    )
    assert f"Meeting {secret}" in feed.content.decode()


# Coaching: the pair space is its head's and coach's alone, the journal its head's alone,
# and the cohort's meetings its members' alone. Programme reports show counts, never text.


@dataclass
class CoachingCanary:
    secret: str  # in every pair-space object and the cohort's topics and notes
    journal_secret: str  # in the head's journal only
    mentee: Any
    pair_pk: int
    programme_pk: int
    cohort_meeting_pk: int


@pytest.fixture
def coaching_canary(people: Personas, django_capture_on_commit_callbacks) -> CoachingCanary:
    from kinship.accounts.services import user_create
    from kinship.core.uploads import check_upload
    from kinship.mentoring import services as mentoring
    from kinship.mentoring.forms import RESOURCE_FILES
    from kinship.mentoring.models import Pair
    from kinship.schools.services import school_role_grant

    secret, journal_secret = f"canary-{uuid.uuid4().hex}", f"journal-{uuid.uuid4().hex}"
    nell = user_create(email="nell@c3.test", display_name="Nell Newhead", password="x-" + secret)
    school_role_grant(actor=None, user=nell, school=people.shared_school, role="lead")
    programme = mentoring.programme_create(
        actor=people.coordinator,
        family=people.family,
        fields=mentoring.ProgrammeFields(
            name="Canary programme", starts_on=date(2026, 9, 1), ends_on=date(2027, 7, 21)
        ),
    )
    head = mentoring.participant_join(
        actor=nell,
        programme=programme,
        role="mentee",
        profile=mentoring.Profile(school=people.shared_school, headship_year=1),
    )
    coach = mentoring.participant_join(
        actor=people.teacher,
        programme=programme,
        role="coach",
        profile=mentoring.Profile(school=people.second_school),
    )
    for place in (head, coach):
        mentoring.participant_accept(actor=people.coordinator, participant=place)
    mentoring.pair_propose(actor=people.coordinator, mentee=head, coach=coach)
    mentoring.matching_publish(actor=people.coordinator, programme=programme)
    pair = Pair.objects.get(mentee=head)
    # Published yesterday, so the meeting held two hours ago counts even just after midnight.
    Pair.objects.filter(pk=pair.pk).update(published_at=timezone.now() - timedelta(days=1))
    starts = timezone.now().replace(microsecond=0) + timedelta(days=3)
    held = mentoring.meeting_schedule(
        actor=nell,
        pair=pair,
        starts_at=timezone.now() - timedelta(hours=2),
        ends_at=timezone.now() - timedelta(hours=1),
        place="elsewhere",
        location=f"Room {secret}",
        agenda_note=f"Agenda {secret}",
    )
    mentoring.meeting_record(actor=people.teacher, meeting=held, notes=f"Notes {secret}", held=True)
    mentoring.meeting_schedule(
        actor=nell,
        pair=pair,
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        place="online",
        online_url=f"https://meet.example.org/{secret}",
        agenda_note=f"Next {secret}",
    )
    open_question = mentoring.question_add(
        actor=nell, pair=pair, text=f"Question {secret}", tags=f"tag-{secret}"
    )
    answered = mentoring.question_add(actor=nell, pair=pair, text=f"Answered {secret}")
    mentoring.question_answer(
        actor=people.teacher, question=answered, answer=f"Answer {secret}", meeting=held
    )
    assert open_question.pk
    mentoring.action_add(
        actor=nell, pair=pair, text=f"Action {secret}", owner=people.teacher, meeting=held
    )
    goal = mentoring.goal_add(
        actor=nell, pair=pair, title=f"Goal {secret}", detail=f"Detail {secret}"
    )
    mentoring.goal_progress(
        actor=people.teacher, goal=goal, text=f"Progress {secret}", status="under_way"
    )
    mentoring.resource_share(
        actor=people.teacher,
        pair=pair,
        title=f"Resource {secret}",
        url=f"https://example.org/{secret}",
        note=f"Note {secret}",
    )
    handout = check_upload(f"File {secret}".encode(), filename="notes.txt", policy=RESOURCE_FILES)
    mentoring.resource_share(actor=people.teacher, pair=pair, title="A file", file=handout)
    mentoring.reflection_save(actor=nell, pair=pair, text=f"Reflection {secret}")
    mentoring.reflection_save(actor=people.teacher, pair=pair, text=f"Coach reflection {secret}")
    mentoring.journal_add(
        actor=nell, participant=head, title=f"Title {journal_secret}", body=f"Body {journal_secret}"
    )
    meeting = mentoring.cohort_meeting_create(
        actor=people.coordinator,
        programme=programme,
        title="Cohort meeting 1",
        starts_at=starts + timedelta(days=7),
        ends_at=starts + timedelta(days=7, hours=3),
        host_school=people.school,
    )
    mentoring.cohort_topic_propose(
        actor=nell, meeting=meeting, title=f"Topic {secret}", detail=f"Why {secret}"
    )
    mentoring.cohort_notes_save(actor=nell, meeting=meeting, notes=f"Cohort notes {secret}")
    # Feedback to the programme is shown (anonymised): it is not the pair space's, and holds
    # no canary; the report must show it and nothing of the space.
    mentoring.feedback_save(actor=nell, participant=head, rating=4, comment="More cohort time")
    return CoachingCanary(secret, journal_secret, nell, pair.pk, programme.pk, meeting.pk)


def coaching_urls(canary: CoachingCanary) -> list[str]:
    pair, programme = canary.pair_pk, canary.programme_pk
    return [
        f"/mentoring/pairs/{pair}/",
        f"/mentoring/pairs/{pair}/goals/",
        f"/mentoring/pairs/{pair}/reflection/",
        f"/mentoring/programmes/{programme}/",
        f"/mentoring/programmes/{programme}/journal/",
        f"/mentoring/programmes/{programme}/cohort/",
        f"/mentoring/programmes/{programme}/report/",
        f"/mentoring/programmes/{programme}/matching/",
        f"/mentoring/cohort-meetings/{canary.cohort_meeting_pk}/",
        "/mentoring/",
    ]


def feeds_of(client: Client, user: Any) -> str:
    from kinship.mentoring.services import coaching_feed_of

    meetings = client.get(f"/meetings/feed/{calendar_settings_of(user).feed_token}.ics")
    coaching = client.get(f"/mentoring/feed/{coaching_feed_of(user).token}.ics")
    assert meetings.status_code == coaching.status_code == 200
    return meetings.content.decode() + coaching.content.decode()


def test_the_report_shows_counts_and_feedback_but_no_pair_space_text(
    people: Personas, coaching_canary: CoachingCanary
):
    page = signed_in_client(people.coordinator).get(
        f"/mentoring/programmes/{coaching_canary.programme_pk}/report/"
    )
    body = page.content.decode()
    assert page.status_code == 200
    assert "Nell Newhead" in body and ">1</td><td>1</td>" in body  # a meeting held of one expected
    assert "1 / 2" in body  # questions answered of raised
    assert "Comments appear once at least three people have answered" in body
    assert "More cohort time" not in body  # one answer: its comment would give its author away
    assert coaching_canary.secret not in body and coaching_canary.journal_secret not in body


def test_the_pair_s_members_do_see_the_canary(people: Personas, coaching_canary: CoachingCanary):
    secret, journal = coaching_canary.secret, coaching_canary.journal_secret
    head_pages = crawl(signed_in_client(coaching_canary.mentee), ["/"])
    head_text = "".join(head_pages.values())
    for text in (
        f"Question {secret}",
        f"Answer {secret}",
        f"Notes {secret}",
        f"Action {secret}",
        f"Progress {secret}",
        f"Resource {secret}",
        f"Coach reflection {secret}",
        f"Topic {secret}",
        f"Cohort notes {secret}",
        f"Body {journal}",
        f"File {secret}",  # the file itself, downloaded
    ):
        assert text in head_text, text
    assert f"Room {secret}" in feeds_of(signed_in_client(None), coaching_canary.mentee)


def test_digests_carry_the_canary_to_members_only(
    people: Personas, canary: tuple[str, int], settings, mailoutbox
):
    from django.core.management import call_command

    from kinship.families.models import Circle
    from kinship.families.services import circle_member_add

    secret, circle_pk = canary
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # A second member follows the board; non-members follow everything they can.
    circle = Circle.objects.get(pk=circle_pk)
    circle_member_add(actor=people.teacher, circle=circle, user=people.head)
    board = circle_board_ensure(actor=people.head, circle=circle)
    board_subscribe(actor=people.head, board=board, frequency="daily")
    thread_create(actor=people.teacher, board=board, title=f"Second {secret}", body=secret)
    circle.memberships.filter(user=people.head).delete()  # and then leaves before the digest
    call_command("send_notification_digests", "--frequency", "daily", "--now")
    call_command("send_notification_digests", "--frequency", "weekly", "--now")
    # The weekly digest's "what's on" shows the circle's meeting to its one member still in
    # it, its organiser; nobody else hears of it.
    members = {m.user.email for m in circle.memberships.select_related("user")}
    assert members == {people.teacher.email}
    carried = [m.to for m in mailoutbox if secret in m.body or secret in m.subject]
    assert all(set(to) <= members for to in carried)


def test_a_familys_resources_and_threads_never_reach_another_family(people: Personas):
    from kinship.forums.services import family_board_create

    secret = f"family-canary-{uuid.uuid4().hex}"
    resource_create(
        actor=people.head, kind="page", body=f"Body {secret}",
        fields=ResourceFields(title=f"Resource {secret}", licence=Licence.CC_BY,
                              audience=LibraryAudience.FAMILY, family=people.family),
    )  # fmt: skip
    board = family_board_create(actor=people.coordinator, family=people.family, title="Staffroom")
    thread_create(actor=people.teacher, board=board, title=f"Thread {secret}", body=secret)
    starts = [*start_urls(people), "/forums/", "/notifications/", "/library/"]
    # Another family's head and a pupil crawl everything; platform admins may read the
    # audit log of open (not confidential) sharing, so they are left to the main canary.
    for role in ("outsider", "pupil"):
        client = signed_in_client(people.by_role(role))
        pages = crawl(client, starts)
        assert [url for url, body in pages.items() if secret in body] == [], role
        assert secret not in search_results(client, secret), role
    member = signed_in_client(people.teacher)
    member_pages = crawl(member, ["/forums/", "/library/"])
    assert f"Resource {secret}" in search_results(member, secret)
    assert any(f"Thread {secret}" in body for body in member_pages.values())
