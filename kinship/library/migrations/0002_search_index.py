"""The GIN index on the stored search vector (PostgreSQL only: SQLite has no tsvector and
searches the columns directly, see kinship.library.selectors)."""

from typing import Any

from django.db import migrations

INDEX = "library_resource_search_gin"


def create_index(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON library_resource USING gin (search_vector)"
        )


def drop_index(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]
    operations = [migrations.RunPython(create_index, drop_index)]
