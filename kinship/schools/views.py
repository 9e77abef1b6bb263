"""School search and school profiles. Thin: access helper, permission, selector, render."""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kinship.core.concurrency import EditConflict, edit_version
from kinship.core.http import AuthenticatedHttpRequest
from kinship.membership import visibility
from kinship.schools import selectors, services, term_dates
from kinship.schools.forms import (
    ClosureFormSet,
    HalfTermsForm,
    TermDatesImportForm,
    initial_from_year,
    year_from_forms,
)
from kinship.schools.models import School, TermCalendar
from kinship.schools.term_dates.feed import term_dates_feed

if TYPE_CHECKING:  # schools sits below accounts: the user type is for annotations only
    from kinship.accounts.models import User

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
    openable = set(visibility.visible_family_ids(request.user).values_list("pk", flat=True))
    term_year = term_dates.academic_year_of(timezone.localdate())
    context = {
        "profile": profile,
        "school": school,
        "openable_family_ids": openable,
        "term_year": term_year,
        "term_label": f"{term_year}–{(term_year + 1) % 100:02d}",
        "leads_it": visibility.leads_school(request.user, school),
    }
    return render(request, "schools/school_detail.html", context)


# Term dates

FIRST_YEAR, LAST_YEAR = 2000, 2100


def _school_and_year(user: User, urn: int, year: int, perm: str) -> School:
    school = get_school_for_user(user, urn)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404(_("Kinship keeps term dates for 2000–01 to 2100–01."))
    if not user.has_perm(perm, school):
        if perm == "schools.change_term_calendar":
            raise PermissionDenied(_("The school's leads keep its term dates."))
        raise Http404
    return school


@require_GET
@login_required
def term_calendar(request: AuthenticatedHttpRequest, urn: int, year: int) -> HttpResponse:
    school = _school_and_year(request.user, urn, year, "schools.view_term_calendar")
    calendar = selectors.calendar_for(school, year)
    term_year = selectors.term_year_of(calendar) if calendar else None
    context = {
        "school": school,
        "year": year,
        "label": f"{year}–{(year + 1) % 100:02d}",
        "calendar": calendar,
        "term_year": term_year,
        "report": term_dates.check(term_year) if term_year else None,
        "half_terms": (
            list(zip(term_dates.HALF_TERM_NAMES, term_year.half_terms, strict=False))
            if term_year
            else []
        ),
        "can_change": request.user.has_perm("schools.change_term_calendar", school),
    }
    return render(request, "schools/term_calendar.html", context)


def _saved(request: AuthenticatedHttpRequest, report: term_dates.CheckReport) -> None:
    messages.success(
        request,
        _("Term dates saved: %(pupil)d pupil days and %(inset)d INSET days.")
        % {"pupil": report.pupil_days, "inset": report.inset_days},
    )
    for warning in report.warnings:
        messages.warning(request, warning)


@require_http_methods(["GET", "POST"])
@login_required
def term_calendar_edit(request: AuthenticatedHttpRequest, urn: int, year: int) -> HttpResponse:
    school = _school_and_year(request.user, urn, year, "schools.change_term_calendar")
    calendar = selectors.calendar_for(school, year)
    initial_terms, initial_closures = initial_from_year(
        selectors.term_year_of(calendar) if calendar else None
    )
    # The version is of the school's own calendar for the year (none yet compares as empty).
    own = TermCalendar.objects.filter(school=school, academic_year=year).first()
    version = edit_version(
        own or TermCalendar(school=school, academic_year=year), services.TERM_CALENDAR_EDIT_FIELDS
    )
    status = 200
    if request.method == "POST":
        half_terms = HalfTermsForm(request.POST, version=version)
        closures = ClosureFormSet(request.POST, prefix="closures")
        if half_terms.is_valid() and closures.is_valid():
            try:
                _calendar, report = services.term_calendar_save(
                    actor=request.user,
                    year=year_from_forms(year, half_terms, closures),
                    school=school,
                    source=_("Entered on Kinship"),
                    version=half_terms.version,
                )
            except ValidationError as error:
                for message in error.messages:
                    half_terms.add_error(None, message)
            except EditConflict as conflict:
                half_terms.show_conflict(conflict)
                status = 409
            else:
                _saved(request, report)
                return redirect("schools:term_calendar", urn=school.urn, year=year)
    else:
        half_terms = HalfTermsForm(initial=initial_terms, version=version)
        closures = ClosureFormSet(initial=initial_closures, prefix="closures")
    context = {
        "school": school,
        "year": year,
        "label": f"{year}–{(year + 1) % 100:02d}",
        "calendar": calendar,
        "form": half_terms,
        "closures": closures,
    }
    return render(request, "schools/term_calendar_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def term_calendar_import(request: AuthenticatedHttpRequest, urn: int, year: int) -> HttpResponse:
    """Upload a file; when the year already has dates, show what would change and save only
    when the person confirms (the file travels in a signed field, not in the session)."""
    school = _school_and_year(request.user, urn, year, "schools.change_term_calendar")
    form = TermDatesImportForm(request.POST or None, request.FILES or None)
    label = f"{year}–{(year + 1) % 100:02d}"
    context: dict[str, Any] = {"school": school, "year": year, "label": label, "form": form}
    data, name, replace = None, "", False
    if request.method == "POST" and "confirmed" in request.POST:
        confirmed = _read_confirmed(request.POST["confirmed"])
        if confirmed is None:
            context["form"] = TermDatesImportForm()
            context["problem"] = _("That confirmation has expired: upload the file again.")
            return render(request, "schools/term_calendar_import.html", context, status=400)
        data, name, replace = *confirmed, True
    elif request.method == "POST" and form.is_valid():
        data, name = form.cleaned_data["file"], getattr(form.files["file"], "name", "a file")
    if data is not None:
        try:
            _calendar, report = services.term_calendar_import(
                actor=request.user,
                data=data,
                school=school,
                source=f"Imported from {name}"[:200],
                academic_year=year,
                replace=replace,
            )
        except services.ReplaceNeedsConfirming as changes:
            context["changes"] = changes.changes
            context["confirmed"] = signing.dumps(
                {"data": base64.b64encode(data).decode(), "name": name}, salt=IMPORT_SALT,
                compress=True,
            )  # fmt: skip
            return render(request, "schools/term_calendar_import_confirm.html", context)
        except ValidationError as error:
            for message in error.messages:
                form.add_error("file" if "file" in form.fields else None, message)
        else:
            _saved(request, report)
            return redirect("schools:term_calendar", urn=school.urn, year=year)
    return render(request, "schools/term_calendar_import.html", context, status=_status(form))


IMPORT_SALT = "kinship.schools.term_dates_import"


def _read_confirmed(value: str) -> tuple[bytes, str] | None:
    """The file a confirmation page carried, if we signed it in the last hour."""
    try:
        found = signing.loads(value, salt=IMPORT_SALT, max_age=3600)
        return base64.b64decode(found["data"]), str(found["name"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def _status(form: TermDatesImportForm) -> int:
    return 400 if form.is_bound and form.errors else 200


# Term dates for parents: public, as schools publish them on their websites (issue 18). They
# change only when the school's term calendar does, which a plan's proposal does only once
# the school's head has accepted it.


PUBLIC_YEARS_AHEAD = 5  # schools publish term dates a few years ahead


def _public_years(school: School) -> list[term_dates.TermYear]:
    """This academic year's term dates and any later years' the school has."""
    this_year = term_dates.academic_year_of(timezone.localdate())
    years = []
    for year in range(this_year, this_year + PUBLIC_YEARS_AHEAD + 1):
        calendar = selectors.calendar_for(school, year)
        if calendar is not None:
            years.append(selectors.term_year_of(calendar))
    return years


def _public_school(request: HttpRequest, urn: int) -> School:
    school = School.objects.filter(urn=urn).first()
    if school is None or not request.user.has_perm("schools.view_public_term_dates", school):
        raise Http404(_("There is no school with that number on Kinship."))
    return school


@require_GET
def public_term_dates(request: HttpRequest, urn: int) -> HttpResponse:
    school = _public_school(request, urn)
    years = [
        (
            year,
            term_dates.check(year),
            list(zip(term_dates.HALF_TERM_NAMES, year.half_terms, strict=False)),
        )
        for year in _public_years(school)
    ]
    return render(request, "schools/public_term_dates.html", {"school": school, "years": years})


FEED_MAX_AGE = 15 * 60  # a head's accepted change reaches subscribed calendars within this


@require_GET
def public_term_dates_feed(request: HttpRequest, urn: int) -> HttpResponse:
    school = _public_school(request, urn)
    feed = term_dates_feed(_public_years(school), school_name=school.name, uid_key=f"urn{urn}")
    response = HttpResponse(feed, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="term-dates-{urn}.ics"'
    response["Cache-Control"] = f"public, max-age={FEED_MAX_AGE}"
    return response
