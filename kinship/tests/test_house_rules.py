"""House rules a reviewer would otherwise have to remember (issue 17): no production module
grows past 500 lines; past about 400 it becomes a package (docs/architecture.md)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 500


def production_modules() -> list[Path]:
    return sorted(
        path
        for folder in ("kinship", "bench")
        for path in (ROOT / folder).rglob("*.py")
        if not {"tests", "migrations"} & set(path.relative_to(ROOT).parts)
    )


def test_the_rule_sees_the_code():
    names = {path.relative_to(ROOT).as_posix() for path in production_modules()}
    assert "kinship/visits/views/visits.py" in names
    assert not any("/tests/" in name or "/migrations/" in name for name in names)


def test_no_production_module_is_over_500_lines():
    long = {
        path.relative_to(ROOT).as_posix(): count
        for path in production_modules()
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > LIMIT
    }
    assert not long, f"split these into smaller modules: {long}"
