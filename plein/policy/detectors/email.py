"""E-mail addresses, normalised to lower case.

Plain addresses (`Anna.Jansen@Example.nl`) and the ways people write them to dodge spam
harvesters: `anna(at)example.nl`, `anna [at] example [dot] nl`, `anna(apenstaartje)example.nl`.
The domain must end in letters (a top-level domain), so `versie@2.0` is not an address.

The expression runs only around an `@` or a written-out "at": a 2,000-character post costs a
few string searches, not a regular expression started at every word.
"""

import re

from plein.policy.findings import Finding, Kind

_AT = r"(?:@|\s?[\(\[\{]\s?(?:at|apenstaartje)\s?[\)\]\}]\s?)"
_DOT = r"(?:\.|\s?[\(\[\{]\s?(?:dot|punt)\s?[\)\]\}]\s?)"
ADDRESS = re.compile(
    rf"(?<![\w.+%\-])(?P<local>[\w+%\-]+(?:\.[\w+%\-]+)*){_AT}"
    rf"(?P<domain>[^\W_](?:[\w\-]*[^\W_])?(?:{_DOT}[^\W_](?:[\w\-]*[^\W_])?)*{_DOT}[^\W\d_]{{2,24}})"
    r"(?![\w\-])(?!\.[^\W_])",
    re.IGNORECASE,
)
WRITTEN_AT = re.compile(r"[\(\[\{]\s?(?:at|apenstaartje)\s?[\)\]\}]", re.IGNORECASE)
_DOT_WORD = re.compile(_DOT, re.IGNORECASE)
_LOCAL_CHARS = frozenset(".+%-_")
MAX_LOCAL = 64


def _at_signs(text: str) -> list[tuple[int, int]]:
    found = []
    position = text.find("@")
    while position != -1:
        found.append((position, position + 1))
        position = text.find("@", position + 1)
    if "(" in text or "[" in text or "{" in text:
        found += [match.span() for match in WRITTEN_AT.finditer(text)]
    return found


def _local_start(text: str, at: int) -> int:
    start = at
    if start > 0 and text[start - 1] == " ":  # "anna (at) …"
        start -= 1
    limit = start - MAX_LOCAL
    while (
        start > 0
        and start > limit
        and (text[start - 1].isalnum() or text[start - 1] in _LOCAL_CHARS)
    ):
        start -= 1
    return start


def detect(text: str) -> list[Finding]:
    findings: list[Finding] = []
    after = 0
    for at_start, at_end in sorted(_at_signs(text)):
        if at_start < after:
            continue
        start = _local_start(text, at_start)
        match = ADDRESS.match(text, start, min(len(text), at_end + 260))
        if match is None:
            continue
        domain = _DOT_WORD.sub(".", match.group("domain"))
        value = f"{match.group('local')}@{domain}".lower()
        findings.append(Finding(Kind.EMAIL, value, match.start(), match.end(), match.group()))
        after = match.end()
    return findings
