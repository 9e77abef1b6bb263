"""Who may download their own data. Pupils' requests go through their school."""

from typing import Any

from kinship.core.rules import add_perm, predicate


@predicate
def is_not_pupil(user: Any) -> bool:
    return bool(user.is_authenticated and user.account_type != "pupil")


add_perm("privacy.export_own_data", is_not_pupil)
