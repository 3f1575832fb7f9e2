"""`plein up`: one command sets up and runs the web server and the worker; Ctrl-C stops both."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.xdist_group("processes")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, seconds: float) -> tuple[int, str, dict[str, str]]:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310
                return response.status, response.read().decode(), dict(response.headers)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def test_plein_up_serves_the_dutch_sign_in_page_and_stops_cleanly(tmp_path):
    port = free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PLEIN_", "DATABASE_URL", "DJANGO_ALLOW_ASYNC"))
    }
    env.update({"PLEIN_DATA_DIR": str(tmp_path), "PORT": str(port), "PLEIN_LOG_LEVEL": "WARNING"})
    up = subprocess.Popen(
        [sys.executable, "-m", "plein.cli", "up"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        status, body, _headers = wait_for(f"http://127.0.0.1:{port}/accounts/login/", 120)
        assert status == 200
        assert 'lang="nl"' in body and "Wachtwoord" in body
        # The worker runs beside the web server: /healthz sees its heartbeat.
        deadline = time.monotonic() + 30
        while True:
            try:
                status, health, _ = wait_for(f"http://127.0.0.1:{port}/healthz", 5)
                break
            except OSError:
                assert time.monotonic() < deadline
                time.sleep(1)
        assert '"status": "ok"' in health
    finally:
        up.send_signal(signal.SIGINT)
        output, _ = up.communicate(timeout=30)
    assert up.returncode == 0, output
    assert f"http://127.0.0.1:{port}" in output
    assert "medewerker@demo.plein.nl" in output and "Plein-demo-2026" in output
    assert "Plein stopped." in output
    # Both children are gone: nothing listens on the port any more.
    with socket.socket() as sock:
        assert sock.connect_ex(("127.0.0.1", port)) != 0

    # Running it again reuses the data: the demo is not loaded twice.
    again = subprocess.Popen(
        [sys.executable, "-m", "plein.cli", "up"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/accounts/login/", 120)
    finally:
        again.send_signal(signal.SIGINT)
        second_output, _ = again.communicate(timeout=30)
    assert "Loading the demo organisation" in output
    assert "Loading the demo organisation" not in second_output
