"""The rules in force: what the content gate checks every text against.

`active_rule_set()` is the one place the gate asks. Until an organisation changes its rules it
is the default rule set (plein.policy.engine.default_rules)."""

from plein.policy.engine import RuleSet, default_rule_set


def active_rule_set() -> RuleSet:
    return default_rule_set()
