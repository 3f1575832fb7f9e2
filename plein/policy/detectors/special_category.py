"""Special categories of personal data (GDPR art. 9 and 10) from term lists per category:
health, religion, union, ethnicity, political, sexual_orientation, criminal, biometric,
genetic. The shipped Dutch and English lists are in plein/policy/terms/special_category/;
`detect` takes any other lists. Matching: plein.policy.detectors.terms."""

from collections.abc import Iterable, Mapping
from functools import cache

from plein.policy.detectors.terms import Term, TermIndex
from plein.policy.findings import Finding, Kind


def build_index(category_terms: Mapping[str, Iterable[Term]]) -> TermIndex:
    return TermIndex(
        (term, category) for category, terms in category_terms.items() for term in terms
    )


@cache
def _default_index() -> TermIndex:
    from plein.policy.terms import special_category_terms

    return build_index(special_category_terms())


def detect(
    text: str, *, category_terms: Mapping[str, Iterable[Term]] | None = None
) -> list[Finding]:
    index = _default_index() if category_terms is None else build_index(category_terms)
    return [
        Finding(
            Kind.SPECIAL_CATEGORY,
            hit.term.lower(),
            hit.start,
            hit.end,
            text[hit.start : hit.end],
            category=str(hit.payload),
        )
        for hit in index.find(text)
    ]
