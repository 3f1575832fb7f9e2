"""The rules in force, stored: one `PolicyRule` row per rule (what the pages edit), a
`RuleSetVersion` per change (a snapshot of the enabled rules, what the gate compiles), and an
append-only `RuleChange` audit entry per change (who, when, before and after).

A snapshot is a list of rules in the rules-file format (`plein.policy.rules_file`), so the same
validated code turns a file and a version into a `RuleSet`.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plein.policy.engine import Action, Scope
from plein.policy.findings import Kind


class PolicyRule(models.Model):
    slug = models.SlugField(_("name"), max_length=60, unique=True)
    kind = models.CharField(
        _("what it finds"), max_length=20, choices=[(k.value, k.value) for k in Kind]
    )
    action = models.CharField(
        _("action"), max_length=10, choices=[(a.value, a.value) for a in Action]
    )
    scopes = models.JSONField(_("where"), default=list)
    terms = models.JSONField(_("terms"), default=list, blank=True)
    include_shipped_terms = models.BooleanField(_("also the shipped word list"), default=False)
    categories = models.JSONField(_("categories"), default=list, blank=True)
    block_domains = models.JSONField(_("blocked domains"), default=list, blank=True)
    allow_domains = models.JSONField(_("allowed domains"), default=list, blank=True)
    suggestion_nl = models.TextField(_("suggestion (Dutch)"), blank=True, max_length=500)
    suggestion_en = models.TextField(_("suggestion (English)"), blank=True, max_length=500)
    enabled = models.BooleanField(_("enabled"), default=True)
    position = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("posting rule")
        verbose_name_plural = _("posting rules")

    def __str__(self) -> str:
        return self.slug

    def snapshot(self) -> dict[str, Any]:
        """Everything that defines the rule, in the rules-file format (plus `enabled`): what a
        version stores and what the audit log compares."""
        data: dict[str, Any] = {
            "id": self.slug,
            "kind": self.kind,
            "action": self.action,
            "scopes": [scope.value for scope in Scope if scope.value in self.scopes],
            "enabled": self.enabled,
        }
        if self.terms or self.kind in (Kind.CONFIDENTIAL_TERM, Kind.BLOCKED_WORD):
            data["terms"] = list(self.terms)
        if self.include_shipped_terms:
            data["default_terms"] = True
        if self.categories:
            data["categories"] = list(self.categories)
        if self.block_domains:
            data["block"] = list(self.block_domains)
        if self.allow_domains:
            data["allow"] = list(self.allow_domains)
        suggestion = {
            language: text
            for language, text in (("nl", self.suggestion_nl), ("en", self.suggestion_en))
            if text
        }
        if suggestion:
            data["suggestion"] = suggestion
        return data


class RuleSetVersion(models.Model):
    """The rules in force from `created_at` on. `token` is what processes compare to see that
    their compiled rules are out of date (a number can repeat after a rolled-back write)."""

    number = models.PositiveIntegerField(unique=True)
    token = models.CharField(max_length=32, unique=True)
    rules = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"rules v{self.number}"


class RuleChange(models.Model):
    """One change to the rules, never updated or deleted (the services only ever add)."""

    class Change(models.TextChoices):
        SEEDED = "seeded", _("started from the default rules")
        CREATED = "created", _("added")
        CHANGED = "changed", _("changed")
        DISABLED = "disabled", _("disabled")
        ENABLED = "enabled", _("enabled")

    version = models.ForeignKey(RuleSetVersion, on_delete=models.PROTECT, related_name="changes")
    rule_slug = models.SlugField(max_length=60, blank=True)
    change = models.CharField(max_length=10, choices=Change.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept as written then: the log still says who when the account is gone.
    actor_name = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.rule_slug} {self.change}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("the audit log is append-only")
        super().save(*args, **kwargs)

    def changed_fields(self) -> list[tuple[str, Any, Any]]:
        before, after = self.before or {}, self.after or {}
        return [
            (key, before.get(key), after.get(key))
            for key in dict.fromkeys([*before, *after])
            if before.get(key) != after.get(key)
        ]
