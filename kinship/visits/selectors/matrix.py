"""Who visits whom across a family: a coordinator's view of whether visiting is reciprocal,
for an academic year or for one plan. Counts of agreed visits only, never who made them."""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from kinship.families.models import Family
from kinship.membership import visibility
from kinship.schools.models import School
from kinship.visits.models import Visit, VisitPlan


@dataclass(frozen=True)
class MatrixRow:
    school: School
    cells: list[int | None]  # visits this school's staff made to each school; None: itself
    given: int  # visits its staff made to other schools
    received: int  # visits other schools' staff made to it

    @property
    def one_sided(self) -> str:
        """ "hosts only" or "visits only" when the school only gives or only receives."""
        if self.received and not self.given:
            return "hosts only"
        if self.given and not self.received:
            return "visits only"
        return ""


@dataclass(frozen=True)
class VisitMatrix:
    schools: list[School]  # the columns, in the rows' order
    rows: list[MatrixRow]
    total: int

    @property
    def chart(self) -> dict[str, list[object]]:
        return {
            "labels": [row.school.name for row in self.rows],
            "given": [row.given for row in self.rows],
            "received": [row.received for row in self.rows],
        }


def build_matrix(schools: list[School], pairs: list[tuple[int, int]]) -> VisitMatrix:
    """The matrix of `pairs` (visitor school id, host school id) among `schools`; a school
    outside the list that appears in a pair (it has since left the family) is added."""
    counts = Counter(pair for pair in pairs if pair[0] != pair[1])
    known = {school.pk for school in schools}
    missing = {pk for pair in counts for pk in pair} - known
    everyone = sorted(
        [*schools, *School.objects.filter(pk__in=missing)], key=lambda s: (s.name, s.pk)
    )
    rows = []
    for visitor in everyone:
        cells: list[int | None] = [
            None if host.pk == visitor.pk else counts[(visitor.pk, host.pk)] for host in everyone
        ]
        given = sum(cell or 0 for cell in cells)
        received = sum(counts[(other.pk, visitor.pk)] for other in everyone)
        rows.append(MatrixRow(visitor, cells, given, received))
    return VisitMatrix(everyone, rows, sum(counts.values()))


def _agreed(visits: QuerySet[Visit]) -> list[tuple[int, int]]:
    return list(
        visits.filter(status=Visit.Status.ACCEPTED).values_list(
            "visitor_school_id", "host_school_id"
        )
    )


def _member_schools(family: Family) -> list[School]:
    return list(visibility.active_member_schools([family.pk]).only("urn", "name"))


def family_year_matrix(family: Family, first: date, last: date) -> VisitMatrix:
    """Every agreed visit in the family between two dates: from open classrooms and plans."""
    visits = Visit.objects.filter(family=family, date__gte=first, date__lte=last)
    return build_matrix(_member_schools(family), _agreed(visits))


def plan_matrix(plan: VisitPlan) -> VisitMatrix:
    """The visits a published plan put in calendars and that still stand."""
    return build_matrix(_member_schools(plan.family), _agreed(plan.visits.all()))


def published_plans(family: Family, first: date, last: date) -> QuerySet[VisitPlan]:
    """The family's published plans whose window falls in the dates, latest first."""
    return VisitPlan.objects.filter(
        family=family, published_at__isnull=False, window_start__lte=last, window_end__gte=first
    ).order_by("-window_start", "title")


def published_plan(family: Family, pk: str) -> VisitPlan | None:
    """One of the family's published plans, by the id in an address; None if it is not."""
    if not (pk.isascii() and pk.isdigit() and len(pk) <= 9):
        return None
    return VisitPlan.objects.filter(family=family, published_at__isnull=False, pk=int(pk)).first()
