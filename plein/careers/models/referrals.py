"""Referrals: every employee (and alumnus) has a personal code for tracked vacancy links, and can
refer someone directly. A `Referral` row follows each referred candidate's progress as a coarse
status the referrer may see; it outlives the application itself (without personal data), so
HR's figures and the reward rules still count it after the application was deleted.
"""

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_referral_code() -> str:
    # 72 random bits: unguessable, and short enough to read in a link.
    return secrets.token_urlsafe(9)


class ReferralCode(models.Model):
    """A person's personal code for `?ref=` links. It keeps working after they leave."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="referral_code"
    )
    code = models.CharField(max_length=16, unique=True, default=new_referral_code)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.person_id}:{self.code}"


class Channel(models.TextChoices):
    """How a referral reached the candidate (the share button they used, or a direct referral)."""

    LINK = "link", _("Copied link")
    EMAIL = "email", _("E-mail")
    LINKEDIN = "linkedin", _("LinkedIn")
    X = "x", _("X")
    FACEBOOK = "facebook", _("Facebook")
    WHATSAPP = "whatsapp", _("WhatsApp")
    DIRECT = "direct", _("Direct referral")


SHARE_CHANNELS = (Channel.EMAIL, Channel.LINKEDIN, Channel.X, Channel.FACEBOOK, Channel.WHATSAPP)


class ReferralQuerySet(models.QuerySet["Referral"]):
    def for_overview(self) -> "ReferralQuerySet":
        return self.select_related("vacancy", "vacancy__department", "referrer")


class Referral(models.Model):
    class Kind(models.TextChoices):
        LINK = "link", _("Through a shared link")
        DIRECT = "direct", _("Referred directly")

    class Status(models.TextChoices):
        """What the referrer sees: coarse, nothing of the candidate's procedure in detail."""

        INVITED = "invited", _("Invited to apply")
        APPLIED = "applied", _("Applied")
        IN_PROGRESS = "in_progress", _("In the procedure")
        HIRED = "hired", _("Hired")
        NOT_SELECTED = "not_selected", _("Not selected")
        NOT_APPLIED = "not_applied", _("Did not apply")
        WITHDRAWN = "withdrawn", _("Withdrew")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    referrer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="referrals",
    )
    vacancy = models.ForeignKey(
        "careers.Vacancy", on_delete=models.CASCADE, related_name="referrals"
    )
    channel = models.CharField(max_length=10, choices=Channel.choices)
    status = models.CharField(max_length=12, choices=Status.choices)
    # A direct referral: who, and why (the referrer wrote these; cleared by the retention job).
    name = models.CharField(_("name"), max_length=150, blank=True, default="")
    email = models.EmailField(_("e-mail address"), blank=True, default="")
    reason = models.TextField(_("why this person"), blank=True, default="")
    application = models.OneToOneField(
        "careers.Application",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referral",
    )
    created_at = models.DateTimeField(default=timezone.now)
    status_changed_at = models.DateTimeField(default=timezone.now)
    hired_at = models.DateTimeField(null=True, blank=True)
    invitation_sent_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["referrer", "-created_at"], name="referral_by_referrer"),
            models.Index(fields=["vacancy", "status"], name="referral_by_vacancy"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.referrer_id}→{self.vacancy_id}: {self.status}"


class RewardRule(models.Model):
    """HR's rule for a referral bonus, e.g. "€ 500 when the person is still employed after
    three months"."""

    name = models.CharField(_("name"), max_length=120)
    amount = models.PositiveIntegerField(_("amount (euros)"))
    months_employed = models.PositiveSmallIntegerField(
        _("months employed"),
        help_text=_("Paid when the referred person still works here this many months after hire."),
    )
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["months_employed", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="reward_rule_positive_amount"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def qualifies_on(self, hired_at: datetime.datetime) -> datetime.date:
        """The day a referral hired at `hired_at` qualifies (months counted on the calendar,
        clamped to the month's last day)."""
        day = timezone.localtime(hired_at).date()
        month = day.month - 1 + self.months_employed
        year, month = day.year + month // 12, month % 12 + 1
        last = (datetime.date(year + (month == 12), month % 12 + 1, 1) - datetime.timedelta(1)).day
        return datetime.date(year, month, min(day.day, last))
