from importlib import import_module

from django.conf import settings
from django.tasks import task

from plein.people.services import lifecycle, mail


@task()
def send_invitation_email(invitation_id: int) -> bool:
    return mail.deliver_invitation_email(invitation_id)


@task()
def end_expired_flexible_access() -> int:
    return lifecycle.end_expired_flexible_access()


@task()
def clear_expired_sessions() -> None:
    # Ended sessions (sign-out, offboarding) stop working at once; this removes their rows.
    engine = import_module(settings.SESSION_ENGINE)
    engine.SessionStore.clear_expired()
