"""Background work for notifications. Every task may run twice without doing anything twice."""

from django.tasks import task

from plein.notifications import mail, services
from plein.notifications.models import DigestFrequency


@task()
def deliver_fan_out(fan_out_id: int) -> int:
    """Insert the in-app notifications of a large `notify` (an announcement to everyone)."""
    return services.deliver_fan_out_now(fan_out_id)


@task()
def send_pending_emails() -> int:
    """Mail what is to be mailed at once (claimed row by row: never sent twice). Enqueued after
    every delivery that has such e-mail, and periodically for anything left over."""
    return mail.send_pending_emails()


@task()
def send_due_digests() -> int:
    """Hourly: the daily digest from 07:00, the weekly one on Monday from 07:00; each person's
    digest once per period."""
    return mail.send_due_digests()


@task()
def deliver_waiting_fan_outs() -> int:
    """Periodic safety net: a fan-out whose task was lost (its enqueue failed after the commit)."""
    return services.deliver_waiting_fan_outs()


@task()
def send_daily_digests() -> int:
    """Today's daily digests now, whatever the hour (for operators; the hourly job waits for
    the morning). Each person's digest still goes out once per day."""
    return mail.send_digests(DigestFrequency.DAILY)


@task()
def send_weekly_digests() -> int:
    return mail.send_digests(DigestFrequency.WEEKLY)
