"""`plein bench --suite search`: search on the generated organisation (2,000,000 posts and
2,400,000 comments at --size full), for rare, medium and very common words.

1. The index: the generated posts and comments are written in bulk, without the services, so
   the suite builds the search index first (`plein reindex`'s code) unless it is already built
   for this many posts, and reports how long that took.
2. Each query, end to end: the search service call, and the search page through the whole
   Django stack in this process (middleware, the viewer's session, the view, the template),
   timed round-robin with the floor; targets on the page's p95.
3. How many entries each word matches, and on PostgreSQL the strategy and plan chosen.
"""

import time
from typing import Any
from urllib.parse import urlencode

from plein.bench.inprocess import PageSpec, stats, time_calls

P95_LIMIT_MS = 80
# Words from plein/bench/texts.py, by how many generated posts and comments hold them:
# a topic tag on ~0.08% of the posts; an opener's word on ~1 post in 16; "klant", "klanten",
# "klanttevredenheid" (a prefix) in about half of everything.
QUERIES = {
    "rare": "laadpalen7",
    "medium": "zorgcentrum",
    "two_words": "warmtepomp zwolle",
    "very_common": "klant",
}
TARGET_CLASSES = ("rare", "medium", "very_common")


def _index_up_to_date(run: Any) -> tuple[bool, dict[str, Any]]:
    from plein.bench import generate

    meta = generate.get_meta("search_index") or {}
    posts = generate.Generator(run.size, seed=run.args.seed, log=run.log).posts_generated()
    return meta.get("posts") == posts, {**meta, "posts_now": posts}


def _build_index(run: Any) -> dict[str, Any]:
    from plein.bench import generate
    from plein.search.indexing import reindex

    fresh, meta = _index_up_to_date(run)
    if fresh:
        run.log(f"search index: reused (built in {meta.get('seconds')} s)")
        return {"reused": True, **meta}
    run.log("search index: building (plein reindex)…")
    last_report = [time.perf_counter()]

    def log(line: str) -> None:
        if time.perf_counter() - last_report[0] > 30:  # not every batch
            last_report[0] = time.perf_counter()
            run.log(line)

    result = reindex(log=log)
    built = {"posts": meta["posts_now"], "seconds": result["seconds"], "counts": result["counts"]}
    generate.set_meta("search_index", built)
    run.log(f"search index: built in {result['seconds']} s ({result['counts']})")
    return {"reused": False, **built}


def _details(viewer: Any, query: str) -> dict[str, Any]:
    """What the query matches, and how the backend went about it."""
    from django.db import connection

    from plein.search import backends, services
    from plein.search.text import parse_query

    backend = backends.get_backend()
    terms = parse_query(query)
    filters = backends.Filters()
    candidates = backend.candidates(terms, filters)
    detail: dict[str, Any] = {"candidates": len(candidates)}
    if isinstance(backend, backends.PostgresBackend):
        trace: list[tuple[str, str, list[Any]]] = []
        backend.candidates(terms, filters, trace=trace)
        detail["strategy"] = ", ".join(label for label, _sql, _params in trace)
        detail["plan"] = []
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('enable_seqscan', 'off', false), "
                "set_config('enable_indexscan', 'off', false)"
            )
            for label, sql, params in trace:
                if label == "prefixes: walk":
                    cursor.execute("RESET enable_seqscan")
                    cursor.execute("RESET enable_indexscan")
                cursor.execute("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) " + sql, params)
                detail["plan"] += [f"-- {label}"] + [row[0] for row in cursor.fetchall()]
                if label == "prefixes: walk":
                    cursor.execute("SET enable_seqscan = off")
                    cursor.execute("SET enable_indexscan = off")
            cursor.execute("RESET enable_seqscan")
            cursor.execute("RESET enable_indexscan")
            tsquery = backend.tsquery(terms)
            where = f"document @@ {tsquery[0]}"
            cursor.execute(f"SELECT count(*) FROM search_entry WHERE {where}", tsquery[1])  # noqa: S608
            detail["matches"] = cursor.fetchone()[0]
    elif isinstance(backend, backends.SQLiteBackend):
        sql, params = backend.candidates_sql(terms, filters, backends.CANDIDATES, prefix=False)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            exact = len(cursor.fetchall())
            detail["strategy"] = "words" if exact >= backends.CANDIDATES else "words, then prefixes"
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            detail["plan"] = [row[-1] for row in cursor.fetchall()]
            cursor.execute(
                "SELECT count(*) FROM search_entry_fts WHERE search_entry_fts MATCH %s",
                [backend.match_expression(terms, filters)],
            )
            detail["matches"] = cursor.fetchone()[0]
    results = services.search(viewer, query)
    detail.update(
        shown=results.count, capped=results.capped, first=[h.url for h in results.hits[:3]]
    )
    return detail


def measure(run: Any) -> dict[str, Any]:
    from plein.search import services

    viewer = run.viewer
    index = _build_index(run)
    result: dict[str, Any] = {"index": index, "queries": {}}
    lines = [
        "search index: "
        + ("reused" if index["reused"] else "built")
        + f" in {index.get('seconds')} s for {index.get('posts', 0):,} posts"
    ]
    specs = []
    for key, query in QUERIES.items():
        run.log(f"  search {key}: {query!r}…")
        detail = _details(viewer, query)

        def call(q: str = query) -> object:
            return services.search(viewer, q)

        service_ms = stats(time_calls(call, run.plan.repeat))
        detail["service_ms"] = service_ms
        result["queries"][key] = {"query": query, **detail}
        specs.append(
            PageSpec(
                f"search_{key}", f"search page: {query}", "/search/?" + urlencode({"q": query})
            )
        )
    pages = run.measure(specs, run.plan.repeat)
    result["floor"] = pages.pop("floor")
    targets = []
    for key, query in QUERIES.items():
        page = pages[f"search_{key}"]
        detail = result["queries"][key]
        detail["page"] = {
            k: page.get(k) for k in ("status", "queries", "app_queries", "ms", "split")
        }
        p95 = (page.get("ms") or {}).get("p95")
        lines.append(
            f"search {key} ({query!r}, {detail['matches']:,} matches"
            + (f", {detail['strategy']}" if "strategy" in detail else "")
            + f"): page p50 {page['ms']['p50']:.1f} / p95 {p95:.1f} ms, "
            f"service p95 {detail['service_ms']['p95']:.1f} ms, {page.get('queries')} queries"
        )
        if key in TARGET_CLASSES:
            targets.append(
                {
                    "target": f"search ({key} word {query!r}): page p95 <= {P95_LIMIT_MS} ms "
                    "end to end",
                    "value": None if p95 is None else round(p95, 2),
                    "limit": P95_LIMIT_MS,
                    "met": None if p95 is None else p95 <= P95_LIMIT_MS,
                }
            )
    for line in lines:
        run.log(line)
    result["lines"] = lines
    result["targets"] = targets
    return result
