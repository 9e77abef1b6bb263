"""Classroom visits all year: the visits home page, open classrooms, asking for a visit, a
visit's page (answer, arrange, cancel). What comes after a visit is in `reflections.py`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinship.core.concurrency import edit_version, form_status, saved
from kinship.core.feedback import apply_errors, report_errors, report_form_errors
from kinship.core.http import AuthenticatedHttpRequest
from kinship.families.models import FamilyRole
from kinship.membership import visibility
from kinship.membership.visibility import schools_of_user, schools_sharing_a_family_with
from kinship.schools.models import School, SchoolRole
from kinship.visits.forms.visits import (
    ArrangeForm,
    FocusForm,
    JointActionForm,
    JointActionUpdateForm,
    OfferFilterForm,
    OfferForm,
    RecordVisitForm,
    RespondForm,
    VisitRequestForm,
)
from kinship.visits.models import Visit
from kinship.visits.selectors import plans as plan_selectors
from kinship.visits.selectors import visits as selectors
from kinship.visits.services import reflections, visits
from kinship.visits.services.calendar import host_people
from kinship.visits.services.clearances import current_declaration
from kinship.visits.views.access import (
    get_offer_for_user,
    get_visit_for_user,
)

STAFF_ROLES = (SchoolRole.Role.LEAD, SchoolRole.Role.STAFF)


def _require_visits(request: AuthenticatedHttpRequest) -> None:
    if not request.user.has_perm("visits.use_visits"):
        raise PermissionDenied(_("Classroom visits are for school staff."))


@require_GET
@login_required
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_visits(request)
    user = request.user
    coordinated = visibility.family_roles_of(user, FamilyRole.Role.COORDINATOR).select_related(
        "family"
    )
    context = {
        "mine": selectors.my_visits(user),
        "plans": list(plan_selectors.plans_visible_to(user).order_by("-window_start")[:20]),
        "coordinated": [role.family for role in coordinated],
        "family_schools": [
            (role.family, selectors.family_member_schools(role.family)) for role in coordinated
        ],
        "my_schools": list(schools_of_user(user, roles=STAFF_ROLES).order_by("name")),
        "led": set(
            schools_of_user(user, roles=(SchoolRole.Role.LEAD,)).values_list("pk", flat=True)
        ),
        "offers": list(selectors.offers_of(user)),
        "can_offer": user.has_perm("visits.offer_open_classroom"),
        "today": timezone.localdate(),
    }
    return render(request, "visits/home.html", context)


# Open classrooms


@require_GET
@login_required
def offer_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_visits(request)
    form = OfferFilterForm(request.GET or None)
    subject = year_group = ""
    if form.is_valid():
        subject, year_group = form.cleaned_data["subject"], form.cleaned_data["year_group"]
    offers = list(
        selectors.offers_visible_to(request.user, subject=subject, year_group=year_group)[:200]
    )
    context = {
        "form": form,
        "offers": offers,
        "can_offer": request.user.has_perm("visits.offer_open_classroom"),
    }
    return render(request, "visits/offer_list.html", context)


def _offer_schools(request: AuthenticatedHttpRequest) -> list[School]:
    return list(
        schools_of_user(request.user, roles=STAFF_ROLES)
        .filter(family_memberships__status="active")
        .distinct()
        .order_by("name")
    )


@require_http_methods(["GET", "POST"])
@login_required
def offer_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not request.user.has_perm("visits.offer_open_classroom"):
        raise PermissionDenied(_("Staff of schools in a family offer open classrooms."))
    form = OfferForm(
        request.POST or None, schools=_offer_schools(request), initial={"session": "morning"}
    )
    if request.method == "POST" and form.is_valid():
        try:
            offer = visits.open_classroom_create(actor=request.user, fields=form.to_fields())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("Your open classroom is listed for colleagues in your families.")
            )
            return redirect(offer)
    return render(request, "visits/offer_form.html", {"form": form, "offer": None})


@require_http_methods(["GET", "POST"])
@login_required
def offer_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    offer = get_offer_for_user(request.user, pk, perm="visits.change_offer")
    initial = {
        "school": offer.school_id, "year_group": offer.year_group, "subject": offer.subject,
        "focus": offer.focus, "weekdays": offer.weekdays, "session": offer.session,
        "room": offer.room, "places": offer.places, "notes": offer.notes, "active": offer.active,
    }  # fmt: skip
    form = OfferForm(
        request.POST or None,
        schools=[offer.school],
        initial=initial,
        version=edit_version(offer, visits.OFFER_EDIT_FIELDS),
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and saved(
            form,
            lambda: visits.open_classroom_update(
                actor=request.user, offer=offer, fields=form.to_fields(), version=form.version
            ),
        )
    ):
        messages.success(request, _("Saved."))
        return redirect(offer)
    return render(
        request, "visits/offer_form.html", {"form": form, "offer": offer}, status=form_status(form)
    )


@require_GET
@login_required
def offer_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    offer = get_offer_for_user(request.user, pk)
    user = request.user
    context = {
        "offer": offer,
        "can_change": user.has_perm("visits.change_offer", offer),
        "can_request": user.has_perm("visits.request_visit", offer),
        "form": VisitRequestForm(),
        "my_requests": list(offer.visits.filter(visitor=user).order_by("-date")[:5]),
    }
    return render(request, "visits/offer_detail.html", context)


@require_POST
@login_required
def visit_request(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    offer = get_offer_for_user(request.user, pk, perm="visits.request_visit")
    form = VisitRequestForm(request.POST)
    if form.is_valid():
        try:
            visit = visits.visit_request(
                actor=request.user,
                offer=offer,
                day=form.cleaned_data["date"],
                focus_question=form.cleaned_data["focus_question"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Asked: %(host)s will answer by email and here.")
                % {"host": offer.host.display_name},
            )
            return redirect(visit)
    context = {
        "offer": offer,
        "can_change": False,
        "can_request": True,
        "form": form,
        "my_requests": [],
    }
    return render(request, "visits/offer_detail.html", context, status=400)


@require_http_methods(["GET", "POST"])
@login_required
def visit_record(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not request.user.has_perm("visits.offer_open_classroom"):
        raise PermissionDenied(_("Staff of schools in a family record the visits they made."))
    mine = set(schools_of_user(request.user, roles=STAFF_ROLES).values_list("pk", flat=True))
    partners = [
        s for s in schools_sharing_a_family_with(request.user).order_by("name") if s.pk not in mine
    ]
    form = RecordVisitForm(request.POST or None, schools=partners)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            visit = visits.visit_record(
                actor=request.user, host_school=data["host_school"], day=data["date"],
                focus_question=data["focus_question"],
            )  # fmt: skip
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("Recorded. Write down what you took away while it is fresh.")
            )
            return redirect("visits:reflection_edit", pk=visit.pk)
    return render(request, "visits/visit_record.html", {"form": form})


# A visit


@require_GET
@login_required
def visit_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    visit = get_visit_for_user(request.user, pk)
    user = request.user
    can_read = user.has_perm("visits.read_reflection", visit)
    on_host_side = user.has_perm("visits.arrange_visit", visit)
    joint_actions = list(selectors.joint_actions_of(visit)) if can_read else []
    for action in joint_actions:  # each action's update form carries its own version
        action.update_version = edit_version(action, reflections.JOINT_ACTION_UPDATE_FIELDS)  # type: ignore[attr-defined]
    context = {
        "visit": visit,
        "declaration": current_declaration(visit.visitor_school_id, visit.visitor_id),
        "host_people": host_people(visit),
        "is_visitor": visit.visitor_id == user.pk,
        "can_respond": user.has_perm("visits.respond_to_visit", visit)
        and visit.status == Visit.Status.REQUESTED,
        "can_arrange": on_host_side
        and visit.status in (Visit.Status.REQUESTED, Visit.Status.ACCEPTED)
        and visit.date >= timezone.localdate(),
        "can_cancel": user.has_perm("visits.cancel_visit", visit)
        and visit.status in (Visit.Status.REQUESTED, Visit.Status.ACCEPTED)
        and visit.date >= timezone.localdate(),
        "can_work_together": user.has_perm("visits.work_on_joint_actions", visit)
        and visit.status == Visit.Status.ACCEPTED,
        "leads_visitor_school": visibility.leads_school(user, visit.visitor_school),
        "has_happened": visit.date <= timezone.localdate(),
        "reflection": selectors.reflection_of(visit) if can_read else None,
        "can_read_reflection": can_read,
        "joint_actions": joint_actions,
        "respond_form": RespondForm(),
        "arrange_form": ArrangeForm(
            people=selectors.people_at(visit.host_school),
            initial={"room": visit.room, "host": visit.host_id},
            version=edit_version(visit, visits.ARRANGE_FIELDS),
        ),
        "focus_form": FocusForm(
            initial={"focus_question": visit.focus_question},
            version=edit_version(visit, visits.FOCUS_FIELDS),
        ),
        "action_form": JointActionForm(),
        "update_form": JointActionUpdateForm(),
    }
    return render(request, "visits/visit_detail.html", context)


@require_POST
@login_required
def visit_respond(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    visit = get_visit_for_user(request.user, pk, perm="visits.respond_to_visit")
    form = RespondForm(request.POST)
    if not form.is_valid():
        report_form_errors(request, form)
        return redirect(visit)
    accept = form.cleaned_data["decision"] == "accept"
    try:
        visits.visit_respond(
            actor=request.user, visit=visit, accept=accept, note=form.cleaned_data["note"]
        )
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(
            request,
            _("Accepted: the visit is in both your calendars.")
            if accept
            else _("Declined: the visitor has been told."),
        )
    return redirect(visit)


@require_http_methods(["GET", "POST"])
@login_required
def visit_arrange(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Which room, and whom the visitor will see: the visit's page posts here, and a save
    refused (bad input, or another came first) is shown here with why."""
    visit = get_visit_for_user(request.user, pk, perm="visits.arrange_visit")
    form = ArrangeForm(
        request.POST or None,
        people=selectors.people_at(visit.host_school),
        initial={"room": visit.room, "host": visit.host_id},
        version=edit_version(visit, visits.ARRANGE_FIELDS),
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and saved(
            form,
            lambda: visits.visit_arrange(
                actor=request.user,
                visit=visit,
                room=form.cleaned_data["room"],
                host=form.cleaned_data["host"],
                version=form.version,
            ),
        )
    ):
        messages.success(request, _("Arrangements saved."))
        return redirect(visit)
    status = form_status(form)
    return render(
        request, "visits/visit_arrange.html", {"visit": visit, "form": form}, status=status
    )


@require_http_methods(["GET", "POST"])
@login_required
def visit_focus(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """What the visitor would like to find out: the visit's page posts here, and a save
    refused (bad input, or another came first) is shown here with why."""
    visit = get_visit_for_user(request.user, pk, perm="visits.reflect_on_visit")
    form = FocusForm(
        request.POST or None,
        initial={"focus_question": visit.focus_question},
        version=edit_version(visit, visits.FOCUS_FIELDS),
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and saved(
            form,
            lambda: visits.visit_focus_set(
                actor=request.user,
                visit=visit,
                focus_question=form.cleaned_data["focus_question"],
                version=form.version,
            ),
        )
    ):
        messages.success(request, _("Saved: the host sees what you would like to find out."))
        return redirect(visit)
    status = form_status(form)
    return render(request, "visits/visit_focus.html", {"visit": visit, "form": form}, status=status)


@require_POST
@login_required
def visit_cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    visit = get_visit_for_user(request.user, pk, perm="visits.cancel_visit")
    try:
        visits.visit_cancel(actor=request.user, visit=visit)
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(request, _("Called off: both calendars have been told."))
    return redirect(visit)
