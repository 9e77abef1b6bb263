"""python manage.py send_notification_digests: a wrong --frequency gets one line on stderr and
exit status 2, as every Kinship command does, and sends nothing."""

import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]


def test_a_wrong_frequency_gives_one_line_and_exit_status_2():
    result = subprocess.run(
        [sys.executable, "manage.py", "send_notification_digests", "--frequency", "hourly"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines == ["CommandError: --frequency must be daily or weekly, not 'hourly'"]
