"""In-process measurement: a page through the whole Django stack in the harness's own process,
with its SQL, where its time goes (SQL, templates, the rest) and, round-robin against the floor,
its p50 and p95."""

import itertools
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plein.bench.report import ratio
from plein.bench.sizes import MIN_SAMPLES, Plan

if TYPE_CHECKING:
    import argparse

    from plein.people.models import Person


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


@dataclass
class PageSpec:
    key: str
    label: str
    url: str
    service: Callable[[], object] | None = None  # measured instead while the view is missing
    # An htmx action: POSTed with HX-Request; `form(n)` gives the n-th request's data.
    form: Callable[[int], dict[str, str]] | None = None
    htmx: bool = False


class InProcess:
    """Measurements in this process. The run provides the viewer, their session and the plan."""

    args: "argparse.Namespace"
    plan: Plan
    viewer: "Person"
    session: str
    started: float

    def log(self, message: str) -> None:
        elapsed = time.perf_counter() - self.started
        print(f"[{elapsed:6.1f} s] {message}", file=sys.stderr, flush=True)

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

    def _capture_split(
        self, call: Callable[[], Any], *, log_queries: bool = True
    ) -> tuple[Any, list[str], float, float]:
        """Run once, recording each SQL statement (with `log_queries`: the debug cursor's log
        costs time of its own, so timing runs go without), the time spent in SQL and the time
        spent rendering templates (top-level renders: includes are inside them)."""
        import contextlib

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

        capture = CaptureQueriesContext(connection)
        Template.render = timed_render  # type: ignore[method-assign, assignment]
        try:
            with (
                capture if log_queries else contextlib.nullcontext(),
                connection.execute_wrapper(timed_sql),
            ):
                value = call()
        finally:
            Template.render = original  # type: ignore[method-assign]
        # Read now: the next request clears the connection's query log.
        queries = [query["sql"] for query in capture.captured_queries] if log_queries else []
        return value, queries, sql_seconds[0] * 1000, render_seconds[0] * 1000

    def _split(self, call: Callable[[], Any], times: int = 5) -> dict[str, float]:
        """Where one request's time goes (medians of a few runs): SQL, template rendering and
        the rest (middleware, session, view code, the test client)."""
        runs: list[tuple[float, float, float]] = []
        for _ in range(times):
            started = time.perf_counter()
            _value, _queries, sql_ms, render_ms = self._capture_split(call, log_queries=False)
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
