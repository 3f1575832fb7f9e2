"""Many processes writing at once lose nothing and never see "database is locked".

Separate processes, not threads: on SQLite, locking is between connections of different
processes through the file, which is what `plein serve` with several web workers plus
`plein worker` does. The writers go through the service layer, as views and tasks do.
"""

import json
import os
import select
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from plein.people.models import Person
from tests.core.concurrent_writer import REPO_ROOT, child_environment

pytestmark = [
    pytest.mark.db_backend,
    pytest.mark.xdist_group("processes"),
    pytest.mark.django_db(transaction=True),
]

WRITERS = 16
# Each create is followed by an update of that person's profile: 2 x 100 = 200 writes a writer.
CREATES_PER_WRITER = 100
READY_TIMEOUT = 60
RUN_TIMEOUT = 90


def _log(out_dir: Path, index: int) -> str:
    return (out_dir / f"writer-{index}.log").read_text(errors="replace")[-4000:]


def _start_writers(by: Person, out_dir: Path) -> list[subprocess.Popen[str]]:
    env = child_environment(connection.settings_dict)
    writers = []
    for writer in range(WRITERS):
        stderr = (out_dir / f"writer-{writer}.log").open("w")
        writers.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "tests.core.concurrent_writer",
                    "--writer",
                    str(writer),
                    "--creates",
                    str(CREATES_PER_WRITER),
                    "--by",
                    str(by.pk),
                    "--out",
                    str(out_dir / f"writer-{writer}.json"),
                ],
                cwd=REPO_ROOT,
                env=env,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=stderr,
                text=True,
            )
        )
        stderr.close()
    return writers


def _wait_until_all_ready(writers: list[subprocess.Popen[str]], out_dir: Path) -> None:
    """The barrier: every writer has set Django up and opened its connection."""
    waiting = {writer.stdout.fileno(): index for index, writer in enumerate(writers)}  # type: ignore[union-attr]
    deadline = time.monotonic() + READY_TIMEOUT
    while waiting:
        remaining = deadline - time.monotonic()
        assert remaining > 0, f"writers {sorted(waiting.values())} did not get ready"
        readable, _, _ = select.select(list(waiting), [], [], remaining)
        for fd in readable:
            index = waiting.pop(fd)
            line = os.read(fd, 100).decode()
            assert line.strip() == "ready", f"writer {index} said {line!r}: {_log(out_dir, index)}"


def _stop(writers: list[subprocess.Popen[str]]) -> None:
    for writer in writers:
        if writer.poll() is None:
            writer.kill()
        writer.wait()
        for stream in (writer.stdin, writer.stdout):
            if stream is not None:
                stream.close()


def test_sixteen_writer_processes_lose_no_write_and_never_see_a_locked_database(
    recruiter, tmp_path
):
    writers = _start_writers(recruiter, tmp_path)
    try:
        _wait_until_all_ready(writers, tmp_path)
        for writer in writers:
            writer.stdin.write("go\n")  # type: ignore[union-attr]
            writer.stdin.flush()  # type: ignore[union-attr]
        deadline = time.monotonic() + RUN_TIMEOUT
        for index, writer in enumerate(writers):
            code = writer.wait(timeout=max(0.1, deadline - time.monotonic()))
            assert code == 0, f"writer {index} exited with {code}: {_log(tmp_path, index)}"
    finally:
        _stop(writers)

    results = [json.loads((tmp_path / f"writer-{n}.json").read_text()) for n in range(WRITERS)]
    errors = [
        f"writer {r['writer']} {e['write']}: {e['error']}" for r in results for e in r["errors"]
    ]
    created = [write for r in results for write in r["created"]]
    updated = [write for r in results for write in r["updated"]]
    latencies = sorted(latency for r in results for latency in r["latencies"])
    elapsed = max(r["finished"] for r in results) - min(r["started"] for r in results)
    writes = len(created) + len(updated)

    print(
        f"\n{connection.vendor}: {WRITERS} processes, {writes} acknowledged writes "
        f"({len(created)} creates, {len(updated)} profile updates) in {elapsed:.2f} s = "
        f"{writes / elapsed:.0f} writes/s; latency per write: "
        f"median {statistics.median(latencies) * 1000:.1f} ms, "
        f"p99 {latencies[int(len(latencies) * 0.99)] * 1000:.1f} ms, "
        f"max {latencies[-1] * 1000:.1f} ms; errors: {len(errors)}"
    )

    assert not [error for error in errors if "locked" in error], errors[:10]
    assert errors == []
    assert len(created) == len(updated) == WRITERS * CREATES_PER_WRITER

    stored = {
        person["email"]: person
        for person in Person.objects.filter(email__endswith="@example.nl")
        .exclude(pk=recruiter.pk)
        .values("pk", "email", "bio")
    }
    # No duplicate and no phantom: exactly the acknowledged creates are there, once each.
    assert Person.objects.exclude(pk=recruiter.pk).count() == len(created)
    assert sorted(stored) == sorted(write["email"] for write in created)
    assert {stored[write["email"]]["pk"] for write in created} == {write["pk"] for write in created}
    # Every acknowledged profile update is what the database holds now.
    bio_by_pk = {person["pk"]: person["bio"] for person in stored.values()}
    lost = [write for write in updated if bio_by_pk.get(write["pk"]) != write["bio"]]
    assert lost == []
