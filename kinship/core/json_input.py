"""Checking the JSON the computational cores take, so each says what is wrong the same way.

Pure Python; reading the file in a management command is `kinship.core.command_input`.
"""

from collections.abc import Callable
from typing import Any


def json_object(
    value: object,
    where: str,
    required: set[str],
    optional: set[str],
    error: Callable[[str], Exception],
) -> dict[str, Any]:
    """`value` as a JSON object with exactly the fields allowed; `error` builds the exception
    raised, whose message names the field at fault ("staff[3].school: required but missing")."""
    if not isinstance(value, dict):
        raise error(f"{where or 'input'}: must be a JSON object")
    prefix = f"{where}." if where else ""
    for key in value:
        if key not in required | optional:
            raise error(f"{prefix}{key}: unknown field")
    for key in sorted(required):
        if key not in value:
            raise error(f"{prefix}{key}: required but missing")
    return value
