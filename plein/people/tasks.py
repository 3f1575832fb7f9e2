from django.tasks import task

from plein.people.services import lifecycle, mail


@task()
def send_invitation_email(invitation_id: int) -> bool:
    return mail.deliver_invitation_email(invitation_id)


@task()
def end_expired_flexible_access() -> int:
    return lifecycle.end_expired_flexible_access()
