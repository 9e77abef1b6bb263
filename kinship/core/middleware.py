"""Requests Kinship cannot read are refused with a 400 before any view sees them."""

from collections.abc import Callable

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

NUL = "\x00"


class RejectNulMiddleware:
    """A NUL character in the address, the query or a plain form: PostgreSQL cannot store
    one and no person types one, so the request gets a 400 page with a message instead of
    reaching a query that would fail with a 500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if NUL in request.path or self._has_nul(request):
            raise BadRequest(_("That address or form holds a character Kinship cannot read."))
        return self.get_response(request)

    @staticmethod
    def _has_nul(request: HttpRequest) -> bool:
        values = [*request.GET.keys(), *(v for _k, vs in request.GET.lists() for v in vs)]
        if request.content_type == "application/x-www-form-urlencoded":
            values += [v for _k, vs in request.POST.lists() for v in vs]
        return any(NUL in value for value in values)
