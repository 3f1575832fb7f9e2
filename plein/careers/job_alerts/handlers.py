"""Job alerts listen to the careers events (subscribed in CareersConfig.ready)."""

from django.db import transaction

from plein.careers import events
from plein.core.events import subscribe


def on_vacancy_published(event: events.VacancyPublished) -> None:
    vacancy_id = event.vacancy.pk

    def enqueue() -> None:
        from plein.careers.job_alerts.tasks import send_job_alerts_for

        send_job_alerts_for.enqueue(vacancy_id)

    transaction.on_commit(enqueue, robust=True)


def connect() -> None:
    subscribe(events.VacancyPublished, on_vacancy_published)
