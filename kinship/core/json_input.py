"""Reading the JSON the computational commands take, so each says what is wrong the same way.

`json_object` is pure (the cores use it); `read_json` and `input_failure` are for management
commands: one line on standard error and exit status 2, so scripts can tell bad input apart.
"""

import json
import sys
from collections.abc import Callable
from pathlib import Path
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


def input_failure(path: str, message: str) -> Exception:
    """A CommandError (exit status 2) whose message is one line naming the input."""
    from django.core.management.base import CommandError

    name = "stdin" if path == "-" else path
    return CommandError(" ".join(f"{name}: {message}".split()), returncode=2)


def read_json(path: str) -> object:
    """The JSON in the file at `path` ("-": standard input), or a one-line CommandError."""
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
        return json.loads(text)
    except OSError as error:
        raise input_failure(path, f"cannot read it ({error.strerror or error})") from None
    except UnicodeDecodeError:
        raise input_failure(path, "it is not UTF-8 text") from None
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise input_failure(path, f"not valid JSON ({error.msg} at {where})") from None
