"""Article text: Markdown with headings, images, lists, links and quotes, always sanitised.

The text has passed the content gate (`pass_gate`) before it gets here; the gate renders the
short-post subset, so articles have their own renderer: markdown-it with ATX headings (a `#`
title becomes h2 — the page's h1 is the article's title — and anything deeper than h4 is h4) and
images. An image may only be one uploaded to the article, written `![description](upload:12)`
(or with the image's own URL); its description is required (the upload's own description is
used when the text leaves it empty). Everything goes through nh3 with a fixed list of tags.
"""

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import nh3
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import slugify
from markdown_it import MarkdownIt
from markdown_it.token import Token

from plein.articles.models import ArticleImage
from plein.community.services.gate import ALLOWED_TAGS, MENTION, TOPIC, topic_slug

ARTICLE_TAGS = ALLOWED_TAGS | {"h2", "h3", "h4", "img"}
ARTICLE_ATTRIBUTES = {
    "a": {"href", "class"},
    "img": {"src", "alt", "width", "height", "loading"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
}
IMAGE_REFERENCE = re.compile(
    r"^(?:upload:(?P<ref>\d{1,12})|/articles/images/(?P<url>\d{1,12})/(?:file/)?)$"
)
PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
TAGS = re.compile(r"<[^>]+>")
# Where a tag separates words (a line break, the end of a block); other tags sit inside words.
BREAKS = re.compile(r"<br\s*/?>|</(?:p|h[1-6]|li|blockquote|pre|ul|ol)>|<hr\s*/?>|<img[^>]*>")

_markdown = (
    MarkdownIt("commonmark", {"html": False, "linkify": True, "breaks": True, "typographer": False})
    .enable("linkify")
    # Setext headings ("text" over "---") surprise people who type a line of dashes.
    .disable(["lheading", "table"], ignoreInvalid=True)
)


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str


@dataclass
class RenderedArticle:
    html: str
    headings: list[Heading] = field(default_factory=list)
    word_count: int = 0
    image_ids: list[int] = field(default_factory=list)  # the uploads the text shows
    unknown_images: list[str] = field(default_factory=list)  # references to anything else


def image_url(image_id: int, variant: str = "file") -> str:
    return reverse("articles:image", args=[image_id, variant])


def _link_mentions_and_topics(text: str) -> str:
    """Mention tokens and #topics as Markdown links, outside code (as the gate does)."""

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
        # A heading's "#" is followed by a space and never matches TOPIC.
        parts[index] = TOPIC.sub(topic, MENTION.sub(mention, parts[index]))
    return "".join(parts)


def _inline_text(token: Token) -> str:
    return "".join(
        child.content for child in (token.children or []) if child.type in ("text", "code_inline")
    )


def _image_markup(image: ArticleImage, alt: str) -> str:
    if image.width and image.height:
        return format_html(
            '<img src="{}" alt="{}" width="{}" height="{}" loading="lazy">',
            image_url(image.pk),
            alt or image.alt,
            image.width,
            image.height,
        )
    return format_html(
        '<img src="{}" alt="{}" loading="lazy">', image_url(image.pk), alt or image.alt
    )


def render_article(text: str, images: Mapping[int, ArticleImage]) -> RenderedArticle:
    """Render gated article text; `images` are the article's uploads by id."""
    result = RenderedArticle(html="")
    tokens = _markdown.parse(_link_mentions_and_topics(text))
    anchors: set[str] = set()
    for index, token in enumerate(tokens):
        if token.type in ("heading_open", "heading_close"):
            level = min(max(int(token.tag[1]), 2), 4)
            token.tag = f"h{level}"
            if token.type == "heading_open":
                title = _inline_text(tokens[index + 1]) if index + 1 < len(tokens) else ""
                anchor = base = "h-" + (slugify(title)[:60] or "section")
                number = 2
                while anchor in anchors:
                    anchor, number = f"{base}-{number}", number + 1
                anchors.add(anchor)
                token.attrSet("id", anchor)
                result.headings.append(Heading(level, " ".join(title.split()), anchor))
        if token.type != "inline" or not token.children:
            continue
        for position, child in enumerate(token.children):
            if child.type != "image":
                continue
            reference = IMAGE_REFERENCE.match(str(child.attrGet("src") or ""))
            image_id = int(reference["ref"] or reference["url"]) if reference else None
            alt = " ".join(child.content.replace("*", "").replace("_", "").split())
            replacement = Token("html_inline", "", 0)
            if image_id is not None and image_id in images:
                replacement.content = _image_markup(images[image_id], alt)
                result.image_ids.append(image_id)
            else:
                result.unknown_images.append(str(child.attrGet("src") or ""))
                replacement.content = html.escape(alt)
            token.children[position] = replacement
    rendered = _markdown.renderer.render(tokens, _markdown.options, {})
    result.html = nh3.clean(
        rendered,
        tags=ARTICLE_TAGS,
        attributes=ARTICLE_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    result.word_count = len(plain_text(result.html).split())
    return result


def plain_text(sanitised_html: str) -> str:
    return " ".join(html.unescape(TAGS.sub("", BREAKS.sub(" ", sanitised_html))).split())


def excerpt(sanitised_html: str, length: int = 240) -> str:
    """The first paragraphs of the rendered text as plain text (no headings, no images), cut at
    a word. #topics stay (as text) so the post that carries the article is found under them."""
    words: list[str] = []
    size = 0
    for paragraph in PARAGRAPH.findall(sanitised_html):
        for word in plain_text(paragraph).split():
            if size + len(word) + 1 > length:
                return " ".join(words).rstrip(".,;:!?") + "…"
            words.append(word)
            size += len(word) + 1
    return " ".join(words)
