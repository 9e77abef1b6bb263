"""What each page costs a coordinator and a teacher, as a multiple of the sign-in page.

    python -m bench.pages [--posts 955] [--resources 500] [--repeat 30] [--small]

Loads the demo family (`seed_demo`, through the real services), then adds what grows: a
thread of 955 posts on the Kaizen staffroom board and 500 more library resources. Each page
is fetched in-process through Django's test client (middleware, templates and all, without
the test framework's template instrumentation) `--repeat` times; the figure is its median
processor time divided by that of the sign-in page, so that it does not depend on how fast
the machine is. Goals (issue 16, "pages that stay fast as data grows"):

| page | goal |
|---|---|
| dashboard | at most 10x the sign-in page |
| family page, calendar, library search, a forum thread | at most 6x |

Other pages are printed for information. Each line also gives the query count.
"""

import argparse
import io
import os
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from bench.database import fresh_database

DASHBOARD_GOAL = 10.0
PAGE_GOAL = 6.0
WORDS = [
    "phonics", "fractions", "moderation", "writing", "reading", "assessment", "playtime",
    "curriculum", "greater", "depth", "Year", "6", "scripts", "maths", "mastery",
    "attendance", "transition", "staff", "meeting", "visit", "classroom",
]  # fmt: skip


@dataclass(frozen=True)
class Page:
    name: str
    url: str
    goal: float | None  # a multiple of the sign-in page; None: shown for information


def median_ms(call: Callable[[], object], repeat: int) -> float:
    """The median processor time of `call` (SQLite runs in-process, so its share counts):
    on a machine shared with other work, wall-clock time measures the neighbours too."""
    timings = []
    for _ in range(repeat):
        start = time.process_time()
        call()
        timings.append((time.process_time() - start) * 1000)
    return statistics.median(timings)


def verdict(multiple: float, goal: float | None) -> str:
    if goal is None:
        return "(for information)"
    return f"(goal <= {goal:.0f}x: {'meets' if multiple <= goal else 'MISSES'})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=955)
    parser.add_argument("--resources", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--small", action="store_true", help="60 posts, 20 resources, 2 runs")
    args = parser.parse_args()
    if args.small:
        args.posts, args.resources, args.repeat = 60, 20, 2
    # Emails would go to the task queue: not what is measured here.
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"
    rng = random.Random(args.seed)

    with fresh_database("pages") as vendor:
        from datetime import timedelta

        from django.core.management import call_command
        from django.db import connection, transaction
        from django.test import Client
        from django.test.utils import CaptureQueriesContext
        from django.utils import timezone

        from kinship.accounts.models import User
        from kinship.families.models import Family
        from kinship.forums.models import Board, Post, PostStatus, Thread
        from kinship.forums.services import thread_create
        from kinship.library.models import Audience, Kind, Licence, Resource
        from kinship.library.services import search_vector_refresh

        started = time.perf_counter()
        call_command("seed_demo", stdout=io.StringIO())
        coordinator = User.objects.get(email="coordinator@demo.kinship.test")
        teacher = User.objects.get(email="teacher.brookfield@demo.kinship.test")
        family = Family.objects.get(name="Kaizen Network")
        board = Board.objects.get(title="Kaizen: staffroom")

        def sentence() -> str:
            return " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 30))).capitalize()

        def body() -> str:
            # Markdown as people write it: paragraphs, some bold, now and then a list.
            parts = [f"{sentence()} **{rng.choice(WORDS)}** {sentence()}."]
            if rng.random() < 0.3:
                parts.append("\n".join(f"- {sentence()}" for _ in range(3)))
            parts.append(f"{sentence()}.")
            return "\n\n".join(parts)

        thread = thread_create(actor=coordinator, board=board, title="A long thread", body=body())
        people = [coordinator, teacher]
        start = timezone.now() - timedelta(days=90)
        with transaction.atomic():
            # Straight into the table: the posting services' limits would stop 955 replies.
            Post.objects.bulk_create(
                Post(
                    thread=thread,
                    author=people[n % 2],
                    body=body(),
                    status=PostStatus.PUBLISHED,
                    created_at=start + timedelta(minutes=n),
                )
                for n in range(args.posts)
            )
            Thread.objects.filter(pk=thread.pk).update(last_activity_at=timezone.now())
            resources = Resource.objects.bulk_create(
                Resource(
                    kind=rng.choice(Kind.values),
                    title=sentence()[:80],
                    summary=sentence(),
                    body_text=" ".join(sentence() for _ in range(10)),
                    author=rng.choice(people),
                    licence=Licence.CC_BY,
                    audience=Audience.FAMILY,
                    family=family,
                )
                for _ in range(args.resources)
            )
            search_vector_refresh([resource.pk for resource in resources])
        built = time.perf_counter() - started

        pages = [
            Page("sign-in page", "/accounts/login/", None),
            Page("dashboard", "/", DASHBOARD_GOAL),
            Page("family page", family.get_absolute_url(), PAGE_GOAL),
            Page("calendar", f"/meetings/families/{family.slug}/calendar/", PAGE_GOAL),
            Page("library search", "/library/?q=phonics", PAGE_GOAL),
            Page(f"forum thread ({args.posts + 1} posts)", thread.get_absolute_url(), PAGE_GOAL),
            Page("forums home", "/forums/", None),
            Page("board", board.get_absolute_url(), None),
            Page("notifications", "/notifications/", None),
        ]
        print(f"database: {vendor}; demo family and bulk data built in {built:.1f} s")
        for person, label in ((coordinator, "coordinator"), (teacher, "teacher")):
            anonymous = Client()
            client = Client()
            client.force_login(person)
            base = 0.0
            print(f"\n{label} ({person.display_name}), median of {args.repeat} runs:")
            for page in pages:
                browser = anonymous if page.url == "/accounts/login/" else client

                def fetch(browser: Client = browser, url: str = page.url) -> None:
                    response = browser.get(url)
                    assert response.status_code == 200, (url, response.status_code)

                fetch()  # warm: templates compiled, caches filled as a second visitor finds them
                with CaptureQueriesContext(connection) as queries:
                    fetch()
                count = len(queries.captured_queries)  # now: the next request empties the log
                ms = median_ms(fetch, args.repeat)
                base = base or ms
                multiple = ms / base
                print(
                    f"  {page.name:<28} {ms:7.1f} ms  {multiple:5.1f}x  "
                    f"{count:3d} queries  {verdict(multiple, page.goal)}"
                )


if __name__ == "__main__":
    main()
