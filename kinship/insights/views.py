"""The insights pages: a family's network for its coordinators, a school's for its leads,
totals for platform admins."""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from kinship.core.http import AuthenticatedHttpRequest
from kinship.families.views import get_family_for_user
from kinship.insights import selectors
from kinship.insights.drawing import HEIGHT, WIDTH, layout
from kinship.schools.views import get_school_for_user

FIRST_YEAR, LAST_YEAR = 2000, 2100


def _window(request: HttpRequest) -> tuple[int, tuple[date, date]]:
    """The academic year asked for in ?year= (2026 for 2026–27), this one when absent."""
    this_year = selectors.academic_year(timezone.localdate())[0].year
    try:
        year = int(request.GET.get("year", this_year))
    except ValueError:
        raise Http404 from None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    return year, (date(year, 9, 1), date(year + 1, 8, 31))


def _network_context(network: selectors.Neighbourhood) -> dict[str, object]:
    """The tables' rows and the drawing's dots and lines for a part of the network."""
    rows = list(zip(network.schools, network.figures.schools, strict=True))
    inside = len(network.members)
    dots, lines = layout(
        inside,
        len(rows) - inside,
        [figure.isolated for _, figure in rows],
        network.figures.pairs,
    )
    return {
        "network": network,
        "members": rows[:inside],
        "term_names": [name for name, _ in network.terms],
        "term_rows": [
            (school, [term[1][index] for term in network.terms])
            for index, (school, _) in enumerate(rows[:inside])
        ],
        "partners": rows[inside:],
        "dots": [(dot, rows[dot.index][0]) for dot in dots],
        "lines": lines,
        "width": WIDTH,
        "height": HEIGHT,
    }


@require_GET
@login_required
def family_insights(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    family = get_family_for_user(request.user, slug, perm="insights.view_family_network")
    year, window = _window(request)
    network = selectors.family_network(family, window)
    context = {
        "family": family,
        "year": year,
        "label": f"{year}–{(year + 1) % 100:02d}",
        "summary": network.figures.families[0] if network.figures.families else None,
        **_network_context(network),
    }
    return render(request, "insights/family.html", context)


@require_GET
@login_required
def school_insights(request: AuthenticatedHttpRequest, urn: int) -> HttpResponse:
    school = get_school_for_user(request.user, urn)
    if not request.user.has_perm("insights.view_school_figures", school):
        raise PermissionDenied
    year, window = _window(request)
    context = {
        "school": school,
        "year": year,
        "label": f"{year}–{(year + 1) % 100:02d}",
        **_network_context(selectors.school_network(school, window)),
    }
    return render(request, "insights/school.html", context)


@require_GET
@login_required
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Where each reader goes: a coordinator to their families, a lead to their schools, a
    platform admin to the totals (which name no school)."""
    if not request.user.has_perm("insights.view_home"):
        raise PermissionDenied
    year, window = _window(request)
    context = {
        "year": year,
        "label": f"{year}–{(year + 1) % 100:02d}",
        "families": selectors.families_coordinated_by(request.user),
        "schools": selectors.schools_led_by(request.user),
        "totals": selectors.exchange_totals(window)
        if request.user.has_perm("insights.view_totals")
        else None,
    }
    return render(request, "insights/home.html", context)
