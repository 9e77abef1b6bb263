"""Old addresses that answer with a permanent redirect to where their page lives now.

Links already out in the world (emails, bookmarks, printed sign-in cards) keep working when a
page moves: each old route is kept as a pattern whose view redirects, with the same captured
arguments and query string, to the page's URL name. GET and HEAD get 301; any other method
gets 308, which keeps the method and body, so a form posted to an old address is not turned
into a GET and lost.
"""

from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest, HttpResponseBase, HttpResponsePermanentRedirect
from django.urls import URLPattern, path, reverse


class MovedView:
    """The view of one old route. `target` is the URL name it now answers to; middleware
    that decides by URL name (the pupil allow-list) reads it, so an old address is let
    through or refused exactly as its new one is."""

    # CSRF is checked by the page the request is sent on to, which gets the same body.
    csrf_exempt = True

    def __init__(self, target: str) -> None:
        self.target = target
        self.__name__ = self.__qualname__ = f"moved_to_{target.replace(':', '_')}"

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        location = reverse(self.target, args=args, kwargs=kwargs)
        query = request.META.get("QUERY_STRING", "")
        if query:
            location = f"{location}?{query}"
        response = HttpResponsePermanentRedirect(location)
        if request.method not in ("GET", "HEAD"):
            response.status_code = 308  # Permanent Redirect: the same method and body
        return response


def moved_target(view: Any) -> str | None:
    """The URL name an old address now redirects to, or None for any other view."""
    return view.target if isinstance(view, MovedView) else None


def moved_patterns(table: Iterable[tuple[str, str]]) -> list[URLPattern]:
    """One redirecting pattern for each (old route, new URL name) in `table`. The old
    route captures the same arguments, with the same names, as the new one."""
    return [path(old, MovedView(target)) for old, target in table]
