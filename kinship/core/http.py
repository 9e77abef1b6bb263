import ipaddress
from typing import TYPE_CHECKING

from django.conf import settings
from django.http import HttpRequest

if TYPE_CHECKING:
    from kinship.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """A request behind @login_required: `user` is a real person, never anonymous."""

    user: "User"


def client_ip(request: HttpRequest | None) -> str | None:
    """The address of the person, not of our reverse proxy.

    Behind N trusted proxies (settings.TRUSTED_PROXY_COUNT, from AXES_PROXY_COUNT), each
    proxy appends the address it was connected from to X-Forwarded-For, so the client is the
    Nth entry from the right; anything further left was written by the client and is not
    trusted. Without proxies, or when the header is shorter than it must be (a request that
    did not come through the proxies), REMOTE_ADDR is the answer.
    """
    if request is None:
        return None
    remote = request.META.get("REMOTE_ADDR") or None
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [hop for hop in hops if hop]
    if len(hops) < count:
        return remote
    candidate = hops[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
