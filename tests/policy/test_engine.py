"""The rules engine: actions, scopes, the worst action, default rules, suggestions, link
domain lists, rules from a file."""

import json

import pytest
from django.utils import translation

from plein.policy.engine import Action, Rule, RuleSet, Scope, default_rules, verdict
from plein.policy.findings import Kind
from plein.policy.rules_file import RulesError, load_rule_set, rule_set_from_data

POST = (
    "Voor het afscheidscadeau: NL91 ABNA 0417 1643 00. Bel me op 06-12345678 of mail "
    "anna@example.nl. Petra is ziek. Meer op bit.ly/afscheid."
)


def actions(rule_set: RuleSet, text: str, scope: str) -> list[tuple[str, str, str]]:
    return [(m.finding.kind, m.rule.id, m.action) for m in rule_set.check(text, scope)]


def test_the_default_rules_act_by_scope():
    rules = RuleSet()
    assert actions(rules, POST, "internal") == [
        (Kind.IBAN, "iban-internal", Action.WARN),
        (Kind.SPECIAL_CATEGORY, "special-category-internal", Action.WARN),
    ]
    assert actions(rules, POST, "careers") == [
        (Kind.IBAN, "iban-public", Action.BLOCK),
        (Kind.PHONE, "phone", Action.WARN),
        (Kind.EMAIL, "email", Action.WARN),
        (Kind.SPECIAL_CATEGORY, "special-category-public", Action.HOLD),
        (Kind.LINK_DOMAIN, "link-shorteners", Action.WARN),
    ]
    assert verdict(rules.check(POST, "internal")) == Action.WARN
    assert verdict(rules.check(POST, Scope.OUTBOUND)) == Action.BLOCK


def test_a_bsn_and_a_card_number_are_blocked_everywhere():
    rules = RuleSet()
    for scope in Scope:
        matches = rules.check("BSN 123456782 en kaart 4111 1111 1111 1111", scope)
        assert [(m.rule.id, m.action) for m in matches] == [
            ("bsn", Action.BLOCK),
            ("payment-card", Action.BLOCK),
        ]


def test_a_clean_text_has_no_verdict():
    rules = RuleSet()
    assert rules.check("Fijne vrijdag allemaal! De borrel begint om 16:00.", "outbound") == []
    assert verdict([]) is None


def test_the_worst_action_wins():
    rules = RuleSet(
        [
            Rule("w", Kind.PHONE, Action.WARN),
            Rule("b", Kind.EMAIL, Action.BLOCK),
            Rule("h", Kind.BLOCKED_WORD, Action.HOLD, terms=("sukkel",)),
        ]
    )
    matches = rules.check("sukkel, bel 0612345678 of mail a@b.nl")
    assert [m.action for m in matches] == [Action.HOLD, Action.WARN, Action.BLOCK]
    assert verdict(matches) == Action.BLOCK
    assert verdict(matches[:2]) == Action.HOLD


def test_a_rule_acts_only_in_its_scopes():
    rules = RuleSet(
        [
            Rule(
                "code-names",
                Kind.CONFIDENTIAL_TERM,
                Action.BLOCK,
                {Scope.OUTBOUND},
                terms=("Orion",),
            )
        ]
    )
    assert rules.check("Project Orion start", "internal") == []
    assert rules.check("Project Orion start", "careers") == []
    assert [m.finding.value for m in rules.check("Project Orion start", "outbound")] == ["Orion"]


def test_a_finding_two_rules_act_on_gives_two_matches():
    rules = RuleSet(
        [
            Rule("health-warn", Kind.SPECIAL_CATEGORY, Action.WARN, categories={"health"}),
            Rule("all-hold", Kind.SPECIAL_CATEGORY, Action.HOLD),
            Rule("religion-only", Kind.SPECIAL_CATEGORY, Action.BLOCK, categories={"religion"}),
        ]
    )
    matches = rules.check("Hij heeft een burn-out.")
    assert [(m.rule.id, m.finding.category) for m in matches] == [
        ("health-warn", "health"),
        ("all-hold", "health"),
    ]


def test_link_rules_block_a_domain_and_its_subdomains_and_honour_allow_lists():
    rules = RuleSet(
        [
            Rule("block", Kind.LINK_DOMAIN, Action.BLOCK, block_domains=("example.com",)),
            Rule(
                "allow",
                Kind.LINK_DOMAIN,
                Action.HOLD,
                {Scope.OUTBOUND},
                allow_domains=("plein.nl", "linkedin.com"),
            ),
        ]
    )
    text = "Zie https://mail.Example.com/x, plein.nl/vacatures, nl.linkedin.com en concurrent.nl."
    assert [(m.finding.value, m.rule.id) for m in rules.check(text, "internal")] == [
        ("mail.example.com", "block")
    ]
    assert [(m.finding.value, m.rule.id) for m in rules.check(text, "outbound")] == [
        ("mail.example.com", "block"),
        ("mail.example.com", "allow"),
        ("concurrent.nl", "allow"),
    ]
    assert rules.check("Zie notexample.com", "internal") == []


def test_every_match_has_a_suggestion_in_the_authors_language():
    match = RuleSet().check("Mijn BSN is 123456782")[0]
    with translation.override("en"):
        assert str(match.suggestion) == (
            "Leave out the citizen service number (BSN): share it only through the HR system."
        )
    health = RuleSet().check("Ik ben zwanger")[0]
    with translation.override("en"):
        assert "health" in str(health.suggestion)


def test_an_operators_suggestion_is_shown_in_the_active_language():
    rules = rule_set_from_data(
        [
            {
                "id": "code-names",
                "kind": "confidential_term",
                "action": "block",
                "terms": ["Orion"],
                "suggestion": {"nl": "Noem het project niet.", "en": "Do not name the project."},
            }
        ]
    )
    match = next(m for m in rules.check("Orion!", "internal") if m.rule.id == "code-names")
    with translation.override("en"):
        assert str(match.suggestion) == "Do not name the project."
    with translation.override("nl"):
        assert str(match.suggestion) == "Noem het project niet."


def test_the_default_rules_cover_every_kind():
    assert {rule.kind for rule in default_rules()} == set(Kind)


def test_rule_ids_must_be_unique():
    with pytest.raises(ValueError, match="unique"):
        RuleSet([Rule("x", Kind.BSN, Action.BLOCK), Rule("x", Kind.IBAN, Action.WARN)])


def test_a_rules_file_adds_to_replaces_and_removes_default_rules(tmp_path):
    path = tmp_path / "rules.json"
    path.write_text(
        json.dumps(
            {
                "rules": [
                    {"id": "bsn", "kind": "bsn", "action": "warn", "scopes": ["internal"]},
                    {"id": "iban-internal", "enabled": False},
                    {
                        "id": "more-words",
                        "kind": "blocked_word",
                        "action": "block",
                        "terms": ["sukkel"],
                        "default_terms": True,
                    },
                ],
                "special_category_terms": {"health": ["mantelzorg"]},
            }
        )
    )
    rules = load_rule_set(path)
    text = "BSN 123456782, NL91 ABNA 0417 1643 00, sukkel, klootzak, mantelzorg"
    assert actions(rules, text, "internal") == [
        (Kind.BSN, "bsn", Action.WARN),
        (Kind.BLOCKED_WORD, "more-words", Action.BLOCK),
        (Kind.BLOCKED_WORD, "blocked-words-internal", Action.HOLD),
        (Kind.BLOCKED_WORD, "more-words", Action.BLOCK),
        (Kind.SPECIAL_CATEGORY, "special-category-internal", Action.WARN),
    ]
    assert rules.check("BSN 123456782", "careers") == []


def test_a_rules_file_can_start_from_no_rules():
    rules = rule_set_from_data(
        {"replace_defaults": True, "rules": [{"id": "p", "kind": "phone", "action": "hold"}]}
    )
    assert [rule.id for rule in rules.rules] == ["p"]
    assert actions(rules, "BSN 123456782, bel 0612345678", "internal") == [
        (Kind.PHONE, "p", Action.HOLD)
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([{"kind": "bsn", "action": "warn"}], "needs an id"),
        ([{"id": "x", "kind": "nope", "action": "warn"}], "kind 'nope' is not one of"),
        ([{"id": "x", "kind": "bsn", "action": "shout"}], "action 'shout'"),
        ([{"id": "x", "kind": "bsn", "action": "warn", "scopes": ["intranet"]}], "scope"),
        ([{"id": "x", "kind": "blocked_word", "action": "warn"}], "needs terms"),
        ([{"id": "x", "kind": "bsn", "action": "warn", "colour": "red"}], "unknown fields colour"),
        ("rules", "JSON object or a list"),
    ],
)
def test_a_bad_rules_file_is_refused_with_a_reason(data, message):
    with pytest.raises(RulesError, match=message):
        rule_set_from_data(data)


def test_check_works_without_django_settings():
    # The engine is pure Python: the worker, the API and the CLI call it the same way.
    import subprocess
    import sys

    code = (
        "from plein.policy.engine import RuleSet, verdict;"
        "print(verdict(RuleSet().check('BSN 123456782', 'internal')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={},
        timeout=60,
        check=False,
    )
    assert result.stdout.strip() == "block", result.stderr


def test_the_default_rule_set_is_compiled_once_per_process():
    from plein.policy.engine import default_rule_set

    assert default_rule_set() is default_rule_set()
    assert [m.rule.id for m in default_rule_set().check("BSN 123456782")] == ["bsn"]
