"""Servers on loopback and the concurrent clients that drive them.

The application runs as in production: `plein serve --no-migrate --workers 2` (granian, two
worker processes). The floor runs in the same server with its own minimal WSGI app. Clients are
threads, each with its own keep-alive HTTP connection, sending a fixed number of requests: the
load is bounded and never leaves 127.0.0.1.

Server time comes from the application's own request log (RequestLogMiddleware writes
`duration_ms` for every request); each benchmark request carries an `X-Request-Id` so its log
line can be found.
"""

import http.client
import itertools
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HOST = "127.0.0.1"
# 32 allowed characters: a valid CSRF cookie secret, sent back as the token. Not a credential.
CSRF_SECRET = "benchbenchbenchbenchbenchbench00"  # noqa: S105


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (0 < share <= 1)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, round(share * len(ordered) + 0.4999))
    return ordered[min(rank, len(ordered)) - 1]


def summary(values: list[float]) -> dict[str, float]:
    return {
        "n": len(values),
        "p50": round(statistics.median(values), 3) if values else float("nan"),
        "p95": round(percentile(values, 0.95), 3),
        "mean": round(statistics.fmean(values), 3) if values else float("nan"),
    }


@dataclass
class Server:
    name: str
    process: subprocess.Popen[bytes]
    port: int
    log_path: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            # The server runs in its own process group (its workers with it).
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def durations(self, prefix: str) -> list[float]:
        """Server-side milliseconds of the requests whose id starts with `prefix`."""
        found = []
        with self.log_path.open(errors="replace") as log:
            for line in log:
                if prefix not in line or not line.startswith("{"):
                    continue
                try:
                    entry = json.loads(line)
                except ValueError:
                    continue
                if str(entry.get("request_id", "")).startswith(prefix):
                    found.append(float(entry["duration_ms"]))
        return found


def _start(name: str, command: list[str], env: dict[str, str], log_dir: Path, port: int) -> Server:
    log_path = log_dir / f"{name}-{port}.log"
    log = log_path.open("ab")
    # Our own interpreter and module, arguments we built: nothing from outside.
    process = subprocess.Popen(  # noqa: S603
        command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    log.close()
    server = Server(name, process, port, log_path)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"{name} server stopped at start: {log_path.read_text(errors='replace')[-2000:]}"
            )
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=5)
            conn.request("GET", "/healthz")
            conn.getresponse().read()
            conn.close()
            return server
        except OSError:
            time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"{name} server did not start within 90 s; see {log_path}")


def start_app_server(env: dict[str, str], log_dir: Path, workers: int = 2) -> Server:
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "plein.cli",
        "serve",
        "--no-migrate",
        "--workers",
        str(workers),
        "--host",
        HOST,
        "--port",
        str(port),
    ]
    return _start("app", command, env, log_dir, port)


def start_floor_server(env: dict[str, str], log_dir: Path, ids: list[int]) -> Server:
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "granian",
        "--interface",
        "wsgi",
        "--host",
        HOST,
        "--port",
        str(port),
        "--workers",
        "2",
        "--blocking-threads",
        env.get("PLEIN_WEB_THREADS", "8"),
        "--no-ws",
        "plein.bench.floor_wsgi:application",
    ]
    floor_env = {**env, "PLEIN_BENCH_FLOOR_IDS": ",".join(str(pk) for pk in ids)}
    return _start("floor", command, floor_env, log_dir, port)


@dataclass
class Request:
    path: str
    method: str = "GET"
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)


class Client:
    """One keep-alive connection, signed in with a session cookie."""

    def __init__(self, port: int, session_key: str | None) -> None:
        self.port = port
        self.cookie = f"csrftoken={CSRF_SECRET}" + (
            f"; sessionid={session_key}" if session_key else ""
        )
        self.conn: http.client.HTTPConnection | None = None

    def send(self, request: Request, request_id: str) -> tuple[int, float, bytes]:
        headers = {
            "Cookie": self.cookie,
            "X-Request-Id": request_id,
            "Accept-Language": "nl",
            **request.headers,
        }
        if request.method != "GET":
            headers["X-CSRFToken"] = CSRF_SECRET
            headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
        for attempt in range(2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(HOST, self.port, timeout=60)
            started = time.perf_counter()
            try:
                self.conn.request(request.method, request.path, body=request.body, headers=headers)
                response = self.conn.getresponse()
                body = response.read()
            except (OSError, http.client.HTTPException):
                self.conn.close()
                self.conn = None
                if attempt:
                    raise
                continue
            elapsed = (time.perf_counter() - started) * 1000
            if response.getheader("Connection", "").lower() == "close":
                self.conn.close()
                self.conn = None
            return response.status, elapsed, body
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()


@dataclass
class LoadResult:
    clients: int
    requests: int
    seconds: float
    statuses: dict[int, int]
    latency_ms: dict[str, float]
    errors: list[str]

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "clients": self.clients,
            "requests": self.requests,
            "seconds": round(self.seconds, 3),
            "rps": round(self.rps, 1),
            "statuses": {str(k): v for k, v in self.statuses.items()},
            "latency_ms": self.latency_ms,
            "errors": self.errors[:5],
        }


def run_load(
    port: int,
    make_request: Callable[[int], Request],
    *,
    clients: int,
    total: int,
    sessions: list[str | None],
    request_id_prefix: str,
) -> LoadResult:
    """`total` requests from `clients` concurrent connections; client i signs in with
    sessions[i % len(sessions)]."""
    counter = itertools.count()
    lock = threading.Lock()
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    errors: list[str] = []
    start = threading.Barrier(clients + 1)

    def worker(index: int) -> None:
        client = Client(port, sessions[index % len(sessions)])
        start.wait()
        while True:
            with lock:
                number = next(counter)
            if number >= total:
                break
            try:
                status, elapsed, body = client.send(
                    make_request(number), f"{request_id_prefix}{number}"
                )
            except Exception as error:  # a benchmark records failures, it does not stop
                with lock:
                    errors.append(repr(error))
                continue
            with lock:
                latencies.append(elapsed)
                statuses[status] += 1
                if status >= 400 and len(errors) < 20:
                    errors.append(f"{status}: {body[:300]!r}")
        client.close()

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    start.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    return LoadResult(
        clients=clients,
        requests=total,
        seconds=seconds,
        statuses=dict(statuses),
        latency_ms=summary(latencies),
        errors=errors,
    )
