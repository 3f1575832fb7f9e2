"""Applications: a candidate's CV and motivation for one vacancy, and the small pipeline it moves
through.

new → screening → interview → offer → hired, and from any open stage → rejected (with a
reason). The stage changes only through the functions in `services.applications`, each of
which writes an `ApplicationEvent` (who, when, from, to, why). Only the vacancy's recruiter and
hiring manager, and HR, see an application (`ApplicationQuerySet.visible_to`).

Personal data is kept no longer than needed (Dutch DPA guidance): four weeks after the
procedure closes, a year when the candidate agreed to stay in the talent pool. The CV lives in
the private data directory, never under MEDIA_ROOT. When an application goes, an
`ApplicationErasure` keeps only a hash of its public id, so a reused delete link can say the
data is already gone.
"""

import datetime
import hashlib
import secrets
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plein.careers.models.referrals import Channel
from plein.people.permissions import Perm, can

if TYPE_CHECKING:
    from plein.people.models import Person


def new_public_id() -> str:
    return secrets.token_urlsafe(18)


def erasure_key(public_id: str) -> str:
    return hashlib.sha256(f"application:{public_id}".encode()).hexdigest()


class Stage(models.TextChoices):
    NEW = "new", _("New")
    SCREENING = "screening", _("Screening")
    INTERVIEW = "interview", _("Interview")
    OFFER = "offer", _("Offer")
    HIRED = "hired", _("Hired")
    REJECTED = "rejected", _("Rejected")


OPEN_STAGES = (Stage.NEW, Stage.SCREENING, Stage.INTERVIEW, Stage.OFFER)
CLOSED_STAGES = (Stage.HIRED, Stage.REJECTED)


class Source(models.TextChoices):
    REFERRAL = "referral", _("Referral by a colleague")
    CAMPAIGN = "campaign", _("Campaign (UTM)")
    WEBSITE = "website", _("Another website")
    DIRECT = "direct", _("Direct (careers site)")


class Flag(models.TextChoices):
    """What the recruiter should know about the texts and files an application came with."""

    BSN_REDACTED = "bsn_redacted", _("A citizen service number (BSN) was removed from the text.")
    CV_BSN = (
        "cv_bsn",
        _(
            "The CV seems to contain a citizen service number (BSN). We do not ask for it: do not "
            "copy it anywhere."
        ),
    )
    SPECIAL_CATEGORY = (
        "special_category",
        _(
            "The motivation mentions special-category data (health, religion, …). Handle it with "
            "care and do not let it weigh in the decision."
        ),
    )


class ApplicationQuerySet(models.QuerySet["Application"]):
    def visible_to(self, person: "Person") -> "ApplicationQuerySet":
        """THE rule: HR sees every application, a recruiter or hiring manager those of their
        own vacancies, everybody else none."""
        if not getattr(person, "is_authenticated", False):
            return self.none()
        if can(person, Perm.MANAGE_PEOPLE):
            return self
        if not can(person, Perm.VIEW_INTERNAL):
            return self.none()
        return self.filter(Q(vacancy__recruiter=person) | Q(vacancy__hiring_manager=person))

    def for_list(self) -> "ApplicationQuerySet":
        return self.select_related(
            "vacancy", "vacancy__department", "referrer", "returning_colleague"
        ).order_by("-created_at", "-id")

    def procedure_closed_before(self, moment: datetime.datetime) -> "ApplicationQuerySet":
        """Applications whose procedure closed before `moment`: the candidate was hired or
        rejected, or the vacancy was closed or filled (and not reopened)."""
        return self.filter(
            Q(closed_at__lt=moment)
            | Q(vacancy__state="closed", vacancy__closed_at__lt=moment)
            | Q(vacancy__state="filled", vacancy__filled_at__lt=moment)
        )


class Application(models.Model):
    public_id = models.CharField(max_length=32, unique=True, default=new_public_id, editable=False)
    vacancy = models.ForeignKey(
        "careers.Vacancy", on_delete=models.CASCADE, related_name="applications"
    )
    stage = models.CharField(
        _("stage"), max_length=10, choices=Stage.choices, default=Stage.NEW, editable=False
    )

    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail address"), max_length=254)
    phone = models.CharField(_("phone number"), max_length=40, blank=True)
    motivation = models.TextField(_("motivation"))
    language = models.CharField(max_length=8, default="nl")

    # The CV, relative to settings.PLEIN_PRIVATE_ROOT (see services.cv).
    cv_path = models.CharField(max_length=200, editable=False)
    cv_name = models.CharField(max_length=200, editable=False)
    cv_kind = models.CharField(max_length=4, editable=False)  # "pdf" or "docx"
    cv_size = models.PositiveIntegerField(default=0, editable=False)

    talent_pool = models.BooleanField(_("keep me in the talent pool for a year"), default=False)
    # The statement the candidate agreed to, word for word, when they ticked the box.
    talent_pool_statement = models.TextField(blank=True, default="")

    source = models.CharField(max_length=10, choices=Source.choices, default=Source.DIRECT)
    channel = models.CharField(max_length=40, blank=True, default="")
    utm_source = models.CharField(max_length=100, blank=True, default="")
    utm_medium = models.CharField(max_length=100, blank=True, default="")
    utm_campaign = models.CharField(max_length=100, blank=True, default="")
    referrer_host = models.CharField(max_length=200, blank=True, default="")
    referrer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referred_applications",
    )
    # An alumnus with the same e-mail address: a returning colleague.
    returning_colleague = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="returning_applications",
    )
    flags = models.JSONField(default=list, blank=True)

    rejection_reason = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    stage_changed_at = models.DateTimeField(default=timezone.now, editable=False)
    # When the candidate was hired or rejected: the procedure closed for them.
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    receipt_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    rejection_email_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        indexes = [
            models.Index(fields=["vacancy", "stage"], name="application_by_vacancy"),
            models.Index(fields=["closed_at"], name="application_closed"),
            models.Index(fields=["email"], name="application_by_email"),
            models.Index(fields=["-created_at"], name="application_newest"),
        ]

    def __str__(self) -> str:
        return f"{self.name} → {self.vacancy_id}"

    @property
    def is_open(self) -> bool:
        return self.stage in OPEN_STAGES

    @property
    def flag_labels(self) -> list[str]:
        return [str(Flag(flag).label) for flag in self.flags if flag in Flag.values]

    @property
    def channel_label(self) -> str:
        return str(Channel(self.channel).label) if self.channel in Channel.values else self.channel

    @property
    def source_label(self) -> str:
        if self.source == Source.REFERRAL:
            return str(_("Referral"))
        if self.source == Source.CAMPAIGN:
            parts = [p for p in (self.utm_source, self.utm_medium, self.utm_campaign) if p]
            return " / ".join(parts)
        if self.source == Source.WEBSITE:
            return self.referrer_host
        return str(Source.DIRECT.label)


class ApplicationEvent(models.Model):
    """The log: every stage change, who made it, when and why. Append-only."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    from_stage = models.CharField(max_length=10, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=10, choices=Stage.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True, default="")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["application", "at"], name="application_event_by_app")]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.from_stage} → {self.to_stage}"


class ApplicationErasure(models.Model):
    """That an application was deleted, and why: no personal data, only a hash of its public
    id (so a used or expired delete link gets a clear answer)."""

    class Reason(models.TextChoices):
        CANDIDATE = "candidate", _("At the candidate's request")
        RETENTION = "retention", _("The retention period ended")

    key = models.CharField(max_length=64, unique=True)
    reason = models.CharField(max_length=10, choices=Reason.choices)
    at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.reason} {self.at:%Y-%m-%d}"
