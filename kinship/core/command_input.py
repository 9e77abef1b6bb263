"""Reading a management command's JSON input: what is wrong is one line on standard error
and exit status 2, so scripts can tell bad input apart from a failure."""

import json
import sys
from pathlib import Path

from django.core.management.base import CommandError


def input_failure(path: str, message: str) -> Exception:
    """A CommandError (exit status 2) whose message is one line naming the input."""
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
