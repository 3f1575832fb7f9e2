"""The talent community: job alerts by e-mail.

A candidate subscribes with an e-mail address and what they look for (departments, locations,
keywords; nothing chosen means everything). Double opt-in: the subscription does nothing until
the link in the confirmation e-mail is followed; unconfirmed ones are deleted after
`UNCONFIRMED_HOURS`. Unsubscribing (one click, also from the mail client through
List-Unsubscribe-Post) deletes the row and everything hanging off it: data is kept only while
subscribed.

`JobAlertDelivery` is the idempotency key of the alert e-mails: one row per (subscription,
vacancy), inserted once, so a vacancy is never mailed twice to one subscriber, whatever the
number of workers, retries or reopenings.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plein.careers.models import Vacancy

UNCONFIRMED_HOURS = 48
MAX_KEYWORDS = 10


def new_secret() -> str:
    return secrets.token_urlsafe(18)


class JobAlertQuerySet(models.QuerySet["JobAlert"]):
    def confirmed(self) -> "JobAlertQuerySet":
        return self.filter(confirmed_at__isnull=False)


class JobAlert(models.Model):
    email = models.EmailField(_("e-mail address"))
    language = models.CharField(max_length=8, choices=settings.LANGUAGES, default="nl")
    departments = models.ManyToManyField("people.Department", blank=True, related_name="+")
    locations = models.ManyToManyField("people.Location", blank=True, related_name="+")
    # Lower-case words; a vacancy matches when its title or description holds any of them.
    keywords = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # Part of every link: the confirmation link works once (the secret changes when it is
    # used), and a deleted subscription's links lead nowhere.
    secret = models.CharField(max_length=32, default=new_secret)
    confirm_mail_state = models.CharField(max_length=10, default="pending")

    objects = JobAlertQuerySet.as_manager()

    class Meta:
        verbose_name = _("job alert")
        verbose_name_plural = _("job alerts")
        indexes = [
            models.Index(fields=["confirmed_at", "created_at"], name="job_alert_by_confirmation"),
            models.Index(fields=["email"], name="job_alert_by_email"),
        ]

    def __str__(self) -> str:
        return f"job alert {self.pk}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class JobAlertDelivery(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("Waiting to be mailed")
        SENDING = "sending", _("Being mailed")
        SENT = "sent", _("Mailed")

    alert = models.ForeignKey(JobAlert, on_delete=models.CASCADE, related_name="deliveries")
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["alert", "vacancy"], name="job_alert_delivery_once")
        ]
        indexes = [models.Index(fields=["state", "created_at"], name="job_alert_delivery_state")]

    def __str__(self) -> str:
        return f"{self.alert_id}→{self.vacancy_id}"


class VacancyAlertRun(models.Model):
    """That the subscribers of a vacancy were looked up (once it was open): the periodic job
    picks up open vacancies without a run (one published for a later date, a lost task)."""

    vacancy = models.OneToOneField(Vacancy, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"alerts for {self.vacancy_id}"
