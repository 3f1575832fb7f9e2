"""Links: URLs (`https://…`, `www.…`) and bare domains (`plein.nl`, `bit.ly/x`).

A bare domain must end in a known top-level domain (`TOP_LEVEL_DOMAINS`), so `Node.js`,
`bijv.nl`-like abbreviations with an unknown ending, file names (`verslag.pdf`) and numbers
(`1.5`) are not links. The value is the host in lower case (without a port or a trailing dot).
Addresses of e-mail are not links. `domain_in(host, domains)` says whether a host is one of the
domains or a subdomain of one (`mail.example.com` is in `example.com`).
"""

import re
from collections.abc import Iterable

from plein.policy.findings import Finding, Kind, Span, overlaps

_TOP_LEVEL_DOMAINS = """
    com org net edu gov int mil info biz name pro io co ai app dev me tv ly gl gg to cc ws fm
    nl be de fr uk eu es it pt at ch dk se no fi is ie pl cz sk hu ro bg gr hr si rs ua ru tr
    lu li mt cy ee lv lt us ca mx br ar cl au nz jp cn hk tw kr in sg my id th ph vn za ng ke
    ma eg il ae sa ir pk bd amsterdam frl online site shop store tech cloud blog news nu xyz
    club live media email link page click work jobs careers social
"""
TOP_LEVEL_DOMAINS = frozenset(_TOP_LEVEL_DOMAINS.split())

URL = re.compile(
    r"(?<![\w@.\-])(?:(?:https?|ftp)://|www\.)[^\s<>\"'()\[\]{}]+[^\s<>\"'()\[\]{}.,;:!?]",
    re.IGNORECASE,
)
BARE = re.compile(
    r"(?<![\w@.\-/])(?P<host>(?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?\.)+(?P<tld>[a-z]{2,24}))"
    r"(?![\w\-@]|\.[a-z0-9])(?P<path>/[^\s<>\"'()\[\]{}]*[^\s<>\"'()\[\]{}.,;:!?])?",
    re.IGNORECASE,
)
_HOST = re.compile(
    r"^(?:[a-z][a-z0-9+.\-]*://)?(?:[^@/?#\s]*@)?(?P<host>[^/?#:\s]+)", re.IGNORECASE
)


def host_of(url: str) -> str:
    match = _HOST.match(url)
    return (match.group("host") if match else url).lower().rstrip(".")


_DOT_WORD = re.compile(r"\.([A-Za-z]{2,24})(?![\w\-])")
_HOST_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")


def _url_starts(text: str) -> list[int]:
    """Where URLs start: a scheme before "://", or "www." starting a word. Found with string
    searches, not a regular expression started at every character."""
    starts = []
    position = text.find("://")
    while position != -1:
        start = position
        while start > 0 and text[start - 1].isascii() and text[start - 1].isalpha():
            start -= 1
        if start < position:
            starts.append(start)
        position = text.find("://", position + 3)
    for www in ("www.", "WWW.", "Www."):
        position = text.find(www)
        while position != -1:
            if position == 0 or not text[position - 1].isalnum():
                starts.append(position)
            position = text.find(www, position + 4)
    return sorted(set(starts))


def detect(text: str, *, exclude: list[Span] | None = None) -> list[Finding]:
    findings: list[Finding] = []
    taken: list[Span] = list(exclude or [])
    for start in _url_starts(text):
        match = URL.match(text, start)
        if match is None or overlaps(match.start(), match.end(), taken):
            continue
        findings.append(
            Finding(Kind.LINK_DOMAIN, host_of(match.group()), start, match.end(), match.group())
        )
        taken.append(match.span())
    after = 0
    for dot in _DOT_WORD.finditer(text):
        tld = dot.group(1)
        if dot.start() < after or tld.lower() not in TOP_LEVEL_DOMAINS:
            continue
        if not (tld.islower() or tld.isupper()):  # "het.De volgende": a missing space
            continue
        start = dot.start()
        while start > 0 and text[start - 1] in _HOST_CHARS:
            start -= 1
        match = BARE.match(text, start)
        if match is None or overlaps(match.start(), match.end(), taken):
            continue
        after = match.end()
        findings.append(
            Finding(Kind.LINK_DOMAIN, match.group("host").lower(), start, after, match.group())
        )
    findings.sort(key=lambda finding: finding.start)
    return findings


def normalise_domain(domain: str) -> str:
    domain = domain.strip().lower()
    if "/" in domain or "://" in domain:
        domain = host_of(domain)
    return domain.removeprefix("*.").strip(".")


def domain_in(host: str, domains: Iterable[str]) -> bool:
    return any(host == domain or host.endswith("." + domain) for domain in domains)
