"""Phone numbers as Dutch people write them, and international numbers with a country code.

Dutch: `06-12345678`, `06 1234 5678`, `06 12 34 56 78`, `0612345678`, `(06) 12345678`,
`020-1234567`, `(020) 123 4567`, `0314 123456`, `0800-1234`, `0900 1234567`, `085 123 4567`;
with a country code: `+31 6 12345678`, `+31 (0)6 12345678`, `+31 06 12345678`, `0031 6 …`;
international: `+44 20 7946 0958`, `+1 (415) 555-0132`, `+32 2 123 45 67`.

How: a regular expression finds runs of digit groups joined by one separator (space, hyphen,
dot, slash, or parentheses); a run that starts like a date (`12-03-2025`) is skipped; from the
whole run down to its first group, the longest prefix that is a phone number wins (so
`06 12345678 24/7` gives the phone number and leaves `24/7`). A national number (leading 0)
must have ten digits (or be an 0800/090x number) and be valid in the Dutch numbering plan
(phonenumbers); `+31` numbers must be valid; other `+` numbers must have a possible length for
their country (fictional example numbers are still phone numbers); `00` numbers must be valid.
Dates, amounts, postcodes and order numbers do not start with 0 or + or do not fit those rules;
digits inside IBANs, card numbers and BSNs are left to those detectors.
"""

import re
from functools import lru_cache

import phonenumbers

from plein.policy.detectors._numbers import BEFORE, Cluster, excluded, inside_iban_like
from plein.policy.detectors._numbers import clusters as find_clusters
from plein.policy.findings import Finding, Kind, Span

_SPACE = r"[ \u00a0\u202f]"
_SEPARATOR = rf"(?:{_SPACE}?[\-\u2013./]{_SPACE}?|{_SPACE}|(?<=\))|(?=\())"
RUN = re.compile(BEFORE + rf"(?:\+|\(\+)?\(?[0-9]+\)?(?:{_SEPARATOR}\(?[0-9]+\)?){{0,7}}(?![0-9])")
GROUP = re.compile(r"\(?\+?[0-9]+\)?")
DATE = re.compile(
    r"(?:[0-9]{1,2}[\-./][0-9]{1,2}[\-./][0-9]{2,4}|[0-9]{4}[\-./][0-9]{1,2}[\-./][0-9]{1,2})"
    r"(?![0-9])(?![\-./][0-9])"
)
_TRUNK = re.compile(r"\(0\)")
_TIME_AFTER = re.compile(r"[:.,][0-9]|[^\W_]")
_SPECIAL_PREFIXES = ("0800", "0900", "0906", "0909")


def _digits(candidate: str) -> str:
    return "".join(c for c in candidate if c.isdigit())


@lru_cache(maxsize=4096)
def normalise(candidate: str) -> str | None:
    """The number in E.164 when `candidate` is a phone number, else None. (Remembered:
    phonenumbers parses in pure Python, a tenth of a millisecond a number.)"""
    stripped = candidate.lstrip("(")
    try:
        if stripped.startswith("+"):
            digits = _digits(_TRUNK.sub("", candidate))
            if digits.startswith("310"):  # "+31 06 12345678": the 0 does not belong there
                digits = "31" + digits[3:]
            if not 8 <= len(digits) <= 15:
                return None
            number = phonenumbers.parse("+" + digits, None)
            if digits.startswith("31"):
                ok = phonenumbers.is_valid_number(number)
            else:
                ok = phonenumbers.is_valid_number(number) or (
                    phonenumbers.is_possible_number_with_reason(number)
                    == phonenumbers.ValidationResult.IS_POSSIBLE
                )
        elif stripped.startswith("00"):
            digits = _digits(candidate)[2:]
            if digits.startswith("310"):
                digits = "31" + digits[3:]
            if not 8 <= len(digits) <= 15:
                return None
            number = phonenumbers.parse("+" + digits, None)
            ok = phonenumbers.is_valid_number(number)
        elif stripped.startswith("0"):
            digits = _digits(candidate)
            if len(digits) != 10 and not (
                digits.startswith(_SPECIAL_PREFIXES) and 8 <= len(digits) <= 11
            ):
                return None
            number = phonenumbers.parse(digits, "NL")
            ok = phonenumbers.is_valid_number(number)
        else:
            return None
    except phonenumbers.NumberParseException:
        return None
    if not ok:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def detect(
    text: str, *, exclude: list[Span] | None = None, clusters: list[Cluster] | None = None
) -> list[Finding]:
    findings: list[Finding] = []
    for cluster in find_clusters(text) if clusters is None else clusters:
        if cluster.digits >= 8:
            findings += _detect_in(text, cluster.start, cluster.limit, exclude)
    return findings


def _detect_in(text: str, position: int, limit: int, exclude: list[Span] | None) -> list[Finding]:
    findings: list[Finding] = []
    while (match := RUN.search(text, position, limit)) is not None:
        start, run_end = match.span()
        position = run_end
        run = match.group()
        if not (run[0] in "+0" or run[:2] in ("(0", "(+")):
            continue
        date = DATE.match(run)
        if date:
            position = start + date.end()
            continue
        if excluded(start, run_end, exclude) or inside_iban_like(text, start):
            continue
        groups = list(GROUP.finditer(run))
        for count in range(len(groups), 0, -1):
            end = start + groups[count - 1].end()
            if count < len(groups) and _TIME_AFTER.match(text, end):
                continue
            value = normalise(text[start:end])
            if value:
                findings.append(Finding(Kind.PHONE, value, start, end, text[start:end]))
                position = end
                break
    return findings
