"""Home addresses.

Found, with the value normalised as shown:
- a Dutch postcode with a house number before it, after a street: `Kerkstraat 12, 3511 AB
  Utrecht`, `Kerkstraat 12a\n3511AB` → `3511AB 12A`;
- a Dutch postcode followed by the house number: `3511 AB 12`, `3511AB-12`, `postcode 3511 AB
  huisnummer 12`, `3511 AB nr. 12` → `3511AB 12`;
- a street with a Dutch street-name ending and a house number, without a postcode:
  `Dorpsstraat 5`, `Burgemeester Reigerstraat 12 bis` → `Dorpsstraat 5` (as written, spaces
  collapsed);
- an English street address: `221B Baker Street` → `221B Baker Street`.

A postcode alone (`3511 AB`, `postcode 3511AB`), a postcode area (`3500`), or a P.O. box
(`Postbus 123, 3500 AA`) is not an address. Postcode letters are upper case (`3511 AB`), or lower
case written together (`3511ab`), so `2024 en` is not a postcode.
"""

import re

from plein.policy.detectors._numbers import Cluster
from plein.policy.detectors._numbers import clusters as find_clusters
from plein.policy.findings import Finding, Kind, Span, overlaps

POSTCODE = re.compile(
    r"(?<![\w\-])(?P<digits>[1-9][0-9]{3})"
    r"(?:[ \u00a0]?(?P<upper>[A-Z]{2})|(?P<lower>[a-z]{2}))(?![\w])"
)
_ADDITION = (
    r"(?:[ ]?[A-Za-z](?![\w])|-[0-9]{1,4}|-[A-Za-z]{1,3}"
    r"|[ ](?:bis|hs|huis|zw|rd|I{1,3})(?![\w]))"
)
STREET_BEFORE = re.compile(
    r"(?P<street>[A-Z][\w'’.\-]*"
    r"(?:[ ](?:[A-Z][\w'’.\-]*|van|de|der|den|het|ter|ten|'t|aan|op|in|la|le))*)"
    rf"[ ]+(?P<number>[0-9]{{1,5}})(?P<addition>{_ADDITION})?[ \t]*[,\n]?[ \t\n]*$"
)
NUMBER_AFTER = re.compile(
    r"(?:[ \u00a0]*[,\-][ ]*(?:(?:huis)?n(?:umme)?r\.?:?[ ]*)"
    r"|[ \u00a0]*(?:(?:huis)?n(?:umme)?r\.?:?[ ]*)?|-)"
    rf"(?P<number>[0-9]{{1,5}})(?P<addition>{_ADDITION})?(?![0-9])(?![.,:/][0-9])",
    re.IGNORECASE,
)
_NOT_STREETS = frozenset({"postbus", "antwoordnummer", "postcode", "nummer", "nr", "huisnummer"})
# Endings that place names rarely have (no -dam, -wijk, -berg: "Rotterdam 2025", "Katwijk 3-1").
STREET_ENDINGS = (
    "straat|laan|weg|plein|gracht|kade|singel|dijk|steeg|hof|park|markt|pad|dreef|ring|baan"
    "|kanaal|wal|haven|plantsoen|boulevard|allee|wetering|vaart|brink|kering"
)
_STREET_ENDINGS = tuple(STREET_ENDINGS.split("|"))
_ENGLISH_START = re.compile(r"[A-Za-z]?[ ][A-Z]")
STREET_WITH_NUMBER = re.compile(
    r"(?<![\w\-])(?P<street>"
    r"(?:[A-Z][\w'’.]*[ ](?:(?:[A-Z][\w'’.]*|van|de|der|den|het|ter|ten)[ ])*)?"
    rf"[A-Z][\w'’\-]*(?:{STREET_ENDINGS}))"
    rf"[ ]+(?P<number>[0-9]{{1,5}})(?P<addition>{_ADDITION})?(?![0-9])(?![.,:/][0-9])(?![ ]?%)"
)
ENGLISH = re.compile(
    r"(?<![\w\-])(?P<number>[0-9]{1,5}[A-Za-z]?)[ ]+(?P<street>(?:[A-Z][a-z]+[ ]){1,3}"
    r"(?:Street|St\.|Road|Rd\.|Avenue|Ave\.|Lane|Drive|Court|Place|Square|Close|Crescent"
    r"|Terrace|Gardens|Boulevard|Way))(?![\w])"
)


# Capitalised words that start a sentence rather than a street name ("In Kerkstraat 12").
_SENTENCE_WORDS = (
    "in op ik we wij mijn ons onze aan naar bij via te het een en is at the my our to on"
)
_LEADING_NOT_STREET = frozenset(_SENTENCE_WORDS.split())


def _value(postcode: str, number: str, addition: str | None) -> str:
    return f"{postcode} {number}{(addition or '').strip().upper()}"


def _street_start(match: re.Match[str]) -> int:
    """Where the street name starts, leaving out sentence words caught before it."""
    start = match.start("street")
    for word in match.group("street").split(" ")[:-1]:
        if word.lower() not in _LEADING_NOT_STREET:
            break
        start += len(word) + 1
    return start


def _ends_in_street_name(text: str, number_start: int) -> bool:
    """Whether the word before the number (after spaces) looks like a street name: upper-case
    first letter, a street-name ending. Cheap: it decides whether the full pattern runs."""
    before = text[max(0, number_start - 40) : number_start]
    stripped = before.rstrip(" ")
    if len(stripped) == len(before) or not stripped:
        return False
    word = stripped.rsplit(maxsplit=1)[-1]
    return word.endswith(_STREET_ENDINGS) and (word[0].isupper() or "-" in word)


def detect(text: str, *, clusters: list[Cluster] | None = None) -> list[Finding]:
    findings: list[Finding] = []
    taken: list[Span] = []
    found = find_clusters(text) if clusters is None else clusters
    for cluster in found:
        if cluster.digits < 4:
            continue
        for match in POSTCODE.finditer(text, cluster.start, cluster.limit):
            finding = _postcode_address(text, match)
            if finding is not None:
                findings.append(finding)
                taken.append((finding.start, finding.end))
    for cluster in found:
        start = cluster.start
        if cluster.digits > 5 or overlaps(start, cluster.end, taken):
            continue
        if start > 1 and text[start - 1] == " " and _ends_in_street_name(text, start):
            street = _street_ending_at(text, start, cluster.end)
            if street is None:
                continue
            start, end = _street_start(street), street.end()
            if overlaps(start, end, taken):
                continue
            value = " ".join(text[start:end].split())
            findings.append(Finding(Kind.ADDRESS, value, start, end, text[start:end]))
            taken.append((start, end))
        elif _ENGLISH_START.match(text, cluster.end):
            english = ENGLISH.match(text, start)
            if english is None:
                continue
            start, end = english.span()
            if overlaps(start, end, taken):
                continue
            value = " ".join(english.group().split())
            findings.append(Finding(Kind.ADDRESS, value, start, end, english.group()))
    findings.sort(key=lambda finding: finding.start)
    return findings


def _street_ending_at(text: str, number_start: int, number_end: int) -> re.Match[str] | None:
    """The street name with the house number that starts at `number_start`."""
    for match in STREET_WITH_NUMBER.finditer(text, max(0, number_start - 80), number_end + 12):
        if match.start("number") == number_start:
            return match
    return None


def _postcode_address(text: str, match: re.Match[str]) -> Finding | None:
    letters = match.group("upper") or match.group("lower").upper()
    if letters in ("SA", "SD", "SS"):
        return None
    postcode = match.group("digits") + letters
    # A house number before the postcode ("Kerkstraat 12a, 3511 AB"): look for the street only
    # when there is a digit just before.
    near = text[max(0, match.start() - 14) : match.start()]
    before = (
        STREET_BEFORE.search(text, max(0, match.start() - 80), match.start())
        if any(char.isdigit() for char in near)
        else None
    )
    if before and before.group("street").split()[-1].lower().strip(".") not in _NOT_STREETS:
        start, end = _street_start(before), match.end()
        value = _value(postcode, before.group("number"), before.group("addition"))
    else:
        after = NUMBER_AFTER.match(text, match.end())
        if not after:
            return None
        start, end = match.start(), after.end()
        value = _value(postcode, after.group("number"), after.group("addition"))
    return Finding(Kind.ADDRESS, value, start, end, text[start:end])
