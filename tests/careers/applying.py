"""Helpers for the application tests: apply through HTTP, run the queued careers tasks."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.tasks import TaskResultStatus
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from tests.careers.cvs import pdf_bytes

MOTIVATION = "Ik werk al acht jaar met warmtepompen en wil graag bij jullie aan de slag."


def apply(client, vacancy, *, language: str = "nl", query: str = "", **fields):
    name = "careers_en:apply" if language == "en" else "careers:apply"
    data = {
        "name": "Sanne Jansen",
        "email": "sanne@example.com",
        "phone": "",
        "motivation": MOTIVATION,
        "cv": SimpleUploadedFile("cv.pdf", pdf_bytes()),
        **fields,
    }
    url = reverse(name, args=[vacancy.slug]) + (f"?{query}" if query else "")
    return client.post(url, data)


def run_queued(task_path: str) -> list:
    """Run the queued tasks of this path as the worker would (and mark them done)."""
    results = []
    for row in DBTaskResult.objects.filter(task_path=task_path, status=TaskResultStatus.READY):
        args = row.args_kwargs
        results.append(row.task.call(*args["args"], **args["kwargs"]))
        DBTaskResult.objects.filter(pk=row.pk).update(status=TaskResultStatus.SUCCESSFUL)
    return results
