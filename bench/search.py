"""Library search speed: two-word queries over 100,000 resources, permission filter included.

    python -m bench.search [--resources 100000] [--queries 200] [--seed 2026]

Builds a fresh database (bench/database.py): 60 families of 8 schools, 240 circles, and
resources shared with a family (65%), a circle (15%) or everyone (20%), with titles,
summaries and text drawn from a school vocabulary and a long tail of rarer words (Zipf).
The searcher teaches at a school in three families and sits in four circles. Each query is
timed as the search page runs it: the first 20 results, best first, and the total count;
facet counts are timed apart. Targets (PostgreSQL): median < 30 ms, 95th percentile < 100 ms.
"""

import argparse
import random
import statistics
import time
from itertools import accumulate

from bench.database import fresh_database

SCHOOL_WORDS = [
    "fractions",
    "reading",
    "writing",
    "phonics",
    "assessment",
    "moderation",
    "reasoning",
    "fluency",
    "vocabulary",
    "grammar",
    "punctuation",
    "spelling",
    "handwriting",
    "comprehension",
    "inference",
    "retrieval",
    "science",
    "forces",
    "magnets",
    "electricity",
    "plants",
    "animals",
    "habitats",
    "rocks",
    "volcanoes",
    "earthquakes",
    "history",
    "romans",
    "vikings",
    "tudors",
    "victorians",
    "geography",
    "rivers",
    "mountains",
    "maps",
    "coasts",
    "settlements",
    "computing",
    "coding",
    "algorithms",
    "music",
    "rhythm",
    "art",
    "sketching",
    "sculpture",
    "design",
    "technology",
    "cooking",
    "nutrition",
    "swimming",
    "gymnastics",
    "dance",
    "athletics",
    "french",
    "spanish",
    "religion",
    "festivals",
    "wellbeing",
    "resilience",
    "friendship",
    "bullying",
    "safeguarding",
    "attendance",
    "behaviour",
    "rewards",
    "sanctions",
    "curriculum",
    "planning",
    "progression",
    "intent",
    "implementation",
    "impact",
    "ofsted",
    "deep",
    "dive",
    "subject",
    "leader",
    "governors",
    "budget",
    "staffing",
    "induction",
    "mentoring",
    "coaching",
    "feedback",
    "marking",
    "retrieval",
    "practice",
    "quizzes",
    "knowledge",
    "organisers",
    "homework",
    "parents",
    "workshop",
    "transition",
    "reception",
    "nursery",
    "continuous",
    "provision",
    "outdoor",
    "learning",
    "forest",
    "school",
    "send",
    "ehcp",
    "dyslexia",
    "autism",
    "speech",
    "language",
    "interventions",
    "tutoring",
    "catch",
    "up",
    "disadvantaged",
    "pupil",
    "premium",
    "multiplication",
    "division",
    "addition",
    "subtraction",
    "place",
    "value",
    "decimals",
    "percentages",
    "ratio",
    "algebra",
    "geometry",
    "shapes",
    "angles",
    "measurement",
    "time",
    "money",
    "statistics",
    "graphs",
    "number",
    "line",
    "bar",
    "model",
    "manipulatives",
    "mastery",
    "variation",
    "talk",
    "oracy",
    "debate",
    "poetry",
    "narrative",
    "persuasive",
    "report",
    "diary",
    "letter",
    "playscript",
    "myths",
    "legends",
]


def vocabulary(rng: random.Random, size: int) -> list[str]:
    syllables = [
        "ka",
        "lo",
        "mi",
        "ren",
        "tor",
        "sa",
        "vel",
        "dun",
        "pri",
        "qua",
        "zen",
        "mor",
        "bel",
        "tis",
        "gar",
        "nov",
        "ul",
        "fen",
        "rok",
        "sim",
    ]
    words = list(dict.fromkeys(SCHOOL_WORDS))
    while len(words) < size:
        word = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))
        if word not in words:
            words.append(word)
    return words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--resources", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--explain", action="store_true", help="print the plan of one search")
    args = parser.parse_args()
    rng = random.Random(args.seed)

    with fresh_database("search") as vendor:
        from django.db import connection, transaction
        from django.test.utils import CaptureQueriesContext

        from kinship.accounts.models import User
        from kinship.families.models import Circle, CircleMembership, Family, FamilyMembership
        from kinship.library.models import (
            Audience,
            KeyStage,
            Kind,
            Licence,
            Phase,
            Resource,
            Subject,
        )
        from kinship.library.selectors import resource_search
        from kinship.library.services import search_vector_refresh
        from kinship.schools.models import School, SchoolRole

        started = time.perf_counter()
        words = vocabulary(rng, 9000)
        # Each resource is about one of 40 topics: 60% of its words come from its topic's 75
        # words (five real ones, "fractions", "number line"...), the rest from 3,000 general
        # words every resource uses. Both follow Zipf-Mandelbrot frequencies, so a topic's
        # commonest words are in most of its resources and the commonest general words in
        # most of all resources.
        school_words, synthetic = words[: len(SCHOOL_WORDS)], words[len(SCHOOL_WORDS) :]
        general = synthetic[:3000]
        topics = [
            school_words[t * 5 : t * 5 + 5] + synthetic[3000 + t * 70 : 3070 + t * 70]
            for t in range(40)
        ]
        general_weights = list(accumulate(1 / (rank + 10) for rank in range(len(general))))
        topic_weights = list(accumulate(1 / (rank + 2) for rank in range(75)))

        def text(count: int, topic: list[str]) -> str:
            own = round(count * 0.6)
            chosen = rng.choices(topic, cum_weights=topic_weights[: len(topic)], k=own)
            chosen += rng.choices(general, cum_weights=general_weights, k=count - own)
            rng.shuffle(chosen)
            return " ".join(chosen)

        with transaction.atomic():
            families = Family.objects.bulk_create(
                [Family(name=f"Family {n}", slug=f"family-{n}") for n in range(60)]
            )
            schools = School.objects.bulk_create(
                [School(urn=300000 + n, name=f"School {n}") for n in range(480)]
            )
            FamilyMembership.objects.bulk_create(
                [
                    FamilyMembership(family=families[n % 60], school=schools[n], status="active")
                    for n in range(480)
                ]
            )
            authors = User.objects.bulk_create(
                [
                    User(email=f"author{n}@bench.test", display_name=f"Author {n}")
                    for n in range(200)
                ]
            )
            searcher = User.objects.create(email="searcher@bench.test", display_name="Searcher")
            home = schools[0]  # in family 0; add the searcher's school to two more families
            FamilyMembership.objects.bulk_create(
                [FamilyMembership(family=families[k], school=home, status="active") for k in (1, 2)]
            )
            SchoolRole.objects.create(user=searcher, school=home, role="staff")
            circles = Circle.objects.bulk_create([Circle(name=f"Circle {n}") for n in range(240)])
            Circle.families.through.objects.bulk_create(
                [
                    Circle.families.through(circle=c, family=families[n % 60])
                    for n, c in enumerate(circles)
                ]
            )
            CircleMembership.objects.bulk_create(
                [CircleMembership(circle=circles[n], user=searcher) for n in (0, 60, 120, 180)]
            )
            subjects, stages = Subject.values, KeyStage.values
            batch: list[Resource] = []
            for _ in range(args.resources):
                topic = rng.choice(topics)
                roll = rng.random()
                audience = (
                    Audience.PLATFORM
                    if roll < 0.2
                    else Audience.CIRCLE
                    if roll < 0.35
                    else Audience.FAMILY
                )
                batch.append(
                    Resource(
                        kind=rng.choice(Kind.values),
                        title=text(rng.randint(3, 8), topic).capitalize(),
                        summary=text(rng.randint(15, 40), topic),
                        body_text=text(rng.randint(60, 250), topic),
                        subject=rng.choice(subjects),
                        key_stage=rng.choice(stages),
                        phase=rng.choice(Phase.values),
                        author=rng.choice(authors),
                        licence=Licence.CC_BY,
                        audience=audience,
                        family=rng.choice(families) if audience == Audience.FAMILY else None,
                        circle=rng.choice(circles) if audience == Audience.CIRCLE else None,
                    )
                )
                if len(batch) == 2000:
                    Resource.objects.bulk_create(batch)
                    batch = []
            Resource.objects.bulk_create(batch)
        built = time.perf_counter() - started
        started = time.perf_counter()
        with transaction.atomic():
            search_vector_refresh(list(Resource.objects.values_list("pk", flat=True)))
        indexed = time.perf_counter() - started
        if vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE library_resource")

        # Two-word queries from the commoner part of the vocabulary (what teachers type).
        queries = []
        for n in range(args.queries):
            topic = rng.choice(topics)
            pair = rng.choices(topic, cum_weights=topic_weights[: len(topic)], k=2)
            if n % 4 == 3:  # a quarter pair a topic word with one of the commonest words
                pair[0] = rng.choices(general[:300], cum_weights=general_weights[:300])[0]
            queries.append(" ".join(pair))
        if args.explain and vendor == "postgresql":
            common = f"{general[0]} {topics[0][0]}"  # the commonest words: the slowest case
            sample = resource_search(searcher, query=common, with_facets=False).resources
            print(sample.query.values("pk")[:20].explain(analyze=True))
        searches, facets, hits, query_counts = [], [], [], []
        for query in queries:
            begin = time.perf_counter()
            with CaptureQueriesContext(connection) as captured:
                result = resource_search(searcher, query=query, with_facets=False)
                first_page = list(result.resources[:20])
                total = result.resources.count()
            searches.append((time.perf_counter() - begin) * 1000)
            query_counts.append(len(captured.captured_queries))
            hits.append(total)
            assert len(first_page) == min(20, total)
            begin = time.perf_counter()
            resource_search(searcher, query=query, with_facets=True)
            facets.append((time.perf_counter() - begin) * 1000)

        def p95(values: list[float]) -> float:
            ordered = sorted(values)
            return ordered[max(0, int(len(ordered) * 0.95) - 1)]

        print(f"database: {vendor}")
        print(
            f"built {args.resources:,} resources in {built:.1f} s; "
            f"search vectors in {indexed:.1f} s"
        )
        print(
            f"matches per query: median {statistics.median(hits):,.0f}, max {max(hits):,} "
            f"(visible to the searcher only); queries per search: {max(query_counts)}"
        )
        print(
            f"search, first 20 results and the count, over {len(queries)} two-word queries: "
            f"median {statistics.median(searches):.1f} ms (target < 30 ms), "
            f"95th percentile {p95(searches):.1f} ms (target < 100 ms)"
        )
        print(
            f"facet counts (subject, key stage, phase, kind, licence): "
            f"median {statistics.median(facets):.1f} ms, 95th percentile {p95(facets):.1f} ms"
        )


if __name__ == "__main__":
    main()
