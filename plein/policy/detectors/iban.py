"""IBANs of any country: mod 97 and the country's length and structure (python-stdnum).

Written compact (`NL91ABNA0417164300`), in groups of four (`NL91 ABNA 0417 1643 00`), with
hyphens, in lower case, with a space after the country (`NL 91 ABNA …`). The scanner starts
at two letters that begin a word followed by the two check digits (the digit clusters of
`_numbers.clusters` say where), reads exactly as many characters as the country's IBAN has,
allowing one space or hyphen between characters, and the IBAN must end there (no letter or
digit glued on).
"""

import re
from functools import lru_cache

from stdnum import iban as stdnum_iban
from stdnum import numdb

from plein.policy.detectors._numbers import Cluster
from plein.policy.detectors._numbers import clusters as find_clusters
from plein.policy.findings import Finding, Kind

_STRUCTURE = re.compile(r"([0-9]+)!([nac])")
_SEPARATORS = " -\u00a0"


@lru_cache(maxsize=256)
def bban_length(country: str) -> int | None:
    """The length of the country's BBAN (the IBAN after its first four characters)."""
    info = numdb.get("iban").info(country.upper())
    structure = info[0][1].get("bban") if info else None
    if not structure:
        return None
    return sum(int(count) for count, _kind in _STRUCTURE.findall(structure))


def _read(text: str, position: int, wanted: int) -> int | None:
    """The end of `wanted` alphanumeric characters read from `position`, or None."""
    length = len(text)
    taken = 0
    while taken < wanted:
        if position >= length:
            return None
        char = text[position]
        if char.isascii() and char.isalnum():
            taken += 1
            position += 1
        elif (
            char in _SEPARATORS
            and position + 1 < length
            and text[position + 1].isascii()
            and text[position + 1].isalnum()
        ):
            position += 1
        else:
            return None
    if position < length and (text[position].isalnum() or text[position] == "_"):
        return None
    return position


def _starts(text: str, clusters: list[Cluster]) -> list[tuple[int, int]]:
    """Where an IBAN may start, and where its check digits start: two ASCII letters starting a
    word, maybe a space ("NL 91 ABNA …"), then the cluster of digits that holds the check
    digits."""
    starts = []
    for cluster in clusters:
        digits = cluster.start
        if not (text[digits : digits + 2].isdigit() and text[digits : digits + 2].isascii()):
            continue
        start = digits - 2
        if start >= 1 and text[start + 1] == " ":  # "NL 91": the letters stand before the space
            start -= 1
            letters = text[start : start + 2]
        else:
            letters = text[start:digits] if start >= 0 else ""
        if (
            len(letters) == 2
            and letters.isascii()
            and letters.isalpha()
            and (start == 0 or not text[start - 1].isalnum())
        ):
            starts.append((start, digits))
    return starts


def detect(text: str, *, clusters: list[Cluster] | None = None) -> list[Finding]:
    findings: list[Finding] = []
    after = 0
    for start, check_digits in _starts(text, find_clusters(text) if clusters is None else clusters):
        if start < after:
            continue
        wanted = bban_length(text[start : start + 2])
        if wanted is None:
            continue
        end = _read(text, check_digits + 2, wanted)
        if end is None:
            continue
        compact = "".join(c for c in text[start:end] if c.isalnum()).upper()
        # Mod 97 with the country's length and structure. The national checks (Belgium's bank
        # register, for one) would refuse well-formed IBANs of banks stdnum does not know.
        if stdnum_iban.is_valid(compact, check_country=False):
            findings.append(Finding(Kind.IBAN, compact, start, end, text[start:end]))
            after = end
    return findings
