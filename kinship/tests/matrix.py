"""The permission matrix's vocabulary: roles, expected cells and cases.

Each feature area lists its cases in its own module (`matrix_<area>.py`) with these; the
test module gathers them all and checks every named URL is covered.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kinship.conftest import Personas

ROLES = ("anonymous", "admin", "coordinator", "head", "teacher", "partner", "pupil", "outsider")
OK, LOGIN = "ok", "login"
Expect = str | int
# A signed-in pupil on any page not made for pupils (kinship.forums.middleware).
NOT_FOR_PUPILS = 403


def expect(default: Expect, **cells: Expect) -> dict[str, Expect]:
    """A full row: `default` for every signed-in role but pupils, who are refused every page
    not made for them, and anonymous sent to sign in. A pupil page says `pupil=...`."""
    row: dict[str, Expect] = {role: default for role in ROLES}
    row["anonymous"] = LOGIN
    row["pupil"] = NOT_FOR_PUPILS
    row.update(cells)
    return row


@dataclass
class Case:
    url_name: str
    expected: dict[str, Expect]
    args: Callable[[Personas], list[Any]] = lambda p: []
    method: str = "get"
    data: Callable[[Personas], dict[str, Any]] = lambda p: {}
    setup: Callable[[Personas], Any] = lambda p: None
    # A body that depends on who sends it (their own collection, say); overrides `data`.
    data_by_role: Callable[[Personas, str], dict[str, Any]] | None = None
    label: str = ""
    query: str = ""

    def data_as(self, p: Personas, role: str) -> dict[str, Any]:
        return self.data_by_role(p, role) if self.data_by_role else self.data(p)

    @property
    def id(self) -> str:
        return f"{self.url_name}{'[' + self.label + ']' if self.label else ''}"


STAFF_ONLY = dict(partner=403, pupil=NOT_FOR_PUPILS)
FAMILY_HIDDEN = dict(partner=404, pupil=NOT_FOR_PUPILS, outsider=404)
