"""`plein bench --suite careers`: the public vacancy page (issue 6: served in <= 20 ms p95
server time, and cacheable).

Inside one transaction that is rolled back at the end (the benchmark database keeps no
vacancies): the careers demo is loaded (about 29 vacancies, candidates' questions and answers,
future colleagues, applications), then the page of the open vacancy with the most published
questions is fetched by an anonymous visitor through the whole Django stack in this process
(middleware, view, template), `repeat` times after a warm-up. Server time is what the request
costs in this process; a conditional request with the page's ETag is timed too (the answer a
cache or a returning browser gets: 304 without a body).
"""

import time
from typing import Any

from plein.bench.inprocess import stats, time_calls

LIMIT_MS = 20.0
DEFAULT_REPEAT = 300


class _Rollback(Exception):
    pass


def measure(run: Any) -> dict[str, Any]:
    from django.db import connection, transaction
    from django.db.models import Count, Q
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from plein.careers import demo
    from plein.careers.models import Vacancy

    asked = getattr(run.args, "repeat", None)
    repeat = max(asked, 20) if asked else DEFAULT_REPEAT
    result: dict[str, Any] = {"repeat": repeat}
    try:
        with transaction.atomic():
            started = time.perf_counter()
            result["demo"] = demo.load_demo()
            result["setup_seconds"] = round(time.perf_counter() - started, 1)
            vacancy = (
                Vacancy.objects.open()
                .annotate(
                    shown=Count(
                        "candidate_questions", filter=Q(candidate_questions__state="published")
                    )
                )
                .order_by("-shown", "pk")
                .first()
            )
            if vacancy is None:
                raise RuntimeError("the careers demo made no open vacancy")
            url = reverse("careers:vacancy", args=[vacancy.slug])
            client = Client(SERVER_NAME="127.0.0.1", HTTP_ACCEPT_LANGUAGE="nl")
            with CaptureQueriesContext(connection) as queries:  # rendered (not yet cached)
                first = client.get(url)
            if first.status_code != 200:
                raise RuntimeError(f"{url} answered {first.status_code}")
            etag = first.headers.get("ETag", "")
            page = stats(time_calls(lambda: client.get(url), repeat))
            conditional = stats(
                time_calls(lambda: client.get(url, headers={"if-none-match": etag}), repeat)
            )
            again = client.get(url, headers={"if-none-match": etag})
            result.update(
                url=url,
                status=first.status_code,
                bytes=len(first.content),
                queries=len(queries),
                cache_control=first.headers.get("Cache-Control", ""),
                etag=bool(etag),
                conditional_status=again.status_code,
                page_ms=page,
                conditional_ms=conditional,
            )
            raise _Rollback
    except _Rollback:
        pass
    p95 = result["page_ms"]["p95"]
    lines = [
        f"vacancy page {result['url']} ({result['bytes']:,} bytes, {result['queries']} queries, "
        f"Cache-Control {result['cache_control']!r}): p50 {result['page_ms']['p50']:.1f} / "
        f"p95 {p95:.1f} ms; with its ETag: {result['conditional_status']} in p95 "
        f"{result['conditional_ms']['p95']:.1f} ms",
    ]
    for line in lines:
        run.log(line)
    result["lines"] = lines
    result["targets"] = [
        {
            "target": f"vacancy page: p95 <= {LIMIT_MS:g} ms server time, in-process",
            "value": round(p95, 2),
            "limit": LIMIT_MS,
            "met": p95 <= LIMIT_MS,
        },
        {
            "target": "vacancy page: cacheable (ETag; a conditional request gets 304)",
            "value": result["conditional_status"],
            "limit": 304,
            "met": result["etag"] and result["conditional_status"] == 304,
        },
    ]
    return result
