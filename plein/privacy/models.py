"""The person's rights and the organisation's duties: exports, consents, the audit log.

Erasure has no model of its own: it empties the person (see `services.erasure`) and marks
`Person.erased_at`.
"""

import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DataExportQuerySet(models.QuerySet["DataExport"]):
    def pending(self) -> "DataExportQuerySet":
        return self.filter(state__in=[DataExport.State.REQUESTED, DataExport.State.BUILDING])

    def downloadable(self) -> "DataExportQuerySet":
        return self.filter(state=DataExport.State.READY, expires_at__gt=timezone.now())


class DataExport(models.Model):
    """One ZIP of everything Plein holds about a person, built by the worker.

    requested → building → ready → expired (file deleted), or → failed.
    """

    class State(models.TextChoices):
        REQUESTED = "requested", _("Waiting for the worker")
        BUILDING = "building", _("Being prepared")
        READY = "ready", _("Ready to download")
        EXPIRED = "expired", _("Expired and deleted")
        FAILED = "failed", _("Could not be prepared")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports"
    )
    # Someone else who asked on the person's behalf (a data-subject request handled by an
    # administrator); None when the person asked themselves.
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.CharField(max_length=500, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.REQUESTED)
    requested_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    # Relative to PLEIN_EXPORT_DIR.
    file_name = models.CharField(max_length=200, blank=True)
    size = models.PositiveBigIntegerField(default=0)

    objects = DataExportQuerySet.as_manager()

    class Meta:
        verbose_name = _("data export")
        verbose_name_plural = _("data exports")
        indexes = [
            models.Index(fields=["person", "-requested_at"], name="export_by_person"),
            models.Index(
                fields=["expires_at"], condition=Q(state="ready"), name="export_ready_expiry"
            ),
        ]

    def __str__(self) -> str:
        return f"export {self.public_id}"

    @property
    def is_downloadable(self) -> bool:
        return (
            self.state == self.State.READY
            and self.expires_at is not None
            and self.expires_at > timezone.now()
        )

    @property
    def is_pending(self) -> bool:
        return self.state in (self.State.REQUESTED, self.State.BUILDING)

    @staticmethod
    def expiry_from(moment: datetime) -> datetime:
        return moment + timedelta(days=settings.PLEIN_EXPORT_RETENTION_DAYS)


class ConsentQuerySet(models.QuerySet["Consent"]):
    def in_force(self) -> "ConsentQuerySet":
        return self.filter(withdrawn_at__isnull=True)


class Consent(models.Model):
    """A consent as it was given: who, for what, the exact text shown and when; withdrawing
    sets `withdrawn_at` (the row stays as the record that consent existed until then)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="consents",
    )
    # For someone without an account yet (a candidate): the address they gave.
    email = models.EmailField(blank=True)
    purpose = models.CharField(max_length=80)
    text = models.TextField()
    version = models.CharField(max_length=40, blank=True)
    given_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(email=""), name="consent_has_subject"
            ),
            models.UniqueConstraint(
                fields=["person", "purpose"],
                condition=Q(withdrawn_at__isnull=True, person__isnull=False),
                name="consent_once_in_force",
            ),
        ]
        indexes = [
            models.Index(fields=["person", "-given_at"], name="consent_by_person"),
            models.Index(fields=["email", "purpose"], name="consent_by_email"),
        ]

    def __str__(self) -> str:
        return f"consent {self.purpose} of {self.person_id or self.email}"


class AuditEntry(models.Model):
    """Privileged access to someone else's data. Append-only: nothing updates a row; only the
    retention job deletes rows older than PLEIN_RETENTION_AUDIT_DAYS."""

    class Action(models.TextChoices):
        EXPORT_REQUESTED = "export_requested", _("Asked for someone's data export")
        EXPORT_DOWNLOADED = "export_downloaded", _("Downloaded someone's data export")
        PERSON_ERASED = "person_erased", _("Erased someone's data")
        SECRET_GROUP_OPENED = "secret_group_opened", _("Opened a secret group as a non-member")
        SECRET_POST_OPENED = "secret_post_opened", _("Opened a post in a secret group")

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(max_length=30, choices=Action.choices)
    # Whose data (None when the target is not a person, e.g. a group).
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    target = models.CharField(max_length=200)  # "group:12", "export:<uuid>", "person:4"
    target_label = models.CharField(max_length=200, blank=True)
    reason = models.CharField(max_length=500, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        indexes = [
            models.Index(fields=["-at", "-id"], name="audit_newest"),
            models.Index(fields=["subject", "-at"], name="audit_by_subject"),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.target}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise ValueError("audit entries are append-only")
        super().save(*args, **kwargs)
