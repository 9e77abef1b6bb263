"""Pupil accounts made by school staff, the pupils' own sign-in, and the school's DSLs."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kinship.accounts.models import User
from kinship.core.feedback import apply_errors
from kinship.core.http import AuthenticatedHttpRequest
from kinship.forums import selectors, services
from kinship.forums.forms import (
    PupilClassForm,
    PupilForm,
    PupilSecretForm,
    PupilSignInForm,
    SafeguardingLeadForm,
)
from kinship.forums.models import PupilProfile, SafeguardingLead
from kinship.forums.pupils import PICTURES, picture_secret, pupil_username
from kinship.forums.views.access import get_pupil_class_for_user, get_school_for_user

PUPIL_BACKEND = "kinship.forums.pupils.PupilBackend"


@require_http_methods(["GET", "POST"])
def pupil_sign_in(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("forums:home")
    form = PupilSignInForm(request.POST or None)
    if form.is_valid():
        pictures = form.pictures()
        secret = picture_secret(pictures) if pictures else form.cleaned_data["password"]
        username = pupil_username(form.cleaned_data["class_code"], form.cleaned_data["login_name"])
        # django-axes counts failures for this class code and name, as for the email sign-in.
        user = authenticate(request, username=username, password=secret)
        if user is not None:
            login(request, user, backend=PUPIL_BACKEND)
            return redirect("forums:home")
        form.add_error(
            None, _("That did not match. Check your class code and name, or ask your teacher.")
        )
    return render(request, "forums/pupil_sign_in.html", {"form": form, "pictures": PICTURES})


@require_http_methods(["GET", "POST"])
@login_required
def pupil_classes(request: AuthenticatedHttpRequest, urn: int) -> HttpResponse:
    school = get_school_for_user(request.user, urn, perm="forums.manage_pupils")
    form = PupilClassForm(request.POST or None)
    if form.is_valid():
        pupil_class = services.pupil_class_create(
            actor=request.user, school=school, name=form.cleaned_data["name"]
        )
        messages.success(request, _("Group made. Add its pupils below."))
        return redirect(pupil_class)
    context = {"school": school, "classes": selectors.pupil_classes_of(school), "form": form}
    return render(request, "forums/pupil_classes.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def pupil_class(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    group = get_pupil_class_for_user(request.user, pk)
    form = PupilForm(request.POST or None)
    if form.is_valid():
        data = form.cleaned_data
        try:
            profile = services.pupil_create(
                actor=request.user,
                pupil_class=group,
                first_name=data["first_name"],
                login_name=data["login_name"],
                sign_in_with=data["sign_in_with"],
                pictures=form.pictures(),
                password=data["password"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("%(name)s can sign in now.") % {"name": profile.user.display_name}
            )
            return redirect(group)
    pupils = list(selectors.pupils_in(group))
    for profile in pupils:  # one form each, with its own field ids
        profile.reset_form = PupilSecretForm(prefix=f"pupil-{profile.user_id}")  # type: ignore[attr-defined]
    context = {"group": group, "pupils": pupils, "form": form}
    return render(request, "forums/pupil_class.html", context)


@require_POST
@login_required
def pupil_reset(request: AuthenticatedHttpRequest, pk: int, user_id: int) -> HttpResponse:
    group = get_pupil_class_for_user(request.user, pk)
    profile = get_object_or_404(
        PupilProfile.objects.select_related("user"), pupil_class=group, user_id=user_id
    )
    form = PupilSecretForm(request.POST, prefix=f"pupil-{profile.user_id}")
    if not form.is_valid():
        messages.error(request, _("Choose three pictures or a password."))
    else:
        try:
            services.pupil_secret_reset(
                actor=request.user,
                profile=profile,
                sign_in_with=form.cleaned_data["sign_in_with"],
                pictures=form.pictures(),
                password=form.cleaned_data["password"],
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("%(name)s has a new way to sign in.") % {"name": profile.user.display_name},
            )
    return redirect(group)


@require_http_methods(["GET", "POST"])
@login_required
def safeguarding_leads(request: AuthenticatedHttpRequest, urn: int) -> HttpResponse:
    school = get_school_for_user(request.user, urn, perm="forums.name_safeguarding_leads")
    staff = (
        User.objects.filter(
            school_roles__school=school,
            school_roles__role__in=selectors.STAFF_ROLES,
            is_active=True,
        )
        .distinct()
        .order_by("display_name")
    )
    form = SafeguardingLeadForm(request.POST or None, staff=staff)
    if form.is_valid():
        try:
            services.safeguarding_lead_add(
                actor=request.user,
                school=school,
                user=form.cleaned_data["person"],
                role=form.cleaned_data["role"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved: they will be alerted to held pupil posts."))
            return redirect("forums:safeguarding_leads", urn=school.urn)
    context = {
        "school": school,
        "leads": selectors.safeguarding_leads_of(school),
        "form": form,
        "escalation_hours": settings.SAFEGUARDING_ESCALATION_SCHOOL_HOURS,
    }
    return render(request, "forums/safeguarding_leads.html", context)


@require_POST
@login_required
def safeguarding_lead_remove(request: AuthenticatedHttpRequest, urn: int, pk: int) -> HttpResponse:
    school = get_school_for_user(request.user, urn, perm="forums.name_safeguarding_leads")
    lead = get_object_or_404(
        SafeguardingLead.objects.select_related("user", "school"), school=school, pk=pk
    )
    services.safeguarding_lead_remove(actor=request.user, lead=lead)
    messages.info(
        request, _("%(name)s is no longer a safeguarding lead here.") % {"name": lead.user}
    )
    return redirect("forums:safeguarding_leads", urn=school.urn)
