"""`plein bench`: how fast the community pages are with a large organisation, against a floor.

    plein bench [--db sqlite|postgres] [--size tiny|small|full] [--out FILE]

One run:
1. generates the organisation (or reuses it): 20,000 people, 1,000 groups, and posts in stages
   (10k, 100k, 1M, 2M for `full`), measuring the home feed at every stage;
2. measures every page in-process at the final size: SQL queries per request and time, and
   the floor (the same 20 posts with one hand-written query and a minimal template);
3. starts the production-style server (`plein serve --workers 2`, loopback) and the floor
   server, and measures server time and throughput with 1, 4 and 16 concurrent clients;
4. measures post creation with 4 concurrent writers and the small htmx actions;
5. writes the results as JSON and prints a short table, with every figure against its target.

The exit code is 0 when the run completed (whether or not targets were met; see --strict).
"""

import argparse
import dataclasses
import datetime
import importlib
import json
import os
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from plein.bench.inprocess import PageSpec
from plein.bench.report import evaluate_targets, table
from plein.bench.served import REACTION_KINDS, Served
from plein.bench.sizes import PLANS, SIZES, VIEWER_EMAIL, Plan, Size

DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/"
# Each suite beyond the community pages is a module with `measure(run) -> dict` whose result
# holds its own "targets" (the same shape as report.evaluate_targets' rows).
SUITES = {
    "community": None,
    "search": "plein.bench.search_bench",
    "notifications": "plein.bench.notify_bench",
    "policy": "plein.bench.policy_bench",
    "careers": "plein.bench.careers_bench",
}
DIRECTORY_QUERY = "monteur"
CLIENT_LEVELS = (1, 4, 16)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="plein bench",
        description="Benchmark the community pages on a generated large organisation.",
    )
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--size",
        choices=list(SIZES),
        default="full",
        help="tiny: 300 people, 2k posts (a smoke test); small: 20k people, 100k posts; "
        "full: 20k people, 1,000 groups, 2M posts, 6M comments and reactions (default)",
    )
    parser.add_argument(
        "--out", type=Path, help="JSON results (benchmarks/results/<db>[-<size>]-<date>.json)"
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        help="data folder for the SQLite database, static files and logs "
        "(default: <tmp>/plein-bench-<db>-<size>; reused between runs)",
    )
    parser.add_argument(
        "--database-url",
        help=f"PostgreSQL URL (default: {DEFAULT_PG}plein_bench[_<size>]; created if missing)",
    )
    parser.add_argument("--fresh", action="store_true", help="regenerate the data from scratch")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--repeat", type=int, help="in-process timings per page")
    parser.add_argument("--requests", type=int, help="HTTP requests per page and client level")
    parser.add_argument(
        "--clients",
        default=",".join(str(n) for n in CLIENT_LEVELS),
        help="concurrent client levels (1,4,16)",
    )
    parser.add_argument("--no-http", action="store_true", help="skip the server measurements")
    parser.add_argument(
        "--suite",
        action="append",
        choices=list(SUITES),
        help="what to measure (repeatable; default: all): community pages, search, "
        "notifications (announcement fan-out and the notifications page), policy (the "
        "posting rules' cost in the content gate), careers (the public vacancy page)",
    )
    parser.add_argument(
        "--profile", action="store_true", help="add each page's cProfile hotspots to the JSON"
    )
    parser.add_argument("--strict", action="store_true", help="exit with 1 when a target is missed")
    return parser


# --- Environment -----------------------------------------------------------------------------


def configure_environment(args: argparse.Namespace) -> Path:
    """Point Plein at the benchmark database. Must happen before Django reads its settings."""
    data_dir = args.data_dir or Path(tempfile.gettempdir()) / f"plein-bench-{args.db}-{args.size}"
    data_dir = data_dir.resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    os.environ["PLEIN_DATA_DIR"] = str(data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "plein.settings"
    if args.db == "postgres":
        name = "plein_bench" if args.size == "full" else f"plein_bench_{args.size}"
        os.environ["DATABASE_URL"] = args.database_url or DEFAULT_PG + name
        _create_pg_database(os.environ["DATABASE_URL"], drop_first=args.fresh)
    else:
        os.environ.pop("DATABASE_URL", None)
        if args.fresh:
            # A throwaway benchmark database: starting over is deleting it.
            for suffix in ("", "-wal", "-shm"):
                (data_dir / f"plein.sqlite3{suffix}").unlink(missing_ok=True)
    # Quiet in this process; the servers log every request (their server time comes from it).
    os.environ.setdefault("PLEIN_LOG_LEVEL", "WARNING")
    return data_dir


def _create_pg_database(url: str, *, drop_first: bool = False) -> None:
    import psycopg
    from psycopg import sql

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    if not name.startswith("plein_bench"):
        raise SystemExit(f"plein bench only uses databases named plein_bench…, not {name!r}")
    admin_url = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if drop_first:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def setup_django() -> None:
    from django.apps import apps

    if apps.ready:
        from django.conf import settings

        if Path(os.environ["PLEIN_DATA_DIR"]) != settings.DATA_DIR:
            raise RuntimeError("plein bench must run in a fresh process (Django was set up)")
        return
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


# --- Timing helpers --------------------------------------------------------------------------


def code_version() -> dict[str, Any]:
    """The commit measured, when Plein runs from a git checkout (read-only git commands)."""
    import subprocess

    root = Path(__file__).resolve().parents[2]
    try:
        # Fixed git arguments and our own folder.
        commit = subprocess.run(  # noqa: S603
            ["git", "-C", str(root), "rev-parse", "HEAD"],  # noqa: S607
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
        changed = subprocess.run(  # noqa: S603
            ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],  # noqa: S607
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.split("\n")
    except (OSError, subprocess.SubprocessError):
        return {}
    return {"commit": commit, "uncommitted_changes": [line for line in changed if line.strip()]}


# --- The run ---------------------------------------------------------------------------------


class Run(Served):
    def __init__(self, args: argparse.Namespace, size: Size, plan: Plan, data_dir: Path) -> None:
        self.args = args
        self.size = size
        self.plan = plan
        self.data_dir = data_dir
        self.started = time.perf_counter()
        self.results: dict[str, Any] = {
            "db": args.db,
            "size": size.name,
            "started_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
            "code": code_version(),
            "server": {"command": "plein serve --no-migrate --workers 2", "host": "127.0.0.1"},
        }

    # Setup.

    def execute(self) -> dict[str, Any]:
        from django.db import connection

        from plein.bench import generate

        self.results["machine"]["database"] = self._database_version()
        if not generate.is_benchmark_database():
            raise SystemExit(
                "plein bench: this database holds people but was not made by plein bench; "
                "it would be replaced. Point --data-dir or --database-url elsewhere."
            )
        generator = generate.Generator(self.size, seed=self.args.seed, log=self.log)
        organisation_seconds = generator.prepare_organisation()
        reused = not organisation_seconds
        if reused:  # report how long it took when it was generated
            organisation_seconds = (generate.get_meta("organisation") or {}).get("seconds", {})
        self.results["generation"] = {
            "reused": reused,
            "organisation_seconds": organisation_seconds,
        }
        from plein.people.models import Person

        self.viewer = Person.objects.get(email=VIEWER_EMAIL)
        self.session = self._session_for(self.viewer)

        stage_results = generate.get_meta("stage_results") or {}
        for stage in self.size.stages:
            if generator.posts_generated() > stage:
                continue  # measured when the data was generated: reported from the meta table
            self.log(f"posts up to {stage:,}…")
            earlier = stage_results.get(str(stage), {}).get("generation_seconds")
            seconds = round(generator.grow_posts(stage), 1)
            stage_results[str(stage)] = self.measure_home_stage(stage)
            stage_results[str(stage)]["generation_seconds"] = seconds or earlier
            generate.set_meta("stage_results", stage_results)
        self.results["generation"]["posts_seconds"] = {
            str(stage): stage_results[str(stage)].get("generation_seconds")
            for stage in self.size.stages
            if str(stage) in stage_results
        }
        self.results["generation"]["posts_total_seconds"] = round(
            (generate.get_meta("posts") or {}).get("seconds", 0.0), 1
        )
        self.results["generation"]["counts"] = self._counts()
        self.results["home_by_size"] = [
            stage_results[str(stage)] for stage in self.size.stages if str(stage) in stage_results
        ]
        connection.close()

        suites = self.args.suite or list(SUITES)
        targets: list[dict[str, Any]] = []
        if "community" in suites:
            self.pages = self._pages()
            self.results["pages"] = self.measure_pages_in_process()
            if not self.args.no_http:
                self.results["http"] = self.measure_http()
            else:
                self.results["writers"] = self.measure_writers_service()
                self.results["actions"] = self.measure_actions_service()
            targets += evaluate_targets(self.results, self.args.db)
        for suite in suites:
            module = SUITES[suite]
            if module is None:
                continue
            self.log(f"suite {suite}…")
            result = importlib.import_module(module).measure(self)
            targets += result.pop("targets", [])
            self.results[suite] = result
            connection.close()
        self.results["targets"] = targets
        self.results["finished_at"] = datetime.datetime.now(datetime.UTC).isoformat(
            timespec="seconds"
        )
        return self.results

    def _database_version(self) -> str:
        from django.db import connection

        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                settings = {}
                for name in ("shared_buffers", "work_mem", "autovacuum", "random_page_cost"):
                    cursor.execute(f"SHOW {name}")
                    settings[name] = cursor.fetchone()[0]
                self.results["machine"]["postgresql_settings"] = settings
                cursor.execute("SHOW server_version")
                return f"PostgreSQL {cursor.fetchone()[0]}"
            cursor.execute("SELECT sqlite_version()")
            return f"SQLite {cursor.fetchone()[0]}"

    def _counts(self) -> dict[str, int]:
        from django.db import connection

        from plein.community.models import Comment, Group, Membership, Post, Reaction
        from plein.people.models import Person

        counts = {}
        with connection.cursor() as cursor:
            for key, model in (
                ("people", Person),
                ("groups", Group),
                ("memberships", Membership),
                ("posts", Post),
                ("comments", Comment),
                ("reactions", Reaction),
            ):
                cursor.execute(f"SELECT COUNT(*) FROM {model._meta.db_table}")  # noqa: S608
                counts[key] = int(cursor.fetchone()[0])
        return counts

    def _deep_cursor(self, pages: int = 10) -> int | None:
        from plein.community.services import feeds

        cursor = None
        for _ in range(pages - 1):
            page = feeds.home_feed(self.viewer, before=cursor)
            if page.next_cursor is None:
                break
            cursor = page.next_cursor
        return cursor

    def measure_home_stage(self, stage: int) -> dict[str, Any]:
        from plein.community.services import feeds

        viewer = self.viewer
        cursor = self._deep_cursor()
        measured = self.measure(
            [
                PageSpec("home", "home feed", "/feed/", lambda: feeds.home_feed(viewer)),
                PageSpec(
                    "home_deep",
                    "home feed, 10th page",
                    f"/feed/?before={cursor}",
                    lambda: feeds.home_feed(viewer, before=cursor),
                ),
            ],
            self.plan.repeat,
        )
        first, deep, floor = measured["home"], measured["home_deep"], measured["floor"]
        result = {
            "posts": stage,
            "measured_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "floor_ms": floor["ms"],
            "home": first,
            "home_deep": deep,
            "deep_cursor": cursor,
        }
        self.log(
            f"  home feed at {stage:,} posts ({first['mode']}): "
            f"p50 {first['ms']['p50']:.1f} ms, {first['queries']} queries; "
            f"10th page p50 {deep['ms']['p50']:.1f} ms; floor p50 {floor['ms']['p50']:.2f} ms"
        )
        return result

    def _pages(self) -> list[PageSpec]:
        from django.db.models import Count

        from plein.bench.generate import thread_post_id
        from plein.community.models import Follow, Group, Membership, Post, Topic
        from plein.community.services import feeds

        viewer = self.viewer
        group_ids = Membership.objects.filter(person=viewer, state="active").values("group_id")
        group = (
            Group.objects.filter(pk__in=group_ids)
            .annotate(n=Count("posts"))
            .order_by("-n", "pk")
            .first()
        )
        followed_topics = Follow.objects.filter(follower=viewer, topic__isnull=False).values(
            "topic_id"
        )
        topic = (
            Topic.objects.filter(pk__in=followed_topics).order_by("pk").first()
            or Topic.objects.order_by("pk").first()
        )
        followed = list(
            Follow.objects.filter(follower=viewer, person__isnull=False)
            .order_by("pk")
            .values_list("person_id", flat=True)
        )
        profile_id = followed[0] if followed else viewer.pk
        thread = thread_post_id() or Post.objects.order_by("-pk").values_list("pk", flat=True)[0]
        assert group is not None and topic is not None
        self.targets_of_pages: dict[str, Any] = {
            "group": group.slug,
            "topic": topic.slug,
            "profile": profile_id,
            "post": thread,
        }
        from plein.people.models import Person

        author = Person.objects.get(pk=profile_id)
        return [
            PageSpec("home", "home feed", "/feed/", lambda: feeds.home_feed(viewer)),
            PageSpec(
                "group",
                "group feed",
                f"/groups/{group.slug}/",
                lambda: feeds.group_feed(viewer, group),
            ),
            PageSpec("post", "post with 50 comments", f"/posts/{thread}/"),
            PageSpec(
                "topic",
                "topic feed",
                f"/topics/{topic.slug}/",
                lambda: feeds.topic_feed(viewer, topic),
            ),
            PageSpec(
                "profile",
                "profile",
                f"/people/{profile_id}/",
                lambda: feeds.person_feed(viewer, author),
            ),
            PageSpec("directory", "directory search", f"/people/?q={DIRECTORY_QUERY}"),
        ]

    def measure_pages_in_process(self) -> dict[str, Any]:
        from django.db import connection

        self.log("pages in-process…")
        specs = list(self.pages)
        # The directory's keyset pagination: a deep page costs what the first does.
        deep = self._directory_deep_url()
        if deep:
            specs.append(PageSpec("directory_deep", "directory, 11th page", deep))
        specs.extend(self._action_specs())
        results = self.measure(specs, self.plan.repeat)
        # Publishing through the composer (one writer): kept apart, and its posts deleted, so
        # the feeds above are measured on the generated data only.
        from plein.bench.writers import TEXT, remove_benchmark_posts
        from plein.community.models import Post

        last_id = Post.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        compose = PageSpec(
            "compose_inprocess",
            "publish a post",
            "/posts/new/",
            form=lambda n: {"text": TEXT, "group": "", "kind": "update", "project_status": ""},
        )
        writes = self.measure([compose], min(self.plan.repeat, 30))
        remove_benchmark_posts([self.viewer.pk], after=last_id)
        writes["compose_inprocess"]["floor_ms"] = writes["floor"]["ms"]
        results["compose_inprocess"] = writes["compose_inprocess"]
        connection.close()
        return results

    def _action_specs(self) -> list[PageSpec]:
        """The small htmx actions, in-process (the server measures them too)."""
        post = self.targets_of_pages["post"]
        newest = self._floor_ids()[0]
        return [
            PageSpec(
                "react_inprocess",
                "react (htmx)",
                f"/posts/{post}/react/",
                form=lambda n: {"add": REACTION_KINDS[n % len(REACTION_KINDS)]},
                htmx=True,
            ),
            PageSpec(
                "bookmark_inprocess",
                "bookmark (htmx)",
                f"/posts/{post}/bookmark/",
                form=lambda n: {},
                htmx=True,
            ),
            PageSpec(
                "new_count_inprocess",
                "new posts count (htmx)",
                f"/feed/new-count/?after={newest}",
                htmx=True,
            ),
        ]

    def _directory_deep_url(self, pages: int = 10) -> str | None:
        import html
        import re

        client = self._client()
        url = "/people/"
        for _ in range(pages):
            response = client.get(url)
            if response.status_code != 200:
                return None
            match = re.search(r'href="(\?[^"]*after=[^"]*)"', response.content.decode())
            if not match:
                return None
            url = "/people/" + html.unescape(match.group(1))
        return url

    # Against the server.


def default_out(args: argparse.Namespace) -> Path:
    date = datetime.date.today().isoformat()  # noqa: DTZ011 - a file name, local date is right
    name = f"{args.db}-{date}.json" if args.size == "full" else f"{args.db}-{args.size}-{date}.json"
    return Path("benchmarks") / "results" / name


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    size = SIZES[args.size]
    plan = dataclasses.replace(
        PLANS[args.size],
        repeat=args.repeat or PLANS[args.size].repeat,
        requests=args.requests or PLANS[args.size].requests,
    )
    data_dir = configure_environment(args)
    setup_django()
    started = time.perf_counter()
    results = Run(args, size, plan, data_dir).execute()
    results["seconds"] = round(time.perf_counter() - started, 1)
    out = args.out or default_out(args)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, default=str))
    print(table(results))
    print(f"\nresults: {out}")
    missed = [target for target in results["targets"] if target["met"] is False]
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
