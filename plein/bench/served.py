"""Against the server: pages with 1, 4 and 16 concurrent clients, post creation with 4 writers
and the small htmx actions, on `plein serve --workers 2` (loopback)."""

import os
import time
import urllib.parse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plein.bench.inprocess import MIN_SAMPLES, InProcess, PageSpec, stats, time_calls
from plein.bench.report import WRITERS, ratio

if TYPE_CHECKING:
    from plein.people.models import Person

REACTION_KINDS = ("like", "thanks", "insightful", "celebrate", "support")


class Served(InProcess):
    data_dir: Path
    pages: list[PageSpec]
    targets_of_pages: dict[str, Any]

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
                results[spec.key] = self._drive(
                    app, spec.url, levels, total, spec.key, floor=floor_server
                )
            self.log("post creation with 4 writers…")
            results["writers"] = self.measure_writers(app)
            self.log("htmx actions…")
            results["actions"] = self.measure_actions(app)
        finally:
            self.log("stopping the servers…")
            app.stop()
            floor_server.stop()
        self.log("done")
        return results

    def _drive(
        self,
        server: Any,
        path: str,
        levels: list[int],
        total: int,
        key: str,
        *,
        floor: Any = None,
    ) -> dict[str, Any]:
        """The page at every client level. With `floor`, the floor server is driven just before
        each level, so the page's throughput is compared with the floor's of that moment."""
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
            if floor is not None:
                floor_result = load.run_load(
                    floor.port,
                    lambda n: load.Request("/"),
                    clients=clients,
                    total=total,
                    sessions=[None],
                    request_id_prefix=f"bench-{stamp}-floor-{key}-c{clients}-",
                )
                measured["floor_rps"] = round(floor_result.rps, 1)
                measured["x_floor"] = ratio(floor_result.rps, result.rps)
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
        log_offset = app.log_path.stat().st_size

        def write(clients: int, tag: str) -> tuple[Any, str]:
            prefix = f"bench-{int(time.time())}-{tag}-"
            result = load.run_load(
                app.port,
                lambda n: load.Request("/posts/new/", method="POST", body=body),
                clients=clients,
                total=clients * self.plan.writer_posts,
                sessions=sessions,
                request_id_prefix=prefix,
            )
            return result, prefix

        # One writer first: what a post costs without contention.
        alone, alone_prefix = write(1, "compose1")
        result, prefix = write(WRITERS, "compose")
        measured: dict[str, Any] = result.as_dict()
        measured["mode"] = "http"
        measured["server_ms"] = stats(app.durations(prefix))
        measured["one_writer"] = {
            "server_ms": stats(app.durations(alone_prefix)),
            "statuses": {str(k): v for k, v in alone.statuses.items()},
        }
        # "database is locked" reaches the server log (the client only sees a 500 page).
        with app.log_path.open(errors="replace") as log:
            log.seek(log_offset)
            measured["locked_errors"] = log.read().count("database is locked")
        measured["server_errors"] = sum(
            count for status, count in result.statuses.items() if status >= 500
        )
        # A post is created when the composer redirects; count them in the database too.
        measured["created"] = remove_benchmark_posts([p.pk for p in writers], after=last_id)
        expected = result.statuses.get(302, 0) + alone.statuses.get(302, 0)
        if measured["created"] != expected:
            measured["errors"].append(f"{measured['created']} posts created, {expected} expected")
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
