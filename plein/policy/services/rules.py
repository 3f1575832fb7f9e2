"""Changing the rules in force. Every change writes the rule, a new `RuleSetVersion` (a snapshot
of the enabled rules) and an append-only `RuleChange`, in one transaction; after the commit the
new version's token goes into the cache, where every process looks (`plein.policy.active`).

The rules start as the defaults (`plein.policy.engine.default_rules`): `ensure_rules_seeded`
copies them in when there are none. Until then the gate uses the defaults as compiled in code,
which are the same rules.
"""

import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from plein.people.permissions import Perm, require
from plein.policy import active
from plein.policy.engine import default_rules
from plein.policy.findings import Kind
from plein.policy.models import PolicyRule, RuleChange, RuleSetVersion
from plein.policy.rules_file import RulesError, rule_from_dict
from plein.policy.terms import blocked_words

if TYPE_CHECKING:
    from plein.people.models import Person

TERM_KINDS = (Kind.CONFIDENTIAL_TERM, Kind.BLOCKED_WORD)


@dataclass
class RuleData:
    """What a person can set on a rule (the form's cleaned data)."""

    kind: str
    action: str
    scopes: list[str]
    terms: list[str] = field(default_factory=list)
    include_shipped_terms: bool = False
    categories: list[str] = field(default_factory=list)
    block_domains: list[str] = field(default_factory=list)
    allow_domains: list[str] = field(default_factory=list)
    suggestion_nl: str = ""
    suggestion_en: str = ""
    enabled: bool = True


def _seed_rows() -> list[PolicyRule]:
    shipped = set(blocked_words())
    rows = []
    for position, rule in enumerate(default_rules()):
        uses_shipped = rule.kind == Kind.BLOCKED_WORD and set(rule.terms) == shipped
        rows.append(
            PolicyRule(
                slug=rule.id,
                kind=rule.kind.value,
                action=rule.action.value,
                scopes=sorted(scope.value for scope in rule.scopes),
                terms=[] if uses_shipped else [term.text for term in rule.terms],
                include_shipped_terms=uses_shipped,
                categories=sorted(rule.categories),
                block_domains=list(rule.block_domains),
                allow_domains=list(rule.allow_domains),
                # A term rule without terms (confidential terms: the organisation's own list)
                # waits, disabled, until someone fills it in.
                enabled=not (rule.kind in TERM_KINDS and not rule.terms),
                position=position * 10,
            )
        )
    return rows


def current_version() -> RuleSetVersion | None:
    return RuleSetVersion.objects.order_by("-number").first()


@transaction.atomic
def ensure_rules_seeded(by: "Person | None" = None) -> RuleSetVersion:
    """The current version; the default rules copied in first when there is none."""
    version = current_version()
    if version is not None:
        return version
    if not PolicyRule.objects.exists():
        PolicyRule.objects.bulk_create(_seed_rows())
    return _new_version(by, None, RuleChange.Change.SEEDED, None, None)


def _snapshot() -> list[dict[str, Any]]:
    return [rule.snapshot() for rule in PolicyRule.objects.order_by("position", "pk")]


def _new_version(
    by: "Person | None",
    rule: PolicyRule | None,
    change: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> RuleSetVersion:
    rules = [data for data in _snapshot() if data.get("enabled", True)]
    for attempt in range(3):
        # Two people changing two rules at once both see the same last number: the second
        # insert fails on the unique number and takes the next one (each statement sees what
        # the other committed).
        last = RuleSetVersion.objects.aggregate(last=Max("number"))["last"] or 0
        try:
            with transaction.atomic():
                version = RuleSetVersion.objects.create(
                    number=last + 1, token=uuid.uuid4().hex, rules=rules, created_by=by
                )
            break
        except IntegrityError:
            if attempt == 2:
                raise
    RuleChange.objects.create(
        version=version,
        rule_slug=rule.slug if rule is not None else "",
        change=change,
        actor=by,
        actor_name=(by.full_name or by.email) if by is not None else "Plein",
        before=before,
        after=after,
    )
    token = version.token
    # Now (for this transaction's own later checks) and again after the commit (for everyone:
    # a process that looked in between found the token missing and put the old one back).
    active.announce(token)
    transaction.on_commit(lambda: active.announce(token))
    return version


def _validate(data: RuleData, slug: str) -> None:
    errors: dict[str, str] = {}
    if not data.scopes:
        errors["scopes"] = _("Choose at least one place where the rule applies.")
    uses_shipped = data.kind == Kind.BLOCKED_WORD and data.include_shipped_terms
    if data.kind in TERM_KINDS and data.enabled and not data.terms and not uses_shipped:
        errors["terms"] = _("Give at least one term, one per line (or disable the rule).")
    if data.kind == Kind.LINK_DOMAIN and not (data.block_domains or data.allow_domains):
        errors["block_domains"] = _("Give at least one blocked or allowed domain.")
    if errors:
        raise ValidationError(errors)
    if not data.enabled:
        return
    try:
        rule_from_dict({"id": slug, **_as_file_data(data)})
    except RulesError as error:
        raise ValidationError(str(error)) from None


def _as_file_data(data: RuleData) -> dict[str, Any]:
    result: dict[str, Any] = {"kind": data.kind, "action": data.action, "scopes": data.scopes}
    if data.kind in TERM_KINDS:
        result["terms"] = data.terms
        if data.kind == Kind.BLOCKED_WORD and data.include_shipped_terms:
            result["default_terms"] = True
    if data.categories:
        result["categories"] = data.categories
    if data.block_domains:
        result["block"] = data.block_domains
    if data.allow_domains:
        result["allow"] = data.allow_domains
    return result


def _apply(rule: PolicyRule, data: RuleData) -> None:
    rule.kind = data.kind
    rule.action = data.action
    rule.scopes = list(data.scopes)
    is_terms = data.kind in TERM_KINDS
    rule.terms = list(data.terms) if is_terms else []
    rule.include_shipped_terms = data.kind == Kind.BLOCKED_WORD and data.include_shipped_terms
    rule.categories = list(data.categories) if data.kind == Kind.SPECIAL_CATEGORY else []
    is_link = data.kind == Kind.LINK_DOMAIN
    rule.block_domains = list(data.block_domains) if is_link else []
    rule.allow_domains = list(data.allow_domains) if is_link else []
    rule.suggestion_nl = data.suggestion_nl.strip()
    rule.suggestion_en = data.suggestion_en.strip()
    rule.enabled = data.enabled
    rule.updated_at = timezone.now()


@transaction.atomic
def add_rule(by: "Person", slug: str, data: RuleData) -> PolicyRule:
    require(by, Perm.MANAGE_POLICY)
    ensure_rules_seeded(by)
    _validate(data, slug)
    if PolicyRule.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": _("There is a rule with this name already.")})
    last = PolicyRule.objects.aggregate(last=Max("position"))["last"] or 0
    rule = PolicyRule(slug=slug, position=last + 10)
    _apply(rule, data)
    try:
        with transaction.atomic():
            rule.save()
    except IntegrityError:
        raise ValidationError({"slug": _("There is a rule with this name already.")}) from None
    _new_version(by, rule, RuleChange.Change.CREATED, None, rule.snapshot())
    return rule


@transaction.atomic
def change_rule(by: "Person", rule: PolicyRule, data: RuleData) -> PolicyRule:
    """Saves the rule as `data` says; a change that changes nothing writes no version."""
    require(by, Perm.MANAGE_POLICY)
    ensure_rules_seeded(by)
    rule = PolicyRule.objects.select_for_update().get(pk=rule.pk)
    _validate(data, rule.slug)
    before = rule.snapshot()
    _apply(rule, data)
    after = rule.snapshot()
    if before == after:
        return rule
    rule.save()
    if before.get("enabled") != after.get("enabled") and _same_but_enabled(before, after):
        change = RuleChange.Change.ENABLED if rule.enabled else RuleChange.Change.DISABLED
    else:
        change = RuleChange.Change.CHANGED
    _new_version(by, rule, change, before, after)
    return rule


def _same_but_enabled(before: dict[str, Any], after: dict[str, Any]) -> bool:
    return {k: v for k, v in before.items() if k != "enabled"} == {
        k: v for k, v in after.items() if k != "enabled"
    }


@transaction.atomic
def set_rule_enabled(by: "Person", rule: PolicyRule, enabled: bool) -> PolicyRule:
    require(by, Perm.MANAGE_POLICY)
    ensure_rules_seeded(by)
    rule = PolicyRule.objects.select_for_update().get(pk=rule.pk)
    if rule.enabled == enabled:
        return rule
    if enabled and rule.kind in TERM_KINDS and not rule.terms and not rule.include_shipped_terms:
        raise ValidationError(_("Add terms to this rule before you enable it."))
    before = rule.snapshot()
    rule.enabled = enabled
    rule.updated_at = timezone.now()
    rule.save(update_fields=["enabled", "updated_at"])
    change = RuleChange.Change.ENABLED if enabled else RuleChange.Change.DISABLED
    _new_version(by, rule, change, before, rule.snapshot())
    return rule


def data_of(rule: PolicyRule) -> RuleData:
    return RuleData(
        kind=rule.kind,
        action=rule.action,
        scopes=list(rule.scopes),
        terms=list(rule.terms),
        include_shipped_terms=rule.include_shipped_terms,
        categories=list(rule.categories),
        block_domains=list(rule.block_domains),
        allow_domains=list(rule.allow_domains),
        suggestion_nl=rule.suggestion_nl,
        suggestion_en=rule.suggestion_en,
        enabled=rule.enabled,
    )
