"""A fresh, migrated database for one benchmark run, on whatever DATABASE_URL names.

SQLite (the default): a file in a temporary folder. PostgreSQL: a new database on the same
server, dropped afterwards. Call before anything imports Django models.
"""

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlparse, urlunparse


@contextmanager
def fresh_database(label: str) -> Iterator[str]:
    """Point Django at a new empty database, migrate it, and yield its engine name."""
    base_url = os.environ.get("DATABASE_URL", "")
    with tempfile.TemporaryDirectory(prefix=f"kinship-bench-{label}-") as tmp:
        pg_name = None
        if base_url.startswith("postgres"):
            import psycopg

            pg_name = f"kinship_bench_{label}_{os.getpid()}"
            with psycopg.connect(base_url, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{pg_name}"')
                conn.execute(f'CREATE DATABASE "{pg_name}"')
            os.environ["DATABASE_URL"] = urlunparse(urlparse(base_url)._replace(path=f"/{pg_name}"))
        else:
            os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinship.settings")
        os.environ["KINSHIP_VAR_DIR"] = tmp
        os.makedirs(f"{tmp}/static")  # WhiteNoise warns when STATIC_ROOT is missing
        try:
            import django
            from django.core.management import call_command
            from django.db import connection

            django.setup()
            call_command("migrate", verbosity=0)
            yield connection.vendor
            connection.close()
        finally:
            os.environ["DATABASE_URL"] = base_url
            if pg_name:
                import psycopg

                with psycopg.connect(base_url, autocommit=True) as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')
