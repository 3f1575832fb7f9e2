"""Small helpers shared by the article and board views."""

import html
import re
from dataclasses import dataclass

from django.http import HttpRequest

from plein.articles.services.render import TAGS

HEADING = re.compile(r'<h2 id="(?P<anchor>[^"]+)">(?P<text>.*?)</h2>', re.DOTALL)
MIN_HEADINGS_FOR_CONTENTS = 3


@dataclass(frozen=True)
class ContentsEntry:
    anchor: str
    text: str


def table_of_contents(body_html: str) -> list[ContentsEntry]:
    """The article's h2 headings, when there are enough of them to be worth a list."""
    entries = [
        ContentsEntry(match["anchor"], " ".join(html.unescape(TAGS.sub("", match["text"])).split()))
        for match in HEADING.finditer(body_html)
    ]
    return entries if len(entries) >= MIN_HEADINGS_FOR_CONTENTS else []


def before_cursor(request: HttpRequest) -> int | None:
    value = request.GET.get("before", "")
    return int(value) if value.isdigit() and 0 < int(value) < 2**62 else None


def more_url(request: HttpRequest, cursor: int | None) -> str:
    if cursor is None:
        return ""
    query = request.GET.copy()
    query["before"] = str(cursor)
    return f"{request.path}?{query.urlencode()}"
