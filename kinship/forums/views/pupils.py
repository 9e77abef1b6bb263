"""Pupil accounts made by school staff, the pupils' own sign-in and page, and the school's
DSLs."""

import secrets
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinship.accounts.models import User
from kinship.core.feedback import apply_errors
from kinship.core.http import AuthenticatedHttpRequest
from kinship.forums import selectors, services
from kinship.forums.forms import (
    PupilClassForm,
    PupilForm,
    PupilNameForm,
    PupilSecretForm,
    PupilSignInForm,
    SafeguardingLeadForm,
)
from kinship.forums.models import PupilClass, PupilProfile, SafeguardingLead
from kinship.forums.pupils import picture_secret, pupil_matching
from kinship.forums.views.access import get_pupil_class_for_user, get_school_for_user
from kinship.membership import visibility

PUPIL_BACKEND = "kinship.forums.pupils.PupilBackend"
# A random id for the browser a pupil signs in on, so wrong tries pause that device only.
DEVICE_COOKIE = "kinship_device"
DEVICE_SALT = "kinship.forums.pupil-device"
DEVICE_COOKIE_AGE = 60 * 60 * 24 * 400  # as long as browsers keep a cookie


def _device_of(request: HttpRequest) -> tuple[str, bool]:
    """The device id from its signed cookie, or a new one (and True: set the cookie)."""
    device = request.get_signed_cookie(DEVICE_COOKIE, default="", salt=DEVICE_SALT)
    if device and len(device) <= 40:
        return device, False
    return secrets.token_urlsafe(18), True


def _pause_message(pause: selectors.SignInPause) -> str:
    if pause.everywhere:
        return _(
            "Your sign-in is paused because of too many wrong tries. Ask your teacher to unlock it."
        )
    at = timezone.localtime(pause.until).strftime("%H:%M")
    return _("Too many tries on this device. Ask your teacher, or try again at %(time)s.") % {
        "time": at
    }


def _sign_in_attempt(form: PupilSignInForm, device: str) -> User | tuple[str, bool]:
    """The pupil, or what to tell the person trying and whether sign-in is paused."""
    data = form.cleaned_data
    who = {"class_code": data["class_code"], "login_name": data["login_name"]}
    pause = selectors.pupil_sign_in_pause(**who, device=device)
    if pause is not None:
        return _pause_message(pause), True
    pictures = form.pictures()
    secret = picture_secret(pictures) if pictures else data["password"]
    user = pupil_matching(data["class_code"], data["login_name"], secret)
    if user is not None:
        services.pupil_sign_in_success(profile=user.pupil_profile, device=device)
        return user
    services.pupil_sign_in_failure_record(**who, device=device)
    pause = selectors.pupil_sign_in_pause(**who, device=device)
    if pause is not None:
        return _pause_message(pause), True
    return _("That did not match. Check your class code and name, or ask your teacher."), False


@sensitive_post_parameters("password", "picture_1", "picture_2", "picture_3", "picture_4")
@require_http_methods(["GET", "POST"])
def pupil_sign_in(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("forums:home")
    device, new_device = _device_of(request)
    form = PupilSignInForm(request.POST or None)
    response: HttpResponse | None = None
    status = 200
    if form.is_valid():
        outcome = _sign_in_attempt(form, device)
        if isinstance(outcome, User):
            login(request, outcome, backend=PUPIL_BACKEND)
            response = redirect("forums:home")
        else:
            message, paused = outcome
            form.add_error(None, message)
            status = 429 if paused else 200
    if response is None:
        response = render(request, "forums/pupil_sign_in.html", {"form": form}, status=status)
    if new_device:
        response.set_signed_cookie(
            DEVICE_COOKIE,
            device,
            salt=DEVICE_SALT,
            max_age=DEVICE_COOKIE_AGE,
            httponly=True,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    return response


@require_GET
@login_required
def pupil_account(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not request.user.has_perm("forums.view_pupil_account"):
        raise PermissionDenied(_("This page is for pupils."))
    context = {
        "profile": PupilProfile.objects.select_related("pupil_class", "pupil_class__school")
        .filter(user=request.user)
        .first(),
        "schools": list(selectors.schools_of_pupil(request.user)),
    }
    return render(request, "forums/pupil_account.html", context)


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


def _name_initial(profile: PupilProfile) -> dict[str, str]:
    first, _sep, rest = profile.user.display_name.partition(" ")
    return {"first_name": first, "surname_initial": rest.rstrip(".")[:1]}


def _class_page(
    request: AuthenticatedHttpRequest,
    group: PupilClass,
    *,
    form: PupilForm | None = None,
    bound_name_form: PupilNameForm | None = None,
) -> HttpResponse:
    pupils = list(selectors.pupils_in(group))
    locks = selectors.pupil_sign_in_locks(group)
    for profile in pupils:  # its own forms, with their own field ids
        prefix = f"pupil-{profile.user_id}"
        name_form = PupilNameForm(prefix=f"name-{profile.user_id}", initial=_name_initial(profile))
        if bound_name_form is not None and bound_name_form.prefix == name_form.prefix:
            name_form = bound_name_form
        profile.reset_form = PupilSecretForm(prefix=prefix)  # type: ignore[attr-defined]
        profile.name_form = name_form  # type: ignore[attr-defined]
        profile.lock = locks.get(profile.login_name, "")  # type: ignore[attr-defined]
    context: dict[str, Any] = {"group": group, "pupils": pupils, "form": form or PupilForm()}
    return render(request, "forums/pupil_class.html", context)


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
                initial=data["surname_initial"],
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
    return _class_page(request, group, form=form)


def _pupil_of(request: AuthenticatedHttpRequest, pk: int, user_id: int) -> PupilProfile:
    group = get_pupil_class_for_user(request.user, pk)
    return get_object_or_404(
        PupilProfile.objects.select_related("user", "pupil_class", "pupil_class__school"),
        pupil_class=group,
        user_id=user_id,
    )


@require_POST
@login_required
def pupil_rename(request: AuthenticatedHttpRequest, pk: int, user_id: int) -> HttpResponse:
    profile = _pupil_of(request, pk, user_id)
    form = PupilNameForm(request.POST, prefix=f"name-{profile.user_id}")
    if form.is_valid():
        try:
            services.pupil_name_set(
                actor=request.user,
                profile=profile,
                first_name=form.cleaned_data["first_name"],
                initial=form.cleaned_data["surname_initial"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("Saved: others see %(name)s.") % {"name": profile.user.display_name}
            )
            return redirect(profile.pupil_class)
    return _class_page(request, profile.pupil_class, bound_name_form=form)


@require_POST
@login_required
def pupil_unlock(request: AuthenticatedHttpRequest, pk: int, user_id: int) -> HttpResponse:
    profile = _pupil_of(request, pk, user_id)
    services.pupil_sign_in_unlock(actor=request.user, profile=profile)
    messages.success(
        request, _("%(name)s can sign in again.") % {"name": profile.user.display_name}
    )
    return redirect(profile.pupil_class)


@require_POST
@login_required
def pupil_reset(request: AuthenticatedHttpRequest, pk: int, user_id: int) -> HttpResponse:
    profile = _pupil_of(request, pk, user_id)
    form = PupilSecretForm(request.POST, prefix=f"pupil-{profile.user_id}")
    if not form.is_valid():
        messages.error(request, _("Choose four pictures or a password."))
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
    return redirect(profile.pupil_class)


@require_http_methods(["GET", "POST"])
@login_required
def safeguarding_leads(request: AuthenticatedHttpRequest, urn: int) -> HttpResponse:
    school = get_school_for_user(request.user, urn, perm="forums.name_safeguarding_leads")
    staff = visibility.staff_of_school(school).order_by("display_name")
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
