"""Moderation: the case of one post or comment that was held by the rules or reported by
members, the decisions on it, appeals, suspensions and the append-only audit log.

A case is a workflow with an explicit state: OPEN (in the queue) → DECIDED (a moderator
decided) → OPEN again after an appeal, or after the author edited an item a moderator asked
them to change. The functions in `plein.policy.services.moderation` make every transition.
(Community models are referred to by name: `plein.community` imports this module.)
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReportReason(models.TextChoices):
    PERSONAL_DATA = "personal_data", _("It shares someone's personal data")
    HARASSMENT = "harassment", _("Harassment or bullying")
    DISCRIMINATION = "discrimination", _("Discrimination or hate")
    CONFIDENTIAL = "confidential", _("Confidential company information")
    SPAM = "spam", _("Spam or advertising")
    MISINFORMATION = "misinformation", _("False or misleading information")
    OTHER = "other", _("Something else")


class Outcome(models.TextChoices):
    APPROVE = "approve", _("Approve")
    ASK_EDIT = "ask_edit", _("Ask the author to edit")
    REMOVE = "remove", _("Remove")
    WARN = "warn", _("Warn the author")
    SUSPEND = "suspend", _("Remove and suspend the author")


class ModerationCase(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("Waiting for a moderator")
        AWAITING_EDIT = "awaiting_edit", _("Waiting for the author's edit")
        DECIDED = "decided", _("Decided")

    post = models.ForeignKey(
        "community.Post", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    comment = models.ForeignKey(
        "community.Comment", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderation_cases"
    )
    # The group the item is in (none: organisation-wide): its admins moderate it too.
    group = models.ForeignKey(
        "community.Group", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    state = models.CharField(max_length=16, choices=State.choices, default=State.OPEN)
    held = models.BooleanField(default=False)  # the rules held it: not published yet
    held_rules = models.CharField(max_length=500, blank=True)  # rule ids, comma separated
    appealed = models.BooleanField(default=False)  # back in the queue because of an appeal
    opened_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["post"], condition=Q(comment__isnull=True), name="moderation_case_post"
            ),
            models.UniqueConstraint(
                fields=["comment"],
                condition=Q(comment__isnull=False),
                name="moderation_case_comment",
            ),
            models.CheckConstraint(
                condition=Q(post__isnull=False) | Q(comment__isnull=False),
                name="moderation_case_has_item",
            ),
        ]
        indexes = [models.Index(fields=["state", "updated_at"], name="moderation_case_queue")]

    def __str__(self) -> str:
        return f"case {self.pk}"

    @property
    def is_comment(self) -> bool:
        return self.comment_id is not None


class Report(models.Model):
    case = models.ForeignKey(ModerationCase, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(max_length=20, choices=ReportReason.choices)
    note = models.TextField(blank=True, max_length=1000)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "reporter"],
                condition=Q(resolved_at__isnull=True),
                name="one_open_report_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"report {self.pk}"


class Decision(models.Model):
    case = models.ForeignKey(ModerationCase, on_delete=models.CASCADE, related_name="decisions")
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    reason = models.TextField(max_length=2000)
    suspend_days = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.outcome} on case {self.case_id}"


class Appeal(models.Model):
    """The author's one appeal against one decision: the case goes back to the queue."""

    decision = models.OneToOneField(Decision, on_delete=models.CASCADE, related_name="appeal")
    text = models.TextField(max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"appeal of {self.decision_id}"


class Suspension(models.Model):
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="suspensions"
    )
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="suspensions")
    starts_at = models.DateTimeField(default=timezone.now)
    ends_at = models.DateTimeField()
    lifted_at = models.DateTimeField(null=True, blank=True)  # an appeal was upheld

    class Meta:
        indexes = [models.Index(fields=["person", "ends_at"], name="suspension_by_person")]

    def __str__(self) -> str:
        return f"suspension of {self.person_id}"


class LogEntry(models.Model):
    """Append-only: the services only ever add rows (no update, no delete)."""

    class Action(models.TextChoices):
        HELD = "held", _("Held by the rules")
        REPORTED = "reported", _("Reported")
        DECIDED = "decided", _("Decided")
        APPEALED = "appealed", _("Appealed")
        EDITED = "edited", _("Edited by the author")

    case = models.ForeignKey(ModerationCase, on_delete=models.CASCADE, related_name="log")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.action} on case {self.case_id}"
