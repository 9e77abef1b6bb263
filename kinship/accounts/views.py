"""Signing in, profiles, the directory, invitations and two-factor sign-in. Thin views."""

from base64 import b32encode
from typing import Any

import django_otp
import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from kinship.accounts import selectors, services, sign_in_delay
from kinship.accounts.forms import (
    CodeForm,
    ConfirmPasswordForm,
    DirectorySearchForm,
    InvitationForm,
    KinshipPasswordChangeForm,
    KinshipPasswordResetForm,
    KinshipSetPasswordForm,
    ProfileForm,
    SignInForm,
    SignUpForm,
)
from kinship.accounts.models import Invitation, InvitationStatus, User
from kinship.accounts.two_factor import sign_in_is_fresh, sign_in_mark_fresh
from kinship.core.concurrency import EditConflict, edit_version
from kinship.core.http import AuthenticatedHttpRequest
from kinship.membership import visibility

DIRECTORY_PAGE_SIZE = 50
MAX_CODE_FAILURES = 5
CODE_FAILURES_KEY = "kinship_2fa_failures"
PASSWORD_BACKEND = "django.contrib.auth.backends.ModelBackend"


def get_invitation_for_user(user: User, pk: int) -> Invitation:
    """404 unless `user` sent the invitation or leads its school (the people who may revoke)."""
    invitation = Invitation.objects.select_related("school").filter(pk=pk).first()
    if invitation is None or not user.has_perm("accounts.revoke_invitation", invitation):
        raise Http404
    return invitation


def _is_verified(request: AuthenticatedHttpRequest) -> bool:
    """Whether the second factor was given in this session (django-otp's OTPMiddleware)."""
    return bool(request.user.is_verified())  # type: ignore[attr-defined]


def _safe_next(request: HttpRequest) -> str:
    """The ?next= address when it stays on this site; otherwise the dashboard."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed else resolve_url(settings.LOGIN_REDIRECT_URL)


# Django's own views for signing in and out and for passwords, with our forms and templates.
sign_in = auth_views.LoginView.as_view(
    template_name="accounts/login.html",
    authentication_form=SignInForm,
    redirect_authenticated_user=True,
)
sign_out = auth_views.LogoutView.as_view()
password_change = auth_views.PasswordChangeView.as_view(
    template_name="accounts/password_change_form.html",
    form_class=KinshipPasswordChangeForm,
    success_url=reverse_lazy("accounts:password_change_done"),
)
password_change_done = auth_views.PasswordChangeDoneView.as_view(
    template_name="accounts/password_change_done.html"
)
password_reset = auth_views.PasswordResetView.as_view(
    template_name="accounts/password_reset_form.html",
    form_class=KinshipPasswordResetForm,
    subject_template_name="accounts/email/password_reset_subject.txt",
    email_template_name="accounts/email/password_reset.txt",
    html_email_template_name="accounts/email/password_reset.html",
    success_url=reverse_lazy("accounts:password_reset_done"),
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="accounts/password_reset_done.html"
)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = KinshipSetPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        services.password_reset_record(user=form.user, request=self.request)
        return response


password_reset_confirm = PasswordResetConfirmView.as_view()
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)


@require_http_methods(["GET", "POST"])
@login_required
def profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    if visibility.is_pupil_record(user):  # staff name pupils; a pupil has their own page
        return redirect("forums:pupil_account")
    form = ProfileForm(
        request.POST or None,
        initial=ProfileForm.initial_for(user),
        version=edit_version(user, services.PROFILE_FIELDS),
    )
    status = 200
    if form.is_valid():
        try:
            services.user_profile_update(user=user, version=form.version, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        except EditConflict as conflict:
            form.show_conflict(conflict)
            status = 409
        else:
            messages.success(request, _("Your profile has been saved."))
            return redirect("accounts:profile")
    context = {
        "form": form,
        "school_roles": selectors.school_roles_of(user),
        "family_roles": selectors.family_roles_of(user),
        "has_two_factor": selectors.two_factor_device_of(user) is not None,
    }
    return render(request, "accounts/profile.html", context, status=status)


@require_GET
@login_required
def directory(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not request.user.has_perm("accounts.use_directory"):
        raise PermissionDenied(_("The directory is for school and family staff."))
    search = DirectorySearchForm(request.GET)
    valid = search.is_valid()
    q = search.cleaned_data["q"].strip() if valid else ""
    tag = search.cleaned_data["tag"] if valid else ""
    people = selectors.directory_people_for(request.user, q=q, tag=tag)
    page = Paginator(people, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "q": q,
        "tag": tag,
        "tags": selectors.directory_tags_for(request.user),
        "searching": bool(q or tag),
    }
    return render(request, "accounts/directory.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def invitation_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not request.user.has_perm("accounts.invite"):
        raise PermissionDenied(_("School leads and family coordinators can invite people."))
    schools = selectors.schools_user_may_invite_to(request.user)
    # "Invite my staff" on a head's school page and dashboard names the school.
    chosen = request.GET.get("school", "")
    initial = {"school": chosen} if chosen.isdigit() and schools.filter(pk=chosen).exists() else {}
    form = InvitationForm(request.POST or None, schools=schools, initial=initial)
    if form.is_valid():
        try:
            invitation, _token = services.invitation_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": invitation.email}
            )
            return redirect("accounts:invitation_list")
    invitations = selectors.invitations_visible_to(request.user)
    context = {"form": form, "invitations": invitations, "pending": InvitationStatus.PENDING}
    return render(request, "accounts/invitation_list.html", context)


@require_POST
@login_required
def invitation_revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    invitation = get_invitation_for_user(request.user, pk)
    try:
        services.invitation_revoke(actor=request.user, invitation=invitation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The invitation to %(email)s is withdrawn.") % {"email": invitation.email}
        )
    return redirect("accounts:invitation_list")


def _invitation_problem(request: HttpRequest, invitation: Invitation | None) -> HttpResponse:
    """Unknown links are 404; used, withdrawn and expired ones are 410 (Gone)."""
    status = 404 if invitation is None else 410
    context = {"invitation": invitation, "status": invitation.status if invitation else None}
    return render(request, "accounts/invitation_problem.html", context, status=status)


def _invitation_sign_up(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    if selectors.user_exists_with_email(invitation.email):
        return render(request, "accounts/invitation_accept.html", {"invitation": invitation})
    form = SignUpForm(request.POST or None, invitation=invitation)
    if form.is_valid():
        try:
            user = services.invitation_sign_up(
                invitation=invitation,
                display_name=form.cleaned_data["display_name"],
                password=form.cleaned_data["password1"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            login(request, user, backend=PASSWORD_BACKEND)
            messages.success(request, _("Welcome to Kinship."))
            return redirect(settings.LOGIN_REDIRECT_URL)
    context = {"invitation": invitation, "form": form}
    return render(request, "accounts/invitation_accept.html", context)


@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = selectors.invitation_for_token(token)
    if invitation is None or invitation.status != InvitationStatus.PENDING:
        return _invitation_problem(request, invitation)
    if not request.user.is_authenticated:
        return _invitation_sign_up(request, invitation)
    user: User = request.user
    is_for_me = invitation.email.lower() == user.email.lower()
    if request.method == "POST":
        if not is_for_me:
            raise PermissionDenied(_("This invitation was sent to a different email address."))
        try:
            school_role = services.invitation_accept(invitation=invitation, user=user)
        except ValidationError:
            return _invitation_problem(request, invitation)
        messages.success(
            request,
            _("You are now %(role)s at %(school)s.")
            % {"role": school_role.get_role_display(), "school": school_role.school.name},
        )
        return redirect(settings.LOGIN_REDIRECT_URL)
    context = {"invitation": invitation, "is_for_me": is_for_me}
    return render(request, "accounts/invitation_accept.html", context)


def _two_factor_qr(device: TOTPDevice) -> str:
    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=4, light="#fff", title=_("QR code for your authenticator app"), svgclass="totp-qr"
    )
    return mark_safe(svg)  # noqa: S308 - segno writes only path data and our title


def _password_again(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Before a second factor is set up, the password again unless the sign-in is recent."""
    form = ConfirmPasswordForm(request.POST or None, user=request.user)
    wait = sign_in_delay.seconds_to_wait(request.user.email)
    if request.method == "POST" and wait:
        form.add_error(
            None,
            ngettext(
                "Too many wrong passwords. Wait %(seconds)d second.",
                "Too many wrong passwords. Wait %(seconds)d seconds.",
                wait,
            )
            % {"seconds": wait},
        )
    elif form.is_valid():
        sign_in_delay.clear(request.user.email)
        sign_in_mark_fresh(request.session)
        return redirect(request.get_full_path())
    elif request.method == "POST":
        sign_in_delay.failure_record(request.user.email)
    return render(request, "accounts/two_factor_password.html", {"form": form})


def _two_factor_enrol(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not sign_in_is_fresh(request.session):
        return _password_again(request)
    device = services.two_factor_enrolment_device(user=request.user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        code = form.cleaned_data["code"]
        if services.two_factor_enrol(user=request.user, device=device, token=code, request=request):
            django_otp.login(request, device)
            messages.success(request, _("Two-factor sign-in is on."))
            return redirect(_safe_next(request))
        form.add_error("code", _("That code did not match. Check the clock on your phone."))
    secret = b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "qr": _two_factor_qr(device),
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
    }
    return render(request, "accounts/two_factor_enrol.html", context)


def _two_factor_status(request: AuthenticatedHttpRequest, device: TOTPDevice) -> HttpResponse:
    may_remove = request.user.has_perm("accounts.remove_two_factor")
    form = ConfirmPasswordForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if not may_remove:
            raise PermissionDenied(
                _("Your role needs two-factor sign-in, so it cannot be removed.")
            )
        if form.is_valid():
            services.two_factor_remove(user=request.user, request=request)
            messages.success(request, _("Two-factor sign-in is off."))
            return redirect("accounts:two_factor")
    context = {"device": device, "form": form, "may_remove": may_remove}
    return render(request, "accounts/two_factor_status.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def two_factor(request: AuthenticatedHttpRequest) -> HttpResponse:
    device = selectors.two_factor_device_of(request.user)
    if device is None:
        return _two_factor_enrol(request)
    # This page is open before the second factor is given: prove it before changing anything.
    if not _is_verified(request):
        return redirect(f"{reverse('accounts:two_factor_verify')}?next={request.path}")
    return _two_factor_status(request, device)


def _two_factor_failed(request: AuthenticatedHttpRequest, form: Form) -> HttpResponse | None:
    """Count a wrong code; after too many, sign out (the password must be given again)."""
    failures = int(request.session.get(CODE_FAILURES_KEY, 0)) + 1
    request.session[CODE_FAILURES_KEY] = failures
    if failures < MAX_CODE_FAILURES:
        form.add_error("code", _("That code did not match. Try the newest code from your app."))
        return None
    services.two_factor_failures_record(user=request.user, failures=failures, request=request)
    logout(request)
    messages.error(request, _("Too many wrong codes, so we have signed you out. Sign in again."))
    return redirect("accounts:login")


@require_http_methods(["GET", "POST"])
@login_required
def two_factor_verify(request: AuthenticatedHttpRequest) -> HttpResponse:
    next_url = _safe_next(request)
    if _is_verified(request):
        return redirect(next_url)
    if selectors.two_factor_device_of(request.user) is None:
        return redirect("accounts:two_factor")
    form = CodeForm(request.POST or None)
    if form.is_valid():
        device = services.two_factor_verify(user=request.user, token=form.cleaned_data["code"])
        if device is not None:
            django_otp.login(request, device)
            request.session.pop(CODE_FAILURES_KEY, None)
            return redirect(next_url)
        if (signed_out := _two_factor_failed(request, form)) is not None:
            return signed_out
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": next_url})
