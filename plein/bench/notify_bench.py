"""`plein bench --suite notifications`: an announcement to the whole organisation, and the
notifications page.

1. A real worker (`plein worker`, a child process on the benchmark database, as in production)
   is started and left to empty its queue (the periodic jobs it enqueues at start).
2. The author's call: `notify()` to every member (20,000 at --size small/full), inside a
   transaction as a service would call it, timed up to and including the commit. It stores one
   fan-out row and enqueues one task; a few more calls give the p50/p95 (their fan-outs are
   removed before the worker gets to them).
3. Delivery: from that commit until the worker has inserted every in-app notification
   (the fan-out marked done), polled in the database.
4. The notifications page, in-process through the whole Django stack: its SQL statements with 5
   and with 200 notifications (the count must not change), and its p50/p95 with 200; the
   bell's poll (htmx) likewise.
Everything the suite created is deleted again at the end.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from plein.bench.inprocess import PageSpec, stats
from plein.bench.report import ratio

AUTHOR_CALL_LIMIT_MS = 250
DELIVERY_LIMIT_S = 60
PAGE_P95_LIMIT_MS = 50
EXTRA_AUTHOR_CALLS = 4
FEW, MANY = 5, 200
TITLE = "Benchmark: nieuwe cao"


def _start_worker(run: Any) -> tuple[subprocess.Popen[bytes], Path]:
    log_path = Path(run.data_dir) / "notify-bench-worker.log"
    env = {
        **os.environ,
        "PLEIN_LOG_LEVEL": "WARNING",
        # Nothing leaves the machine: the periodic digest job may run in this worker too.
        "PLEIN_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    }
    with log_path.open("ab") as log:
        # Our own interpreter and module, arguments we built: nothing from outside.
        process = subprocess.Popen(
            [sys.executable, "-m", "plein.cli", "worker", "--interval", "0.2"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return process, log_path


def _stop_worker(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _wait_until_idle(process: subprocess.Popen[bytes], log_path: Path, timeout: float) -> float:
    """Until the worker beats and its queue is empty; returns the seconds waited."""
    from django.db import close_old_connections
    from django.tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from plein.core.models import WorkerHeartbeat

    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if process.poll() is not None:
            raise RuntimeError(
                f"the worker stopped: {log_path.read_text(errors='replace')[-2000:]}"
            )
        close_old_connections()
        busy = DBTaskResult.objects.filter(
            status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
        ).exists()
        if WorkerHeartbeat.objects.exists() and not busy:
            return time.monotonic() - started
        time.sleep(0.5)
    raise RuntimeError(f"the worker did not become idle within {timeout:.0f} s; see {log_path}")


def _announce(author: Any, recipient_ids: list[int]) -> float:
    from django.db import transaction

    from plein.notifications.models import Kind
    from plein.notifications.services import notify

    started = time.perf_counter()
    with transaction.atomic():
        notify(
            recipient_ids,
            kind=Kind.ANNOUNCEMENT,
            actor=author,
            url="/",
            title=TITLE,
            excerpt="Vanaf 1 juli geldt de nieuwe cao. Lees wat er verandert.",
        )
    return (time.perf_counter() - started) * 1000


def _give_notifications(viewer: Any, post_ids: list[int], count: int) -> None:
    from plein.notifications.models import Kind
    from plein.notifications.services import Payload, deliver
    from plein.people.models import Person

    actors = list(Person.objects.members().exclude(pk=viewer.pk).values_list("pk", flat=True)[:50])
    kinds = [Kind.MENTION, Kind.COMMENT, Kind.REPLY, Kind.NEW_ARTICLE, Kind.ANSWER]
    for index in range(count):
        post_id = post_ids[index % len(post_ids)] if post_ids else None
        deliver(
            [viewer.pk],
            Payload(
                kind=kinds[index % len(kinds)],
                actor_id=actors[index % len(actors)],
                url=f"/posts/{post_id}/" if post_id else "/",
                title=f"Benchmark-melding {index}",
                excerpt="Een reactie op je bericht over de planning van volgende week.",
                post_id=post_id,
                group_id=None,
                thread_key=f"bench:{index}",
            ),
        )


def measure(run: Any) -> dict[str, Any]:
    from django.core.cache import cache
    from django.db import close_old_connections
    from django.tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from plein.notifications.models import FanOut, Notification
    from plein.people.models import Person

    viewer = run.viewer
    recipient_ids = list(
        Person.objects.members().exclude(pk=viewer.pk).order_by("pk").values_list("pk", flat=True)
    )
    result: dict[str, Any] = {"recipients": len(recipient_ids), "worker": "plein worker (process)"}
    Notification.objects.filter(title=TITLE).delete()
    FanOut.objects.filter(done_at__isnull=True).delete()

    run.log("notifications: starting a worker…")
    process, log_path = _start_worker(run)
    fan_out_ids: list[int] = []
    try:
        result["worker_idle_after_s"] = round(_wait_until_idle(process, log_path, 600), 1)

        run.log(f"notifications: announcement to {len(recipient_ids):,} people…")
        before = FanOut.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        author_ms = _announce(viewer, recipient_ids)
        committed = time.monotonic()
        fan_out = FanOut.objects.filter(pk__gt=before).get()
        fan_out_ids.append(fan_out.pk)
        deadline = committed + 600
        delivered_s = None
        while time.monotonic() < deadline:
            close_old_connections()
            if FanOut.objects.filter(pk=fan_out.pk, done_at__isnull=False).exists():
                delivered_s = time.monotonic() - committed
                break
            if process.poll() is not None:
                raise RuntimeError(f"the worker stopped: {log_path}")
            time.sleep(0.1)
        delivered = Notification.objects.filter(source=f"fanout:{fan_out.pk}").count()
        result["delivery"] = {
            "seconds": None if delivered_s is None else round(delivered_s, 2),
            "notifications": delivered,
            "per_second": round(delivered / delivered_s) if delivered_s else None,
        }

    finally:
        _stop_worker(process)

    # More author calls for a distribution, with the worker stopped: their fan-outs and tasks
    # are removed again.
    calls = [author_ms]
    for _ in range(EXTRA_AUTHOR_CALLS):
        mark = FanOut.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        calls.append(_announce(viewer, recipient_ids))
        FanOut.objects.filter(pk__gt=mark).delete()
    DBTaskResult.objects.filter(
        task_path="plein.notifications.tasks.deliver_fan_out", status=TaskResultStatus.READY
    ).delete()
    result["author_call_ms"] = {"first": round(author_ms, 2), **stats(calls)}

    # The notifications page, with few and with many notifications.
    run.log("notifications: the notifications page…")
    Notification.objects.filter(recipient=viewer).delete()
    cache.clear()
    post_ids = run._floor_ids()
    _give_notifications(viewer, post_ids, FEW)
    page = PageSpec("notifications", "notifications page", "/notifications/")
    few_info, _call = run.probe(page)
    _give_notifications(viewer, post_ids, MANY - FEW)
    many_info, page_call = run.probe(page)
    bell = PageSpec(
        "notifications_bell", "bell poll (htmx)", "/notifications/bell/?seen=x", htmx=True
    )
    bell_info, bell_call = run.probe(bell)
    # Timed round-robin with the floor (the same 20 posts as the home feed, one hand-written
    # query, a minimal template): the ratio holds when the machine is busy.
    _floor_info, floor_call = run._floor()
    calls_to_time = {
        key: call
        for key, call in (("floor", floor_call), ("page", page_call), ("bell", bell_call))
        if call
    }
    timings = run.time_round_robin(calls_to_time, run.plan.repeat)
    floor_p50 = (timings.get("floor") or {}).get("p50")
    result["page"] = {
        "queries_with_5": few_info.get("queries"),
        f"queries_with_{MANY}": many_info.get("queries"),
        "app_queries": many_info.get("app_queries"),
        "status": many_info.get("status"),
        "ms": timings.get("page"),
        "x_floor": ratio((timings.get("page") or {}).get("p50"), floor_p50),
        "split": many_info.get("split"),
        "sql": many_info.get("sql"),
    }
    result["bell"] = {
        "queries": bell_info.get("queries"),
        "status": bell_info.get("status"),
        "ms": timings.get("bell"),
        "x_floor": ratio((timings.get("bell") or {}).get("p50"), floor_p50),
    }
    result["floor_ms"] = timings.get("floor")

    # Leave the benchmark database as it was.
    Notification.objects.filter(recipient=viewer).delete()
    for pk in fan_out_ids:
        Notification.objects.filter(source=f"fanout:{pk}").delete()
    FanOut.objects.filter(pk__in=fan_out_ids).delete()
    cache.clear()

    author_p95 = result["author_call_ms"]["p95"]
    page_ms = result["page"]["ms"] or {}
    people = f"{len(recipient_ids):,}"
    targets = [
        {
            "target": f"announcement to {people}: author's call <= {AUTHOR_CALL_LIMIT_MS} ms (p95)",
            "value": round(author_p95, 2),
            "limit": AUTHOR_CALL_LIMIT_MS,
            "met": author_p95 <= AUTHOR_CALL_LIMIT_MS,
        },
        {
            "target": f"announcement to {people}: all in-app notifications delivered by the "
            f"worker <= {DELIVERY_LIMIT_S} s",
            "value": result["delivery"]["seconds"],
            "limit": DELIVERY_LIMIT_S,
            "met": (
                result["delivery"]["seconds"] is not None
                and result["delivery"]["seconds"] <= DELIVERY_LIMIT_S
                and result["delivery"]["notifications"] == len(recipient_ids)
            ),
        },
        {
            "target": f"notifications page: constant queries ({FEW} vs {MANY} notifications)",
            "value": result["page"][f"queries_with_{MANY}"],
            "limit": result["page"]["queries_with_5"],
            "met": result["page"][f"queries_with_{MANY}"] == result["page"]["queries_with_5"],
        },
        {
            "target": f"notifications page: p95 <= {PAGE_P95_LIMIT_MS} ms (in-process)",
            "value": page_ms.get("p95"),
            "limit": PAGE_P95_LIMIT_MS,
            "met": None if page_ms.get("p95") is None else page_ms["p95"] <= PAGE_P95_LIMIT_MS,
        },
    ]
    bell_ms = result["bell"]["ms"] or {}
    result["lines"] = [
        f"notifications ({result['worker']}):",
        f"  announcement to {people}: author's call p50 {result['author_call_ms']['p50']:.1f} ms,"
        f" p95 {author_p95:.1f} ms; worker delivered {result['delivery']['notifications']:,}"
        f" in-app notifications in {result['delivery']['seconds']} s"
        f" ({result['delivery']['per_second']}/s)",
        f"  notifications page: {result['page']['queries_with_5']} queries with {FEW},"
        f" {result['page'][f'queries_with_{MANY}']} with {MANY}; p50 {page_ms.get('p50')} ms,"
        f" p95 {page_ms.get('p95')} ms (x{result['page']['x_floor']} the floor, whose p50 is"
        f" {floor_p50} ms now)",
        f"  bell poll: {result['bell']['queries']} queries; p50 {bell_ms.get('p50')} ms,"
        f" p95 {bell_ms.get('p95')} ms",
    ]
    result["targets"] = targets
    return result
