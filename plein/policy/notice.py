"""What the author is shown when the content gate acts on a text: the text with each finding
marked, the suggestion of each rule, and (for a warning) a token that lets the author post
exactly this text anyway.

The confirmation token is signed (Django's SECRET_KEY) over the author, a hash of the text and
the ids of the rules that warned: changing one character of the text, or a rule that warns for
something new, asks again. A service that gates several texts (a title and a body) passes the
same token to each check; each new warning adds its fingerprint to the token it hands back.
"""

import hashlib
from dataclasses import dataclass, field

from django.core import signing
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from plein.policy.engine import Action, Match

SALT = "plein.policy.confirmation"


@dataclass(frozen=True)
class Highlight:
    text: str
    suggestion: str
    action: str


@dataclass
class PolicyNotice:
    """The marked-up text and what to do about it, rendered by core/_policy_notice.html."""

    action: Action
    text: str  # the text as checked
    html: SafeString
    highlights: list[Highlight] = field(default_factory=list)
    token: str = ""  # set for a warning: the "Post anyway" button sends it back

    @property
    def is_warning(self) -> bool:
        return self.action == Action.WARN


def fingerprint(text: str, matches: list[Match]) -> str:
    digest = hashlib.sha256(text.encode()).hexdigest()[:32]
    return digest + ":" + ",".join(sorted({match.rule.id for match in matches}))


def confirmed(token: str, author_id: int | None) -> set[str]:
    """The fingerprints a valid token of this author confirms (none for a bad token)."""
    if not token:
        return set()
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return set()
    if not isinstance(data, dict) or data.get("a") != author_id:
        return set()
    return {str(item) for item in data.get("f", [])}


def token_for(author_id: int | None, fingerprints: set[str]) -> str:
    return signing.dumps({"a": author_id, "f": sorted(fingerprints)}, salt=SALT, compress=True)


def marked_html(text: str, matches: list[Match]) -> SafeString:
    """The text, escaped, with each finding in <mark> (overlapping findings merged)."""
    spans: list[tuple[int, int]] = []
    for start, end in sorted((m.finding.start, m.finding.end) for m in matches):
        if spans and start < spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    parts: list[str] = []
    position = 0
    for start, end in spans:
        parts.append(escape(text[position:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece of user text is escaped above


def notice_for(text: str, matches: list[Match], action: Action, token: str = "") -> PolicyNotice:
    highlights: list[Highlight] = []
    seen: set[tuple[str, str]] = set()
    for match in matches:
        key = (match.finding.text, str(match.suggestion))
        if key not in seen:
            seen.add(key)
            highlights.append(Highlight(match.finding.text, str(match.suggestion), match.action))
    return PolicyNotice(action, text, marked_html(text, matches), highlights, token)
