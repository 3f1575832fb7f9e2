"""The export built by a real `plein worker` process on the test database: the person asks on
/privacy/, the worker builds the ZIP once, notifies in the app and by e-mail (a real SMTP server
on loopback), and the person downloads it."""

import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from plein.community.services import posts
from plein.notifications.models import Kind, Notification
from plein.privacy.models import DataExport
from tests.core.test_worker import mail_server, start_worker, wait_for

__all__ = ["mail_server", "start_worker"]

pytestmark = [
    pytest.mark.db_backend,
    pytest.mark.xdist_group("processes"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(autouse=True)
def export_dir(settings) -> Path:  # type: ignore[no-untyped-def]
    # The worker process uses the default folder under the shared data folder: so do we.
    settings.PLEIN_EXPORT_DIR = Path(settings.DATA_DIR) / "private" / "exports"
    return settings.PLEIN_EXPORT_DIR


def test_the_worker_builds_the_export_and_tells_the_person(employee, mail_server, start_worker):
    posts.publish_post(employee, "Mijn bericht over de nieuwe bus")
    client = Client()
    client.force_login(employee)
    assert client.post("/privacy/export/").status_code == 302
    export = DataExport.objects.get(person=employee)

    worker = start_worker()
    wait_for(
        lambda: DataExport.objects.get(pk=export.pk).state == DataExport.State.READY,
        timeout=60,
        failure=lambda: f"the export was not built:\n{worker.output()}",
    )
    wait_for(
        lambda: any("anna@example.nl" in m.rcpt_tos for m in mail_server.delivered),
        timeout=60,
        failure=lambda: f"no e-mail about the export:\n{worker.output()}",
    )
    worker.kill()
    assert Notification.objects.filter(recipient=employee, kind=Kind.DATA_EXPORT).count() == 1

    response = client.get(f"/privacy/exports/{export.public_id}/")
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert "Mijn bericht over de nieuwe bus" in archive.read("posts.json").decode()
    assert str(settings.MEDIA_ROOT) not in str(settings.PLEIN_EXPORT_DIR)
