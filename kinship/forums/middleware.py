"""Pupils reach pupil pages only: every other page answers a pupil with 403.

One list of the pages made for pupils, checked for every request, rather than a check in
each adult view: a page added later by any app is closed to pupils until it is put here on
purpose (see docs/decisions.md).
"""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from kinship.core.moved import moved_target
from kinship.membership import visibility

# Pages a signed-in pupil may open. Each view still checks its objects through rules.py.
PUPIL_PAGES = frozenset(
    {
        "forums:home",
        "forums:board_detail",
        "forums:thread_create",
        "forums:thread_detail",
        "forums:reply",
        "forums:post_detail",
        "forums:post_history",
        "forums:post_flag",
        "forums:attachment",
        "forums:pupil_account",
        "forums:pupil_sign_in",
        "notifications:list",
        "notifications:open",
        "notifications:read_all",
        "accounts:logout",
        "core:healthz",
    }
)
# Adult pages a pupil is sent on from, to the pupil page that stands for them.
PUPIL_INSTEAD = {
    "families:dashboard": "forums:home",
    "accounts:profile": "forums:pupil_account",
}


class PupilPagesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Any, args: Any, kwargs: Any
    ) -> HttpResponse | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if not visibility.is_pupil(user):
            return None
        match = request.resolver_match
        name = match.view_name if match is not None else ""
        # An old address (kinship/urls.py MOVED) is judged as the page it redirects to, so
        # no old address of an adult page opens, or even points, a pupil to it.
        name = moved_target(view) or name
        if name in PUPIL_PAGES:
            return None
        if name in PUPIL_INSTEAD:
            return redirect(PUPIL_INSTEAD[name])
        raise PermissionDenied(_("This page is not for pupils."))
