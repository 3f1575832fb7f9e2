import re
from typing import Self

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def _relative_luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(colour_a: str, colour_b: str) -> float:
    lighter, darker = sorted(
        (_relative_luminance(colour_a), _relative_luminance(colour_b)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


def validate_brand_colour(value: str) -> None:
    if not HEX_COLOUR.match(value):
        raise ValidationError(_("Enter a colour as # followed by six hexadecimal digits."))
    # The brand colour carries white button text and links on white: WCAG AA asks 4.5:1.
    if contrast_ratio(value, "#ffffff") < 4.5:
        raise ValidationError(
            _(
                "This colour is too light for white text and for links on a white page "
                "(contrast %(ratio).1f:1, at least 4.5:1 is needed). Choose a darker shade."
            ),
            params={"ratio": contrast_ratio(value, "#ffffff")},
        )


class Organisation(models.Model):
    """The one organisation this installation serves: its name, logo and brand colour."""

    name = models.CharField(_("name"), max_length=120, default="Plein")
    brand_colour = models.CharField(
        _("brand colour"), max_length=7, default="#1f5f8b", validators=[validate_brand_colour]
    )
    logo = models.ImageField(_("logo"), upload_to="organisation/", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisation")

    def __str__(self) -> str:
        return self.name

    @classmethod
    def current(cls) -> Self:
        organisation, _created = cls.objects.get_or_create(pk=1)
        return organisation


class WorkerHeartbeat(models.Model):
    """A running task worker says it is alive here every few seconds.

    /healthz reads it, and a starting worker uses it to find tasks left RUNNING by a worker
    that died (killed, machine lost) and hands them out again.
    """

    worker_id = models.CharField(max_length=64, unique=True)
    hostname = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    last_seen = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.worker_id}@{self.hostname}"


class PeriodicRun(models.Model):
    """One row per periodic job and period: the unique key makes sure that however many workers
    run the scheduler, each period's job is enqueued once."""

    job = models.CharField(max_length=100)
    period = models.CharField(max_length=32)
    enqueued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["job", "period"], name="periodic_run_once_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.job} {self.period}"
