from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from kinship.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """A request behind @login_required: `user` is a real person, never anonymous."""

    user: "User"  # type: ignore[assignment]
