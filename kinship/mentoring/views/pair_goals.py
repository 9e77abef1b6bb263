"""The pair's goals and their progress, shared resources and the reflections."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinship.core.concurrency import EditConflict, edit_version, form_status, saved
from kinship.core.feedback import report_errors, report_form_errors
from kinship.core.http import AuthenticatedHttpRequest
from kinship.mentoring import selectors, services
from kinship.mentoring.forms import (
    GoalForm,
    GoalProgressForm,
    ReflectionForm,
    ResourceForm,
)
from kinship.mentoring.models import Reflection
from kinship.mentoring.views.access import get_pair_for_user
from kinship.mentoring.views.pairs import _back, _edit_page


@require_http_methods(["GET", "POST"])
@login_required
def goals(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    pair = get_pair_for_user(request.user, pk)
    form = GoalForm(request.POST or None)
    if request.method == "POST":
        pair = get_pair_for_user(request.user, pk, perm="mentoring.change_pair")
        if form.is_valid():
            services.goal_add(actor=request.user, pair=pair, **form.cleaned_data)
            messages.success(request, _("Goal added."))
            return redirect("mentoring:goals", pair.pk)
    goals = selectors.pair_space(pair).goals
    for goal in goals:  # each progress form carries its goal's version
        goal.progress_version = edit_version(goal, services.GOAL_PROGRESS_FIELDS)  # type: ignore[attr-defined]
    return render(
        request,
        "mentoring/goals.html",
        {
            "pair": pair,
            "goals": goals,
            "form": form,
            "progress_form": GoalProgressForm(),
            "can_change": request.user.has_perm("mentoring.change_pair", pair),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def goal_progress(request: AuthenticatedHttpRequest, pk: int, goal_id: int) -> HttpResponse:
    """A progress note and where the goal stands: posted from the goals page, or from a page
    of its own, which is also where a refused stale save shows the other person's change."""
    pair = get_pair_for_user(request.user, pk, perm="mentoring.change_pair")
    goal = get_object_or_404(pair.goals, pk=goal_id)
    back = f"{reverse('mentoring:goals', args=[pair.pk])}#goal-{goal.pk}"
    version = edit_version(goal, services.GOAL_PROGRESS_FIELDS)
    form = GoalProgressForm(request.POST or None, initial={"status": goal.status}, version=version)
    if (
        request.method == "POST"
        and form.is_valid()
        and saved(
            form,
            lambda: services.goal_progress(
                actor=request.user, goal=goal, version=form.version, **form.cleaned_data
            ),
        )
    ):
        messages.success(request, _("Progress noted."))
        return redirect(back)
    return _edit_page(
        request, form, _("Note progress on a goal"), back, _("Goals"), form_status(form)
    )


@require_http_methods(["GET", "POST"])
@login_required
def goal_edit(request: AuthenticatedHttpRequest, pk: int, goal_id: int) -> HttpResponse:
    pair = get_pair_for_user(request.user, pk, perm="mentoring.change_pair")
    goal = get_object_or_404(pair.goals, pk=goal_id)
    back = f"{reverse('mentoring:goals', args=[pair.pk])}#goal-{goal.pk}"
    form = GoalForm(
        request.POST or None,
        initial={"title": goal.title, "detail": goal.detail},
        version=edit_version(goal, services.GOAL_EDIT_FIELDS),
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and saved(
            form,
            lambda: services.goal_update(
                actor=request.user, goal=goal, version=form.version, **form.cleaned_data
            ),
        )
    ):
        messages.success(request, _("Goal saved."))
        return redirect(back)
    return _edit_page(request, form, _("Edit a goal"), back, _("Goals"), form_status(form))


@require_POST
@login_required
def goal_delete(request: AuthenticatedHttpRequest, pk: int, goal_id: int) -> HttpResponse:
    pair = get_pair_for_user(request.user, pk, perm="mentoring.change_pair")
    goal = get_object_or_404(pair.goals, pk=goal_id)
    services.goal_delete(actor=request.user, goal=goal)
    messages.info(request, _("Goal removed."))
    return redirect("mentoring:goals", pair.pk)


@require_POST
@login_required
def resource_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    pair = get_pair_for_user(request.user, pk, perm="mentoring.share_resources")
    form = ResourceForm(request.POST, request.FILES)
    if not form.is_valid():
        report_form_errors(request, form)
        return _back(pair, "resources")
    try:
        services.resource_share(actor=request.user, pair=pair, **form.cleaned_data)
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(request, _("Shared with your head."))
    return _back(pair, "resources")


@require_POST
@login_required
def resource_remove(request: AuthenticatedHttpRequest, pk: int, resource_id: int) -> HttpResponse:
    pair = get_pair_for_user(request.user, pk, perm="mentoring.share_resources")
    resource = get_object_or_404(pair.resources, pk=resource_id)
    services.resource_remove(actor=request.user, resource=resource)
    messages.info(request, _("Removed, with its file."))
    return _back(pair, "resources")


@require_GET
@login_required
def resource_download(request: AuthenticatedHttpRequest, pk: int, resource_id: int) -> FileResponse:
    """A file the coach shared, for the pair alone: never a public media address."""
    pair = get_pair_for_user(request.user, pk)
    resource = get_object_or_404(pair.resources.exclude(file=""), pk=resource_id)
    response = FileResponse(
        resource.file.open("rb"),
        as_attachment=True,
        filename=resource.file_name or "resource",
        content_type=resource.content_type or "application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
@login_required
def reflection(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    pair = get_pair_for_user(request.user, pk)
    reflections = list(pair.reflections.select_related("author"))
    mine = next((r for r in reflections if r.author_id == request.user.pk), None)
    shown = mine or Reflection(pair=pair, author=request.user)  # none yet: an empty one
    form = ReflectionForm(
        request.POST or None,
        initial={"text": mine.text} if mine else {},
        version=edit_version(shown, services.REFLECTION_FIELDS),
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.reflection_save(
                actor=request.user, pair=pair, text=form.cleaned_data["text"],
                version=form.version,
            )  # fmt: skip
        except EditConflict as conflict:
            form.show_conflict(conflict)
            status = 409
        else:
            messages.success(request, _("Your reflection is saved."))
            return redirect("mentoring:reflection", pair.pk)
    return render(
        request,
        "mentoring/reflection.html",
        {"pair": pair, "reflections": reflections, "form": form},
        status=status,
    )
