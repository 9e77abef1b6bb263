"""Who may download their own data. Pupils' requests go through their school."""

from typing import Any

from kinship.core.rules import add_perm, predicate
from kinship.membership import visibility


@predicate
def may_export_own_data(user: Any) -> bool:
    return visibility.is_signed_in(user) and not visibility.is_pupil(user)


add_perm("privacy.export_own_data", may_export_own_data)
