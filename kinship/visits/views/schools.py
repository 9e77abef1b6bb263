"""A school's own visits pages: its leads' clearance declarations, the printable sign-in
sheet for a day, and the visits it gave and received with each partner over a year."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kinship.accounts.models import User
from kinship.core.feedback import report_errors, report_form_errors
from kinship.core.http import AuthenticatedHttpRequest
from kinship.visits.forms.visits import ClearanceForm
from kinship.visits.models import ClearanceDeclaration
from kinship.visits.selectors import visits as selectors
from kinship.visits.services import clearances
from kinship.visits.views.access import academic_year_asked, get_school_for_user


@require_GET
@login_required
def clearance_list(request: AuthenticatedHttpRequest, urn: int) -> HttpResponse:
    school = get_school_for_user(request.user, urn, perm="visits.declare_clearance")
    people = selectors.staff_with_declarations(school)
    context = {
        "school": school,
        "people": [
            (person, declaration, clearances.declaration_text(school, person))
            for person, declaration in people
        ],
        "withdrawn": list(
            ClearanceDeclaration.objects.filter(school=school, withdrawn_at__isnull=False)
            .select_related("person", "withdrawn_by")
            .order_by("-withdrawn_at")[:20]
        ),
    }
    return render(request, "visits/clearance_list.html", context)


@require_POST
@login_required
def clearance_declare(request: AuthenticatedHttpRequest, urn: int) -> HttpResponse:
    school = get_school_for_user(request.user, urn, perm="visits.declare_clearance")
    form = ClearanceForm(request.POST)
    if not form.is_valid():
        report_form_errors(request, form)
        return redirect("visits:clearance_list", urn=school.urn)
    person = User.objects.filter(pk=form.cleaned_data["person"]).first()
    if person is None:
        raise Http404
    try:
        clearances.clearance_declare(actor=request.user, school=school, person=person)
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(
            request,
            _("Declared: %(name)s is confirmed as cleared to visit.")
            % {"name": person.display_name},
        )
    return redirect("visits:clearance_list", urn=school.urn)


@require_POST
@login_required
def clearance_withdraw(request: AuthenticatedHttpRequest, urn: int, pk: int) -> HttpResponse:
    school = get_school_for_user(request.user, urn, perm="visits.declare_clearance")
    declaration = (
        ClearanceDeclaration.objects.select_related("person", "school")
        .filter(pk=pk, school=school)
        .first()
    )
    if declaration is None:
        raise Http404
    try:
        clearances.clearance_withdraw(actor=request.user, declaration=declaration)
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(request, _("Withdrawn."))
    return redirect("visits:clearance_list", urn=school.urn)


def _day_from(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


@require_GET
@login_required
def sign_in_sheet(request: AuthenticatedHttpRequest, urn: int) -> HttpResponse:
    school = get_school_for_user(request.user, urn, perm="visits.view_sign_in_sheet")
    today = timezone.localdate()
    upcoming = selectors.hosting_days(school, after=today)
    asked = request.GET.get("date", "")
    day = _day_from(asked) if asked else (upcoming[0][0] if upcoming else today)
    if day is None:
        raise Http404(_("Give the day as YYYY-MM-DD."))
    context = {
        "school": school,
        "day": day,
        "visits": selectors.sign_in_sheet(school, day),
        "upcoming": upcoming,
    }
    return render(request, "visits/sign_in_sheet.html", context)


@require_GET
@login_required
def reciprocity(request: AuthenticatedHttpRequest, urn: int) -> HttpResponse:
    school = get_school_for_user(request.user, urn, perm="visits.view_reciprocity")
    year = academic_year_asked(request)
    rows = selectors.reciprocity(school, date(year, 9, 1), date(year + 1, 8, 31))
    context = {
        "school": school,
        "year": year,
        "label": f"{year}–{(year + 1) % 100:02d}",
        "rows": rows,
        "given": sum(row.given for row in rows),
        "received": sum(row.received for row in rows),
        "chart": {
            "labels": [row.partner.name for row in rows],
            "given": [row.given for row in rows],
            "received": [row.received for row in rows],
        },
    }
    return render(request, "visits/reciprocity.html", context)
