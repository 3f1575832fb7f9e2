"""Background work for job alerts. Each task may run twice without doing anything twice."""

from django.tasks import task

from plein.careers.job_alerts import mail, services
from plein.careers.models import Vacancy


@task()
def send_job_alert_confirmation(alert_id: int) -> bool:
    return mail.send_confirmation(alert_id)


@task()
def send_job_alerts_for(vacancy_id: int) -> int:
    """Right after a vacancy is published: its subscribers, if it is open today."""
    vacancy = Vacancy.objects.filter(pk=vacancy_id).first()
    if vacancy is not None:
        services.queue_alerts(vacancy)
    return mail.send_pending_alerts()


@task()
def send_due_job_alerts() -> int:
    """Periodic: vacancies that opened today (published earlier for this date), deliveries
    left over, and confirmations whose task was lost."""
    for vacancy in services.vacancies_due():
        services.queue_alerts(vacancy)
    mail.send_waiting_confirmations()
    return mail.send_pending_alerts()


@task()
def delete_unconfirmed_job_alerts() -> int:
    """Subscriptions not confirmed within UNCONFIRMED_HOURS are deleted."""
    return services.delete_unconfirmed()
