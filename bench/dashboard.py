"""How long the dashboard takes for a person in 5 families, and how many queries it makes.

    python -m bench.dashboard [--families 5] [--repeat 200]

Renders in-process through Django's test client (middleware, templates and all, without
the test framework's template instrumentation), on a fresh database; prints the median and
95th percentile, and the query count for 1 and N families.
"""

import argparse
import statistics
import time

from bench.database import fresh_database


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--families", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()

    with fresh_database("dashboard") as vendor:
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        from kinship.accounts.services import user_create
        from kinship.families.models import Family
        from kinship.families.services import (
            circle_create,
            circle_post_create,
            family_create,
            family_school_add,
        )
        from kinship.schools.models import School, SchoolRole
        from kinship.schools.services import school_role_grant

        # No setup_test_environment(): it copies every template's context for the test
        # client, some 20 ms here that no real request pays ("testserver" is allowed anyway).

        def school(urn: int) -> School:
            return School.objects.create(urn=urn, name=f"School {urn}", phase="Primary")

        head = user_create(email="head@bench.test", display_name="Bench Head", password=None)
        home = school(100000)
        school_role_grant(actor=None, user=head, school=home, role=SchoolRole.Role.LEAD)

        def add_family(n: int) -> None:
            family = family_create(actor=head, name=f"Family {n}", kind=Family.Kind.OTHER)
            family_school_add(actor=head, family=family, school=home)
            for k in range(8):
                family_school_add(
                    actor=head, family=family, school=school(100000 + n * 100 + k + 1)
                )
            circle = circle_create(actor=head, families=[family], name=f"Circle {n}")
            for k in range(5):
                circle_post_create(actor=head, circle=circle, body=f"Post {k} in family {n}")

        client = Client()
        client.force_login(head)

        def queries() -> int:
            with CaptureQueriesContext(connection) as ctx:
                assert client.get("/").status_code == 200
            return len(ctx.captured_queries)

        add_family(1)
        queries_one = queries()
        for n in range(2, args.families + 1):
            add_family(n)
        queries_many = queries()

        timings = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            response = client.get("/")
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
        timings.sort()
        print(f"database: {vendor}")
        print(f"queries: {queries_one} for 1 family, {queries_many} for {args.families} families")
        print(
            f"dashboard render for a head in {args.families} families over {args.repeat} runs: "
            f"median {statistics.median(timings):.1f} ms, "
            f"95th percentile {timings[int(len(timings) * 0.95) - 1]:.1f} ms (target < 50 ms)"
        )


if __name__ == "__main__":
    main()
