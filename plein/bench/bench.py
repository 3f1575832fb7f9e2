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
import itertools
import json
import os
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plein.bench.report import WRITERS, evaluate_targets, ratio, table
from plein.bench.sizes import SIZES, VIEWER_EMAIL, Size

if TYPE_CHECKING:
    from plein.people.models import Person

DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/"
DIRECTORY_QUERY = "monteur"
CLIENT_LEVELS = (1, 4, 16)
REACTION_KINDS = ("like", "thanks", "insightful", "celebrate", "support")


@dataclass(frozen=True)
class Plan:
    """How much to measure: the same code path at every size, only the counts differ."""

    repeat: int  # in-process timings per page
    requests: int  # HTTP requests per page and client level
    writer_posts: int  # posts per writer
    actions: int  # htmx actions measured
    # A slow page gets fewer timings (at least MIN_SAMPLES) so a run stays bounded in time:
    # seconds per page in-process, and per page and client level against the server.
    budget_seconds: float


MIN_SAMPLES = 5

PLANS = {
    "tiny": Plan(repeat=8, requests=24, writer_posts=5, actions=10, budget_seconds=5),
    "small": Plan(repeat=60, requests=200, writer_posts=25, actions=100, budget_seconds=15),
    "full": Plan(repeat=100, requests=300, writer_posts=50, actions=200, budget_seconds=20),
}


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


def _ms(seconds: float) -> float:
    return seconds * 1000


def time_calls(call: Callable[[], object], repeat: int, warmup: int = 3) -> list[float]:
    for _ in range(warmup):
        call()
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        timings.append(_ms(time.perf_counter() - started))
    return timings


def stats(timings: list[float]) -> dict[str, float]:
    from plein.bench.load import summary

    return summary(timings)


def session_queries(queries: list[str], viewer_pk: int) -> int:
    """Statements that load the session and the signed-in person (with their roles): every
    signed-in page pays them before its view runs."""
    user_load = f'FROM "people_person" WHERE "people_person"."id" = {viewer_pk} LIMIT 21'
    session = sum(1 for sql in queries if 'FROM "django_session"' in sql)
    roles = sum(1 for sql in queries if f'"people_personrole"."person_id" = {viewer_pk}' in sql)
    user = any(user_load in sql for sql in queries)
    return min(session, 1) + min(roles, 1) + int(user)


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


@dataclass
class PageSpec:
    key: str
    label: str
    url: str
    service: Callable[[], object] | None = None  # measured instead while the view is missing
    # An htmx action: POSTed with HX-Request; `form(n)` gives the n-th request's data.
    form: Callable[[int], dict[str, str]] | None = None
    htmx: bool = False


class Run:
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

    def log(self, message: str) -> None:
        elapsed = time.perf_counter() - self.started
        print(f"[{elapsed:6.1f} s] {message}", file=sys.stderr, flush=True)

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
        self.results["generation"] = {"organisation_seconds": generator.prepare_organisation()}
        from plein.people.models import Person

        self.viewer = Person.objects.get(email=VIEWER_EMAIL)
        self.session = self._session_for(self.viewer)

        stage_results = generate.get_meta("stage_results") or {}
        post_seconds: dict[str, float] = {}
        for stage in self.size.stages:
            if generator.posts_generated() > stage:
                continue  # measured when the data was generated: reported from the meta table
            self.log(f"posts up to {stage:,}…")
            post_seconds[str(stage)] = round(generator.grow_posts(stage), 1)
            stage_results[str(stage)] = self.measure_home_stage(stage)
            generate.set_meta("stage_results", stage_results)
        self.results["generation"]["posts_seconds"] = post_seconds
        self.results["generation"]["posts_total_seconds"] = round(
            (generate.get_meta("posts") or {}).get("seconds", 0.0), 1
        )
        self.results["generation"]["counts"] = self._counts()
        self.results["home_by_size"] = [
            stage_results[str(stage)] for stage in self.size.stages if str(stage) in stage_results
        ]
        connection.close()

        self.pages = self._pages()
        self.results["pages"] = self.measure_pages_in_process()
        if not self.args.no_http:
            self.results["http"] = self.measure_http()
        else:
            self.results["writers"] = self.measure_writers_service()
            self.results["actions"] = self.measure_actions_service()
        self.results["targets"] = evaluate_targets(self.results, self.args.db)
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

    def _session_for(self, person: "Person") -> str:
        """A signed-in session, as the login view would leave it."""
        from importlib import import_module

        from django.conf import settings
        from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

        store = import_module(settings.SESSION_ENGINE).SessionStore()
        store[SESSION_KEY] = str(person.pk)
        store[BACKEND_SESSION_KEY] = "plein.people.auth.PersonBackend"
        store[HASH_SESSION_KEY] = person.get_session_auth_hash()
        store.create()
        assert store.session_key is not None
        return store.session_key

    def _client(self) -> Any:
        from django.conf import settings
        from django.test import Client

        client = Client(SERVER_NAME="127.0.0.1", HTTP_ACCEPT_LANGUAGE="nl")
        client.cookies[settings.SESSION_COOKIE_NAME] = self.session
        return client

    # In-process measurement.

    def _capture(self, call: Callable[[], Any]) -> tuple[Any, list[str]]:
        value, queries, _sql_ms, _render_ms = self._capture_split(call)
        return value, queries

    def _capture_split(self, call: Callable[[], Any]) -> tuple[Any, list[str], float, float]:
        """Run once, recording each SQL statement, the time spent in SQL and the time spent
        rendering templates (top-level renders: includes are inside them)."""
        from django.db import connection
        from django.template.backends.django import Template
        from django.test.utils import CaptureQueriesContext

        render_seconds = [0.0]
        depth = [0]
        original = Template.render

        def timed_render(template: Template, *args: Any, **kwargs: Any) -> Any:
            # Only the outermost render counts: forms render their fields with templates too.
            depth[0] += 1
            started = time.perf_counter()
            try:
                return original(template, *args, **kwargs)
            finally:
                depth[0] -= 1
                if depth[0] == 0:
                    render_seconds[0] += time.perf_counter() - started

        sql_seconds = [0.0]

        def timed_sql(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                sql_seconds[0] += time.perf_counter() - started

        Template.render = timed_render  # type: ignore[method-assign, assignment]
        try:
            with (
                CaptureQueriesContext(connection) as captured,
                connection.execute_wrapper(timed_sql),
            ):
                value = call()
        finally:
            Template.render = original  # type: ignore[method-assign]
        # Read now: the next request clears the connection's query log.
        queries = [query["sql"] for query in captured.captured_queries]
        return value, queries, sql_seconds[0] * 1000, render_seconds[0] * 1000

    def _split(self, call: Callable[[], Any], times: int = 5) -> dict[str, float]:
        """Where one request's time goes (medians of a few runs): SQL, template rendering and
        the rest (middleware, session, view code, the test client)."""
        runs: list[tuple[float, float, float]] = []
        for _ in range(times):
            started = time.perf_counter()
            _value, _queries, sql_ms, render_ms = self._capture_split(call)
            runs.append((_ms(time.perf_counter() - started), sql_ms, render_ms))
            if runs[0][0] > 1000:
                break  # a slow page: once tells enough
        total, sql, render = sorted(runs)[len(runs) // 2]  # the run with the median total
        return {
            "total_ms": round(total, 2),
            "sql_ms": round(sql, 2),
            "render_ms": round(render, 2),
            "other_ms": round(max(0.0, total - sql - render), 2),
        }

    def _hotspots(self, call: Callable[[], Any], times: int = 5) -> list[dict[str, Any]]:
        """The functions a request spends most of its own time in (cProfile), with how often
        each runs per request: where to look first when a page is slow."""
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(times):
            call()
        profiler.disable()
        entries = pstats.Stats(profiler).get_stats_profile().func_profiles
        ranked = sorted(entries.items(), key=lambda item: item[1].tottime, reverse=True)
        return [
            {
                "function": f"{name} ({Path(profile.file_name).name}:{profile.line_number})",
                "calls_per_request": int(str(profile.ncalls).split("/")[0]) // times,
                "own_ms_per_request": round(profile.tottime * 1000 / times, 2),
                "cumulative_ms_per_request": round(profile.cumtime * 1000 / times, 2),
            }
            for name, profile in ranked[:15]
        ]

    def probe(self, spec: PageSpec) -> tuple[dict[str, Any], Callable[[], object] | None]:
        """What a page costs in SQL, and the call to time: the page through the whole Django
        stack (middleware, session, view, template) in this process, or the service while the
        view is not served."""
        client = self._client()
        headers = {"HX-Request": "true"} if spec.htmx else {}
        counter = itertools.count()

        def request() -> Any:
            if spec.form is not None:
                return client.post(spec.url, spec.form(next(counter)), headers=headers)
            return client.get(spec.url, headers=headers)

        response = request()
        info: dict[str, Any] = {"url": spec.url, "status": response.status_code}
        ok = (200, 302) if spec.form is not None and not spec.htmx else (200,)
        if response.status_code in ok:
            _response, queries = self._capture(request)
            info.update(mode="action" if spec.htmx else "page", bytes=len(response.content))
            call: Callable[[], object] = request
        elif spec.service is not None:
            spec.service()
            _value, queries = self._capture(spec.service)
            info["mode"] = "service"
            call = spec.service
        else:
            info["mode"] = "pending"
            return info, None
        info.update(
            queries=len(queries),
            app_queries=len(queries) - session_queries(queries, self.viewer.pk),
            split=self._split(call),
            sql=[sql[:400] for sql in queries],
        )
        if self.args.profile:
            info["hotspots"] = self._hotspots(call)
        return info, call

    def time_round_robin(
        self, calls: dict[str, Callable[[], object]], repeat: int
    ) -> dict[str, dict[str, float]]:
        """Time the calls in turn, round after round: a noisy moment of the machine then hits
        each of them, so their ratios hold even when the absolute numbers wander. A call slower
        than the budget allows drops out after fewer rounds (the count is recorded)."""
        timings: dict[str, list[float]] = {key: [] for key in calls}
        rounds: dict[str, int] = {}
        for key, call in calls.items():
            started = time.perf_counter()
            call()  # warm: templates compiled, connections open
            once = time.perf_counter() - started
            affordable = int(self.plan.budget_seconds / max(once, 1e-6))
            rounds[key] = max(MIN_SAMPLES, min(repeat, affordable))
        for round_number in range(max(rounds.values(), default=0)):
            for key, call in calls.items():
                if round_number >= rounds[key]:
                    continue
                started = time.perf_counter()
                call()
                timings[key].append(_ms(time.perf_counter() - started))
        return {key: stats(values) for key, values in timings.items()}

    def _floor_ids(self) -> list[int]:
        from plein.community.services import feeds

        return [post.pk for post in feeds.home_feed(self.viewer).posts]

    def _floor(self) -> tuple[dict[str, Any], Callable[[], object]]:
        from plein.bench.floor import floor_page

        ids = self._floor_ids()
        floor_page(ids)
        _html, queries = self._capture(lambda: floor_page(ids))
        return {"posts": len(ids), "queries": len(queries), "sql": queries[:1]}, (
            lambda: floor_page(ids)
        )

    def measure(self, specs: list[PageSpec], repeat: int) -> dict[str, dict[str, Any]]:
        """The floor and the pages, timed round-robin; each page also as a ratio to the floor."""
        floor_info, floor_call = self._floor()
        results: dict[str, dict[str, Any]] = {"floor": floor_info}
        calls: dict[str, Callable[[], object]] = {"floor": floor_call}
        for spec in specs:
            info, call = self.probe(spec)
            results[spec.key] = {"label": spec.label, **info}
            if call is not None:
                calls[spec.key] = call
        for key, measured in self.time_round_robin(calls, repeat).items():
            results[key]["ms"] = measured
        floor_p50 = results["floor"]["ms"]["p50"]
        for key, result in results.items():
            if key != "floor" and "ms" in result:
                result["x_floor"] = ratio(result["ms"]["p50"], floor_p50)
        return results

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

    def measure_http(self) -> dict[str, Any]:
        from plein.bench import load

        env = {**os.environ, "PLEIN_LOG_LEVEL": "INFO"}
        log_dir = self.data_dir / "logs"
        log_dir.mkdir(exist_ok=True)
        levels = [int(n) for n in str(self.args.clients).split(",") if n.strip()]
        total = self.plan.requests
        results: dict[str, Any] = {"levels": levels, "requests_per_level": total}
        self.log("starting the servers…")
        floor_server = load.start_floor_server(env, log_dir, self._floor_ids())
        app = load.start_app_server(env, log_dir)
        try:
            results["floor"] = self._drive(floor_server, "/", levels, total, "floor")
            for spec in self.pages:
                results[spec.key] = self._drive(app, spec.url, levels, total, spec.key)
            self.log("post creation with 4 writers…")
            results["writers"] = self.measure_writers(app)
            self.log("htmx actions…")
            results["actions"] = self.measure_actions(app)
        finally:
            self.log("stopping the servers…")
            app.stop()
            floor_server.stop()
        self.log("done")
        floor_levels = results["floor"]["levels"]
        for key, page in results.items():
            if key in ("floor", "levels", "requests_per_level") or "levels" not in page:
                continue
            for level, measured in page["levels"].items():
                measured["x_floor"] = ratio(floor_levels[level]["rps"], measured["rps"])
        return results

    def _drive(
        self, server: Any, path: str, levels: list[int], total: int, key: str
    ) -> dict[str, Any]:
        from plein.bench import load

        probe = load.Client(server.port, self.session)
        status, elapsed, _body = probe.send(load.Request(path), f"bench-probe-{key}")
        status, elapsed, _body = probe.send(load.Request(path), f"bench-probe-{key}")
        probe.close()
        if status != 200:
            return {"url": path, "status": status, "mode": "pending"}
        self.log(f"  {key}: {path} ({elapsed:.0f} ms)")
        # Warm both workers (templates, connections) before counting.
        load.run_load(
            server.port,
            lambda n: load.Request(path),
            clients=4,
            total=min(16, self.plan.requests) if elapsed < 200 else 4,
            sessions=[self.session],
            request_id_prefix=f"bench-warm-{key}-",
        )
        out: dict[str, Any] = {"url": path, "status": 200, "levels": {}}
        stamp = int(time.time())
        for clients in levels:
            prefix = f"bench-{stamp}-{key}-c{clients}-"
            # Two workers serve at most about two requests at a time.
            affordable = int(self.plan.budget_seconds * 1000 / elapsed * min(clients, 2))
            result = load.run_load(
                server.port,
                lambda n: load.Request(path),
                clients=clients,
                total=max(min(total, affordable), MIN_SAMPLES, 2 * clients),
                sessions=[self.session],
                request_id_prefix=prefix,
            )
            measured = result.as_dict()
            server_ms = server.durations(prefix) if server.name == "app" else []
            if server_ms:
                measured["server_ms"] = stats(server_ms)
            out["levels"][str(clients)] = measured
        return out

    # Writing: post creation with 4 writers, small htmx actions.

    def _writers(self) -> list["Person"]:
        from plein.people.models import Person

        # Ordinary members who post organisation-wide: no group membership needed.
        people = list(
            Person.objects.members()
            .filter(granted_roles__isnull=True)
            .exclude(pk=self.viewer.pk)
            .order_by("pk")[:WRITERS]
        )
        return people

    def measure_writers(self, app: Any) -> dict[str, Any]:
        """Over HTTP when the composer is served, else through the service in 4 processes."""
        from plein.bench import load

        probe = load.Client(app.port, self.session)
        status, _elapsed, _body = probe.send(load.Request("/posts/new/"), "bench-probe-compose")
        probe.close()
        if status != 200:
            return self.measure_writers_service()
        from plein.bench.writers import TEXT, remove_benchmark_posts
        from plein.community.models import Post

        writers = self._writers()
        sessions: list[str | None] = [self._session_for(person) for person in writers]
        body = urllib.parse.urlencode(
            {"text": TEXT, "group": "", "kind": "update", "project_status": ""}
        ).encode()
        last_id = Post.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        prefix = f"bench-{int(time.time())}-compose-"
        result = load.run_load(
            app.port,
            lambda n: load.Request("/posts/new/", method="POST", body=body),
            clients=WRITERS,
            total=WRITERS * self.plan.writer_posts,
            sessions=sessions,
            request_id_prefix=prefix,
        )
        measured: dict[str, Any] = result.as_dict()
        measured["mode"] = "http"
        measured["server_ms"] = stats(app.durations(prefix))
        measured["locked_errors"] = sum("locked" in error for error in result.errors)
        # A post is created when the composer redirects; count them in the database too.
        measured["created"] = remove_benchmark_posts([p.pk for p in writers], after=last_id)
        if measured["created"] != result.statuses.get(302, 0):
            measured["errors"].append(f"{measured['created']} posts created")
        return measured

    def measure_writers_service(self) -> dict[str, Any]:
        from plein.bench.writers import run_writers

        writers = self._writers()
        return run_writers([person.pk for person in writers], self.plan.writer_posts)

    def measure_actions(self, app: Any) -> dict[str, Any]:
        from plein.bench import load

        post = self.targets_of_pages["post"]
        kinds = REACTION_KINDS
        newest = self._floor_ids()[0]
        actions = {
            "react": lambda n: load.Request(
                f"/posts/{post}/react/",
                method="POST",
                body=f"add={kinds[n % len(kinds)]}".encode(),
                headers={"HX-Request": "true"},
            ),
            "bookmark": lambda n: load.Request(
                f"/posts/{post}/bookmark/", method="POST", headers={"HX-Request": "true"}
            ),
            "new_count": lambda n: load.Request(
                f"/feed/new-count/?after={newest}", headers={"HX-Request": "true"}
            ),
        }
        results: dict[str, Any] = {}
        for name, make in actions.items():
            probe = load.Client(app.port, self.session)
            status, _elapsed, _body = probe.send(make(0), f"bench-probe-{name}")
            probe.close()
            if status >= 400:
                results[name] = {"status": status, "mode": "pending"}
                continue
            prefix = f"bench-{int(time.time())}-{name}-"
            result = load.run_load(
                app.port,
                make,
                clients=1,
                total=self.plan.actions,
                sessions=[self.session],
                request_id_prefix=prefix,
            )
            results[name] = {
                "mode": "http",
                **result.as_dict(),
                "server_ms": stats(app.durations(prefix)),
            }
        if all(result.get("mode") == "pending" for result in results.values()):
            results["react_service"] = self.measure_actions_service()
        return results

    def measure_actions_service(self) -> dict[str, Any]:
        from plein.community.models import Post
        from plein.community.services import conversation

        post = Post.objects.get(pk=self.targets_of_pages["post"])
        kinds = REACTION_KINDS
        counter = iter(range(10**9))

        def react() -> None:
            conversation.react(self.viewer, kinds[next(counter) % len(kinds)], post=post)

        react()
        _value, queries = self._capture(react)
        timings = time_calls(react, self.plan.actions)
        return {"mode": "service", "queries": len(queries), "ms": stats(timings)}


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
