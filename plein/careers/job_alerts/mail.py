"""Job alert e-mail, sent by the worker: the confirmation (double opt-in) and the alerts.

Never twice: a confirmation is claimed by turning `confirm_mail_state` from "pending" to
"sent" before it goes out (at most once: a lost one is fixed by subscribing again); an alert is
a `JobAlertDelivery` claimed PENDING → SENDING in one conditional UPDATE, then marked SENT. A
claim left by a dead worker is taken again after `STALE_CLAIM` with the same Message-ID.
Every alert carries a one-click List-Unsubscribe (RFC 8058) that deletes the subscription.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from plein.careers.job_alerts import services
from plein.careers.job_alerts.models import UNCONFIRMED_HOURS, JobAlert, JobAlertDelivery
from plein.careers.machine_readable import absolute, namespace, vacancy_path
from plein.core.claims import Claims
from plein.core.models import Organisation

logger = logging.getLogger(__name__)

STALE_CLAIM = datetime.timedelta(minutes=15)
State = JobAlertDelivery.State


def _domain() -> str:
    return settings.BASE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]


def unsubscribe_url(alert: JobAlert) -> str:
    return absolute(
        reverse(
            f"{namespace(alert.language)}:job_alert_unsubscribe",
            args=[services.unsubscribe_token(alert)],
        )
    )


def confirmation_message(alert: JobAlert) -> EmailMessage:
    with translation.override(alert.language):
        organisation = Organisation.current()
        context = {
            "confirm_url": absolute(
                reverse(
                    f"{namespace(alert.language)}:job_alert_confirm",
                    args=[services.confirm_token(alert)],
                )
            ),
            "hours": UNCONFIRMED_HOURS,
            "organisation": organisation,
            "departments": [d.name for d in alert.departments.all()],
            "locations": [loc.name for loc in alert.locations.all()],
            "keywords": alert.keywords,
        }
        body = render_to_string("careers/alerts/email/confirm.txt", context)
        subject = _("Confirm your job alerts from %(organisation)s") % {
            "organisation": organisation.name
        }
    return EmailMessage(
        subject=subject,
        body=body,
        to=[alert.email],
        headers={
            "Message-ID": f"<job-alert-confirm-{alert.pk}-{alert.secret}@{_domain()}>",
            "Auto-Submitted": "auto-generated",
        },
    )


def send_confirmation(alert_id: int) -> bool:
    claimed = JobAlert.objects.filter(
        pk=alert_id, confirm_mail_state="pending", confirmed_at__isnull=True
    ).update(confirm_mail_state="sent")
    if not claimed:
        return False
    alert = JobAlert.objects.prefetch_related("departments", "locations").get(pk=alert_id)
    mailers.default.send_messages([confirmation_message(alert)])
    return True


def send_waiting_confirmations() -> int:
    """Confirmations whose task was lost (the periodic job)."""
    waiting = JobAlert.objects.filter(confirm_mail_state="pending", confirmed_at__isnull=True)
    return sum(send_confirmation(pk) for pk in waiting.values_list("pk", flat=True))


def alert_message(delivery: JobAlertDelivery) -> EmailMessage:
    alert, vacancy = delivery.alert, delivery.vacancy
    link = unsubscribe_url(alert)
    with translation.override(alert.language):
        organisation = Organisation.current()
        title = vacancy.title_in(alert.language)
        context = {
            "vacancy": vacancy,
            "title": title,
            "vacancy_url": absolute(vacancy_path(vacancy, alert.language)),
            "unsubscribe_url": link,
            "organisation": organisation,
        }
        body = render_to_string("careers/alerts/email/alert.txt", context)
        subject = _("New vacancy at %(organisation)s: %(title)s") % {
            "organisation": organisation.name,
            "title": title,
        }
    return EmailMessage(
        subject=subject,
        body=body,
        to=[alert.email],
        headers={
            "Message-ID": f"<job-alert-{delivery.pk}@{_domain()}>",
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )


CLAIMS = Claims(
    JobAlertDelivery,
    state="state",
    pending=State.PENDING,
    sending=State.SENDING,
    claimed_at="claimed_at",
    stale_after=STALE_CLAIM,
)


def send_pending_alerts() -> int:
    sent = 0
    connection = mailers.default
    for pk in CLAIMS.pending_ids():
        delivery = (
            JobAlertDelivery.objects.select_related(
                "alert", "vacancy", "vacancy__department", "vacancy__location"
            )
            .filter(pk=pk)
            .first()
        )
        if delivery is None:  # unsubscribed meanwhile
            continue
        if not delivery.vacancy.is_open():
            # Closed before its turn came: nothing to apply for; done without a message.
            JobAlertDelivery.objects.filter(pk=pk).update(state=State.SENT)
            continue
        with CLAIMS.releasing(pk):
            connection.send_messages([alert_message(delivery)])
        JobAlertDelivery.objects.filter(pk=pk).update(state=State.SENT, sent_at=timezone.now())
        sent += 1
    logger.info("job alerts sent", extra={"count": sent})
    return sent
