"""`plein bench` works end to end: a tiny organisation, every page measured in-process and
against the real server, the floor, post creation and the htmx actions, a JSON file and a table.

It proves the harness, not the speed: the numbers of a tiny run on a busy CI machine mean
nothing, so only their presence and sanity are asserted. The harness runs in its own process,
as `plein bench` does (it points Django at its own database before setting it up).
"""

import json
import os
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest

pytestmark = [pytest.mark.xdist_group("processes"), pytest.mark.db_backend]

REPO_ROOT = Path(__file__).resolve().parents[2]
PAGES = ("home", "group", "post", "topic", "profile", "directory")


def _backend_arguments() -> list[str]:
    """The suite's database engine: PostgreSQL when DATABASE_URL points at a server."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return ["--db", "sqlite"]
    parts = urllib.parse.urlsplit(url)
    smoke = urllib.parse.urlunsplit(parts._replace(path="/plein_bench_smoke"))
    return ["--db", "postgres", "--database-url", smoke]


def test_plein_bench_runs_end_to_end_on_a_tiny_organisation(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "plein.bench",
            *_backend_arguments(),
            "--size",
            "tiny",
            "--data-dir",
            str(tmp_path / "data"),
            "--out",
            str(out),
            "--clients",
            "1",
            "--requests",
            "5",
            "--repeat",
            "3",
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=240,
        env={**os.environ, "PLEIN_LOG_LEVEL": "WARNING"},
    )
    assert completed.returncode == 0, completed.stderr[-4000:]
    results = json.loads(out.read_text())

    counts = results["generation"]["counts"]
    assert counts["people"] >= 200
    # Counted after the suites: the notifications suite's real worker runs the periodic jobs,
    # and privacy's retention job purges the ~0.5% of posts generated as deleted long ago.
    assert counts["posts"] >= 2_000 * 0.99
    assert counts["comments"] + counts["reactions"] >= 5_000

    # The floor: one query for the 20 posts of the home feed.
    assert results["pages"]["floor"]["queries"] == 1
    assert results["pages"]["floor"]["posts"] == 20
    for key in PAGES:
        page = results["pages"][key]
        assert page["status"] == 200, (key, page)
        assert page["queries"] > 0 and page["ms"]["p50"] > 0, (key, page)
        assert page["x_floor"] > 0, (key, page)
        served = results["http"][key]["levels"]
        assert set(served) == {"1"}, (key, served)
        for level in served.values():
            assert level["statuses"] == {"200": 5}, (key, level)
            assert level["rps"] > 0 and level["server_ms"]["n"] == 5, (key, level)

    # The home feed at every stage of the generation, first and tenth page.
    assert [stage["posts"] for stage in results["home_by_size"]] == [500, 2_000]
    for stage in results["home_by_size"]:
        assert stage["home"]["ms"]["p50"] > 0 and stage["home_deep"]["ms"]["p50"] > 0

    writers = results["http"]["writers"]
    assert writers["created"] == 5 + 4 * 5, writers  # one writer alone, then four at once
    assert writers["locked_errors"] == 0
    assert results["http"]["actions"]["react"]["statuses"] == {"200": 10}

    # The careers suite: the public vacancy page, rolled back afterwards.
    careers = results["careers"]
    assert careers["status"] == 200 and careers["bytes"] > 1000, careers
    assert careers["page_ms"]["p50"] > 0 and careers["conditional_status"] == 304, careers

    verdicts = {target["target"]: target["met"] for target in results["targets"]}
    assert any(name.startswith("home feed: SQL queries") for name in verdicts)
    assert "post creation: 'database is locked' errors = 0" in verdicts
    assert "home feed" in completed.stdout and "targets:" in completed.stdout
