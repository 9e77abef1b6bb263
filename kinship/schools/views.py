"""School search and school profiles. Thin: access helper, permission, selector, render."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kinship.accounts.models import User
from kinship.core.http import AuthenticatedHttpRequest
from kinship.schools import selectors
from kinship.schools.models import School
from kinship.schools.selectors import family_ids_of_user

SCHOOLS_PER_PAGE = 25


def get_school_for_user(user: User, urn: int) -> School:
    """The school with this URN, or 404 when there is none or the user may not see it."""
    school = School.objects.filter(urn=urn).first()
    if school is None or not user.has_perm("schools.view_school", school):
        raise Http404
    return school


@require_GET
@login_required
def school_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not request.user.has_perm("schools.search_schools"):
        raise PermissionDenied(_("Looking up schools is for school staff."))
    query = request.GET.get("q", "").strip()[:100]
    page = Paginator(selectors.schools_matching(query), SCHOOLS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "schools/school_list.html", {"page": page, "q": query})


@require_GET
@login_required
def school_detail(request: AuthenticatedHttpRequest, urn: int) -> HttpResponse:
    school = get_school_for_user(request.user, urn)
    profile = selectors.school_profile(
        school, with_staff=request.user.has_perm("schools.view_school_staff", school)
    )
    # Link only the families the viewer can open; the others are named, not linked.
    user = request.user
    openable = family_ids_of_user(user) if user.account_type == "staff" else set()
    context = {"profile": profile, "school": school, "openable_family_ids": openable}
    return render(request, "schools/school_detail.html", context)
