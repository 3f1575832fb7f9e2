import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from plein.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[2]


def run_plein(
    *args: str, env: dict[str, str] | None = None, data_dir: Path
) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("PLEIN_")}
    full_env.pop("DATABASE_URL", None)
    full_env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests only
    full_env.update({"PLEIN_DATA_DIR": str(data_dir), **(env or {})})
    return subprocess.run(
        [sys.executable, "-m", "plein.cli", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "command", ["up", "serve", "worker", "demo", "import-people", "check", "manage"]
)
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    assert "usage: plein" in capsys.readouterr().out


def test_the_top_level_help_lists_the_commands(capsys):
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--help"])
    out = capsys.readouterr().out
    for command in ("up", "serve", "worker", "demo", "import-people", "check"):
        assert command in out


def test_check_refuses_an_embedded_configuration_for_production(tmp_path):
    result = run_plein("check", data_dir=tmp_path)
    assert result.returncode == 1
    assert "PLEIN_SECRET_KEY" in result.stderr
    assert "PLEIN_ALLOWED_HOSTS" in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("plein check:")


def test_check_refuses_debug_in_production(tmp_path):
    result = run_plein(
        "check",
        data_dir=tmp_path,
        env={
            "PLEIN_SECRET_KEY": secrets.token_urlsafe(64),
            "PLEIN_ALLOWED_HOSTS": "plein.example.nl",
            "PLEIN_BASE_URL": "https://plein.example.nl",
            "PLEIN_DEBUG": "true",
        },
    )
    assert result.returncode == 1
    assert "PLEIN_DEBUG" in result.stderr


def test_check_passes_a_safe_production_configuration(tmp_path):
    result = run_plein(
        "check",
        data_dir=tmp_path,
        env={
            "PLEIN_SECRET_KEY": secrets.token_urlsafe(64),
            "PLEIN_ALLOWED_HOSTS": "plein.example.nl",
            "PLEIN_BASE_URL": "https://plein.example.nl",
        },
    )
    assert result.returncode == 0, result.stderr
    assert "safe for production" in result.stdout


def test_the_secret_key_is_generated_once_and_kept_in_the_data_folder(tmp_path):
    show = ["manage", "shell", "-c", "from django.conf import settings; print(settings.SECRET_KEY)"]
    first = run_plein(*show, data_dir=tmp_path)
    second = run_plein(*show, data_dir=tmp_path)
    assert first.returncode == 0, first.stderr
    first_key = first.stdout.strip().splitlines()[-1]
    assert first_key == second.stdout.strip().splitlines()[-1]
    assert len(first_key) >= 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_production_settings_make_cookies_secure_and_send_hsts(tmp_path):
    code = (
        "from django.conf import settings as s; import json; print(json.dumps(["
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, s.DEBUG]))"
    )
    result = run_plein(
        "manage",
        "shell",
        "-c",
        code,
        data_dir=tmp_path,
        env={
            "PLEIN_BASE_URL": "https://plein.example.nl",
            "PLEIN_ALLOWED_HOSTS": "plein.example.nl",
        },
    )
    secure_session, secure_csrf, hsts, debug = json.loads(result.stdout.strip().splitlines()[-1])
    assert secure_session and secure_csrf and hsts >= 31536000 and not debug


def test_errors_are_one_line_with_a_non_zero_exit_code(tmp_path):
    result = run_plein("import-people", str(tmp_path / "bestaat-niet.csv"), data_dir=tmp_path)
    assert result.returncode != 0
    lines = [line for line in result.stderr.strip().splitlines() if line.strip()]
    assert len(lines) == 1
    assert "Traceback" not in result.stderr
