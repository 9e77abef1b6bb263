"""Fail when a JUnit report ran no browser test, or skipped one."""

import sys
import xml.etree.ElementTree as ET


def main(paths: list[str]) -> int:
    status = 0
    for path in paths:
        report = ET.parse(path)  # noqa: S314 - our own pytest output
        cases = [c for c in report.iter("testcase") if c.get("classname", "").startswith("e2e.")]
        skipped = [c for c in cases if c.find("skipped") is not None]
        if not cases or skipped:
            print(f"{path}: {len(cases)} browser tests, {len(skipped)} skipped; they must run")
            status = 1
        else:
            print(f"{path}: {len(cases)} browser tests ran")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
