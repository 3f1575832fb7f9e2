"""The task worker around django-tasks-db's `db_worker`: heartbeats, recovery and the schedule.

`db_worker` claims and runs tasks. What it does not do, this adds:

- a heartbeat row per worker, so /healthz can tell whether any worker is alive;
- recovery: a task left RUNNING by a worker that died (SIGKILL, lost machine) is handed out
  again once that worker is known dead (its process is gone on this host, or its heartbeat is
  older than PLEIN_WORKER_STALE_AFTER). Tasks are written to be idempotent, so running the rest
  of one again is safe;
- periodic jobs: each period's run is enqueued once, whatever the number of workers, because
  the PeriodicRun row for (job, period) can be inserted only once.
"""

import logging
import os
import signal
import socket
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, close_old_connections, transaction
from django.tasks import Task, TaskResultStatus
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks_db.models import DBTaskResult

from plein.core.models import PeriodicRun, WorkerHeartbeat

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 5


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    task_path: str
    every_minutes: int

    def period_key(self, now: datetime) -> str:
        minutes = int(now.timestamp() // 60)
        return str(minutes - minutes % self.every_minutes)


def periodic_jobs() -> list[PeriodicJob]:
    return [
        PeriodicJob(name, str(spec["task"]), int(str(spec["every_minutes"])))
        for name, spec in settings.PLEIN_PERIODIC_JOBS.items()
    ]


def _host_identity() -> str:
    """This machine and process namespace: two containers may share a host name but not their
    boot id and pid namespace, and only on the same identity can a pid be checked."""
    parts = [socket.gethostname()]
    try:
        parts.append(Path("/proc/sys/kernel/random/boot_id").read_text().strip())
        parts.append(os.readlink("/proc/self/ns/pid"))
    except OSError:
        pass
    return "/".join(parts)[:255]


HOST_IDENTITY = _host_identity()


def new_worker_id() -> str:
    return f"{socket.gethostname()[:20]}-{os.getpid()}-{uuid.uuid4().hex[:8]}"


def beat(worker_id: str, started_at: datetime) -> None:
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "hostname": HOST_IDENTITY,
            "pid": os.getpid(),
            "started_at": started_at,
            "last_seen": timezone.now(),
        },
    )


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def dead_worker_ids() -> set[str]:
    stale_before = timezone.now() - timedelta(seconds=settings.PLEIN_WORKER_STALE_AFTER)
    dead = set()
    for heartbeat in WorkerHeartbeat.objects.all():
        if heartbeat.last_seen < stale_before or (
            heartbeat.hostname == HOST_IDENTITY and not _process_alive(heartbeat.pid)
        ):
            dead.add(heartbeat.worker_id)
    return dead


def recover_orphaned_tasks() -> int:
    """Hand tasks claimed by dead workers back to the queue. Returns how many."""
    dead = dead_worker_ids()
    stale_before = timezone.now() - timedelta(seconds=settings.PLEIN_WORKER_STALE_AFTER)
    live = set(
        WorkerHeartbeat.objects.exclude(worker_id__in=dead).values_list("worker_id", flat=True)
    )
    recovered = 0
    with transaction.atomic():
        for result in DBTaskResult.objects.select_for_update().filter(
            status=TaskResultStatus.RUNNING
        ):
            owner = result.worker_ids[-1] if result.worker_ids else None
            if owner in live:
                continue
            # A worker that has claimed a task but not yet written its first heartbeat is not
            # dead: only a known-dead owner, or a silent one for the whole grace period, counts.
            if owner not in dead and result.started_at and result.started_at > stale_before:
                continue
            result.status = TaskResultStatus.READY
            result.started_at = None
            result.save(update_fields=["status", "started_at"])
            recovered += 1
            logger.warning(
                "task handed out again after its worker died",
                extra={"task_id": str(result.id), "task": result.task_path, "worker": owner},
            )
        WorkerHeartbeat.objects.filter(worker_id__in=dead).delete()
    return recovered


def enqueue_due_periodic_jobs(now: datetime | None = None) -> list[str]:
    now = now or timezone.now()
    enqueued = []
    for job in periodic_jobs():
        try:
            with transaction.atomic():
                PeriodicRun.objects.create(job=job.name, period=job.period_key(now))
                task: Task = import_string(job.task_path)
                task.enqueue()
        except IntegrityError:
            continue
        enqueued.append(job.name)
    return enqueued


class Supervisor(threading.Thread):
    """Runs beside db_worker in the worker process: heartbeat, recovery, schedule."""

    def __init__(self, worker_id: str, stop_requested: threading.Event | None = None) -> None:
        super().__init__(name="plein-supervisor", daemon=True)
        self.worker_id = worker_id
        # Set when SIGTERM/SIGINT arrived before db_worker installed its own handler.
        self.stop_requested = stop_requested or threading.Event()
        self.started_at = timezone.now()
        self.stopping = threading.Event()

    def tick(self) -> None:
        beat(self.worker_id, self.started_at)
        recover_orphaned_tasks()
        enqueue_due_periodic_jobs()

    def run(self) -> None:
        next_tick = time.monotonic() + HEARTBEAT_SECONDS
        while not self.stopping.is_set():
            if self.stop_requested.is_set():
                # db_worker's handler is in place by now: pass the stop on to it.
                self.stop_requested.clear()
                os.kill(os.getpid(), signal.SIGTERM)
            if time.monotonic() >= next_tick:
                try:
                    self.tick()
                except Exception:
                    logger.exception("worker supervisor tick failed")
                finally:
                    close_old_connections()
                next_tick = time.monotonic() + HEARTBEAT_SECONDS
            self.stopping.wait(0.5)

    def stop(self) -> None:
        self.stopping.set()
        WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()


def worker_health() -> dict[str, object]:
    fresh_after = timezone.now() - timedelta(seconds=settings.PLEIN_WORKER_STALE_AFTER)
    alive = WorkerHeartbeat.objects.filter(last_seen__gte=fresh_after).count()
    ready = DBTaskResult.objects.filter(status=TaskResultStatus.READY).count()
    return {"workers_alive": alive, "tasks_waiting": ready, "ok": alive > 0}
