"""Keeping the stored search vectors of resources up to date (PostgreSQL only)."""

from collections.abc import Sequence

from django.contrib.postgres.search import SearchVector
from django.db import connection

from kinship.library.models import Resource

SEARCH_CONFIG = "english"


def search_vector_refresh(resource_ids: Sequence[int]) -> None:
    """Rebuild the stored search vectors of these resources (PostgreSQL only: SQLite searches
    the columns directly). Title weighs most, then summary and tags, then the text."""
    if connection.vendor != "postgresql" or not resource_ids:
        return
    head = SearchVector("title", weight="A", config=SEARCH_CONFIG) + SearchVector(
        "summary", "tag_names", weight="B", config=SEARCH_CONFIG
    )
    Resource.objects.filter(pk__in=list(resource_ids)).update(
        search_vector=head + SearchVector("body_text", weight="C", config=SEARCH_CONFIG),
        search_head=head,
    )
