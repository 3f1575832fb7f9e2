"""Fixtures for the content gate and moderation tests.

`policy_rules(*rules)` puts the default rules plus `rules` in force for one test by
monkeypatching `plein.policy.active.active_rule_set` (the gate calls it through the module
attribute, so the patch reaches it, also in the live server of the browser journeys). The
lead replaces this fixture with the database-backed rules service at merge.

`blocked_word` puts one organisation blocked word in force: "prutswerk" (held for review
internally, blocked in public) — a word the shipped list does not hold, so the tests say
exactly which rule acts.
"""

from collections.abc import Callable

import pytest

from plein.policy import active
from plein.policy.engine import Action, Rule, RuleSet, Scope, default_rules
from plein.policy.findings import Kind

BLOCKED_WORD = "prutswerk"


@pytest.fixture
def policy_rules(monkeypatch) -> Callable[..., RuleSet]:
    def use(*rules: Rule) -> RuleSet:
        rule_set = RuleSet([*default_rules(), *rules])
        monkeypatch.setattr(active, "active_rule_set", lambda: rule_set)
        return rule_set

    return use


@pytest.fixture
def blocked_word(policy_rules) -> str:
    policy_rules(
        Rule(
            "org-blocked-internal",
            Kind.BLOCKED_WORD,
            Action.HOLD,
            frozenset({Scope.INTERNAL}),
            terms=(BLOCKED_WORD,),
        ),
        Rule(
            "org-blocked-public",
            Kind.BLOCKED_WORD,
            Action.BLOCK,
            frozenset({Scope.CAREERS, Scope.OUTBOUND}),
            terms=(BLOCKED_WORD,),
        ),
    )
    return BLOCKED_WORD
