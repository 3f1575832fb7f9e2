"""Background work for announcements. Every task may run twice without doing anything twice."""

from django.tasks import task

from plein.announcements import services


@task()
def deliver_announcement(announcement_id: int) -> int:
    """Write the receipts of a large announcement and notify its recipients."""
    return services.deliver(announcement_id)


@task()
def deliver_waiting_announcements() -> int:
    """Periodic safety net: an announcement whose delivery task was lost."""
    return services.deliver_waiting()
