"""After a visit: the visitor's reflection, sharing it to the family library, and the joint
actions both teachers agree and update."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kinship.core.concurrency import edit_version, form_status, saved
from kinship.core.feedback import report_errors, report_form_errors
from kinship.core.http import AuthenticatedHttpRequest
from kinship.visits.forms.visits import (
    JointActionForm,
    JointActionUpdateForm,
    ReflectionForm,
    ShareForm,
)
from kinship.visits.models import Reflection
from kinship.visits.selectors import visits as selectors
from kinship.visits.services import reflections
from kinship.visits.views.access import get_joint_action_for_user, get_visit_for_user


@require_http_methods(["GET", "POST"])
@login_required
def reflection_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    visit = get_visit_for_user(request.user, pk, perm="visits.reflect_on_visit")
    reflection = selectors.reflection_of(visit)
    initial = {}
    if reflection is not None:
        initial = {
            "saw": reflection.saw,
            "will_try": reflection.will_try,
            "offer_back": reflection.offer_back,
        }
    version = edit_version(reflection or Reflection(visit=visit), reflections.REFLECTION_FIELDS)
    form = ReflectionForm(request.POST or None, initial=initial, version=version)
    if (
        request.method == "POST"
        and form.is_valid()
        and saved(
            form,
            lambda: reflections.reflection_save(
                actor=request.user, visit=visit, version=form.version, **form.cleaned_data
            ),
        )
    ):
        messages.success(
            request, _("Saved, and the host has been thanked and shown what you took away.")
        )
        return redirect(f"{visit.get_absolute_url()}#reflection")
    return render(
        request,
        "visits/reflection_form.html",
        {"visit": visit, "form": form, "reflection": reflection},
        status=form_status(form),
    )


@require_POST
@login_required
def reflection_share(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    visit = get_visit_for_user(request.user, pk, perm="visits.read_reflection")
    reflection = selectors.reflection_of(visit)
    form = ShareForm(request.POST)
    if reflection is None:
        messages.error(request, _("There is no reflection to share yet."))
        return redirect(visit)
    if not form.is_valid():
        messages.error(request, _("Choose to agree to sharing, or to withdraw."))
        return redirect(visit)
    was_published = reflection.library_published_at is not None
    try:
        reflection = reflections.reflection_share_consent(
            actor=request.user, reflection=reflection, agree=form.cleaned_data["agree"]
        )
    except ValidationError as error:
        report_errors(request, error)
    else:
        if not form.cleaned_data["agree"] and was_published:
            messages.success(request, _("Withdrawn: it is out of the family library."))
        elif not form.cleaned_data["agree"]:
            messages.success(request, _("Withdrawn: it will not be shared."))
        elif reflection.both_agree:
            messages.success(request, _("You both agree: it is in the family library now."))
        else:
            messages.success(
                request, _("Thank you: it is shared once the other teacher agrees too.")
            )
    return redirect(f"{visit.get_absolute_url()}#reflection")


@require_POST
@login_required
def joint_action_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    visit = get_visit_for_user(request.user, pk, perm="visits.work_on_joint_actions")
    form = JointActionForm(request.POST)
    if not form.is_valid():
        report_form_errors(request, form)
        return redirect(f"{visit.get_absolute_url()}#together")
    try:
        reflections.joint_action_add(actor=request.user, visit=visit, **form.cleaned_data)
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(request, _("Joint action agreed: either of you can update it."))
    return redirect(f"{visit.get_absolute_url()}#together")


@require_http_methods(["GET", "POST"])
@login_required
def joint_action_update(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Where a joint action stands and how it is going: the visit's page posts here, and a
    save refused (bad input, or another came first) is shown here with why."""
    action = get_joint_action_for_user(request.user, pk)
    back = f"{action.visit.get_absolute_url()}#together"
    form = JointActionUpdateForm(
        request.POST or None,
        initial={"status": action.status},
        version=edit_version(action, reflections.JOINT_ACTION_UPDATE_FIELDS),
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and saved(
            form,
            lambda: reflections.joint_action_update(
                actor=request.user, action=action, version=form.version, **form.cleaned_data
            ),
        )
    ):
        messages.success(request, _("Updated."))
        return redirect(back)
    status = form_status(form)
    return render(
        request,
        "visits/joint_action_update.html",
        {"action": action, "visit": action.visit, "form": form, "back": back},
        status=status,
    )
