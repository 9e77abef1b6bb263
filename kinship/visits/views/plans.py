"""The staggered INSET planner: set up a plan, schools say what they can take, staff say
where they would like to go, the coordinator pins, solves (a background task whose page
shows its progress), reads the result and publishes it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinship.accounts.models import User
from kinship.core.concurrency import edit_version, form_status, saved
from kinship.core.feedback import apply_errors, report_errors, report_form_errors
from kinship.core.http import AuthenticatedHttpRequest
from kinship.families.views import get_family_for_user
from kinship.schools.models import School
from kinship.visits.forms.plans import (
    InsetPinForm,
    PlanForm,
    PlanSchoolForm,
    PreferenceForm,
    VisitPinForm,
    initial_from_plan,
)
from kinship.visits.models import PlanPin, PlanSchool, SolveRun, StaffPreference, VisitPlan
from kinship.visits.selectors import plans as selectors
from kinship.visits.selectors import proposals as proposal_selectors
from kinship.visits.services import plans as services
from kinship.visits.services import proposals, publishing, solving
from kinship.visits.views.access import get_pin_for_user, get_plan_for_user, get_run_for_user


@require_http_methods(["GET", "POST"])
@login_required
def plan_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    family = get_family_for_user(request.user, slug, perm="families.change_family")
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.visit_plan_create(
                actor=request.user, family=family, fields=form.to_fields()
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("The plan is ready. Ask the schools' leads and staff to fill in their part."),
            )
            return redirect(plan)
    return render(request, "visits/plan_form.html", {"family": family, "form": form, "plan": None})


@require_http_methods(["GET", "POST"])
@login_required
def plan_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk, perm="visits.change_plan")
    form = PlanForm(
        request.POST or None,
        initial=initial_from_plan(plan),
        version=edit_version(plan, services.PLAN_EDIT_FIELDS),
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and saved(
            form,
            lambda: services.visit_plan_update(
                actor=request.user, plan=plan, fields=form.to_fields(), version=form.version
            ),
        )
    ):
        messages.success(request, _("Saved."))
        return redirect(plan)
    return render(
        request,
        "visits/plan_form.html",
        {"family": plan.family, "form": form, "plan": plan},
        status=form_status(form),
    )


@require_GET
@login_required
def plan_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk)
    user = request.user
    states = selectors.school_states(plan)
    can_manage = user.has_perm("visits.change_plan", plan)
    latest = selectors.latest_run(plan)
    taking_part = [state.school for state in states if state.takes_part]
    context = {
        "plan": plan,
        "states": states,
        "can_manage": can_manage,
        "can_see_result": user.has_perm("visits.view_plan_result", plan),
        "can_state": user.has_perm("visits.state_preference", plan),
        "editable": {
            state.school.pk for state in states if _can_change_school(user, plan, state.school)
        },
        "preference": selectors.preference_of(plan, user),
        "latest": latest,
        "latest_stale": latest is not None and selectors.run_is_stale(latest),
        "published_run": plan.published_run,
        "proposals": [
            proposal
            for proposal in proposal_selectors.latest_for_plan(plan)
            if user.has_perm("visits.view_proposal", proposal)
        ],
    }
    if can_manage:
        pins = list(selectors.pins_of(plan))
        clashing = (
            set(latest.clashing_pins)
            if latest and latest.status == SolveRun.Status.FAILED
            else set()
        )
        visiting = [p.person for p in selectors.preferences_of_plan(plan).filter(will_visit=True)]
        context |= {
            "pins": [(pin, pin.pk in clashing) for pin in pins],
            "inset_pin_form": InsetPinForm(schools=taking_part, prefix="inset"),
            "visit_pin_form": VisitPinForm(people=visiting, schools=taking_part, prefix="visit"),
            "problems": solving.plan_problem(plan).errors,
            "runs": list(selectors.runs_of(plan)[:5]),
        }
    return render(request, "visits/plan_detail.html", context)


def _can_change_school(user: User, plan: VisitPlan, school: School) -> bool:
    return user.has_perm("visits.change_plan_school", PlanSchool(plan=plan, school=school))


@require_http_methods(["GET", "POST"])
@login_required
def plan_school(request: AuthenticatedHttpRequest, pk: int, urn: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk)
    state = next((s for s in selectors.school_states(plan) if s.school.urn == urn), None)
    if state is None:
        raise Http404
    if not _can_change_school(request.user, plan, state.school):
        raise PermissionDenied(_("The school's leads and the family's coordinators set this."))
    initial = {
        "takes_part": state.takes_part,
        "inset_days": state.row.inset_days if state.row else None,
        "host_capacity": state.row.host_capacity if state.row else None,
        "candidates": [day.isoformat() for day in state.candidates],
        "reschedulable": list(state.row.reschedulable_insets) if state.row else [],
    }
    form = PlanSchoolForm(
        request.POST or None,
        initial=initial,
        state=state,
        common=plan.common_inset_date,
        plan_days=plan.staggered_days,
        plan_capacity=plan.default_capacity,
        own_insets=selectors.own_insets_for(plan, state.school),
        version=edit_version(
            state.row or PlanSchool(plan=plan, school=state.school), services.PLAN_SCHOOL_FIELDS
        ),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if saved(
            form,
            lambda: services.plan_school_update(
                actor=request.user,
                plan=plan,
                school=state.school,
                takes_part=data["takes_part"],
                inset_days=data["inset_days"],
                host_capacity=data["host_capacity"],
                excluded=form.excluded(),
                reschedulable=form.reschedulable_days(),
                version=form.version,
            ),
        ):
            messages.success(
                request,
                _("%(school)s's part in the plan is saved.") % {"school": state.school.name},
            )
            return redirect(plan)
    return render(
        request,
        "visits/plan_school.html",
        {"plan": plan, "state": state, "form": form},
        status=form_status(form),
    )


@require_http_methods(["GET", "POST"])
@login_required
def plan_preference(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk, perm="visits.state_preference")
    own = selectors.schools_of_person_in_plan(plan, request.user)
    states = selectors.school_states(plan, with_counts=False)
    taking_part = [state.school for state in states if state.takes_part]
    preference = selectors.preference_of(plan, request.user)
    initial = {"school": own[0].pk if own else None, "will_visit": "yes"}
    if preference is not None:
        initial = {
            "school": preference.school_id,
            "will_visit": "yes" if preference.will_visit else "no",
            "first_choice": preference.first_choice_id,
            "second_choice": preference.second_choice_id,
            "third_choice": preference.third_choice_id,
            "focus_subject": preference.focus_subject,
            "focus_year_group": preference.focus_year_group,
        }
    version = edit_version(
        preference or StaffPreference(plan=plan, person=request.user), services.PREFERENCE_FIELDS
    )
    form = PreferenceForm(
        request.POST or None, initial=initial, own=own, schools=taking_part, version=version
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if saved(
            form,
            lambda: services.staff_preference_save(
                actor=request.user,
                plan=plan,
                school=data["school"],
                will_visit=data["will_visit"],
                choices=form.choices(),
                focus_subject=data["focus_subject"],
                focus_year_group=data["focus_year_group"],
                version=form.version,
            ),
        ):
            messages.success(request, _("Thank you: your answer is saved."))
            return redirect("visits:plan_preference", pk=plan.pk)
    choices = None
    if preference is not None and preference.will_visit:
        offers = selectors.focus_offers(plan, taking_part)
        choices = selectors.choices_for(preference, offers, {school.pk for school in taking_part})
    schools = {school.pk: school for school in taking_part}
    context = {
        "plan": plan,
        "form": form,
        "preference": preference,
        "choices": choices,
        "named": [schools[pk] for pk in choices.named] if choices else [],
    }
    return render(request, "visits/plan_preference.html", context, status=form_status(form))


@require_GET
@login_required
def plan_preferences(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk, perm="visits.view_plan_result")
    preferences = list(selectors.preferences_of_plan(plan))
    return render(
        request, "visits/plan_preferences.html", {"plan": plan, "preferences": preferences}
    )


@require_POST
@login_required
def plan_pin_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk, perm="visits.change_plan")
    taking_part = [
        state.school
        for state in selectors.school_states(plan, with_counts=False)
        if state.takes_part
    ]
    kind = request.POST.get("kind")
    try:
        if kind == PlanPin.Kind.INSET:
            form = InsetPinForm(request.POST, schools=taking_part, prefix="inset")
            if form.is_valid():
                services.plan_pin_inset(
                    actor=request.user,
                    plan=plan,
                    school=form.cleaned_data["school"],
                    day=form.cleaned_data["date"],
                )
        else:
            visiting = [
                p.person for p in selectors.preferences_of_plan(plan).filter(will_visit=True)
            ]
            form = VisitPinForm(request.POST, people=visiting, schools=taking_part, prefix="visit")  # type: ignore[assignment]
            if form.is_valid():
                services.plan_pin_visit(
                    actor=request.user,
                    plan=plan,
                    person=form.cleaned_data["person"],
                    host=form.cleaned_data["host"],
                    day=form.cleaned_data["date"],
                )
    except ValidationError as error:
        report_errors(request, error)
    else:
        if form.is_valid():
            messages.success(request, _("Pinned. Solve the plan again to see what it changes."))
        else:
            report_form_errors(request, form)
    return redirect(f"{plan.get_absolute_url()}#pins")


@require_POST
@login_required
def plan_pin_remove(request: AuthenticatedHttpRequest, pk: int, pin_pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk, perm="visits.change_plan")
    pin = get_pin_for_user(request.user, plan, pin_pk)
    services.plan_pin_remove(actor=request.user, pin=pin)
    messages.success(request, _("Pin taken off."))
    return redirect(f"{plan.get_absolute_url()}#pins")


@require_POST
@login_required
def plan_solve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk, perm="visits.change_plan")
    try:
        run = solving.solve_run_start(actor=request.user, plan=plan)
    except ValidationError as error:
        report_errors(request, error)
        return redirect(plan)
    return redirect(run)


@require_GET
@login_required
def run_detail(request: AuthenticatedHttpRequest, pk: int, run_pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk, perm="visits.view_plan_result")
    run = get_run_for_user(request.user, plan, run_pk)
    stale = selectors.run_is_stale(run)
    context = {
        "plan": plan,
        "run": run,
        "stale": stale,
        "can_manage": request.user.has_perm("visits.change_plan", plan),
        "limit": run.problem.get("time_limit_s", plan.time_limit_s),
    }
    if request.headers.get("HX-Request") and not run.is_finished and not stale:
        return render(request, "visits/_run_progress.html", context)
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"  # finished: the whole page shows the result
        return response
    result = selectors.run_result(run)
    context |= {
        "result": result,
        "is_published": plan.published_run_id == run.pk,
        "is_latest": getattr(selectors.latest_solved_run(plan), "pk", None) == run.pk,
        "clashing": list(
            plan.pins.filter(pk__in=run.clashing_pins).select_related("school", "person")
        ),
        "chart": _chart(result) if result else None,
    }
    return render(request, "visits/run_detail.html", context)


def _chart(result: selectors.RunResult) -> dict[str, object]:
    return {
        "labels": [row.school.name for row in result.schools],
        "given": [row.given for row in result.schools],
        "received": [row.received for row in result.schools],
    }


@require_http_methods(["GET", "POST"])
@login_required
def plan_publish(request: AuthenticatedHttpRequest, pk: int, run_pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk, perm="visits.change_plan")
    run = get_run_for_user(request.user, plan, run_pk)
    if request.method == "POST":
        try:
            done = proposals.plan_publish(actor=request.user, plan=plan, run=run)
        except ValidationError as error:
            report_errors(request, error)
        else:
            messages.success(request, publishing.publish_summary(done))
            return redirect(plan)
    preview = publishing.publish_preview(plan, run)
    context = {
        "plan": plan,
        "run": run,
        "preview": preview,
        "new_count": preview.count("new"),
        "moved_count": preview.count("moved"),
        "cancelled_count": preview.count("cancelled"),
        # Nobody at these schools can accept their new term dates yet.
        "without_lead": [
            change.school
            for change in preview.calendar_changes
            if not proposals.leads_of(change.school)
        ],
    }
    return render(request, "visits/plan_publish.html", context)
