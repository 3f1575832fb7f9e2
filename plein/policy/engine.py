"""The posting codes as a rules engine: every piece of user text passes `RuleSet.check`.

A `Rule` says which kind of finding it acts on (with its parameters: terms, categories, link
domains), what it does — warn the author (the span highlighted, with a suggestion), hold the
text for review, or block it — and where: internally, on the public careers site, or in
outbound publications. A `RuleSet` compiles its rules once: all term rules (special
categories, confidential terms, blocked words) share one term index, so 200 rules cost about
one pass over the text. Pure Python: no database, no Django setup (suggestions are lazy
translations, rendered when shown).

The default rules (`default_rules()`), and why:

| rule                      | kind              | action | scopes             |
| ------------------------- | ----------------- | ------ | ------------------ |
| bsn                       | bsn               | block  | all                |
| payment-card              | payment_card      | block  | all                |
| iban-internal             | iban              | warn   | internal           |
| iban-public               | iban              | block  | careers, outbound  |
| phone                     | phone             | warn   | careers, outbound  |
| email                     | email             | warn   | careers, outbound  |
| address                   | address           | warn   | all                |
| special-category-internal | special_category  | warn   | internal           |
| special-category-public   | special_category  | hold   | careers, outbound  |
| blocked-words-internal    | blocked_word      | hold   | internal           |
| blocked-words-public      | blocked_word      | block  | careers, outbound  |
| confidential-terms        | confidential_term | block  | careers, outbound  |
| link-shorteners           | link_domain       | warn   | careers, outbound  |

- A BSN or a card number has no business in any post: the law allows the BSN only where a law
  requires it, and a card number is a key to money. Blocking (rather than holding) also keeps
  it out of the database and out of a moderator's queue.
- An IBAN is legitimate among colleagues ("chip in for Anna's farewell present: NL91 …"), so
  internally the author is only warned; in public it is blocked.
- Colleagues share phone numbers and e-mail addresses with each other all the time; in public
  they are usually someone's personal details, so the author is warned there.
- An address may be the office's; a warning lets the author decide.
- Special categories depend on context ("my burn-out" written by the person themselves is
  theirs to share), so warn internally; in public a person reviews first.
- Blocked words: a moderator looks at internal posts (quoting, reclaiming); public texts are
  blocked. Confidential terms (empty until an organisation lists them) may be used
  internally but not published.
"""

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache

from django.utils.functional import Promise

from plein.policy import messages
from plein.policy.detectors import NUMBER_KINDS, address, detect_numbers, email, link_domain
from plein.policy.detectors._numbers import clusters
from plein.policy.detectors.terms import Term, TermIndex
from plein.policy.findings import Finding, Kind
from plein.policy.text import fold


class Action(StrEnum):
    WARN = "warn"
    HOLD = "hold"
    BLOCK = "block"

    @property
    def severity(self) -> int:
        return _SEVERITY[self]


_SEVERITY = {Action.WARN: 1, Action.HOLD: 2, Action.BLOCK: 3}


class Scope(StrEnum):
    INTERNAL = "internal"
    CAREERS = "careers"
    OUTBOUND = "outbound"


ALL_SCOPES = frozenset(Scope)
PUBLIC_SCOPES = frozenset({Scope.CAREERS, Scope.OUTBOUND})
TERM_KINDS = frozenset({Kind.SPECIAL_CATEGORY, Kind.CONFIDENTIAL_TERM, Kind.BLOCKED_WORD})
LINK_SHORTENERS = (
    "bit.ly",
    "tinyurl.com",
    "goo.gl",
    "ow.ly",
    "is.gd",
    "buff.ly",
    "t.ly",
    "cutt.ly",
    "rebrand.ly",
    "shorturl.at",
    "tiny.cc",
)


class LocalisedText:
    """An operator's own suggestion in several languages ({"nl": …, "en": …}): shown in the
    active language, else Dutch, else whichever there is."""

    def __init__(self, texts: Mapping[str, str]) -> None:
        self.texts = dict(texts)

    def __str__(self) -> str:
        from django.utils.translation import get_language

        language = (get_language() or "nl").split("-")[0]
        for choice in (language, "nl", "en"):
            if choice in self.texts:
                return self.texts[choice]
        return next(iter(self.texts.values()), "")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LocalisedText) and other.texts == self.texts

    def __hash__(self) -> int:
        return hash(tuple(sorted(self.texts.items())))


Suggestion = str | Promise | LocalisedText


@dataclass(frozen=True, eq=False)
class Rule:
    """One posting code. Parameters by kind: `terms` for confidential_term and blocked_word;
    `categories` for special_category (empty: every category); `block_domains` and
    `allow_domains` for link_domain (a link is caught when its host is, or is under, a blocked
    domain, or when there is an allow list and the host is not on it)."""

    id: str
    kind: Kind
    action: Action
    scopes: frozenset[Scope] = ALL_SCOPES
    terms: tuple[Term, ...] = ()
    categories: frozenset[str] = frozenset()
    block_domains: tuple[str, ...] = ()
    allow_domains: tuple[str, ...] = ()
    suggestion: Suggestion | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", Kind(self.kind))
        object.__setattr__(self, "action", Action(self.action))
        object.__setattr__(self, "scopes", frozenset(Scope(scope) for scope in self.scopes))
        object.__setattr__(
            self,
            "terms",
            tuple(term if isinstance(term, Term) else Term(str(term)) for term in self.terms),
        )
        object.__setattr__(self, "categories", frozenset(self.categories))
        object.__setattr__(
            self,
            "block_domains",
            tuple(link_domain.normalise_domain(domain) for domain in self.block_domains),
        )
        object.__setattr__(
            self,
            "allow_domains",
            tuple(link_domain.normalise_domain(domain) for domain in self.allow_domains),
        )

    def applies_to_link(self, host: str) -> bool:
        if link_domain.domain_in(host, self.block_domains):
            return True
        return bool(self.allow_domains) and not link_domain.domain_in(host, self.allow_domains)

    def suggestion_for(self, finding: Finding) -> Suggestion:
        if self.suggestion is not None:
            return self.suggestion
        if finding.category in messages.CATEGORY_SUGGESTIONS:
            return messages.CATEGORY_SUGGESTIONS[finding.category]
        return messages.SUGGESTIONS[self.kind]


@dataclass(frozen=True, eq=False)
class Match:
    """A finding a rule acts on."""

    finding: Finding
    rule: Rule

    @property
    def action(self) -> Action:
        return self.rule.action

    @property
    def suggestion(self) -> Suggestion:
        return self.rule.suggestion_for(self.finding)


def verdict(matches: Iterable[Match]) -> Action | None:
    """The worst action of the matches (block > hold > warn); None when nothing matched."""
    worst: Action | None = None
    for match in matches:
        if worst is None or match.action.severity > worst.severity:
            worst = match.action
    return worst


@cache
def default_rules() -> tuple[Rule, ...]:
    from plein.policy.terms import blocked_words

    words = blocked_words()
    return (
        Rule("bsn", Kind.BSN, Action.BLOCK),
        Rule("payment-card", Kind.PAYMENT_CARD, Action.BLOCK),
        Rule("iban-internal", Kind.IBAN, Action.WARN, frozenset({Scope.INTERNAL})),
        Rule("iban-public", Kind.IBAN, Action.BLOCK, PUBLIC_SCOPES),
        Rule("phone", Kind.PHONE, Action.WARN, PUBLIC_SCOPES),
        Rule("email", Kind.EMAIL, Action.WARN, PUBLIC_SCOPES),
        Rule("address", Kind.ADDRESS, Action.WARN),
        Rule(
            "special-category-internal",
            Kind.SPECIAL_CATEGORY,
            Action.WARN,
            frozenset({Scope.INTERNAL}),
        ),
        Rule("special-category-public", Kind.SPECIAL_CATEGORY, Action.HOLD, PUBLIC_SCOPES),
        Rule(
            "blocked-words-internal",
            Kind.BLOCKED_WORD,
            Action.HOLD,
            frozenset({Scope.INTERNAL}),
            terms=words,
        ),
        Rule("blocked-words-public", Kind.BLOCKED_WORD, Action.BLOCK, PUBLIC_SCOPES, terms=words),
        Rule("confidential-terms", Kind.CONFIDENTIAL_TERM, Action.BLOCK, PUBLIC_SCOPES),
        Rule(
            "link-shorteners",
            Kind.LINK_DOMAIN,
            Action.WARN,
            PUBLIC_SCOPES,
            block_domains=LINK_SHORTENERS,
        ),
    )


@dataclass
class _Plan:
    """The rules of one scope, compiled."""

    rules: tuple[Rule, ...]
    everything: bool = False  # run every detector, also without a rule (plein policy check)
    by_kind: dict[Kind, list[Rule]] = field(default_factory=lambda: defaultdict(list))
    terms: TermIndex = field(default_factory=TermIndex)
    number_kinds: frozenset[Kind] = frozenset()
    # Link rules: blocked domain -> the rules that block it; rules with an allow list apart.
    blocked_domains: dict[str, list[Rule]] = field(default_factory=lambda: defaultdict(list))
    allow_list_rules: list[Rule] = field(default_factory=list)

    def compile(self, category_terms: Mapping[str, Sequence[Term]]) -> "_Plan":
        for position, rule in enumerate(self.rules):
            self.by_kind[rule.kind].append(rule)
            if rule.kind == Kind.LINK_DOMAIN:
                if rule.allow_domains:
                    self.allow_list_rules.append(rule)
                else:
                    for domain in rule.block_domains:
                        self.blocked_domains[domain].append(rule)
            if rule.kind == Kind.SPECIAL_CATEGORY:
                for category, terms in category_terms.items():
                    if not rule.categories or category in rule.categories:
                        for term in terms:
                            self.terms.add(term, (position, category))
            elif rule.kind == Kind.BLOCKED_WORD:
                for term in rule.terms:
                    self.terms.add(term, (position, None))
            elif rule.kind == Kind.CONFIDENTIAL_TERM:
                for term in rule.terms:
                    self.terms.add(term, (position, None), inflections=False)
        if self.everything:
            for category, terms in category_terms.items():
                for term in terms:
                    self.terms.add(term, (None, category))
            self.number_kinds = NUMBER_KINDS
        else:
            self.number_kinds = NUMBER_KINDS & frozenset(self.by_kind)
        return self

    def needs(self, kind: Kind) -> bool:
        return self.everything or kind in self.by_kind

    def link_rules(self, host: str) -> list[Rule]:
        """The rules that catch a link to `host`: its domain or a parent domain is blocked, or
        it is not on a rule's allow list."""
        found: list[Rule] = []
        labels = host.split(".")
        for index in range(len(labels)):
            for rule in self.blocked_domains.get(".".join(labels[index:]), ()):
                if rule not in found:
                    found.append(rule)
        found += [rule for rule in self.allow_list_rules if rule.applies_to_link(host)]
        if len(found) > 1:
            order = {id(rule): position for position, rule in enumerate(self.rules)}
            found.sort(key=lambda rule: order[id(rule)])
        return found


class RuleSet:
    """Rules compiled once; `check(text, scope)` is what the content gate calls."""

    def __init__(
        self,
        rules: Iterable[Rule] | None = None,
        *,
        special_category_terms: Mapping[str, Iterable[Term]] | None = None,
    ) -> None:
        self.rules = tuple(default_rules() if rules is None else rules)
        ids = [rule.id for rule in self.rules]
        duplicates = sorted({rule_id for rule_id in ids if ids.count(rule_id) > 1})
        if duplicates:
            raise ValueError(f"rule ids must be unique: {', '.join(duplicates)}")
        if special_category_terms is None:
            from plein.policy.terms import special_category_terms as shipped

            special_category_terms = shipped()
        self.special_category_terms = {
            category: tuple(t if isinstance(t, Term) else Term(str(t)) for t in terms)
            for category, terms in special_category_terms.items()
        }
        self._plans = {
            scope: _Plan(tuple(r for r in self.rules if scope in r.scopes)).compile(
                self.special_category_terms
            )
            for scope in Scope
        }
        self._everything: _Plan | None = None

    def check(self, text: str, scope: Scope | str = Scope.INTERNAL) -> list[Match]:
        """The rules of `scope` that the text trips, one match per finding and rule, in order
        of position."""
        plan = self._plans[Scope(scope)]
        return [Match(finding, rule) for finding, rules in _run(plan, text) for rule in rules]

    def inspect(
        self, text: str, scope: Scope | str = Scope.INTERNAL
    ) -> list[tuple[Finding, list[Rule]]]:
        """Every finding of every detector (the term lists of every rule, in any scope), each
        with the rules of `scope` that act on it (possibly none): what `plein policy check`
        prints."""
        if self._everything is None:
            self._everything = _Plan(self.rules, everything=True).compile(
                self.special_category_terms
            )
        wanted = Scope(scope)
        return [
            (finding, [rule for rule in rules if wanted in rule.scopes])
            for finding, rules in _run(self._everything, text)
        ]


@cache
def default_rule_set() -> RuleSet:
    """The default rules, compiled once per process (compiling takes a moment; checking is
    fast)."""
    return RuleSet()


def _run(plan: _Plan, text: str) -> list[tuple[Finding, list[Rule]]]:
    results: list[tuple[Finding, list[Rule]]] = []
    by_kind = plan.by_kind
    found = clusters(text) if plan.number_kinds or plan.needs(Kind.ADDRESS) else []
    if plan.number_kinds:
        for finding in detect_numbers(text, plan.number_kinds, found_clusters=found):
            results.append((finding, list(by_kind.get(finding.kind, ()))))
    emails: list[Finding] = []
    if plan.needs(Kind.EMAIL) or plan.needs(Kind.LINK_DOMAIN):
        emails = email.detect(text)
        if plan.needs(Kind.EMAIL):
            results.extend((finding, list(by_kind.get(Kind.EMAIL, ()))) for finding in emails)
    if plan.needs(Kind.LINK_DOMAIN):
        for finding in link_domain.detect(text, exclude=[(f.start, f.end) for f in emails]):
            results.append((finding, plan.link_rules(finding.value)))
    if plan.needs(Kind.ADDRESS):
        results.extend(
            (finding, list(by_kind.get(Kind.ADDRESS, ())))
            for finding in address.detect(text, clusters=found)
        )
    if plan.terms:
        results.extend(_term_findings(plan, text))
    results.sort(key=lambda pair: (pair[0].start, pair[0].end, pair[0].kind))
    return results


def _term_findings(plan: _Plan, text: str) -> list[tuple[Finding, list[Rule]]]:
    grouped: dict[tuple[Hashable, ...], tuple[Finding, list[Rule]]] = {}
    for hit in plan.terms.find(text, fold(text)):
        position: int | None
        category: str | None
        position, category = hit.payload  # type: ignore[misc]
        rule = plan.rules[position] if position is not None else None
        kind = rule.kind if rule is not None else Kind.SPECIAL_CATEGORY
        value = hit.term if kind == Kind.CONFIDENTIAL_TERM else hit.term.lower()
        key = (kind, value, hit.start, hit.end, category)
        if key not in grouped:
            finding = Finding(kind, value, hit.start, hit.end, text[hit.start : hit.end], category)
            grouped[key] = (finding, [])
        if rule is not None and rule not in grouped[key][1]:
            grouped[key][1].append(rule)
    return list(grouped.values())
