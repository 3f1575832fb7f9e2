"""Careers text through the content gate, made fit for the public.

Every text HR writes (a vacancy, the employer story) passes `pass_gate` like any other user
text. The gate's HTML links @mentions and #topics to internal pages; on the public site those
links lead nowhere for a visitor (and reveal internal URLs), so they become plain text here.
"""

import re

import nh3
from django.core.exceptions import ValidationError

from plein.community.services.gate import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, MENTION, pass_gate
from plein.people.models import Person
from plein.policy.engine import Scope


class Limits:
    VACANCY_DESCRIPTION = 10_000
    EMPLOYER_STORY = 10_000


def _drop_internal_href(tag: str, attribute: str, value: str) -> str | None:
    if (
        tag == "a"
        and attribute == "href"
        and not value.startswith(("http://", "https://", "mailto:"))
    ):
        return None
    if attribute == "class":
        return None
    return value


# An <a> left without an address (nh3 output: no other attributes can hold a ">").
_ANCHOR_WITHOUT_HREF = re.compile(r"<a(?![^>]*\shref=)[^>]*>(.*?)</a>", re.DOTALL)


def public_html(html: str) -> str:
    """Sanitised gate HTML without links to internal pages (they stay as their text)."""
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        attribute_filter=_drop_internal_href,
    )
    return _ANCHOR_WITHOUT_HREF.sub(r"\1", cleaned)


def first_names_only(markdown: str) -> str:
    """Mentions of colleagues in a story keep only the first name: they did not agree to be
    named in public."""

    def first(match: re.Match[str]) -> str:
        return "@" + (match["label"].split() or ["?"])[0]

    return MENTION.sub(first, markdown)


def gated_public_html(text: str, *, author: Person, max_length: int, field: str) -> str:
    """Pass the gate (errors land on `field`) and return the public HTML."""
    try:
        # Public text: the careers site's rules, so a BSN or a confidential project name never
        # goes out. HR writes it and publishes it itself: warnings pass, and what would be
        # held for a review ("health insurance" is a special category word) is HR's review.
        gated = pass_gate(
            text, author=author, max_length=max_length, scope=Scope.CAREERS, can_hold=True
        )
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from error
    return public_html(gated.html)
