"""A signed-in person's memberships are read once per request (see `visibility`)."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from kinship.membership import memo


class MembershipsOncePerRequestMiddleware:
    """Remembers the request's user object's memberships for the length of the request.
    Outside a request (tasks, commands, services called directly) nothing is remembered."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.get_response(request)
        memo.remember_memberships(user)
        try:
            return self.get_response(request)
        finally:
            memo.forget_memberships(user)
