"""Read-only queries about schools and who shares a family with whom."""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlsplit

from django.core.cache import cache
from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Replace, Upper

from kinship.membership import visibility
from kinship.schools.models import School, SchoolRole, TermCalendar
from kinship.schools.term_dates import HALF_TERM_NAMES, ClosureKind, TermYear, academic_year_of
from kinship.schools.term_dates import Closure as ClosureDates
from kinship.schools.term_dates import HalfTerm as HalfTermDates

STAFF_ROLES = (SchoolRole.Role.LEAD, SchoolRole.Role.STAFF)


def schools_matching(query: str) -> QuerySet[School]:
    """Schools whose name or town contains `query`, whose postcode starts with it (spaces
    ignored), or whose URN it is; every school when `query` is blank. Ordered by name."""
    schools = School.objects.only(
        "urn", "name", "la_name", "phase", "status", "is_open", "town", "postcode"
    ).order_by("name", "urn")
    query = " ".join(query.split())
    if not query:
        return schools
    compact = query.replace(" ", "").upper()
    match = (
        Q(name__icontains=query)
        | Q(town__icontains=query)
        | Q(postcode_compact__startswith=compact)
    )
    if query.isdigit() and len(query) <= 9:
        match |= Q(urn=int(query))
    return schools.annotate(
        postcode_compact=Replace(Upper("postcode"), Value(" "), Value(""))
    ).filter(match)


@dataclass
class SchoolProfile:
    """What a school's page shows. `listed_staff` is None when the viewer may not see it."""

    school: School
    families: list[Any]
    map_schools: list[School]
    listed_staff: list[SchoolRole] | None
    website_url: str


def school_profile(school: School, *, with_staff: bool) -> SchoolProfile:
    """The school's active families, the schools it shares them with (for the map) and, when
    `with_staff`, the leads and staff who chose to be listed: four queries however many."""
    families = list(visibility.families_of_school(school))
    partners = (
        visibility.active_member_schools([family.pk for family in families])
        .exclude(pk=school.pk)
        .only("urn", "name", "easting", "northing", "latitude", "longitude")
    )
    return SchoolProfile(
        school=school,
        families=families,
        map_schools=[school, *partners] if families else [school],
        listed_staff=listed_staff_of(school) if with_staff else None,
        website_url=website_url(school.website),
    )


def listed_staff_of(school: School) -> list[SchoolRole]:
    """Leads, then staff, who chose to appear on the school's profile; each person once.
    Pupils are never listed."""
    roles = (
        SchoolRole.objects.filter(
            school=school, role__in=STAFF_ROLES, listed_on_profile=True, user__is_active=True
        )
        .select_related("user")
        .prefetch_related("user__expertise")
        .order_by("role", "user__display_name", "user__pk")  # "lead" sorts before "staff"
    )
    seen: set[int] = set()
    listed = []
    for role in roles:
        if role.user_id not in seen:
            seen.add(role.user_id)
            listed.append(role)
    return listed


def website_url(website: str) -> str:
    """A link for the website GIAS gives (often without a scheme), or "" if it is not a web
    address: nothing but http and https ever reaches an href."""
    website = website.strip()
    if not website or any(character.isspace() for character in website):
        return ""
    if not website.lower().startswith(("http://", "https://")):
        if "://" in website or ":" in website.split("/")[0]:
            return ""
        website = f"https://{website}"
    parsed = urlsplit(website)
    if parsed.scheme.lower() not in ("http", "https") or "." not in (parsed.hostname or ""):
        return ""
    return website


# Term dates


def term_year_of(calendar: TermCalendar) -> TermYear:
    """A saved calendar as the pure type the checks and the recurrence rules work on."""
    return TermYear(
        start_year=calendar.academic_year,
        half_terms=tuple(HalfTermDates(h.start, h.end) for h in calendar.half_terms.all()),
        closures=tuple(
            ClosureDates(c.date, ClosureKind(c.kind), c.label) for c in calendar.closures.all()
        ),
    )


def _with_dates(calendars: QuerySet[TermCalendar]) -> QuerySet[TermCalendar]:
    return calendars.select_related("school", "updated_by").prefetch_related(
        "half_terms", "closures"
    )


def calendar_for(school: School, academic_year: int) -> TermCalendar | None:
    """The school's own calendar for the year, or else its local authority's."""
    return calendars_for_schools([school], academic_year)[school.pk]


def school_day_near(
    school: School, near: date, *, step: int, weekdays: tuple[int, ...] = (0, 1, 2, 3, 4)
) -> date:
    """The nearest day from `near` (going back for step -1, forward for +1) on which the
    school's pupils are in and that falls on one of `weekdays`; for demo and test data
    that must land on a real school day whatever today is."""
    day = near
    for _ in range(400):
        calendar = calendar_for(school, academic_year_of(day))
        is_open = term_year_of(calendar).is_open(day) if calendar else day.weekday() < 5
        if is_open and day.weekday() in weekdays:
            return day
        day += timedelta(days=step)
    return near


def calendars_for_schools(
    schools: Sequence[School], academic_year: int
) -> dict[int, TermCalendar | None]:
    """Each school's calendar for the year (its own, else its authority's, else None), in
    six queries however many schools: a family page lists fifty side by side."""
    own = {
        calendar.school_id: calendar
        for calendar in _with_dates(
            TermCalendar.objects.filter(
                academic_year=academic_year, school__in=[school.pk for school in schools]
            )
        )
    }
    authorities = {school.la_name for school in schools if school.pk not in own and school.la_name}
    shared = {
        calendar.la_name: calendar
        for calendar in _with_dates(
            TermCalendar.objects.filter(
                academic_year=academic_year, school__isnull=True, la_name__in=authorities
            )
        )
    }
    return {school.pk: own.get(school.pk) or shared.get(school.la_name) for school in schools}


@dataclass(frozen=True)
class HalfTermCell:
    """One school's half-term: its dates and the days it is closed inside them."""

    start: date
    end: date
    closures: list[ClosureDates]


@dataclass(frozen=True)
class SchoolTerms:
    school: School
    calendar: TermCalendar | None
    half_terms: list[HalfTermCell | None]
    pupil_days: int
    inset_days: int

    @property
    def shared_from_authority(self) -> bool:
        return self.calendar is not None and self.calendar.school_id is None


@dataclass(frozen=True)
class CommonHalfTerm:
    """The days of one half-term when every school with term dates has pupils in."""

    name: str
    days: int
    first: date | None
    last: date | None
    # Weekdays inside the span when at least one school is closed, with who and why.
    exceptions: list[tuple[date, list[str]]]


@dataclass(frozen=True)
class YearGrid:
    academic_year: int
    label: str
    half_term_names: tuple[str, ...]
    rows: list[SchoolTerms]
    common: list[CommonHalfTerm]
    common_days: int
    # Each school with term dates, and the days its pupils are in.
    open_days: list[tuple[str, frozenset[date]]]
    # The INSET days every school with term dates shares: the family's common INSET days.
    common_insets: tuple[date, ...] = ()

    @property
    def missing(self) -> list[School]:
        return [row.school for row in self.rows if row.calendar is None]

    def out_on(self, day: date) -> list[str]:
        """The schools (with term dates) whose pupils are not in on `day`."""
        return [name for name, days in self.open_days if day not in days]


def year_grid(schools: Sequence[School], academic_year: int) -> YearGrid:
    """Member schools' term dates side by side, and the days when all of them are in."""
    calendars = calendars_for_schools(schools, academic_year)
    rows: list[SchoolTerms] = []
    years: list[tuple[str, TermYear]] = []
    # An authority's calendar is shared by many schools: work each one out once.
    worked_out: dict[int, tuple[TermYear, list[HalfTermCell | None], int, int]] = {}
    for school in sorted(schools, key=lambda school: school.name):
        calendar = calendars[school.pk]
        if calendar is None:
            rows.append(SchoolTerms(school, None, [None] * len(HALF_TERM_NAMES), 0, 0))
            continue
        if calendar.pk not in worked_out:
            worked_out[calendar.pk] = _worked_out(term_year_of(calendar))
        year, cells, pupil_days, inset_days = worked_out[calendar.pk]
        years.append((school.name, year))
        rows.append(SchoolTerms(school, calendar, cells, pupil_days, inset_days))
    open_days = _open_days(years)
    common = _common_half_terms(years, open_days)
    return YearGrid(
        academic_year=academic_year,
        label=f"{academic_year}–{(academic_year + 1) % 100:02d}",
        half_term_names=HALF_TERM_NAMES,
        rows=rows,
        common=common,
        common_days=sum(half.days for half in common),
        open_days=open_days,
        common_insets=_common_insets([year for _, year in years]),
    )


YEAR_GRID_SECONDS = 24 * 60 * 60


def year_grid_version(schools: Sequence[School], academic_year: int) -> str:
    """A key that changes whenever the grid would: a school joins, leaves or is renamed, or
    a calendar the schools follow is saved (its updated_at moves) or deleted. One query."""
    pks = [school.pk for school in schools]
    authorities = {school.la_name for school in schools if school.la_name}
    calendars = TermCalendar.objects.filter(academic_year=academic_year).filter(
        Q(school__in=pks) | Q(school__isnull=True, la_name__in=authorities)
    )
    state = (
        academic_year,
        sorted((school.pk, school.name, school.la_name) for school in schools),
        sorted(calendars.values_list("pk", "updated_at")),
    )
    return hashlib.sha256(repr(state).encode()).hexdigest()[:32]


def cached_year_grid(schools: Sequence[School], academic_year: int) -> tuple[YearGrid, str]:
    """The year grid and its version, from the cache when nothing has changed: a family's
    members all open the same calendar page, and working out fifty schools' years is the
    slow part of it."""
    version = year_grid_version(schools, academic_year)
    key = f"kinship:year-grid:{version}"
    grid = cache.get(key)
    if grid is None:
        grid = year_grid(schools, academic_year)
        cache.set(key, grid, YEAR_GRID_SECONDS)
    return grid, version


def _worked_out(year: TermYear) -> tuple[TermYear, list[HalfTermCell | None], int, int]:
    cells: list[HalfTermCell | None] = [
        HalfTermCell(h.start, h.end, [c for c in year.closures if h.start <= c.date <= h.end])
        for h in year.half_terms
    ]
    cells += [None] * (len(HALF_TERM_NAMES) - len(cells))
    return year, cells, year.pupil_days, year.inset_days


def _common_insets(years: Sequence[TermYear]) -> tuple[date, ...]:
    if not years:
        return ()
    shared = set.intersection(
        *({c.date for c in year.closures if c.kind is ClosureKind.INSET} for year in years)
    )
    return tuple(sorted(shared))


def _open_days(years: Sequence[tuple[str, TermYear]]) -> list[tuple[str, frozenset[date]]]:
    by_year: dict[int, frozenset[date]] = {}  # schools sharing an LA's year share its days
    for _, year in years:
        if id(year) not in by_year:
            by_year[id(year)] = year.open_days()
    return [(name, by_year[id(year)]) for name, year in years]


def _common_half_terms(
    years: Sequence[tuple[str, TermYear]], open_days: list[tuple[str, frozenset[date]]]
) -> list[CommonHalfTerm]:
    """Per half-term, the weekdays every school is open, counted over the span of the
    schools' half-terms with that number (a school whose half-term starts a week later
    closes the first week for the others)."""
    common: list[CommonHalfTerm] = []
    for index, name in enumerate(HALF_TERM_NAMES):
        spans = [y.half_terms[index] for _, y in years if index < len(y.half_terms)]
        if not spans:
            continue
        first_day, last_day = min(s.start for s in spans), max(s.end for s in spans)
        all_open: list[date] = []
        exceptions: list[tuple[date, list[str]]] = []
        for offset in range((last_day - first_day).days + 1):
            day = first_day + timedelta(days=offset)
            if day.weekday() >= 5:
                continue
            closed = [school for school, days in open_days if day not in days]
            if closed:
                exceptions.append((day, closed))
            else:
                all_open.append(day)
        common.append(
            CommonHalfTerm(
                name=name,
                days=len(all_open),
                first=all_open[0] if all_open else None,
                last=all_open[-1] if all_open else None,
                exceptions=exceptions,
            )
        )
    return common
