"""How other apps show their content kinds in the community's post cards.

An article, a question, an announcement or a poll is a `Post` of its kind plus a row in its own
app: the post gives it visibility, the feeds, comments and reactions. The owning app registers an
*extender* for its kind in `AppConfig.ready()`; `prepare_cards` calls it once per page with every
post of that kind, and includes the returned template in each card. An extender must cost a
constant number of queries, whatever the number of posts, and read only through the visibility
rule (the posts it gets are already visible to the viewer).
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from plein.community.models import Post
    from plein.people.models import Person


@dataclass(frozen=True)
class CardExtra:
    template: str  # included inside the card, with `extra` = context
    context: Any
    replaces_body: bool = False  # the template shows the text itself (an article's intro)


CardExtender = Callable[["Person", Sequence["Post"]], Mapping[int, CardExtra]]


@dataclass(frozen=True)
class ContentKind:
    extender: CardExtender
    # Where the content lives: the community's post page redirects there.
    detail_url: Callable[["Post"], str] | None = None
    # Where its author edits it (an article's title, cover and text; a question's title): the
    # community's editor, which knows only the post's text, redirects there.
    edit_url: Callable[["Post"], str] | None = None


_kinds: dict[str, ContentKind] = {}


def register_card_kind(
    kind: str,
    extender: CardExtender,
    *,
    detail_url: Callable[["Post"], str] | None = None,
    edit_url: Callable[["Post"], str] | None = None,
) -> None:
    _kinds[kind] = ContentKind(extender=extender, detail_url=detail_url, edit_url=edit_url)


def extras_for(viewer: "Person", posts: Sequence["Post"]) -> dict[int, CardExtra]:
    extras: dict[int, CardExtra] = {}
    by_kind: dict[str, list[Post]] = {}
    for post in posts:
        if post.kind in _kinds:
            by_kind.setdefault(post.kind, []).append(post)
    for kind, of_kind in by_kind.items():
        extras.update(_kinds[kind].extender(viewer, of_kind))
    return extras


def detail_url(post: "Post") -> str | None:
    kind = _kinds.get(post.kind)
    return kind.detail_url(post) if kind and kind.detail_url else None


def edit_url(post: "Post") -> str | None:
    kind = _kinds.get(post.kind)
    return kind.edit_url(post) if kind and kind.edit_url else None
