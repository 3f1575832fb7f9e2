"""What the number detectors (IBAN, card, BSN, phone, address) share: the boundaries of a
number, and one pass that finds the clusters of digits in a text.

Scanning a 2,000-character post once per detector with its full regular expression costs more
than the whole budget of the content gate, so `clusters(text)` finds the digit clusters once
(`06-12 34 56 78`, `(020) 123 4567`, `+31 6 …`, `1234.56.782`, `2025`) and each detector runs
its own expression only inside the clusters that have enough digits for it.
"""

import re
from typing import NamedTuple

from plein.policy.findings import Span, overlaps

# Not a number of its own when glued to a word, a URL parameter, an amount or a longer number.
# Nor is the id in a mention written by the composer: `@[Anna](p:123456782)`.
BEFORE = r"(?<![\w+/=&#@€$£%\\-])(?<![0-9][ .,\-/])(?<![€$£][ ])(?<!\([pg]:)"

# Starts with a digit, so the regular expression engine skips to digits quickly; a "+", "(" or
# "(+" right before the first digit is added afterwards.
CLUSTER = re.compile(r"[0-9](?:[0-9 \u00a0\u202f.\-\u2013/()]*[0-9])?\)?")
_NOT_DIGITS = str.maketrans(
    "", "", "".join(chr(c) for c in range(128) if not chr(c).isdigit()) + "\u00a0\u202f\u2013"
)

# Lookaheads need a few characters after a cluster to look at.
MARGIN = 4


class Cluster(NamedTuple):
    start: int
    end: int
    digits: int
    limit: int  # where a detector's search in this cluster stops: a few characters after it


def clusters(text: str) -> list[Cluster]:
    found = []
    length = len(text)
    for match in CLUSTER.finditer(text):
        start, end = match.span()
        if start and text[start - 1] in "+(":
            start -= 1
            if start and text[start - 1] == "(" and text[start] == "+":
                start -= 1
        group = match.group()
        digits = len(group) if group.isdigit() else len(group.translate(_NOT_DIGITS))
        found.append(Cluster(start, end, digits, min(length, end + MARGIN)))
    return found


# The tail of an IBAN-like token sequence ("NL91 ABNA " or "DE89 3704 "): digits that follow it
# belong to the account number, also when the IBAN itself failed its check.
_IBAN_TAIL = re.compile(r"[A-Za-z]{2}[0-9]{2}(?:[ -][A-Za-z0-9]{4}){0,7}[ -]$")


def inside_iban_like(text: str, start: int) -> bool:
    if start < 2 or text[start - 1] not in " -":
        return False
    return bool(_IBAN_TAIL.search(text, max(0, start - 45), start))


def excluded(start: int, end: int, spans: list[Span] | None) -> bool:
    return bool(spans) and overlaps(start, end, spans or [])
