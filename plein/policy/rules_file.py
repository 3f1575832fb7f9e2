"""Rules from a JSON file (`plein policy check --rules FILE.json`).

    {
      "replace_defaults": false,
      "rules": [
        {"id": "code-names", "kind": "confidential_term", "action": "block",
         "scopes": ["careers", "outbound"], "terms": ["Orion", "Project Zeus"],
         "suggestion": {"nl": "Noem het project niet bij naam.", "en": "Do not name it."}},
        {"id": "bsn", "kind": "bsn", "action": "warn", "scopes": ["internal"]},
        {"id": "phone", "enabled": false},
        {"id": "press", "kind": "link_domain", "action": "hold", "scopes": ["outbound"],
         "allow": ["plein.nl"], "block": ["example.com"]},
        {"id": "health", "kind": "special_category", "action": "hold",
         "categories": ["health"]},
        {"id": "more-words", "kind": "blocked_word", "action": "block",
         "terms": ["sukkel"], "default_terms": true}
      ],
      "special_category_terms": {"health": ["mantelzorg"]}
    }

The file's rules come on top of the default rules (`plein.policy.engine.default_rules`): a rule
with the id of a default rule replaces it, `"enabled": false` removes it, and
`"replace_defaults": true` starts from no rules at all. A file that holds just a list is the
list of rules. `scopes` defaults to all three; `special_category_terms` adds terms (any
language) to the shipped lists, per category (a new category name makes a new category).
"""

import json
from enum import StrEnum
from pathlib import Path
from typing import Any

from plein.policy.detectors.terms import Term
from plein.policy.engine import Action, LocalisedText, Rule, RuleSet, Scope, default_rules
from plein.policy.findings import Kind
from plein.policy.terms import blocked_words, special_category_terms


class RulesError(ValueError):
    pass


_RULE_FIELDS = {
    "id",
    "kind",
    "action",
    "scopes",
    "terms",
    "default_terms",
    "categories",
    "block",
    "allow",
    "suggestion",
    "enabled",
}


def _choice(value: Any, enum: type[StrEnum], what: str, rule_id: str) -> Any:
    try:
        return enum(value)
    except ValueError:
        choices = ", ".join(member.value for member in enum)
        raise RulesError(f"rule {rule_id!r}: {what} {value!r} is not one of {choices}") from None


def _strings(value: Any, what: str, rule_id: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise RulesError(f"rule {rule_id!r}: {what} must be a list of strings")
    return value


def rule_from_dict(data: dict[str, Any]) -> Rule:
    rule_id = data.get("id")
    if not isinstance(rule_id, str) or not rule_id:
        raise RulesError(f"every rule needs an id (a string): {json.dumps(data)[:80]}")
    unknown = sorted(set(data) - _RULE_FIELDS)
    if unknown:
        raise RulesError(f"rule {rule_id!r}: unknown fields {', '.join(unknown)}")
    if "kind" not in data or "action" not in data:
        raise RulesError(f"rule {rule_id!r}: kind and action are required")
    kind = _choice(data["kind"], Kind, "kind", rule_id)
    action = _choice(data["action"], Action, "action", rule_id)
    scopes = [
        _choice(scope, Scope, "scope", rule_id)
        for scope in _strings(data.get("scopes", [s.value for s in Scope]), "scopes", rule_id)
    ]
    terms: list[Term] = [Term(term) for term in _strings(data.get("terms", []), "terms", rule_id)]
    if data.get("default_terms"):
        if kind != Kind.BLOCKED_WORD:
            raise RulesError(f"rule {rule_id!r}: default_terms is for blocked_word rules only")
        terms = [*blocked_words(), *terms]
    if kind in (Kind.CONFIDENTIAL_TERM, Kind.BLOCKED_WORD) and not terms:
        raise RulesError(f"rule {rule_id!r}: a {kind} rule needs terms")
    suggestion = data.get("suggestion")
    if isinstance(suggestion, dict):
        suggestion = LocalisedText({str(k): str(v) for k, v in suggestion.items()})
    elif suggestion is not None and not isinstance(suggestion, str):
        raise RulesError(f"rule {rule_id!r}: suggestion must be a string or {{language: text}}")
    return Rule(
        id=rule_id,
        kind=kind,
        action=action,
        scopes=frozenset(scopes),
        terms=tuple(terms),
        categories=frozenset(_strings(data.get("categories", []), "categories", rule_id)),
        block_domains=tuple(_strings(data.get("block", []), "block", rule_id)),
        allow_domains=tuple(_strings(data.get("allow", []), "allow", rule_id)),
        suggestion=suggestion,
    )


def rule_set_from_data(data: Any) -> RuleSet:
    if isinstance(data, list):
        data = {"rules": data}
    if not isinstance(data, dict):
        raise RulesError("the rules file must hold a JSON object or a list of rules")
    entries = data.get("rules", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise RulesError('"rules" must be a list of objects')
    rules = {} if data.get("replace_defaults") else {rule.id: rule for rule in default_rules()}
    for entry in entries:
        if entry.get("enabled", True) is False:
            rules.pop(str(entry.get("id")), None)
            continue
        rule = rule_from_dict(entry)
        rules[rule.id] = rule
    categories: dict[str, list[Term]] = {
        category: list(terms) for category, terms in special_category_terms().items()
    }
    extra = data.get("special_category_terms", {})
    if not isinstance(extra, dict):
        raise RulesError('"special_category_terms" must map a category to a list of terms')
    for category, terms in extra.items():
        categories.setdefault(category, []).extend(
            Term(term) for term in _strings(terms, "special_category_terms", category)
        )
    return RuleSet(rules.values(), special_category_terms=categories)


def load_rule_set(path: Path) -> RuleSet:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise RulesError(f"cannot read {path}: {error.strerror}") from None
    except json.JSONDecodeError as error:
        raise RulesError(f"{path} is not valid JSON: {error}") from None
    return rule_set_from_data(data)
