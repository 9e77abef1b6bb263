"""The viewer's kind of account for templates, from the one place that decides it."""

from dataclasses import dataclass

from django.http import HttpRequest

from kinship.accounts.types import Viewer
from kinship.membership import visibility


@dataclass(frozen=True)
class AccountKind:
    staff: bool
    pupil: bool
    partner: bool
    platform_admin: bool


def account_kind_of(user: Viewer | None) -> AccountKind:
    """What kind of account `user` is; nothing at all for no user (a request that never
    reached the authentication middleware)."""
    if user is None:
        return AccountKind(staff=False, pupil=False, partner=False, platform_admin=False)
    return AccountKind(
        staff=visibility.is_staff_account(user),
        pupil=visibility.is_pupil(user),
        partner=visibility.is_partner(user),
        platform_admin=visibility.is_platform_admin(user),
    )


def account(request: HttpRequest) -> dict[str, AccountKind]:
    """`account.staff`, `.pupil`, `.partner` and `.platform_admin` in every page's context."""
    return {"account": account_kind_of(getattr(request, "user", None))}
