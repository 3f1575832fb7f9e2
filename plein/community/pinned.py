"""Posts pinned at the top of a person's home feed by apps above community.

An announcement stays on top of its recipient's home feed until they have read it. Community
must not know about announcements (apps depend downwards), so an app registers a *provider* in
its `AppConfig.ready()`: given the viewer, it returns the ids of the posts to pin, newest first,
in one query. The home view reads those posts through `Post.objects.visible_to` like any other.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from plein.people.models import Person

MAX_PINNED = 5


@dataclass(frozen=True)
class Pinned:
    post_ids: list[int]  # newest first, at most the limit asked for
    # Where the rest is listed (and the link's text), when there are more than the limit.
    more_url: str = ""
    more_label: str = ""


PinnedProvider = Callable[["Person", int], Pinned]

_providers: list[PinnedProvider] = []


def register_pinned_provider(provider: PinnedProvider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def pinned_for(
    viewer: "Person", limit: int = MAX_PINNED
) -> tuple[list[int], list[tuple[str, str]]]:
    """The post ids to pin for the viewer (at most `limit`), and links (url, text) to the rest."""
    ids: list[int] = []
    more: list[tuple[str, str]] = []
    for provider in _providers:
        pinned = provider(viewer, limit)
        ids.extend(pk for pk in pinned.post_ids if pk not in ids)
        if pinned.more_url:
            more.append((pinned.more_url, pinned.more_label))
    return ids[:limit], more
