"""The detectors, one module per family, each a pure function `detect(text) -> list[Finding]`.

The number detectors overlap (an IBAN holds digits that look like a phone number, a card
number holds nine digits that pass the elfproef), so `detect_numbers` runs them in order of
certainty and hands each the spans already taken: IBAN (mod 97 on up to 34 characters), payment
card (Luhn and issuer), BSN (elfproef and a context word), phone. E-mail addresses go before
links, so the domain of an address is not reported as a link.
"""

from plein.policy.detectors import (
    address,
    blocked_word,
    bsn,
    email,
    iban,
    link_domain,
    payment_card,
    phone,
    special_category,
)
from plein.policy.detectors._numbers import Cluster, clusters
from plein.policy.findings import Finding, Kind

__all__ = ["NUMBER_KINDS", "detect_all", "detect_numbers"]


NUMBER_KINDS = frozenset({Kind.IBAN, Kind.PAYMENT_CARD, Kind.BSN, Kind.PHONE})


def detect_numbers(
    text: str,
    kinds: frozenset[Kind] | None = None,
    *,
    found_clusters: list[Cluster] | None = None,
) -> list[Finding]:
    """IBAN, card, BSN and phone findings without overlaps; `kinds` limits what is returned
    (the others still run when they take digits away from a wanted kind)."""
    wanted = kinds if kinds is not None else NUMBER_KINDS
    found = clusters(text) if found_clusters is None else found_clusters
    if not found:
        return []
    findings = iban.detect(text, clusters=found)
    taken = [(f.start, f.end) for f in findings]
    if wanted & {Kind.PAYMENT_CARD, Kind.BSN, Kind.PHONE}:
        cards = payment_card.detect(text, exclude=taken, clusters=found)
        findings += cards
        taken += [(f.start, f.end) for f in cards]
    if wanted & {Kind.BSN, Kind.PHONE}:
        numbers = bsn.detect(text, exclude=taken, clusters=found)
        findings += numbers
        taken += [(f.start, f.end) for f in numbers]
    if Kind.PHONE in wanted:
        findings += phone.detect(text, exclude=taken, clusters=found)
    return [finding for finding in findings if finding.kind in wanted]


def detect_all(text: str) -> list[Finding]:
    """Every detector with the shipped term lists (no confidential terms: there is no shipped
    list), sorted by position."""
    found = clusters(text)
    findings = detect_numbers(text, found_clusters=found)
    addresses = email.detect(text)
    findings += addresses
    findings += link_domain.detect(text, exclude=[(f.start, f.end) for f in addresses])
    findings += address.detect(text, clusters=found)
    findings += special_category.detect(text)
    findings += blocked_word.detect(text)
    findings.sort(key=lambda finding: (finding.start, finding.end, finding.kind))
    return findings
