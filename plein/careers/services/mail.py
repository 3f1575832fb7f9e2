"""E-mail to candidates and referred people (who have no account): plain text, in the
application's language, sent once. Each function claims its row by the `*_sent_at` column
after the server accepted the message, and its Message-ID is derived from the row, so a task
that runs twice sends nothing twice (mail systems drop a repeated Message-ID)."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import Model
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from plein.careers.models import Application, Referral
from plein.careers.services.links import code_for, delete_url, tracked_link
from plein.core.models import Organisation

logger = logging.getLogger(__name__)


def _domain() -> str:
    return settings.BASE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]


def _send(row: Model, field: str, *, kind: str, to: str, subject: str, body: str) -> bool:
    message = EmailMessage(
        subject=subject,
        body=body,
        to=[to],
        headers={"Message-ID": f"<{kind}-{row.pk}@{_domain()}>"},
    )
    message.send()
    type(row)._default_manager.filter(pk=row.pk, **{field: None}).update(**{field: timezone.now()})
    logger.info("careers e-mail sent", extra={"kind": kind, "row": row.pk})
    return True


def _to_candidate(
    application: Application,
    field: str,
    *,
    kind: str,
    template: str,
    subject: str,
    **extra: object,
) -> bool:
    """An e-mail to the applicant in the application's language: `subject` (a message id
    with %(title)s) and the template get the vacancy's title in that language."""
    with translation.override(application.language):
        title = application.vacancy.title_in(application.language)
        context = {
            "application": application,
            "title": title,
            "organisation": Organisation.current(),
            **extra,
        }
        body = render_to_string(template, context)
        translated_subject = _(subject) % {"title": title}
    return _send(
        application, field, kind=kind, to=application.email, subject=translated_subject, body=body
    )


def deliver_receipt(application_id: int) -> bool:
    """The confirmation, with the single-use link to delete the application at any time."""
    application = Application.objects.select_related("vacancy").filter(pk=application_id).first()
    if application is None or application.receipt_sent_at is not None:
        return False
    return _to_candidate(
        application,
        "receipt_sent_at",
        kind="application-receipt",
        template="careers/email/receipt.txt",
        subject=gettext_noop("We received your application: %(title)s"),
        delete_url=delete_url(application),
    )


def deliver_rejection(application_id: int) -> bool:
    application = (
        Application.objects.select_related("vacancy", "vacancy__recruiter")
        .filter(pk=application_id, stage="rejected")
        .first()
    )
    if application is None or application.rejection_email_sent_at is not None:
        return False
    return _to_candidate(
        application,
        "rejection_email_sent_at",
        kind="application-rejection",
        template="careers/email/rejection.txt",
        subject=gettext_noop("Your application: %(title)s"),
        recruiter=application.vacancy.recruiter,
    )


def deliver_referral_invitation(referral_id: int) -> bool:
    referral = (
        Referral.objects.select_related("vacancy", "referrer")
        .filter(pk=referral_id, kind=Referral.Kind.DIRECT, application__isnull=True)
        .exclude(email="")
        .first()
    )
    if referral is None or referral.invitation_sent_at is not None or referral.referrer is None:
        return False
    organisation = Organisation.current()
    with translation.override("nl"):
        context = {
            "referral": referral,
            "title": referral.vacancy.title_nl,
            "organisation": organisation,
            "url": tracked_link(referral.vacancy, code_for(referral.referrer), "direct"),
        }
        subject = _("%(name)s thinks this job suits you: %(title)s") % {
            "name": referral.referrer.full_name,
            "title": context["title"],
        }
        body = render_to_string("careers/email/referral_invitation.txt", context)
    return _send(
        referral,
        "invitation_sent_at",
        kind="referral-invitation",
        to=referral.email,
        subject=subject,
        body=body,
    )
