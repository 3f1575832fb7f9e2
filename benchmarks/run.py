"""Benchmark harness: page cost with ~300 and ~20,000 people, against targets.

    python benchmarks/run.py [--sizes small,large] [--repeat 30]

Each size gets its own data folder under var/benchmarks/ (kept between runs: the large demo is
generated once). Pages are requested in-process with Django's test client as a signed-in HR
person, so the numbers are the server's own cost without network. For each page it reports the
SQL queries and the median and 95th percentile time; it fails when a page needs more queries
than its target or when the query count grows with the size of the organisation.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_QUERIES = 12
TARGET_P95_MS = 250.0


def measure(size: str, repeat: int) -> dict[str, tuple[int, float, float]]:
    os.environ["PLEIN_DATA_DIR"] = str(ROOT / "var" / "benchmarks" / size)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plein.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from plein.people.demo import load_demo
    from plein.people.models import Department, Person, Role

    setup_test_environment()  # responses carry their template context
    # Keep one connection for the whole run (as a persistent-connection server would), so the
    # query log covers every query of a request.
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    expected = 300 if size == "small" else 20_000
    if abs(Person.objects.count() - expected) > expected * 0.1:
        started = time.perf_counter()
        print(f"[{size}] generating the demo organisation…", flush=True)
        print(
            f"[{size}] {load_demo(size=size, reset=True)} in {time.perf_counter() - started:.1f} s"
        )
    viewer = Person.objects.filter(granted_roles__role=Role.HR, status="active").first()
    assert viewer is not None
    client = Client()
    client.force_login(viewer)
    department = Department.objects.filter(parent__isnull=False).first()
    someone = Person.objects.members().exclude(pk=viewer.pk).order_by("pk").first()
    assert department is not None and someone is not None

    # Ten pages in: keyset pagination costs the same as page one.
    deep_query = ""
    for _ in range(10):
        deep_query = client.get(f"/people/?{deep_query}").context["next_query"] or deep_query
    pages = {
        "directory, first page": "/people/",
        "directory, 11th page": f"/people/?{deep_query}",
        "directory, search 'monteur'": "/people/?q=monteur",
        "directory, department subtree": f"/people/?department={department.pk}",
        "directory, skill filter": "/people/?skill=Excel",
        "profile": f"/people/{someone.pk}/",
        "home": "/",
    }
    results = {}
    for name, url in pages.items():
        client.get(url)  # warm caches and connections
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        query_count = len(queries.captured_queries)
        assert response.status_code == 200, (name, response.status_code)
        timings = []
        for _ in range(repeat):
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        p95 = timings[max(0, round(len(timings) * 0.95) - 1)]
        results[name] = (query_count, statistics.median(timings), p95)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="small,large")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--size-only", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.size_only:
        # One size per process: Django is set up once per data folder.
        import json

        print("RESULT " + json.dumps(measure(args.size_only, args.repeat)))
        return 0

    import json
    import subprocess

    all_results: dict[str, dict[str, list[float]]] = {}
    for size in args.sizes.split(","):
        output = subprocess.run(  # noqa: S603
            [sys.executable, __file__, "--size-only", size, "--repeat", str(args.repeat)],
            capture_output=True,
            text=True,
            env={**os.environ, "PLEIN_LOG_LEVEL": "WARNING"},
        )
        if output.returncode:
            print(output.stderr[-3000:])
            return 1
        output = output.stdout
        for line in output.splitlines():
            if line.startswith("RESULT "):
                all_results[size] = json.loads(line[7:])
            else:
                print(line)
    sizes = list(all_results)
    print()
    print(f"{'page':<32}" + "".join(f"{size + ' q / p50 / p95 ms':>30}" for size in sizes))
    failures = []
    for page in all_results[sizes[0]]:
        row = f"{page:<32}"
        for size in sizes:
            queries, p50, p95 = all_results[size][page]
            row += f"{f'{queries:.0f} / {p50:.1f} / {p95:.1f}':>30}"
            if queries > TARGET_QUERIES:
                failures.append(f"{page} ({size}): {queries:.0f} queries > {TARGET_QUERIES}")
            if p95 > TARGET_P95_MS:
                failures.append(f"{page} ({size}): p95 {p95:.0f} ms > {TARGET_P95_MS:.0f} ms")
        counts = {all_results[size][page][0] for size in sizes}
        if len(counts) > 1:
            failures.append(f"{page}: query count depends on the size {sorted(counts)}")
        print(row)
    print()
    print(
        f"targets: at most {TARGET_QUERIES} queries, p95 under {TARGET_P95_MS:.0f} ms, "
        "the same queries at every size"
    )
    for failure in failures:
        print(f"MISSED {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
