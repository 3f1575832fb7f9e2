"""Post creation by concurrent writers through the service layer, in separate processes.

Used while the composer view is not served yet: each writer is its own process (on SQLite,
locking is between processes, through the file), calling `publish_post` as the view will.
"""

import multiprocessing
import time
from typing import Any

from plein.bench.load import summary

TEXT = "Benchmark: de planning voor volgende week staat klaar. #planning"


def _write(person_id: int, count: int, start: Any, out: Any) -> None:
    from django.db import OperationalError, connection

    from plein.community.services.posts import publish_post
    from plein.people.models import Person

    connection.close()  # never share the parent's connection
    author = Person.objects.get(pk=person_id)
    timings: list[float] = []
    errors: list[str] = []
    start.wait()
    for _ in range(count):
        started = time.perf_counter()
        try:
            publish_post(author, TEXT)
        except OperationalError as error:
            errors.append(str(error))
            continue
        timings.append((time.perf_counter() - started) * 1000)
    connection.close()
    out.put((timings, errors))


def remove_benchmark_posts(person_ids: list[int], *, after: int) -> int:
    """Delete the posts the writers created (so a next run's home feed is the same)."""
    from plein.community.models import Post

    posts = Post.objects.filter(author_id__in=person_ids, pk__gt=after, body=TEXT)
    count = posts.count()
    posts.delete()
    return count


def run_writers(person_ids: list[int], count: int) -> dict[str, Any]:
    from django.db import connection

    from plein.community.models import Post

    last_id = Post.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    connection.close()
    context = multiprocessing.get_context("fork")
    start = context.Barrier(len(person_ids) + 1)
    out = context.Queue()
    processes = [context.Process(target=_write, args=(pk, count, start, out)) for pk in person_ids]
    for process in processes:
        process.start()
    start.wait()
    started = time.perf_counter()
    timings: list[float] = []
    errors: list[str] = []
    for _ in processes:
        got_timings, got_errors = out.get(timeout=600)
        timings.extend(got_timings)
        errors.extend(got_errors)
    seconds = time.perf_counter() - started
    for process in processes:
        process.join()
    created = remove_benchmark_posts(person_ids, after=last_id)
    return {
        "mode": "service",
        "writers": len(person_ids),
        "created": created,
        "seconds": round(seconds, 3),
        "ms": summary(timings),
        "errors": errors[:5],
        "locked_errors": sum("locked" in error for error in errors),
    }
