"""A family's who-visits-whom: for its coordinators and the leads of its schools, over an
academic year or for one published plan."""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kinship.core.http import AuthenticatedHttpRequest
from kinship.families.views import get_family_for_user
from kinship.schools.term_dates import academic_year_of
from kinship.visits.selectors import matrix as selectors
from kinship.visits.views.access import academic_year_asked


@require_GET
@login_required
def who_visits_whom(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    family = get_family_for_user(request.user, slug, perm="visits.view_family_visits")
    plan = None
    if request.GET.get("plan"):
        plan = selectors.published_plan(family, request.GET["plan"])
        if plan is None:
            raise Http404
    year = academic_year_of(plan.window_start) if plan else academic_year_asked(request)
    first, last = date(year, 9, 1), date(year + 1, 8, 31)
    plans = list(selectors.published_plans(family, first, last))
    if plan:
        matrix = selectors.plan_matrix(plan)
    else:
        matrix = selectors.family_year_matrix(family, first, last)
    context = {
        "family": family,
        "year": year,
        "label": f"{year}–{(year + 1) % 100:02d}",
        "plans": plans,
        "plan": plan,
        "matrix": matrix,
        "chart": matrix.chart,
    }
    return render(request, "visits/who_visits_whom.html", context)
