"""Reports, hiding, approving pupils' posts, safeguarding alerts and the school's review of
everything its pupils wrote."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinship.accounts.two_factor import second_factor_required
from kinship.core.audit import audit_log
from kinship.core.feedback import apply_errors
from kinship.core.http import AuthenticatedHttpRequest
from kinship.forums import selectors, services
from kinship.forums.forms import (
    AlertCloseForm,
    OptionalReasonForm,
    ReasonForm,
    SafeguardingActionForm,
)
from kinship.forums.views.access import (
    get_alert_for_user,
    get_flag_for_user,
    get_post_for_user,
    get_school_for_user,
)


@require_POST
@login_required
def post_flag(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = get_post_for_user(request.user, pk, perm="forums.flag_post")
    form = ReasonForm(request.POST)
    if form.is_valid():
        services.post_flag(actor=request.user, post=post, reason=form.cleaned_data["reason"])
        messages.success(request, _("Thank you. The board's moderators will look at it."))
    else:
        messages.error(request, _("Say what is wrong with the post."))
    return redirect(post.get_absolute_url())


@require_POST
@login_required
def post_hide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = get_post_for_user(request.user, pk, perm="forums.hide_post")
    form = ReasonForm(request.POST)
    if form.is_valid():
        services.post_hide(actor=request.user, post=post, reason=form.cleaned_data["reason"])
        messages.success(request, _("The post is hidden; everyone sees your reason instead."))
    else:
        messages.error(request, _("Give a reason: everyone sees it instead of the post."))
    return redirect(post.get_absolute_url())


@require_POST
@login_required
def post_approve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = get_post_for_user(request.user, pk, perm="forums.approve_post")
    try:
        services.post_approve(actor=request.user, post=post)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Approved: everyone on the board can read it now."))
    return redirect(
        (request.POST.get("next") == "queue" and "forums:review_queue") or post.get_absolute_url()
    )


@require_POST
@login_required
def post_decline(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = get_post_for_user(request.user, pk, perm="forums.approve_post")
    form = OptionalReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    services.post_decline(actor=request.user, post=post, reason=reason)
    messages.info(
        request, _("Not approved. It is kept for the school to review, and nobody else sees it.")
    )
    return redirect("forums:review_queue")


@require_GET
@login_required
def review_queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not request.user.has_perm("forums.use_review_queue"):
        raise PermissionDenied(_("The review queue is for school staff."))
    context = {
        "flags": selectors.open_flags_for(request.user),
        "approvals": selectors.pending_approvals_for(request.user),
        "hide_form": ReasonForm(),
        "decline_form": OptionalReasonForm(),
    }
    return render(request, "forums/review_queue.html", context)


@require_POST
@login_required
def flag_dismiss(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    flag = get_flag_for_user(request.user, pk)
    services.flag_dismiss(actor=request.user, flag=flag)
    messages.info(request, _("Report closed; the post stays."))
    return redirect("forums:review_queue")


@require_GET
@login_required
@second_factor_required
def safeguarding_queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not request.user.has_perm("forums.view_safeguarding_queue"):
        raise PermissionDenied(_("The queue is for the school's safeguarding leads."))
    closed = Paginator(selectors.closed_alerts_for(request.user), 25)
    context = {
        "alerts": selectors.alerts_for(request.user),
        "closed": closed.get_page(request.GET.get("page")),
    }
    return render(request, "forums/safeguarding_queue.html", context)


@require_http_methods(["GET", "POST"])
@login_required
@second_factor_required
def alert_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The held post in its thread, what the filter found, and the record (add to it here)."""
    alert = get_alert_for_user(request.user, pk)
    form = SafeguardingActionForm(request.POST or None)
    if request.method == "GET":
        audit_log(
            actor=request.user,
            action="forums.safety_read",
            target=alert,
            summary="Read a held pupil post",
            request=request,
        )
    if form.is_valid():
        try:
            services.safeguarding_action_record(
                actor=request.user, alert=alert, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Added to the record."))
            return redirect(alert.get_absolute_url())
    context = {
        "alert": selectors.alert_with_pupil(alert),
        "around": selectors.alert_context(alert),
        "actions": selectors.alert_actions(alert),
        "form": form,
        "close_form": AlertCloseForm(),
    }
    return render(request, "forums/alert_detail.html", context)


@require_POST
@login_required
@second_factor_required
def alert_close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    alert = get_alert_for_user(request.user, pk)
    form = AlertCloseForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Choose what happens to the post."))
        services.alert_close(actor=request.user, alert=alert, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(alert.get_absolute_url())
    messages.success(request, _("Alert closed. Its record stays with the school."))
    return redirect("forums:safeguarding_queue")


@require_GET
@login_required
@second_factor_required
def school_pupil_posts(request: AuthenticatedHttpRequest, urn: int) -> HttpResponse:
    school = get_school_for_user(request.user, urn, perm="forums.review_pupil_posts")
    audit_log(
        actor=request.user,
        action="forums.pupil_posts_read",
        target=school,
        summary=f"Reviewed pupils' posts of {school.name}",
        request=request,
    )
    page = Paginator(selectors.pupil_posts_of_school(school), 50).get_page(request.GET.get("page"))
    return render(request, "forums/school_pupil_posts.html", {"school": school, "page": page})
