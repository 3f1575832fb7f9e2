"""The content gate: every piece of user text passes `pass_gate` before it is stored.

For now it enforces lengths, renders the safe Markdown subset to sanitised HTML and extracts
mentions and #topics. The policy engine (a later capability) plugs in here, and nowhere else.

Mentions are written as `@[Name](p:ID)` for a person and `@[Name](g:ID)` for a group: the
composer's autocomplete inserts them. #topics are words after a hash sign.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import nh3
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from markdown_it import MarkdownIt

from plein.policy.active import active_rule_set
from plein.policy.engine import Action, Scope, verdict

if TYPE_CHECKING:
    from plein.people.models import Person

MENTION = re.compile(r"@\[(?P<label>[^\]\n]{1,120})\]\((?P<kind>[pg]):(?P<id>\d{1,12})\)")
TOPIC = re.compile(r"(?<![\w&#/])#(?P<name>[^\W_][\w-]{0,59})", re.UNICODE)
CODE_SPANS = re.compile(r"```.*?```|`[^`\n]*`", re.DOTALL)

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "a",
    "blockquote",
    "code",
    "pre",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "class"}}

_markdown = (
    MarkdownIt("commonmark", {"html": False, "linkify": True, "breaks": True, "typographer": False})
    .enable("linkify")
    .disable(["image", "heading", "lheading", "table"], ignoreInvalid=True)
)


class Limits:
    POST = 5000
    COMMENT = 2000


@dataclass
class GatedText:
    """Text that passed the gate, with what it refers to."""

    markdown: str
    html: str
    mentioned_person_ids: list[int] = field(default_factory=list)
    mentioned_group_ids: list[int] = field(default_factory=list)
    topic_names: list[str] = field(default_factory=list)
    # The policy rules want a person to look before the text is shown (Action.HOLD).
    held: bool = False


def topic_slug(name: str) -> str:
    """`#Warmtepompen`, `#warmtepompen` and `#wármtepompen` are one topic."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _outside_code(text: str) -> str:
    return CODE_SPANS.sub(" ", text)


def pass_gate(
    text: str,
    *,
    author: "Person | None",
    max_length: int,
    allow_empty: bool = False,
    scope: "Scope | str | None" = None,
) -> GatedText:
    """Check and prepare user text. Raises ValidationError (in the author's language) and
    changes nothing when the text may not be stored."""
    text = (text or "").replace("\r\n", "\n").strip()
    if not text and not allow_empty:
        raise ValidationError(_("Write something first."), code="empty")
    if len(text) > max_length:
        raise ValidationError(
            _("This text is %(length)d characters long; at most %(max)d are allowed.")
            % {"length": len(text), "max": max_length},
            code="too_long",
        )
    if "\x00" in text:
        raise ValidationError(
            _("This text contains characters that cannot be stored."), code="text"
        )

    held = False
    if scope is not None:
        # The posting codes of `scope` (plein.policy): block and warn refuse the text (the
        # caller shows why), hold lets it through marked for review.
        worst = verdict(active_rule_set().check(text, scope))
        if worst == Action.BLOCK:
            raise ValidationError(
                _("This text contains something that may not be stored here."),
                code="policy_block",
            )
        if worst == Action.WARN:
            raise ValidationError(_("Check this text before you send it."), code="policy_warn")
        held = worst == Action.HOLD

    searchable = _outside_code(text)
    person_ids = [int(m["id"]) for m in MENTION.finditer(searchable) if m["kind"] == "p"]
    group_ids = [int(m["id"]) for m in MENTION.finditer(searchable) if m["kind"] == "g"]
    without_mentions = MENTION.sub(" ", searchable)
    topics: dict[str, str] = {}
    for match in TOPIC.finditer(without_mentions):
        topics.setdefault(topic_slug(match["name"]), match["name"])

    return GatedText(
        markdown=text,
        html=render(text),
        mentioned_person_ids=list(dict.fromkeys(person_ids)),
        mentioned_group_ids=list(dict.fromkeys(group_ids)),
        topic_names=list(topics.values()),
        held=held,
    )


def _link_mentions_and_topics(text: str) -> str:
    """Turn mention tokens and #topics into Markdown links before rendering."""

    def mention(match: re.Match[str]) -> str:
        label = match["label"].replace("[", "").replace("]", "")
        if match["kind"] == "p":
            url = reverse("people:profile", args=[int(match["id"])])
        else:
            url = reverse("community:group_by_id", args=[int(match["id"])])
        return f"[@{label}]({url})"

    def topic(match: re.Match[str]) -> str:
        url = reverse("community:topic", args=[topic_slug(match["name"])])
        return f"[#{match['name']}]({url})"

    parts = re.split(r"(```.*?```|`[^`\n]*`)", text, flags=re.DOTALL)
    for index in range(0, len(parts), 2):
        part = MENTION.sub(mention, parts[index])
        parts[index] = TOPIC.sub(topic, part)
    return "".join(parts)


def render(text: str) -> str:
    html = _markdown.render(_link_mentions_and_topics(text))
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def plain_excerpt(text: str, length: int = 160) -> str:
    """A short plain-text excerpt for titles and previews."""
    plain = MENTION.sub(lambda m: "@" + m["label"], text)
    plain = re.sub(r"[*_`>#\[\]()]", "", plain)
    plain = " ".join(plain.split())
    return plain[: length - 1] + "…" if len(plain) > length else plain
