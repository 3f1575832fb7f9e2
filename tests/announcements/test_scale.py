"""An announcement to 20,000 people: the author's request returns at once, and a real
`plein worker` writes every receipt and in-app notification well within 60 seconds."""

import time

import pytest
from django.contrib.auth.hashers import make_password
from django.test import Client
from django.urls import reverse

from plein.announcements.models import Announcement, AnnouncementReceipt, Audience
from plein.notifications.models import Notification
from plein.people.models import Person
from tests.core.test_worker import run_batch
from tests.factories import DepartmentFactory

pytestmark = [
    pytest.mark.db_backend,
    pytest.mark.xdist_group("processes"),
    pytest.mark.django_db(transaction=True),
]

AUDIENCE = 20_000
AUTHOR_REQUEST_LIMIT = 1.0  # seconds; measured ~0.1 s on SQLite
WORKER_LIMIT = 60.0


def test_an_announcement_to_20000_people_returns_at_once_and_is_delivered_in_time(
    community_manager, start_worker, capsys
):
    departments = [DepartmentFactory(name=f"Regio {n}") for n in range(20)]
    unusable = make_password(None)
    Person.objects.bulk_create(
        [
            Person(
                email=f"collega{n}@example.nl",
                first_name="Collega",
                last_name=str(n),
                status=Person.Status.ACTIVE,
                department=departments[n % len(departments)],
                password=unusable,
            )
            for n in range(AUDIENCE)
        ],
        batch_size=2000,
    )
    client = Client()
    client.force_login(community_manager)
    client.get(reverse("announcements:new"))  # warm up

    started = time.perf_counter()
    response = client.post(
        reverse("announcements:new"),
        {
            "title": "Nieuwe cao",
            "text": "De nieuwe cao is rond. Lees wat er verandert.",
            "audience": Audience.ORGANISATION,
        },
    )
    author_seconds = time.perf_counter() - started
    assert response.status_code == 302
    announcement = Announcement.objects.get()
    assert announcement.recipient_count == AUDIENCE
    assert not AnnouncementReceipt.objects.exists()  # left to the worker

    started = time.perf_counter()
    run_batch(start_worker)
    worker_seconds = time.perf_counter() - started
    assert AnnouncementReceipt.objects.filter(announcement=announcement).count() == AUDIENCE
    assert Notification.objects.filter(thread_key=f"announcement:{announcement.pk}").count() == (
        AUDIENCE
    )
    with capsys.disabled():
        print(
            f"\n20,000 recipients: author's request {author_seconds * 1000:.0f} ms, "
            f"worker (receipts and notifications, process start included) {worker_seconds:.1f} s"
        )
    assert author_seconds < AUTHOR_REQUEST_LIMIT
    assert worker_seconds < WORKER_LIMIT
