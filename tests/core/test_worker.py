"""The task worker with real processes: `plein worker` killed in the middle of sending an e-mail,
a task that runs twice, /healthz, and the periodic job that ends a flexible worker's access.

Workers are child processes that open the test database (transactional tests, so what the test
writes is committed and visible to them) and send mail over SMTP to an aiosmtpd server on
loopback. The server can stall inside DATA: the worker has sent the whole message and waits for
the server's answer, the moment where a crash is most likely to duplicate a message.
"""

import asyncio
import datetime
import email
import email.policy
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.db import connection
from django.tasks import TaskResultStatus
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from plein.core.models import PeriodicRun, WorkerHeartbeat
from plein.people.models import Invitation, Person
from plein.people.services.invitations import invite_person
from plein.people.services.links import invitation_url
from plein.people.services.persons import create_person
from plein.people.tasks import send_invitation_email
from tests.core.concurrent_writer import REPO_ROOT, child_environment

pytestmark = [
    pytest.mark.db_backend,
    pytest.mark.xdist_group("processes"),
    pytest.mark.django_db(transaction=True),
]

SEND_INVITATION = "plein.people.tasks.send_invitation_email"
END_EXPIRED_ACCESS = "plein.people.tasks.end_expired_flexible_access"
# Longer than the 5 s heartbeat, so a live worker never looks dead between two beats, and short
# enough that a lost heartbeat would also be noticed within the test's bounds.
STALE_AFTER_SECONDS = 12
# Longer than the test waits: recovery within it can only come from seeing the pid gone.
STALE_AFTER_LONGER_THAN_THE_TEST = 300


# --- A real SMTP server on loopback --------------------------------------------------------------


@dataclass
class ReceivedMail:
    rcpt_tos: list[str]
    message: EmailMessage

    def text(self) -> str:
        return self.message.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]

    def html(self) -> str:
        return self.message.get_body(preferencelist=("html",)).get_content()  # type: ignore[union-attr]


@dataclass
class RecordingHandler:
    """Accepts every message, unless stalled: then DATA waits until released or until the client
    goes away, and a message whose client went away is never accepted (no "250")."""

    delivered: list[ReceivedMail] = field(default_factory=list)
    abandoned: list[ReceivedMail] = field(default_factory=list)
    receiving: threading.Event = field(default_factory=threading.Event)
    released: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self.released.set()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        mail = ReceivedMail(
            rcpt_tos=list(envelope.rcpt_tos),
            message=email.message_from_bytes(envelope.content, policy=email.policy.default),
        )
        self.receiving.set()
        try:
            while not self.released.is_set():
                if server.transport is None or server.transport.is_closing():
                    self.abandoned.append(mail)
                    return "451 Client went away, message not accepted"
                await asyncio.sleep(0.05)
        except asyncio.CancelledError:
            # aiosmtpd cancels the handler when the connection is lost.
            self.abandoned.append(mail)
            raise
        self.delivered.append(mail)
        return "250 Message accepted for delivery"


@dataclass
class MailServer:
    handler: RecordingHandler
    port: int

    @property
    def delivered(self) -> list[ReceivedMail]:
        return self.handler.delivered


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def mail_server() -> Iterator[MailServer]:
    handler = RecordingHandler()
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield MailServer(handler, port)
    finally:
        handler.released.set()
        controller.stop()


# --- `plein worker` as a child process ----------------------------------------------------------


@dataclass
class WorkerProcess:
    process: subprocess.Popen[bytes]
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        # Reap it: a zombie still answers kill(pid, 0), and the next worker would think it alive.
        self.process.wait(timeout=10)

    def stop(self, timeout: float = 10) -> int:
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pytest.fail(
                f"the worker did not stop within {timeout} s after SIGTERM:\n{self.output()}"
            )


StartWorker = Callable[..., WorkerProcess]


@pytest.fixture
def start_worker(
    transactional_db, mail_server: MailServer, tmp_path: Path
) -> Iterator[StartWorker]:
    """Start `plein worker` on the test database; `start_worker("--batch")` for one batch.
    Every worker still running is killed before the test database is flushed."""
    started: list[WorkerProcess] = []
    env = child_environment(
        connection.settings_dict,
        PLEIN_EMAIL_HOST="127.0.0.1",
        PLEIN_EMAIL_PORT=str(mail_server.port),
        PLEIN_EMAIL_TIMEOUT="60",
    )

    def start(*arguments: str, stale_after: int = STALE_AFTER_SECONDS) -> WorkerProcess:
        log = tmp_path / f"worker-{len(started) + 1}.log"
        with log.open("wb") as output:
            process = subprocess.Popen(
                [sys.executable, "-m", "plein.cli", "worker", "--interval", "0.2", *arguments],
                cwd=REPO_ROOT,
                env={**env, "PLEIN_WORKER_STALE_AFTER": str(stale_after)},
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        worker = WorkerProcess(process, log)
        started.append(worker)
        return worker

    yield start
    for worker in started:
        if worker.process.poll() is None:
            worker.process.kill()
        worker.process.wait(timeout=10)


def run_batch(start_worker: StartWorker) -> None:
    """One worker that runs every waiting task, then exits."""
    worker = start_worker("--batch")
    try:
        code = worker.process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail(f"the batch worker did not finish:\n{worker.output()}")
    assert code == 0, worker.output()


def wait_for(
    condition: Callable[[], object], *, timeout: float, failure: Callable[[], str]
) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(failure())
        time.sleep(0.1)


def task_results(task_path: str) -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(task_path=task_path).order_by("enqueued_at"))


# --- The tests ----------------------------------------------------------------------------------


def test_a_worker_killed_while_sending_an_invitation_leaves_exactly_one_email(
    client_for, recruiter, mail_server, start_worker
):
    response = client_for(recruiter).post(
        "/people/invite/",
        {
            "email": "noor.nieuw@example.nl",
            "first_name": "Noor",
            "last_name": "Nieuw",
            "contract_type": "permanent",
            "language": "nl",
        },
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get(person__email="noor.nieuw@example.nl")
    [task] = task_results(SEND_INVITATION)
    assert task.status == TaskResultStatus.READY
    assert task.args_kwargs["args"] == [invitation.pk]

    mail_server.handler.released.clear()
    first = start_worker(stale_after=STALE_AFTER_LONGER_THAN_THE_TEST)
    if not mail_server.handler.receiving.wait(timeout=30):
        pytest.fail(f"the first worker never reached the mail server:\n{first.output()}")
    # The whole message is with the server, which has not answered yet: kill the worker now.
    first.kill()
    wait_for(
        lambda: mail_server.handler.abandoned,
        timeout=10,
        failure=lambda: "the mail server did not notice the killed worker's connection drop",
    )
    mail_server.handler.released.set()
    time.sleep(0.5)
    assert mail_server.delivered == []
    invitation.refresh_from_db()
    assert invitation.email_sent_at is None
    task.refresh_from_db()
    assert task.status == TaskResultStatus.RUNNING  # orphaned: its worker is gone

    # The second worker recovers the task because the first one's process is gone from this
    # host, not because its heartbeat went stale: that would take longer than this test waits.
    second = start_worker(stale_after=STALE_AFTER_LONGER_THAN_THE_TEST)
    wait_for(
        lambda: mail_server.delivered,
        timeout=30,
        failure=lambda: f"the second worker sent nothing:\n{second.output()}",
    )
    wait_for(
        lambda: DBTaskResult.objects.get(pk=task.pk).status == TaskResultStatus.SUCCESSFUL,
        timeout=30,
        failure=lambda: f"the task did not finish:\n{second.output()}",
    )
    time.sleep(3)  # room for a duplicate to show up

    assert len(mail_server.delivered) == 1
    [mail] = mail_server.delivered
    [abandoned] = mail_server.handler.abandoned
    assert mail.rcpt_tos == ["noor.nieuw@example.nl"]
    url = invitation_url(invitation)
    assert "/people/invitation/" in url
    assert url in mail.text()
    assert url in mail.html()
    # The retry is the same message to mail systems, which drop duplicates by Message-ID.
    assert mail.message["Message-ID"] == abandoned.message["Message-ID"]
    invitation.refresh_from_db()
    assert invitation.email_sent_at is not None
    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL
    assert task.return_value is True
    assert len(task.worker_ids) == 2  # claimed by the killed worker, then by the second

    assert second.stop() == 0, second.output()
    assert not WorkerHeartbeat.objects.exists()


def test_running_the_invitation_task_again_sends_nothing_more(recruiter, mail_server, start_worker):
    person = create_person(
        email="sam.tweemaal@example.nl", first_name="Sam", last_name="Tweemaal", by=recruiter
    )
    invitation = invite_person(person, invited_by=recruiter)
    run_batch(start_worker)
    assert [mail.rcpt_tos for mail in mail_server.delivered] == [["sam.tweemaal@example.nl"]]
    invitation.refresh_from_db()
    sent_at = invitation.email_sent_at
    assert sent_at is not None

    send_invitation_email.enqueue(invitation.pk)
    run_batch(start_worker)

    assert len(mail_server.delivered) == 1
    first_run, second_run = task_results(SEND_INVITATION)
    assert (first_run.status, first_run.return_value) == (TaskResultStatus.SUCCESSFUL, True)
    assert (second_run.status, second_run.return_value) == (TaskResultStatus.SUCCESSFUL, False)
    invitation.refresh_from_db()
    assert invitation.email_sent_at == sent_at


def test_healthz_reports_whether_a_worker_is_alive(start_worker):
    client = Client()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"]["ok"] is True
    assert response.json()["checks"]["worker"]["ok"] is False

    worker = start_worker()
    wait_for(
        lambda: client.get("/healthz").status_code == 200,
        timeout=30,
        failure=lambda: f"/healthz never saw the worker:\n{worker.output()}",
    )
    checks = client.get("/healthz").json()["checks"]
    assert checks["database"]["ok"] is True
    assert checks["worker"]["ok"] is True
    assert checks["worker"]["workers_alive"] == 1

    # A worker that stops cleanly says goodbye: monitoring does not wait for a stale heartbeat.
    assert worker.stop() == 0, worker.output()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"]["workers_alive"] == 0


def test_a_flexible_worker_loses_access_on_the_end_date_and_the_worker_deactivates_them(
    flexible_worker, client_for, start_worker
):
    client = client_for(flexible_worker)
    assert client.get("/").status_code == 200

    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Person.objects.filter(pk=flexible_worker.pk).update(end_date=yesterday)
    # Before any task runs, the open session no longer works.
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")

    assert task_results(END_EXPIRED_ACCESS) == []
    run_batch(start_worker)  # the worker enqueues the due periodic job itself, then runs it

    [run] = task_results(END_EXPIRED_ACCESS)
    assert (run.status, run.return_value) == (TaskResultStatus.SUCCESSFUL, 1)
    assert PeriodicRun.objects.filter(job="people.end_expired_flexible_access").count() == 1
    flexible_worker.refresh_from_db()
    assert flexible_worker.status == Person.Status.DEACTIVATED
    response = client_for(flexible_worker).get("/")
    assert response.status_code == 302
