"""Blocked words: whole words, case and accents ignored, with inflections (`klootzak`,
`klootzakken`). The shipped Dutch and English list is plein/policy/terms/blocked_words.*.txt;
`detect` takes any other list. Matching: plein.policy.detectors.terms."""

from collections.abc import Iterable
from functools import cache

from plein.policy.detectors.terms import Term, TermIndex
from plein.policy.findings import Finding, Kind


@cache
def _default_index() -> TermIndex:
    from plein.policy.terms import blocked_words

    return TermIndex((term, None) for term in blocked_words())


def detect(text: str, *, words: Iterable[Term | str] | None = None) -> list[Finding]:
    if words is None:
        index = _default_index()
    else:
        index = TermIndex((word if isinstance(word, Term) else Term(word), None) for word in words)
    return [
        Finding(Kind.BLOCKED_WORD, hit.term.lower(), hit.start, hit.end, text[hit.start : hit.end])
        for hit in index.find(text)
    ]
