"""The policy app's tables, one module per feature, re-exported here."""

from plein.policy.models.documents import (
    PolicyAcknowledgement,
    PolicyAttachment,
    PolicyVersion,
)
from plein.policy.models.moderation import (
    Appeal,
    Decision,
    LogEntry,
    ModerationCase,
    Report,
    Suspension,
)
from plein.policy.models.rules import PolicyRule, RuleChange, RuleSetVersion

__all__ = [
    "Appeal",
    "Decision",
    "LogEntry",
    "ModerationCase",
    "PolicyAcknowledgement",
    "PolicyAttachment",
    "PolicyRule",
    "PolicyVersion",
    "Report",
    "RuleChange",
    "RuleSetVersion",
    "Suspension",
]
