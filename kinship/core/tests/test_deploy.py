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


def test_production_refuses_a_short_secret_key(tmp_path):
    env = {**os.environ, "KINSHIP_PRODUCTION": "1", "KINSHIP_VAR_DIR": str(tmp_path)}
    env["SECRET_KEY"] = "changeme"
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_secret_key_never_falls_back_to_a_public_constant(tmp_path):
    """Without a key and without production, the key is random and kept in var/ (0600)."""
    env = {**os.environ, "KINSHIP_VAR_DIR": str(tmp_path)}
    env.pop("SECRET_KEY", None)
    env.pop("KINSHIP_PRODUCTION", None)
    show = "from django.conf import settings; print(settings.SECRET_KEY)"
    command = [sys.executable, "manage.py", "shell", "-c", show]
    runs = [
        subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
        for _ in range(2)
    ]
    assert all(run.returncode == 0 for run in runs), runs[0].stderr
    first, second = (run.stdout.strip().splitlines()[-1] for run in runs)
    assert first == second == (tmp_path / "secret_key").read_text().strip()
    assert len(first) >= 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
    assert first not in (ROOT / "kinship" / "settings.py").read_text()
