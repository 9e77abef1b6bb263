"""Who may see what is written once, in kinship.membership: this scan fails when a copy of
one of its queries or account checks appears anywhere else in the source.

Each shape below is how a copy looked before issue 15 gathered them. Seed data for the demo
(`kinship/demo/`) builds memberships rather than asking about them, and is left out.
"""

import re
from pathlib import Path

KINSHIP = Path(__file__).resolve().parents[2]
MEMBERSHIP = KINSHIP / "membership"
DEMO = KINSHIP / "demo"

PYTHON_SHAPES: dict[str, re.Pattern[str]] = {
    "an account-type comparison": re.compile(r"\baccount_type\s*(==|!=|\bin\b|\bnot in\b)"),
    "a query by account type": re.compile(r"\.filter\([^)]*\baccount_type"),
    "a staff-account predicate": re.compile(r"def (_?is_staff(_account)?|is_pupil(_account)?)\("),
    "a circle-membership query by user": re.compile(
        r"CircleMembership\.objects\.filter\(\s*user=|\bmemberships__user\b"
    ),
    "a family-role query by user": re.compile(
        r"FamilyRole\.objects\.filter\(\s*user=|\.family_roles\.filter\(|\broles__user\b"
    ),
    "a school-role query by user": re.compile(
        r"SchoolRole\.objects\.filter\(\s*user=|\.school_roles\.filter\("
    ),
    "a platform-admin check on is_superuser": re.compile(r"\bif [^\n]*\bis_superuser\b"),
}
TEMPLATE_SHAPES: dict[str, re.Pattern[str]] = {
    "an account-type comparison": re.compile(r"\baccount_type\s*(==|!=)"),
    "a platform-admin check on is_superuser": re.compile(r"\buser\.is_superuser\b"),
}
RULES_IMPORT = re.compile(r"^from kinship\.(\w+)\.rules import", re.MULTILINE)


def _sources(pattern: str) -> list[Path]:
    return [
        path
        for path in KINSHIP.rglob(pattern)
        if MEMBERSHIP not in path.parents
        and DEMO not in path.parents
        and "tests" not in path.parts
        and "migrations" not in path.parts
        and path.name != "conftest.py"
    ]


def _shown(path: Path) -> str:
    return str(path.relative_to(KINSHIP.parent)) if KINSHIP in path.parents else path.name


def _copies(paths: list[Path], shapes: dict[str, re.Pattern[str]]) -> list[str]:
    found = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        for what, shape in shapes.items():
            for match in shape.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{_shown(path)}:{line}: {what}")
    return found


def test_no_copy_of_membership_queries_or_account_checks_in_python():
    assert _copies(_sources("*.py"), PYTHON_SHAPES) == []


def test_no_copy_of_account_checks_in_templates():
    assert _copies(_sources("*.html"), TEMPLATE_SHAPES) == []


def test_rules_take_membership_predicates_not_another_apps_rules():
    # kinship.core.rules holds the typed django-rules names every app uses.
    borrowed = []
    for path in _sources("rules.py"):
        app = path.parent.name
        for match in RULES_IMPORT.finditer(path.read_text(encoding="utf-8")):
            if match.group(1) not in (app, "core"):
                borrowed.append(f"{_shown(path)} imports {match.group(1)}")
    assert borrowed == []


def test_the_scan_finds_a_planted_copy(tmp_path):
    # The scan must see the shapes it exists to catch, or it passes on anything.
    planted = tmp_path / "selectors.py"
    planted.write_text(
        'if user.account_type != "staff":\n'
        "    roles = SchoolRole.objects.filter(user=user)\n"
        "circles = CircleMembership.objects.filter(user=user)\n",
        encoding="utf-8",
    )
    found = [line.split(": ", 1)[1] for line in _copies([planted], PYTHON_SHAPES)]
    assert sorted(found) == [
        "a circle-membership query by user",
        "a school-role query by user",
        "an account-type comparison",
    ]
