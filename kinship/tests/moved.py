"""Sample addresses for the old routes in kinship/urls.py MOVED, for the redirect tests."""

import re
from typing import Any

SAMPLES: dict[str, Any] = {"int": 7, "slug": "kaizen-network", "str": "a1B2-c3_d4"}
PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


def sample(route: str) -> tuple[str, dict[str, Any]]:
    """The old route with a sample value for each argument, and those arguments by name."""
    kwargs: dict[str, Any] = {}

    def fill(match: re.Match[str]) -> str:
        value = SAMPLES[match["converter"] or "str"]
        kwargs[match["name"]] = value
        return str(value)

    return "/" + PARAMETER.sub(fill, route), kwargs
