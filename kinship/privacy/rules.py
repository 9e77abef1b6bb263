"""Who may download their own data. Pupils' requests go through their school."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kinship.core.rules import add_perm, predicate
from kinship.membership import visibility

if TYPE_CHECKING:  # privacy knows no feature app at run time
    from kinship.accounts.types import Viewer


@predicate
def may_export_own_data(user: Viewer) -> bool:
    return visibility.is_signed_in(user) and not visibility.is_pupil(user)


add_perm("privacy.export_own_data", may_export_own_data)
