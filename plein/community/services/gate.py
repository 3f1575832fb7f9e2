"""The content gate: every piece of user text passes `pass_gate` before it is stored.

It enforces lengths, checks the text against the posting codes in force
(`plein.policy.active.active_rule_set()`, for the scope the text is published in), renders the
safe Markdown subset to sanitised HTML and extracts mentions and #topics.

What the rules decide: *block* raises `PolicyError` (code "policy_block"); *warn* raises
`PolicyError` (code "policy_warn") unless `confirmation` is the token of an earlier warning about
exactly this text; *hold* returns the text with `held=True` when the caller can hold it for
review (`can_hold`), and otherwise raises (code "policy_hold"). A suspended author cannot write.

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
from django.utils.translation import gettext_lazy
from markdown_it import MarkdownIt

from plein.policy import active
from plein.policy import notice as policy_notice
from plein.policy.documents import posting_blocked_reason
from plein.policy.engine import Action, Match, Scope, verdict
from plein.policy.suspensions import suspended_until, suspension_message

if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

    from django.forms import Form

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
    matches: list[Match] = field(default_factory=list)  # what the rules found (and accepted)
    held: bool = False  # to be reviewed by a moderator before anyone else sees it


# Told to the author of a text the rules hold for review (after a form, in the API's 202).
HELD_MESSAGE = gettext_lazy(
    "Your text is waiting for a moderator's review: only you can see it until it is approved. "
    "You will be told the decision."
)


class PolicyError(ValidationError):
    """The rules refuse the text (for now): `notice` shows the author where and why."""

    def __init__(self, message: str, *, code: str, notice: policy_notice.PolicyNotice) -> None:
        super().__init__(message, code=code)
        self.notice = notice


def policy_error_in(error: BaseException | None) -> PolicyError | None:
    """The PolicyError inside a (possibly re-raised or combined) ValidationError, if any."""
    while error is not None:
        if isinstance(error, PolicyError):
            return error
        if isinstance(error, ValidationError):
            items = (
                [e for errors in error.error_dict.values() for e in errors]
                if hasattr(error, "error_dict")
                else error.error_list
            )
            for item in items:
                if isinstance(item, PolicyError):
                    return item
        error = error.__cause__ or error.__context__
    return None


def topic_slug(name: str) -> str:
    """`#Warmtepompen`, `#warmtepompen` and `#wármtepompen` are one topic."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _outside_code(text: str) -> str:
    return CODE_SPANS.sub(" ", text)


CONFIRMATION_FIELD = "policy_confirmation"  # the "Post anyway" button's name


def confirmation_from(data: "Mapping[str, Any] | None") -> str:
    """The token a form sent back with "Post anyway" (empty when it did not)."""
    value = data.get(CONFIRMATION_FIELD, "") if data is not None else ""
    return value if isinstance(value, str) else ""


def show_policy_notice(form: "Form", error: BaseException, fallback: str = "text") -> bool:
    """Put the gate's notice (marked text, suggestions, "Post anyway") under the form field
    whose text it is about (`fallback` when none matches exactly). core/_policy_notice.html
    renders it from django/forms/field.html. Returns whether there was one."""
    found = policy_error_in(error)
    if found is None:
        return False
    checked = found.notice.text
    target = fallback if fallback in form.fields else next(iter(form.fields), "")
    for name in form.fields:
        value = form.data.get(form.add_prefix(name)) if form.is_bound else None
        if isinstance(value, str) and value.replace("\r\n", "\n").strip() == checked:
            target = name
            break
    form.policy_notice = found.notice  # type: ignore[attr-defined]
    form.policy_field = target  # type: ignore[attr-defined]
    return True


def pass_gate(
    text: str,
    *,
    author: "Person | None",
    max_length: int,
    allow_empty: bool = False,
    scope: Scope = Scope.INTERNAL,
    confirmation: str | None = None,
    can_hold: bool = False,
) -> GatedText:
    """Check and prepare user text. Raises ValidationError (in the author's language) and
    changes nothing when the text may not be stored. `author` is None for an anonymous
    candidate on the careers site.

    `confirmation`: "" (or a token) for a caller that can ask its author about a warning —
    every service behind a form passes the form's `policy_confirmation` through. None is for
    a caller with nobody to ask (demo content, imports, a caller not wired yet): warnings do
    not stop the text, they are returned in `matches`; blocks and holds still apply."""
    if author is not None:
        until = suspended_until(author)
        if until is not None:
            raise ValidationError(suspension_message(until), code="suspended")
        if blocked := posting_blocked_reason(author):
            raise ValidationError(blocked, code="policy_not_accepted")
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

    matches, held = _check_rules(text, author, scope, confirmation, can_hold)

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
        matches=matches,
        held=held,
    )


def confirm_warnings(
    text: str, author: "Person | None", scope: Scope = Scope.INTERNAL, confirmation: str = ""
) -> str:
    """`confirmation` plus the warnings of `text`, as if the author had pressed "Post anyway".
    Only for text the author cannot be asked about now and has already confirmed: text a
    service derives from parts that passed the gate (an article's post), a draft only the
    author sees, a scheduled publication checked when it was scheduled."""
    text = (text or "").replace("\r\n", "\n").strip()
    matches = active.active_rule_set().check(text, scope) if text else []
    if verdict(matches) != Action.WARN:
        return confirmation
    author_id = author.pk if author is not None else None
    already = policy_notice.confirmed(confirmation, author_id)
    return policy_notice.token_for(author_id, already | {policy_notice.fingerprint(text, matches)})


def _check_rules(
    text: str, author: "Person | None", scope: Scope, confirmation: str | None, can_hold: bool
) -> tuple[list[Match], bool]:
    matches = active.active_rule_set().check(text, scope) if text else []
    worst = verdict(matches)
    if worst is None:
        return [], False
    acting = [m for m in matches if m.action == worst]
    if worst == Action.BLOCK:
        raise PolicyError(
            _("This text cannot be posted: change the marked parts first."),
            code="policy_block",
            notice=policy_notice.notice_for(text, acting, worst),
        )
    if worst == Action.HOLD:
        if can_hold:
            return matches, True
        raise PolicyError(
            _(
                "This text would need a moderator's review, which is not possible here: "
                "change the marked parts first."
            ),
            code="policy_hold",
            notice=policy_notice.notice_for(text, acting, worst),
        )
    if confirmation is None:
        return matches, False
    author_id = author.pk if author is not None else None
    already = policy_notice.confirmed(confirmation, author_id)
    mark = policy_notice.fingerprint(text, acting)
    if mark in already:
        return matches, False
    raise PolicyError(
        _("Check the marked parts before you post this. You can change them, or post anyway."),
        code="policy_warn",
        notice=policy_notice.notice_for(
            text, acting, worst, policy_notice.token_for(author_id, already | {mark})
        ),
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
