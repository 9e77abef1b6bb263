import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_production_settings_pass_check_deploy(tmp_path):
    env = {
        **os.environ,
        "KINSHIP_PRODUCTION": "1",
        "DEBUG": "0",
        "SECRET_KEY": "a-long-random-production-key-" + "x7Qp2Lm9Zr4Tv8Wn3Ks6Yb1Hd5Jf0Gc",
        "ALLOWED_HOSTS": "kinship.example.org",
        "KINSHIP_VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {**os.environ, "KINSHIP_PRODUCTION": "1", "KINSHIP_VAR_DIR": str(tmp_path)}
    env.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
