"""Community posts and comments in the index, kept current from the community's events.

Posts of the kinds that live in another app (articles, questions) are indexed by that app, with
their own titles and URLs, through `services.index`; this module indexes only the plain kinds.
`reindex` rebuilds the whole index in bulk: posts and comments with plain SQL in batches, then
every registered source.
"""

import heapq
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

from django.db import connection, transaction
from django.urls import reverse

from plein.community import events
from plein.community.models import Comment, Moderation, Post
from plein.core.events import subscribe
from plein.search import backends, services
from plein.search.text import BODY_LENGTH, plain_text, stems

INDEXED_POST_KINDS = (
    Post.Kind.UPDATE,
    Post.Kind.WORKING_ON,
    Post.Kind.SHARE,
    Post.Kind.ANNOUNCEMENT,
    Post.Kind.POLL,
)
BATCH = 5_000


def post_document(post: Post) -> services.Document:
    return services.Document(
        kind="post",
        object_id=post.pk,
        title="",
        text=post.body,
        url=reverse("community:post", args=[post.pk]),
        post_id=post.pk,
        group_id=post.group_id,
        author_id=post.author_id,
        created_at=post.created_at,
    )


def comment_document(comment: Comment, group_id: int | None) -> services.Document:
    return services.Document(
        kind="comment",
        object_id=comment.pk,
        title="",
        text=comment.body,
        url=reverse("community:comment_permalink", args=[comment.pk]),
        post_id=comment.post_id,
        group_id=group_id,
        author_id=comment.author_id,
        created_at=comment.created_at,
    )


def _index_post(post: Post) -> None:
    if post.kind not in INDEXED_POST_KINDS:
        return
    if (
        post.deleted_at is not None
        or post.moderation != Moderation.PUBLISHED
        or not plain_text(post.body)
    ):
        services.remove("post", post.pk)
    else:
        services.index(post_document(post))


def on_post_published(event: events.PostPublished) -> None:
    _index_post(event.post)


def on_post_edited(event: events.PostEdited) -> None:
    _index_post(event.post)


def on_post_removed(event: events.PostRemoved) -> None:
    services.remove_for_post(event.post.pk)


def on_post_moved(event: events.PostMoved) -> None:
    services.move_post(event.post.pk, event.post.group_id)


def on_comment_added(event: events.CommentAdded) -> None:
    comment = event.comment
    group_id = Post.objects.filter(pk=comment.post_id).values_list("group_id", flat=True).first()
    services.index(comment_document(comment, group_id))


def on_comment_removed(event: events.CommentRemoved) -> None:
    services.remove("comment", event.comment.pk)


def connect() -> None:
    subscribe(events.PostPublished, on_post_published)
    subscribe(events.PostEdited, on_post_edited)
    subscribe(events.PostRemoved, on_post_removed)
    subscribe(events.PostMoved, on_post_moved)
    subscribe(events.CommentAdded, on_comment_added)
    subscribe(events.CommentRemoved, on_comment_removed)


# --- Rebuilding --------------------------------------------------------------------------------


def _url_maker(name: str) -> Callable[[int], str]:
    sample = reverse(name, args=[987654321])
    head, tail = sample.split("987654321")
    return lambda pk: f"{head}{pk}{tail}"


def _batches(sql: str, params: list[Any]) -> Iterator[list[tuple[Any, ...]]]:
    """Keyset batches of (id, …) rows: `sql` takes the last id seen and a limit."""
    last = 0
    while True:
        with connection.cursor() as cursor:
            cursor.execute(sql, [last, *params, BATCH])
            rows = cursor.fetchall()
        if not rows:
            return
        yield rows
        last = rows[-1][0]


def _insert(rows: list[tuple[Any, ...]]) -> None:
    if not rows:
        return
    marks = ", ".join(["%s"] * len(backends.COLUMNS))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO search_entry ({', '.join(backends.COLUMNS)}) VALUES ({marks})",  # noqa: S608
            rows,
        )


def _entry(
    kind: str,
    object_id: int,
    body: str,
    url: str,
    post_id: int | None,
    group_id: int | None,
    author_id: int | None,
    created_at: Any,
    *,
    all_stems: bool,
) -> tuple[Any, ...]:
    text = plain_text(body)[:BODY_LENGTH]
    return (
        kind,
        object_id,
        "",
        text,
        stems(text, all_stems=all_stems),
        backends.tags_for(kind, group_id, author_id),
        url,
        post_id,
        group_id,
        author_id,
        created_at,
        False,
    )


def _moment(row: tuple[Any, ...]) -> float:
    """An entry row's time, for merging the streams (naive values are UTC, as stored)."""
    value = row[CREATED_AT]
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.timestamp()


CREATED_AT = backends.COLUMNS.index("created_at")


def _post_rows(all_stems: bool) -> Iterator[tuple[Any, ...]]:
    post_url = _url_maker("community:post")
    kinds = [str(kind) for kind in INDEXED_POST_KINDS]
    kind_marks = ", ".join(["%s"] * len(kinds))
    for rows in _batches(
        "SELECT id, body, group_id, author_id, created_at FROM community_post "  # noqa: S608
        f"WHERE id > %s AND deleted_at IS NULL AND moderation = 'published' "
        f"AND kind IN ({kind_marks}) "
        "ORDER BY id LIMIT %s",
        kinds,
    ):
        for pk, body, group, author, created in rows:
            if body:
                yield _entry(
                    "post", pk, body, post_url(pk), pk, group, author, created, all_stems=all_stems
                )


def _comment_rows(all_stems: bool) -> Iterator[tuple[Any, ...]]:
    comment_url = _url_maker("community:comment_permalink")
    for rows in _batches(
        "SELECT c.id, c.body, c.post_id, p.group_id, c.author_id, c.created_at "
        "FROM community_comment c JOIN community_post p ON p.id = c.post_id "
        "WHERE c.id > %s AND c.deleted_at IS NULL AND p.deleted_at IS NULL "
        "AND c.moderation = 'published' AND p.moderation = 'published' "
        "ORDER BY c.id LIMIT %s",
        [],
    ):
        for pk, body, post, group, author, created in rows:
            yield _entry(
                "comment",
                pk,
                body,
                comment_url(pk),
                post,
                group,
                author,
                created,
                all_stems=all_stems,
            )


def _source_rows() -> list[tuple[Any, ...]]:
    """Every registered source's documents (articles, questions…: far fewer than posts)."""
    rows = []
    for documents in services.registered_sources().values():
        for document in documents():
            row = services.row_for(document)
            rows.append(tuple(getattr(row, column) for column in backends.COLUMNS))
    rows.sort(key=_moment)
    return rows


def reindex(log: Callable[[str], None] = print) -> dict[str, Any]:
    """Rebuild the whole index: idempotent; readers see the old index until it commits.

    Entries are written oldest first, posts, comments and the registered sources merged by
    time (each stream in id order, which follows time): search takes the newest candidates by
    entry id."""
    backend = services._backend()
    started = time.perf_counter()
    counts: dict[str, int] = defaultdict(int)
    with transaction.atomic():
        backend.clear()
        backend.before_bulk_load()
        streams = heapq.merge(
            _post_rows(backend.all_stems),
            _comment_rows(backend.all_stems),
            _source_rows(),
            key=_moment,
        )
        batch: list[tuple[Any, ...]] = []
        written = 0
        for row in streams:
            batch.append(row)
            counts[row[0]] += 1
            if len(batch) >= BATCH:
                _insert(batch)
                written += len(batch)
                batch = []
                log(f"  entries: {written:,}")
        _insert(batch)
        log("  full-text index…")
        backend.after_bulk_load()
    return {"counts": dict(counts), "seconds": round(time.perf_counter() - started, 1)}
