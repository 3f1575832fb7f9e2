"""E-mail that people receive from Plein. Each message is rendered in the recipient's language,
as HTML and plain text."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from plein.core.models import Organisation
from plein.people.models import Invitation
from plein.people.services.links import invitation_url

logger = logging.getLogger(__name__)


def deliver_invitation_email(invitation_id: int) -> bool:
    """Send the invitation e-mail once. Returns False when there is nothing (more) to send.

    The message is built in a short transaction and sent outside it: on SQLite a transaction
    holds the write lock of the whole database, and a slow mail server must not stall everyone.
    `email_sent_at` is set right after the server accepted the message and is checked first, so
    a task that runs again (a worker killed and the task handed out anew) sends nothing more.
    The Message-ID is derived from the invitation: even a retry after a crash between the
    server's "250 OK" and our write carries the same id, which mail systems use to drop
    duplicates.
    """
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_related("person", "invited_by")
            .filter(pk=invitation_id)
            .first()
        )
        if invitation is None or invitation.email_sent_at is not None:
            return False
        if not invitation.is_usable:
            return False
        message = _invitation_message(invitation)
    message.send()
    Invitation.objects.filter(pk=invitation_id, email_sent_at=None).update(
        email_sent_at=timezone.now()
    )
    logger.info("invitation e-mail sent", extra={"invitation_id": invitation_id})
    return True


def _invitation_message(invitation: Invitation) -> EmailMultiAlternatives:
    person = invitation.person
    organisation = Organisation.current()
    with translation.override(person.language):
        context = {
            "person": person,
            "organisation": organisation,
            "url": invitation_url(invitation),
            "expires_at": invitation.expires_at,
            "invited_by": invitation.invited_by,
        }
        subject = _("You are invited to %(organisation)s on Plein") % {
            "organisation": organisation.name
        }
        text = render_to_string("people/email/invitation.txt", context)
        html = render_to_string("people/email/invitation.html", context)
    domain = settings.BASE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[person.email],
        headers={"Message-ID": f"<invitation-{invitation.public_id}@{domain}>"},
    )
    message.attach_alternative(html, "text/html")
    return message
