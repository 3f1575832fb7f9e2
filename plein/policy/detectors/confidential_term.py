"""Confidential terms: project code names, customer names, anything an organisation lists.
Whole words or phrases, case and accents ignored, matched as written (no inflections: a
name does not inflect, and stemming a code name could make it match an ordinary word).
There is no shipped list. Matching: plein.policy.detectors.terms."""

from collections.abc import Iterable

from plein.policy.detectors.terms import Term, TermIndex
from plein.policy.findings import Finding, Kind


def build_index(terms: Iterable[str]) -> TermIndex:
    return TermIndex(((Term(term), term) for term in terms), inflections=False)


def detect(text: str, *, terms: Iterable[str]) -> list[Finding]:
    return [
        Finding(
            Kind.CONFIDENTIAL_TERM, str(hit.payload), hit.start, hit.end, text[hit.start : hit.end]
        )
        for hit in build_index(terms).find(text)
    ]
