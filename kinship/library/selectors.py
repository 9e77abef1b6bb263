"""Reading the library. The permission filter is part of every query: a search, a list or a
digest can only ever return what the person may see.

Search is PostgreSQL full-text search (weighted title, summary and tags, text; English
stemming; a stored, GIN-indexed vector) and, on SQLite, the same words matched more simply.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, overload

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When

from kinship.accounts.models import User
from kinship.accounts.types import Viewer
from kinship.families.models import Circle, Family
from kinship.library.models import (
    Audience,
    Collection,
    Comment,
    KeyStage,
    Kind,
    Licence,
    Phase,
    Resource,
    ResourceVersion,
    Subject,
    Tag,
    Use,
)
from kinship.library.text_search import query_terms
from kinship.membership import visibility

SEARCH_CONFIG = "english"


def family_ids_for_library(user: Viewer) -> QuerySet[Any]:
    """Families whose resources the person sees: staff of an active member school, or a
    coordinator (a subquery)."""
    return visibility.family_staff_ids(user)


def visible_filter(user: Viewer) -> Q:
    """A filter on Resource (or Collection, same fields) for what `user` may see."""
    if not visibility.is_staff_account(user):
        return Q(pk__in=[])
    return (
        Q(audience=Audience.PLATFORM)
        | Q(audience=Audience.FAMILY, family_id__in=family_ids_for_library(user))
        | Q(audience=Audience.CIRCLE, circle_id__in=visibility.member_circle_ids(user))
    )


def resources_visible_to(user: Viewer) -> QuerySet[Resource]:
    if not visibility.is_staff_account(user):
        return Resource.objects.none()
    return Resource.objects.filter(visible_filter(user) | Q(author=user))


def visible_resource_ids(user: Viewer) -> QuerySet[Any]:
    """For notifications: the ids of resources the person may see now."""
    return resources_visible_to(user).values("pk")


def collections_visible_to(user: Viewer) -> QuerySet[Collection]:
    if not visibility.is_staff_account(user):
        return Collection.objects.none()
    return Collection.objects.filter(visible_filter(user) | Q(owner=user))


def families_to_share_with(user: Viewer) -> QuerySet[Family]:
    return Family.objects.filter(pk__in=family_ids_for_library(user)).order_by("name")


def circles_to_share_with(user: Viewer) -> QuerySet[Circle]:
    return visibility.circles_of_user(user).order_by("name")


@dataclass
class Filters:
    subject: str = ""
    key_stage: str = ""
    phase: str = ""
    kind: str = ""
    licence: str = ""
    year: str = ""
    tag: str = ""

    def apply(self, resources: QuerySet[Resource]) -> QuerySet[Resource]:
        for name in ("subject", "key_stage", "phase", "kind", "licence"):
            value = getattr(self, name)
            if value:
                resources = resources.filter(**{name: value})
        if self.year:
            resources = resources.filter(year_groups__contains=f",{self.year},")
        if self.tag:
            resources = resources.filter(
                pk__in=Resource.tags.through.objects.filter(tag__slug=self.tag).values(
                    "resource_id"
                )
            )
        return resources

    def is_empty(self) -> bool:
        return not any(vars(self).values())


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    chosen: bool


MAX_COUNTED = 1000  # "more than 1,000 match": nobody pages further, and counting costs


class RankedResources:
    """Search results for a paginator. One narrow query reads the ids of the best
    MAX_COUNTED matches in rank order (which also gives the count); a page's rows are then
    read by id with their authors and schools."""

    def __init__(self, ordered: QuerySet[Resource]) -> None:
        self.query = ordered
        self._ids: list[int] | None = None

    @property
    def ids(self) -> list[int]:
        if self._ids is None:
            self._ids = list(self.query.values_list("pk", flat=True)[:MAX_COUNTED])
        return self._ids

    def count(self) -> int:
        return len(self.ids)

    def __len__(self) -> int:
        return self.count()

    @overload
    def __getitem__(self, key: int) -> Resource: ...
    @overload
    def __getitem__(self, key: slice) -> list[Resource]: ...
    def __getitem__(self, key: int | slice) -> Resource | list[Resource]:
        if isinstance(key, int):
            return self[key : key + 1][0]
        ids = self.ids[key]
        rows = (
            Resource.objects.filter(pk__in=ids)
            .select_related("author", "school", "family", "circle")
            .defer("body_text", "search_vector", "search_head")
            .in_bulk()
        )
        return [rows[pk] for pk in ids if pk in rows]

    def __iter__(self) -> Iterator[Resource]:
        return iter(self[0:MAX_COUNTED])


@dataclass
class SearchResult:
    resources: RankedResources
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)

    @property
    def capped(self) -> bool:
        return self.resources.count() >= MAX_COUNTED


FACETS: dict[str, Any] = {
    "subject": Subject,
    "key_stage": KeyStage,
    "phase": Phase,
    "kind": Kind,
    "licence": Licence,
}


def _postgres_match(resources: QuerySet[Resource], query: str) -> QuerySet[Resource]:
    """Matches anywhere (the GIN-indexed vector of everything), ranked by the small vector of
    title (weight A) and summary and tags (B): a match only in the text ranks below any
    match in the title or summary, then newest first. Ranking on the whole text's vector
    would read every match's largest column, which common words make slow."""
    search = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
    return resources.filter(search_vector=search).annotate(
        rank=SearchRank(F("search_head"), search)
    )


def _simple_match(resources: QuerySet[Resource], query: str) -> QuerySet[Resource]:
    """Every word somewhere (title, summary, tags or text), ranked like PostgreSQL's
    weights: a title match counts most, then summary and tags, then text."""
    terms = query_terms(query)
    if not terms:
        return resources.none()
    rank: Any = Value(0)
    for term in terms:
        resources = resources.filter(
            Q(title__icontains=term)
            | Q(summary__icontains=term)
            | Q(tag_names__icontains=term)
            | Q(body_text__icontains=term)
        )
        rank = (
            rank
            + Case(When(title__icontains=term, then=Value(8)), default=Value(0))
            + Case(
                When(Q(summary__icontains=term) | Q(tag_names__icontains=term), then=Value(4)),
                default=Value(0),
            )
            + Case(When(body_text__icontains=term, then=Value(1)), default=Value(0))
        )
    return resources.annotate(rank=Value(0, output_field=IntegerField()) + rank)


def _facets(matched: QuerySet[Resource], filters: Filters) -> dict[str, list[FacetValue]]:
    """Counts of each facet's values over the whole match, from one grouped query (five
    would each build and run the permission filter and the match again)."""
    names = list(FACETS)
    tallies: dict[str, dict[Any, int]] = {name: {} for name in names}
    grouped = matched.order_by().values_list(*names).annotate(n=Count("pk"))
    for *values, n in grouped.values_list(*names, "n"):
        for name, value in zip(names, values, strict=True):
            tallies[name][value] = tallies[name].get(value, 0) + n
    facets: dict[str, list[FacetValue]] = {}
    for name, choices in FACETS.items():
        counts = tallies[name]
        labels = dict(choices.choices)
        chosen = getattr(filters, name)
        facets[name] = [
            FacetValue(value, str(labels.get(value, value)), count, value == chosen)
            for value, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        ]
    return facets


def resource_search(
    user: Viewer, *, query: str = "", filters: Filters | None = None, with_facets: bool = True
) -> SearchResult:
    """Resources `user` may see that match the words and filters, best first, with facet
    counts over the whole match. No words: everything visible, newest first."""
    filters = filters or Filters()
    resources = filters.apply(resources_visible_to(user))
    query = " ".join(query.split())[:200]
    if query:
        if connection.vendor == "postgresql":
            resources = _postgres_match(resources, query)
        else:
            resources = _simple_match(resources, query)
        ordered = resources.order_by(F("rank").desc(), "-updated_at", "-pk")
    else:
        ordered = resources.order_by("-updated_at", "-pk")
    facets = _facets(resources, filters) if with_facets else {}
    return SearchResult(resources=RankedResources(ordered), facets=facets)


def resource_detail(resource: Resource) -> dict[str, Any]:
    return {
        "versions": list(
            ResourceVersion.objects.filter(resource=resource).select_related("created_by")
        ),
        "comments": list(Comment.objects.filter(resource=resource).select_related("author")),
        "tags": list(resource.tags.all()),
        "users": list(Use.objects.filter(resource=resource, used=True).select_related("user")),
    }


def use_of(user: User, resource: Resource) -> Use | None:
    return Use.objects.filter(user=user, resource=resource).first()


def collection_resources(user: Viewer, collection: Collection) -> QuerySet[Resource]:
    """The collection's resources that this person may see: a collection never opens a
    resource to someone outside its audience."""
    return (
        resources_visible_to(user)
        .filter(collections=collection)
        .select_related("author", "school")
        .order_by("title")
    )


def my_collections(user: User) -> QuerySet[Collection]:
    return Collection.objects.filter(owner=user).order_by("title")


def tags_in_use() -> QuerySet[Tag]:
    return Tag.objects.filter(resources__isnull=False).distinct().order_by("name")


def recent_for(user: Viewer, *, limit: int = 5) -> list[Resource]:
    return list(
        resources_visible_to(user)
        .select_related("author", "school")
        .order_by("-updated_at")[:limit]
    )
