"""The social media policy as a living document: versions (drafts first, then published), each
in Dutch and English, with an introduction video link and PDF attachments; and who has read and
accepted which version, when."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

SECTIONS = ("introduction", "corporate_accounts", "private_accounts", "encouragement")


class PolicyVersionQuerySet(models.QuerySet["PolicyVersion"]):
    def published(self) -> "PolicyVersionQuerySet":
        return self.filter(status=PolicyVersion.Status.PUBLISHED).order_by("-published_at", "-pk")

    def current(self) -> "PolicyVersion | None":
        return self.published().first()


class PolicyVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    number = models.PositiveIntegerField(unique=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    title_nl = models.CharField(_("title (Dutch)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    introduction_nl = models.TextField(_("introduction (Dutch)"), max_length=20_000)
    introduction_en = models.TextField(_("introduction (English)"), max_length=20_000, blank=True)
    corporate_accounts_nl = models.TextField(
        _("the organisation's accounts (Dutch)"), max_length=20_000, blank=True
    )
    corporate_accounts_en = models.TextField(
        _("the organisation's accounts (English)"), max_length=20_000, blank=True
    )
    private_accounts_nl = models.TextField(
        _("your own accounts (Dutch)"), max_length=20_000, blank=True
    )
    private_accounts_en = models.TextField(
        _("your own accounts (English)"), max_length=20_000, blank=True
    )
    encouragement_nl = models.TextField(
        _("how far we encourage use (Dutch)"), max_length=20_000, blank=True
    )
    encouragement_en = models.TextField(
        _("how far we encourage use (English)"), max_length=20_000, blank=True
    )
    video_url = models.URLField(_("introduction video"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = PolicyVersionQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        indexes = [models.Index(fields=["status", "-published_at"], name="policy_version_current")]

    def __str__(self) -> str:
        return f"{self.title_nl} v{self.number}"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    def has_english(self) -> bool:
        return bool(self.title_en and self.introduction_en)

    def title_in(self, language: str | None = None) -> str:
        language = language or (get_language() or "nl")[:2]
        return self.title_en if language == "en" and self.title_en else self.title_nl


def attachment_path(attachment: "PolicyAttachment", filename: str) -> str:
    return f"policy/{attachment.version.number}/{timezone.now():%Y%m%d%H%M%S}.pdf"


class PolicyAttachment(models.Model):
    version = models.ForeignKey(PolicyVersion, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(upload_to=attachment_path, max_length=300)
    size = models.PositiveIntegerField(default=0)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class PolicyAcknowledgement(models.Model):
    """A person read and accepted a version: once, never changed."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="policy_acknowledgements"
    )
    version = models.ForeignKey(
        PolicyVersion, on_delete=models.PROTECT, related_name="acknowledgements"
    )
    acknowledged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "person"], name="policy_ack_once")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} v{self.version_id}"
