from plein.policy.models.documents import (
    PolicyAcknowledgement,
    PolicyAttachment,
    PolicyVersion,
)
from plein.policy.models.rules import PolicyRule, RuleChange, RuleSetVersion

__all__ = [
    "PolicyAcknowledgement",
    "PolicyAttachment",
    "PolicyRule",
    "PolicyVersion",
    "RuleChange",
    "RuleSetVersion",
]
