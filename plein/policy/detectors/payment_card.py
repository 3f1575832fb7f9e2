"""Payment card numbers: 13 to 19 digits, Luhn valid, with a known issuer prefix and a length
that issuer uses.

Written plain (`4111111111111111`) or grouped with spaces or hyphens the way cards print them:
4-4-4-4(-3), Amex 4-6-5, Diners 4-6-4. Numbers inside an IBAN are not cards.
"""

import re

from stdnum import luhn

from plein.policy.detectors._numbers import BEFORE, Cluster, excluded, inside_iban_like
from plein.policy.detectors._numbers import clusters as find_clusters
from plein.policy.findings import Finding, Kind, Span

CANDIDATE = re.compile(
    BEFORE
    + r"""(?:
        [0-9]{4}(?P<sep>[ \-\u00a0])[0-9]{4}(?P=sep)[0-9]{4}(?P=sep)[0-9]{1,7}
          (?:(?P=sep)[0-9]{1,4})?
      | [0-9]{4}(?P<sep2>[ \-\u00a0])[0-9]{6}(?P=sep2)[0-9]{4,5}
      | [0-9]{13,19}
    )(?![\w])(?![.,][0-9])""",
    re.VERBOSE,
)

# (issuer, prefix ranges (inclusive, compared on the first len(low) digits), lengths)
ISSUERS: tuple[tuple[str, tuple[tuple[str, str], ...], frozenset[int]], ...] = (
    ("visa", (("4", "4"),), frozenset({13, 16, 19})),
    ("mastercard", (("51", "55"), ("2221", "2720")), frozenset({16})),
    ("amex", (("34", "34"), ("37", "37")), frozenset({15})),
    (
        "discover",
        (("6011", "6011"), ("644", "649"), ("65", "65"), ("622126", "622925")),
        frozenset(range(16, 20)),
    ),
    (
        "maestro",
        (
            ("5018", "5018"),
            ("5020", "5020"),
            ("5038", "5038"),
            ("5893", "5893"),
            ("6304", "6304"),
            ("6759", "6759"),
            ("6761", "6763"),
            ("6703", "6703"),
        ),
        frozenset(range(13, 20)),
    ),
    ("jcb", (("3528", "3589"),), frozenset(range(16, 20))),
    (
        "diners",
        (("300", "305"), ("3095", "3095"), ("36", "36"), ("38", "39")),
        frozenset(range(14, 20)),
    ),
    ("unionpay", (("62", "62"),), frozenset(range(16, 20))),
    ("mir", (("2200", "2204"),), frozenset(range(16, 20))),
)


def issuer(digits: str) -> str | None:
    for name, ranges, lengths in ISSUERS:
        if len(digits) not in lengths:
            continue
        for low, high in ranges:
            if low <= digits[: len(low)] <= high:
                return name
    return None


def is_card_number(digits: str) -> bool:
    return 13 <= len(digits) <= 19 and issuer(digits) is not None and luhn.is_valid(digits)


def _candidates(text: str, clusters: list[Cluster]) -> list[re.Match[str]]:
    return [
        match
        for cluster in clusters
        if cluster.digits >= 13
        for match in CANDIDATE.finditer(text, cluster.start, cluster.limit)
    ]


def detect(
    text: str, *, exclude: list[Span] | None = None, clusters: list[Cluster] | None = None
) -> list[Finding]:
    findings: list[Finding] = []
    for match in _candidates(text, find_clusters(text) if clusters is None else clusters):
        start, end = match.span()
        raw = match.group()
        digits = "".join(c for c in raw if c.isdigit())
        if not is_card_number(digits):
            # "4111 1111 1111 1111 12/26": the four groups of a card, then something else.
            groups = re.split(r"[ \-\u00a0]", raw)
            if len(groups) <= 4 or any(len(g) != 4 for g in groups[:4]):
                continue
            if len(groups[4]) == 3 and issuer(digits[:19]) is not None:
                continue  # 4-4-4-4-3 is how 19-digit cards print: one card, with a wrong digit
            digits = "".join(groups[:4])
            end = start + 19
            if not is_card_number(digits):
                continue
        if excluded(start, end, exclude) or inside_iban_like(text, start):
            continue
        findings.append(Finding(Kind.PAYMENT_CARD, digits, start, end, text[start:end]))
    return findings
