"""The notifications page, email choices and the one-click unsubscribe link."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinship.accounts.models import User
from kinship.core.concurrency import EditConflict, edit_version
from kinship.core.http import AuthenticatedHttpRequest
from kinship.notifications import selectors, services
from kinship.notifications.forms import NotificationSettingsForm
from kinship.notifications.models import Notification

PAGE_SIZE = 30


def get_notification_for_user(user: User, pk: int) -> Notification:
    """404 unless it is the person's own and about something they may still see."""
    found = selectors.notifications_for(user).filter(pk=pk).first()
    if found is None or not user.has_perm("notifications.view_notification", found):
        raise Http404
    return found


@require_GET
@login_required
def notification_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(selectors.notifications_for(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "notifications/list.html", {"page": page})


@require_POST
@login_required
def notification_open(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    notification = get_notification_for_user(request.user, pk)
    services.notification_mark_read(actor=request.user, notification=notification)
    safe = url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None)
    return redirect(notification.url if safe else "notifications:list")


@require_POST
@login_required
def notification_read_all(request: AuthenticatedHttpRequest) -> HttpResponse:
    services.notifications_mark_all_read(actor=request.user)
    messages.success(request, _("All marked as read."))
    return redirect("notifications:list")


@require_http_methods(["GET", "POST"])
@login_required
def notification_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    current = selectors.settings_of(request.user)
    initial = {
        "frequency": current.frequency,
        "mentions": current.mentions,
        "emails_enabled": current.emails_enabled,
    }
    form = NotificationSettingsForm(
        request.POST if request.method == "POST" else None,  # an empty POST is an error too
        initial=initial,
        version=edit_version(current, services.SETTINGS_FIELDS),
    )
    status = 200
    if form.is_valid():
        try:
            services.notification_settings_update(
                actor=request.user, version=form.version, **form.cleaned_data
            )
        except EditConflict as conflict:
            form.show_conflict(conflict)
            status = 409
        else:
            messages.success(request, _("Email choices saved."))
            return redirect("notifications:settings")
    return render(request, "notifications/settings.html", {"form": form}, status=status)


@csrf_exempt  # mail apps post RFC 8058 one-click requests without a session; the token is the key
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    described = selectors.unsubscribe_describe(token)
    if described is None:
        return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=404)
    if described[2] is None:  # a topic no app knows: stop nothing rather than everything
        return render(request, "notifications/unsubscribe.html", {"unknown": True}, status=404)
    if request.method == "POST":
        try:
            _person, label = services.unsubscribe(token=token)
        except ValidationError:
            raise Http404 from None
        return render(request, "notifications/unsubscribe.html", {"done": True, "label": label})
    return render(request, "notifications/unsubscribe.html", {"label": described[2]})
