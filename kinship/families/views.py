"""Family and circle pages. Thin: access helper, permission, form, one service call."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinship.accounts.models import User
from kinship.core.concurrency import EditConflict, edit_version
from kinship.core.feedback import report_errors, report_form_errors
from kinship.core.http import AuthenticatedHttpRequest
from kinship.families import selectors, services
from kinship.families.forms import (
    CircleForm,
    CirclePostForm,
    FamilyForm,
    MembershipResponseForm,
    PersonByEmailForm,
    SchoolInviteForm,
)
from kinship.families.models import Circle, Family, FamilyMembership, FamilyRole
from kinship.membership import visibility
from kinship.schools.models import SchoolRole

CIRCLE_POSTS_PER_PAGE = 30


def get_family_for_user(user: User, slug: str, *, perm: str = "families.view_family") -> Family:
    """404 for a family the user may not see; 403 when they may see it but not do `perm`."""
    family = Family.objects.filter(slug=slug).first()
    if family is None or not user.has_perm("families.view_family", family):
        raise Http404
    if perm != "families.view_family" and not user.has_perm(perm, family):
        raise PermissionDenied(_("Only the family's coordinators can do that."))
    return family


def get_circle_for_user(user: User, pk: int, *, perm: str = "families.view_circle") -> Circle:
    circle = Circle.objects.filter(pk=pk).first()
    if circle is None or not user.has_perm("families.view_circle", circle):
        raise Http404
    if perm != "families.view_circle" and not user.has_perm(perm, circle):
        raise PermissionDenied(_("You cannot do that in this circle."))
    return circle


@require_GET
@login_required
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    data = selectors.dashboard_for(request.user)
    return render(request, "families/dashboard.html", {"data": data})


@require_GET
@login_required
def family_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not request.user.has_perm("families.list_families"):
        raise PermissionDenied(_("Families are for school staff."))
    families = selectors.families_visible_to(request.user).order_by("name")
    can_create = request.user.has_perm("families.create_family")
    return render(
        request, "families/family_list.html", {"families": families, "can_create": can_create}
    )


@require_http_methods(["GET", "POST"])
@login_required
def family_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not request.user.has_perm("families.create_family"):
        raise PermissionDenied(_("Headteachers and platform admins can start a family."))
    form = FamilyForm(request.POST or None)
    if form.is_valid():
        try:
            family = services.family_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s is ready. Invite its schools.") % family.__dict__)
            return redirect(family)
    return render(request, "families/family_form.html", {"form": form, "family": None})


@require_GET
@login_required
def family_detail(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    family = get_family_for_user(request.user, slug)
    user = request.user
    memberships = list(selectors.family_memberships(family))
    active = [m for m in memberships if m.status == FamilyMembership.Status.ACTIVE]
    led = set(
        visibility.school_ids_of_user(user, roles=(SchoolRole.Role.LEAD,)).values_list(
            "school_id", flat=True
        )
    )
    context = {
        "family": family,
        "active": active,
        "invited": [m for m in memberships if m.status == FamilyMembership.Status.INVITED],
        "schools": [m.school for m in active],
        "led_school_ids": led,
        "coordinators": selectors.family_coordinators(family),
        "circles": selectors.circles_visible_to(user).filter(families=family),
        "can_manage": user.has_perm("families.change_family", family),
        "can_create_circle": user.has_perm("families.create_circle", family),
        # The network of exchanges (insights) is the coordinators' view of the family.
        "can_see_insights": user.has_perm("insights.view_family_network", family),
        "invite_form": SchoolInviteForm(),
        "coordinator_form": PersonByEmailForm(),
    }
    return render(request, "families/family_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def family_edit(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    family = get_family_for_user(request.user, slug, perm="families.change_family")
    initial = {"name": family.name, "kind": family.kind, "description": family.description}
    version = edit_version(family, services.FAMILY_EDIT_FIELDS)
    form = FamilyForm(request.POST or None, initial=initial, version=version)
    status = 200
    if form.is_valid():
        try:
            services.family_update(
                actor=request.user, family=family, version=form.version, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        except EditConflict as conflict:
            form.show_conflict(conflict)
            status = 409
        else:
            messages.success(request, _("Saved."))
            return redirect(family)
    context = {"form": form, "family": family}
    return render(request, "families/family_form.html", context, status=status)


@require_POST
@login_required
def family_school_invite(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    family = get_family_for_user(request.user, slug, perm="families.change_family")
    form = SchoolInviteForm(request.POST)
    if not form.is_valid():
        report_form_errors(request, form)
        return redirect(family)
    if form.schools:  # several match: the coordinator chooses one
        context = {"family": family, "form": form, "query": form.cleaned_data["school"]}
        return render(request, "families/school_invite_choose.html", context)
    school = form.cleaned_data["found"]
    try:
        services.family_school_invite(actor=request.user, family=family, school=school)
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(request, _("Invited %s. Its headteacher can now accept.") % school.name)
    return redirect(family)


def _membership_for_lead(user: User, family: Family, urn: int) -> FamilyMembership:
    membership = get_object_or_404(
        FamilyMembership.objects.select_related("school", "family"), family=family, school__urn=urn
    )
    is_lead = visibility.leads_school(user, membership.school)
    if not is_lead and not user.has_perm("families.change_family", family):
        raise PermissionDenied(_("Only the school's lead or a coordinator can do that."))
    return membership


@require_POST
@login_required
def family_membership_respond(
    request: AuthenticatedHttpRequest, slug: str, urn: int
) -> HttpResponse:
    family = get_object_or_404(Family, slug=slug)
    membership = get_object_or_404(
        FamilyMembership.objects.select_related("school"), family=family, school__urn=urn
    )
    if not visibility.leads_school(request.user, membership.school):
        raise Http404
    form = MembershipResponseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose accept or decline."))
        return redirect("families:dashboard")
    try:
        if form.cleaned_data["decision"] == "accept":
            services.family_membership_accept(actor=request.user, membership=membership)
            messages.success(request, _("Welcome to %s.") % family.name)
            return redirect(family)
        services.family_membership_leave(actor=request.user, membership=membership)
        messages.info(request, _("You declined the invitation from %s.") % family.name)
    except ValidationError as error:
        report_errors(request, error)
    return redirect("families:dashboard")


@require_POST
@login_required
def family_membership_leave(request: AuthenticatedHttpRequest, slug: str, urn: int) -> HttpResponse:
    family = get_family_for_user(request.user, slug)
    membership = _membership_for_lead(request.user, family, urn)
    try:
        services.family_membership_leave(actor=request.user, membership=membership)
    except ValidationError as error:
        report_errors(request, error)
        return redirect(family)
    messages.info(request, _("%(school)s has left %(family)s.") % {
        "school": membership.school.name, "family": family.name
    })  # fmt: skip
    if request.user.has_perm("families.view_family", family):
        return redirect(family)
    return redirect("families:dashboard")


@require_POST
@login_required
def family_coordinator_add(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    family = get_family_for_user(request.user, slug, perm="families.change_family")
    form = PersonByEmailForm(request.POST)
    if form.is_valid():
        person = form.cleaned_data["email"]
        services.family_role_grant(
            actor=request.user, family=family, user=person, role=FamilyRole.Role.COORDINATOR
        )
        messages.success(request, _("%s is now a coordinator.") % person)
    else:
        report_form_errors(request, form)
    return redirect(family)


@require_POST
@login_required
def family_coordinator_remove(
    request: AuthenticatedHttpRequest, slug: str, role_id: int
) -> HttpResponse:
    family = get_family_for_user(request.user, slug, perm="families.change_family")
    family_role = get_object_or_404(
        family.roles.select_related("user"), pk=role_id, role=FamilyRole.Role.COORDINATOR
    )
    try:
        services.family_role_revoke(actor=request.user, family_role=family_role)
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.info(request, _("%s is no longer a coordinator.") % family_role.user)
    return redirect(family)


@require_GET
@login_required
def circle_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not request.user.has_perm("families.list_families"):
        raise PermissionDenied(_("Circles are for school staff."))
    circles = selectors.circles_visible_to(request.user).order_by("name")
    mine = set(request.user.circle_memberships.values_list("circle_id", flat=True))
    return render(request, "families/circle_list.html", {"circles": circles, "mine": mine})


@require_http_methods(["GET", "POST"])
@login_required
def circle_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    family = get_family_for_user(request.user, slug, perm="families.create_circle")
    candidates = selectors.family_people(family).exclude(pk=request.user.pk)
    form = CircleForm(request.POST or None, candidates=candidates)
    if form.is_valid():
        data = form.cleaned_data
        try:
            circle = services.circle_create(
                actor=request.user, families=[family], name=data["name"],
                description=data["description"], confidential=data["confidential"],
                members=list(data["members"]),
            )  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Circle created."))
            return redirect(circle)
    return render(request, "families/circle_form.html", {"form": form, "family": family})


@require_GET
@login_required
def circle_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    circle = get_circle_for_user(request.user, pk)
    user = request.user
    # Older messages were cut off at fifty; they are now a page away.
    page = Paginator(selectors.circle_posts(circle), CIRCLE_POSTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {
        "circle": circle,
        "members": selectors.circle_members(circle),
        "page": page,
        "posts": page.object_list,
        "post_form": CirclePostForm(),
        "member_form": PersonByEmailForm(),
        "can_post": user.has_perm("families.post_in_circle", circle),
        "can_manage": user.has_perm("families.change_circle", circle),
        "can_join": user.has_perm("families.join_circle", circle),
        "can_leave": user.has_perm("families.leave_circle", circle),
    }
    return render(request, "families/circle_detail.html", context)


@require_POST
@login_required
def circle_post(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    circle = get_circle_for_user(request.user, pk, perm="families.post_in_circle")
    form = CirclePostForm(request.POST)
    if form.is_valid():
        try:
            services.circle_post_create(
                actor=request.user, circle=circle, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            report_errors(request, error)
        else:
            messages.success(request, _("Posted."))
    else:
        report_form_errors(request, form)
    return redirect(circle)


@require_POST
@login_required
def circle_join(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    circle = get_circle_for_user(request.user, pk, perm="families.join_circle")
    services.circle_member_add(actor=request.user, circle=circle, user=request.user)
    messages.success(request, _("You joined %s.") % circle.name)
    return redirect(circle)


@require_POST
@login_required
def circle_leave(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    circle = get_circle_for_user(request.user, pk, perm="families.leave_circle")
    membership = circle.memberships.select_related("user").get(user=request.user)
    try:
        services.circle_member_remove(actor=request.user, membership=membership)
    except ValidationError as error:
        report_errors(request, error)
        return redirect(circle)
    messages.info(request, _("You left %s.") % circle.name)
    return redirect("families:circle_list")


@require_POST
@login_required
def circle_member_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    circle = get_circle_for_user(request.user, pk, perm="families.change_circle")
    form = PersonByEmailForm(request.POST)
    if not form.is_valid():
        report_form_errors(request, form)
        return redirect(circle)
    try:
        services.circle_member_add(
            actor=request.user, circle=circle, user=form.cleaned_data["email"]
        )
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(request, _("Added %s.") % form.cleaned_data["email"])
    return redirect(circle)


@require_POST
@login_required
def circle_member_remove(request: AuthenticatedHttpRequest, pk: int, user_id: int) -> HttpResponse:
    circle = get_circle_for_user(request.user, pk, perm="families.change_circle")
    membership = get_object_or_404(circle.memberships.select_related("user"), user_id=user_id)
    try:
        services.circle_member_remove(actor=request.user, membership=membership)
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.info(request, _("Removed %s.") % membership.user)
    return redirect(circle)
