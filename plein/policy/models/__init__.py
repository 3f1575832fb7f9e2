"""The policy app's tables, one module per feature, re-exported here."""

from plein.policy.models.moderation import (
    Appeal,
    Decision,
    LogEntry,
    ModerationCase,
    Report,
    Suspension,
)

__all__ = ["Appeal", "Decision", "LogEntry", "ModerationCase", "Report", "Suspension"]
