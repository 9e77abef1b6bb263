"""Sends people who must prove a second factor to enrol or verify before anything else."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device

from kinship.accounts.rules import must_use_two_factor

EXEMPT_URL_NAMES = (
    "accounts:two_factor",
    "accounts:two_factor_verify",
    "accounts:logout",
)


class TwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not user.is_verified() and not self._is_exempt(request):  # type: ignore[attr-defined]
            if user_has_device(user, confirmed=True):
                return redirect(f"{reverse('accounts:two_factor_verify')}?next={request.path}")
            if must_use_two_factor(user):
                return redirect("accounts:two_factor")
        return self.get_response(request)

    @staticmethod
    def _is_exempt(request: HttpRequest) -> bool:
        path = request.path
        if path.startswith(settings.STATIC_URL) or path.startswith(settings.MEDIA_URL):
            return True
        return any(path == reverse(name) for name in EXEMPT_URL_NAMES)
