"""Requests Kinship cannot read are refused with a 400 before any view sees them; a form
posted twice is answered once (`kinship.core.submissions`)."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _

from kinship.core import submissions
from kinship.core.moved import moved_target

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


class SubmissionMiddleware:
    """Claims a form's one-time token before its view runs, and answers a repeat of a done
    POST as the first was answered, so a double click makes one reply, not two.

    The claim is made in `process_view`, after CSRF and sign-in checks have passed, and is
    settled once the response is known (see `kinship.core.submissions`)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        claim = getattr(request, "_submission_claim", None)
        if isinstance(claim, submissions.Claim):
            htmx = bool(request.headers.get("HX-Request"))
            submissions.submission_settle(claim, response, htmx=htmx)
        return response

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponseBase | None:
        if request.method != "POST" or submissions.FIELD not in request.POST:
            return None
        if moved_target(view_func) is not None:
            return None  # an old address: the token is claimed where the 308 sends the form
        outcome = submissions.submission_claim(
            owner=submissions.owner_of(request),
            token=request.POST[submissions.FIELD],
            path=request.path,
        )
        if isinstance(outcome, submissions.Claim):
            request._submission_claim = outcome  # type: ignore[attr-defined]
            return None
        if isinstance(outcome, submissions.Pending):
            return render(request, "core/submission_pending.html", status=409)
        if isinstance(outcome, submissions.Replay):
            messages.info(request, _("That was already sent; here it is."))
            if outcome.header == "Location":
                replay = HttpResponseRedirect(outcome.location)
                replay.status_code = 303  # See Other: fetch the result with GET
                return replay
            answer = HttpResponse()
            answer[outcome.header] = outcome.location
            return answer
        return None
