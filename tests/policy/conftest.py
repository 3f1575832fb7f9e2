"""Fixtures for the content gate and moderation tests.

`blocked_word` puts one organisation blocked word in force through the rules service, as HR
or a community manager does on /policy/rules/ (HR here: someone who does not moderate):
"prutswerk" (held for review internally, blocked in public) — a word the shipped list does
not hold, so the tests say exactly which rule acts.
"""

import pytest

from plein.people.models import Role
from plein.policy.services import rules
from plein.policy.services.rules import RuleData
from tests.factories import PersonFactory

BLOCKED_WORD = "prutswerk"


@pytest.fixture
def blocked_word(db) -> str:
    keeper = PersonFactory(email="huisregels@example.nl", roles=[Role.HR])
    rules.add_rule(
        keeper,
        "org-blocked-internal",
        RuleData(kind="blocked_word", action="hold", scopes=["internal"], terms=[BLOCKED_WORD]),
    )
    rules.add_rule(
        keeper,
        "org-blocked-public",
        RuleData(
            kind="blocked_word",
            action="block",
            scopes=["careers", "outbound"],
            terms=[BLOCKED_WORD],
        ),
    )
    return BLOCKED_WORD
