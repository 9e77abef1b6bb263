"""Rounds: the list, opening one, its overview, its people, samples and state."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinship.accounts.models import User
from kinship.core.concurrency import edit_version, form_status, saved
from kinship.core.feedback import apply_errors, report_errors, report_form_errors
from kinship.core.http import AuthenticatedHttpRequest
from kinship.families.models import Family, FamilyMembership
from kinship.families.views import get_family_for_user
from kinship.membership import visibility
from kinship.moderation import sampling, selectors, services
from kinship.moderation.forms import PersonForm, RoundForm, SampleForm, StatusForm
from kinship.moderation.models import Round, RoundPerson
from kinship.moderation.views.access import get_round_for_user
from kinship.schools.models import School


def _family_schools(family: Family) -> QuerySet[School]:
    return School.objects.filter(
        family_memberships__family=family, family_memberships__status=FamilyMembership.Status.ACTIVE
    ).order_by("name")


@require_GET
@login_required
def round_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not visibility.is_staff_account(request.user):
        raise PermissionDenied(_("Moderation is for school and family staff."))
    rounds = selectors.rounds_visible_to(request.user)
    families = Family.objects.filter(
        pk__in=visibility.coordinated_family_ids(request.user)
    ).order_by("name")
    return render(request, "moderation/round_list.html", {"rounds": rounds, "families": families})


@require_http_methods(["GET", "POST"])
@login_required
def round_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    family = get_family_for_user(request.user, slug)
    if not request.user.has_perm("moderation.create_round", family):
        raise PermissionDenied(_("The family's coordinators open moderation rounds."))
    schools = _family_schools(family)
    form = RoundForm(request.POST or None, schools=schools)
    if request.method == "POST" and form.is_valid():
        try:
            round_ = services.round_create(
                actor=request.user,
                family=family,
                fields=form.to_fields(),
                schools=list(form.cleaned_data["schools"]),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The round is open: add its judges and uploaders."))
            return redirect(round_)
    return render(request, "moderation/round_form.html", {"family": family, "form": form})


@require_http_methods(["GET", "POST"])
@login_required
def round_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, pk, perm="moderation.manage_round")
    initial = {
        name: getattr(round_, name)
        for name in (
            "title",
            "year_group",
            "task",
            "framework",
            "method",
            "grades_per_script",
            "judgements_per_script",
            "upload_deadline",
            "judging_deadline",
            "meeting_on",
        )
    }
    initial["custom_levels"] = ", ".join(round_.levels)
    initial["schools"] = list(round_.schools.values_list("school_id", flat=True))
    form = RoundForm(
        request.POST or None,
        schools=_family_schools(round_.family),
        initial=initial,
        version=edit_version(round_, services.ROUND_EDIT_FIELDS),
    )
    form.fields["schools"].disabled = True
    if (
        request.method == "POST"
        and form.is_valid()
        and saved(
            form,
            lambda: services.round_update(
                actor=request.user, round_=round_, fields=form.to_fields(), version=form.version
            ),
        )
    ):
        messages.success(request, _("Saved."))
        return redirect(round_)
    return render(
        request,
        "moderation/round_form.html",
        {"family": round_.family, "form": form, "round": round_},
        status=form_status(form),
    )


@require_GET
@login_required
def round_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, pk)
    user = request.user
    roles = selectors.roles_in(user, round_)
    progress = selectors.round_progress(round_)
    schools = [
        (
            rs,
            sampling.suggested_sample(rs.cohort, rs.extra),
            progress.scripts_by_school.get(rs.school_id, 0),
        )
        for rs in round_.schools.select_related("school")
    ]
    context = {
        "round": round_,
        "roles": roles,
        "schools": schools,
        "people": round_.people.select_related("user", "school"),
        "progress": progress,
        "can_manage": RoundPerson.Role.COORDINATOR in roles,
        "can_upload": user.has_perm("moderation.upload_scripts", round_),
        "can_judge": RoundPerson.Role.JUDGE in roles,
        "can_report": user.has_perm("moderation.view_reports", round_)
        and (RoundPerson.Role.COORDINATOR in roles or round_.status == Round.Status.CLOSED),
        "person_form": PersonForm(),
        "statuses": Round.Status.choices,
    }
    return render(request, "moderation/round_detail.html", context)


@require_POST
@login_required
def person_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, pk, perm="moderation.manage_round")
    form = PersonForm(request.POST)
    if not form.is_valid():
        report_form_errors(request, form)
        return redirect(round_)
    user = User.objects.filter(email__iexact=form.cleaned_data["email"], is_active=True).first()
    if user is None:
        messages.error(
            request, _("Nobody with that email address uses Kinship yet: invite them first.")
        )
        return redirect(round_)
    try:
        person = services.round_person_add(
            actor=request.user, round_=round_, user=user, role=form.cleaned_data["role"]
        )
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(
            request,
            _("%(name)s is now %(role)s. They will sign in with a second factor from now on.")
            % {"name": user.display_name, "role": person.get_role_display()},
        )
    return redirect(f"{round_.get_absolute_url()}#people")


@require_POST
@login_required
def person_remove(request: AuthenticatedHttpRequest, pk: int, person_pk: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, pk, perm="moderation.manage_round")
    person = round_.people.select_related("user").filter(pk=person_pk).first()
    if person is None:
        raise Http404
    try:
        services.round_person_remove(actor=request.user, person=person)
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(request, _("Removed from the round."))
    return redirect(f"{round_.get_absolute_url()}#people")


@require_POST
@login_required
def sample_set(request: AuthenticatedHttpRequest, pk: int, urn: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, pk, perm="moderation.manage_round")
    round_school = round_.schools.filter(school__urn=urn).first()
    if round_school is None:
        raise Http404
    form = SampleForm(request.POST)
    if not form.is_valid():
        report_form_errors(request, form)
        return redirect(f"{round_.get_absolute_url()}#samples")
    try:
        services.round_school_sample_set(
            actor=request.user,
            round_school=round_school,
            cohort=form.cleaned_data["cohort"],
            extra=form.cleaned_data["extra"] or 0,
            reason=form.cleaned_data["extra_reason"],
        )
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(request, _("Sample updated."))
    return redirect(f"{round_.get_absolute_url()}#samples")


@require_POST
@login_required
def status_set(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, pk, perm="moderation.manage_round")
    form = StatusForm(request.POST)
    if not form.is_valid():
        report_form_errors(request, form)
        return redirect(round_)
    try:
        services.round_status_set(
            actor=request.user, round_=round_, status=form.cleaned_data["status"]
        )
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(
            request, _("The round is now: %(status)s.") % {"status": round_.get_status_display()}
        )
    return redirect(round_)


@require_POST
@login_required
def schedule(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, pk, perm="moderation.manage_round")
    boundary = request.POST.get("focus") == "boundary"
    try:
        if boundary:
            added = services.comparisons_schedule_boundary(actor=request.user, round_=round_)
        else:
            added = services.comparisons_schedule(actor=request.user, round_=round_)
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(request, _("%(n)d comparisons scheduled.") % {"n": added})
    return redirect(round_)
