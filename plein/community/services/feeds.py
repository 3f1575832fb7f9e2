"""Feeds: home, group, topic and person, newest first, with keyset pagination.

The home feed draws on several sources (one's own posts, followed people, joined groups,
followed topics, posts that mention the viewer). Rather than one query whose OR the database
must sort in full, each source contributes its newest posts through its own index
(`… WHERE author_id = ? AND id < ? ORDER BY id DESC LIMIT n`), all in one UNION ALL
statement; the newest n of those are the page. The cost depends on the number of sources and
the page size, not on how many posts exist. The page is then read through
`Post.objects.visible_to`, the one visibility rule.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.db import connection
from django.db.models import CharField, Count, Exists, OuterRef, Subquery, Value

from plein.community.models import (
    PUBLIC_AUDIENCES,
    Bookmark,
    Comment,
    Follow,
    Group,
    Membership,
    Mention,
    Moderation,
    Post,
    PostQuerySet,
    PostTopic,
    Reaction,
    Topic,
)
from plein.people.models import Person

PAGE_SIZE = 20
MAX_SOURCES_PER_KIND = 150  # beyond this a kind is read with one IN (…) query


class HomeFilter(StrEnum):
    EVERYTHING = "all"
    PEOPLE = "people"
    GROUPS = "groups"
    TOPIC = "topic"


@dataclass
class FeedPage:
    posts: list[Post]
    next_cursor: int | None


@dataclass
class Sources:
    people: list[int]
    groups: list[int]
    topics: list[int]


def sources_of(viewer: Person) -> Sources:
    """Whom and what the viewer follows, in one query."""
    follows = Follow.objects.filter(follower=viewer)
    rows = (
        follows.filter(person__isnull=False)
        .values_list("person_id")
        .annotate(kind=_lit("p"))
        .union(
            follows.filter(topic__isnull=False).values_list("topic_id").annotate(kind=_lit("t")),
            Membership.objects.filter(person=viewer, state=Membership.State.ACTIVE)
            .values_list("group_id")
            .annotate(kind=_lit("g")),
            all=True,
        )
    )
    sources = Sources(people=[], groups=[], topics=[])
    for pk, kind in rows:
        {"p": sources.people, "g": sources.groups, "t": sources.topics}[kind].append(pk)
    return sources


def _lit(value: str) -> Value:
    return Value(value, output_field=CharField())


def _candidate_ids(
    viewer: Person,
    sources: Sources,
    *,
    before: int | None,
    limit: int,
    mode: HomeFilter,
    topic_id: int | None,
) -> list[int]:
    """The newest `limit` visible post ids from every source, in one statement."""
    post = Post._meta.db_table
    post_topic = PostTopic._meta.db_table
    below = "AND p.id < %s" if before else ""
    parts: list[str] = []
    params: list[int | str] = []
    visible = (
        "p.deleted_at IS NULL AND p.moderation = %s "
        f"AND (p.audience IN ({', '.join(['%s'] * len(PUBLIC_AUDIENCES))})"
        f" OR p.group_id IN ({', '.join(['%s'] * len(sources.groups)) or 'NULL'}))"
    )
    visible_params: list[int | str] = [
        Moderation.PUBLISHED,
        *PUBLIC_AUDIENCES,
        *sources.groups,
    ]

    def add(
        where: str, where_params: list[int | str], table: str = post, id_column: str = "p.id"
    ) -> None:
        join = f"{table} t JOIN {post} p ON p.id = t.post_id" if table != post else f"{post} p"
        # Only placeholders and our own table names are formatted in: values go as parameters.
        parts.append(
            f"SELECT * FROM (SELECT {id_column} AS id FROM {join} WHERE {where} {below} "  # noqa: S608
            f"AND {visible} ORDER BY {id_column} DESC LIMIT {int(limit)}) AS s{len(parts)}"
        )
        params.extend(where_params)
        if before:
            params.append(before)
        params.extend(visible_params)

    if mode in (HomeFilter.EVERYTHING, HomeFilter.PEOPLE):
        people = [viewer.pk, *sources.people] if mode == HomeFilter.EVERYTHING else sources.people
        for chunk_start in range(0, len(people), MAX_SOURCES_PER_KIND):
            chunk = people[chunk_start : chunk_start + MAX_SOURCES_PER_KIND]
            if len(people) <= MAX_SOURCES_PER_KIND:
                for pk in chunk:
                    add("p.author_id = %s", [pk])
            else:
                add(f"p.author_id IN ({', '.join(['%s'] * len(chunk))})", list(chunk))
    if mode in (HomeFilter.EVERYTHING, HomeFilter.GROUPS):
        for pk in sources.groups[:MAX_SOURCES_PER_KIND]:
            add("p.group_id = %s", [pk])
        rest = sources.groups[MAX_SOURCES_PER_KIND:]
        if rest:
            add(f"p.group_id IN ({', '.join(['%s'] * len(rest))})", list(rest))
    if mode == HomeFilter.EVERYTHING:
        # Posts that mention the viewer reach them even from people they do not follow.
        add(
            "t.person_id = %s AND t.post_id IS NOT NULL",
            [viewer.pk],
            table=Mention._meta.db_table,
            id_column="t.post_id",
        )
        for pk in sources.topics[:MAX_SOURCES_PER_KIND]:
            add("t.topic_id = %s", [pk], table=post_topic, id_column="t.post_id")
    if mode == HomeFilter.TOPIC and topic_id is not None:
        add("t.topic_id = %s", [topic_id], table=post_topic, id_column="t.post_id")
    if not parts:
        return []
    sql = (
        "SELECT DISTINCT id FROM (" + " UNION ALL ".join(parts) + ") candidates "  # noqa: S608
        f"ORDER BY id DESC LIMIT {int(limit)}"
    )
    # Sub-selects alias their table as `t`/`p`; `below` refers to p.id, which for topic rows is
    # the same post as t.post_id.
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def decorate(queryset: PostQuerySet, viewer: Person) -> PostQuerySet:
    """Counts, the viewer's own reaction and bookmark, as columns of the one posts query."""
    comments = (
        Comment.objects.filter(
            post=OuterRef("pk"), deleted_at__isnull=True, moderation=Moderation.PUBLISHED
        )
        .order_by()
        .values("post")
        .annotate(n=Count("pk"))
        .values("n")
    )
    reactions = (
        Reaction.objects.filter(post=OuterRef("pk"))
        .order_by()
        .values("post")
        .annotate(n=Count("pk"))
        .values("n")
    )
    mine = Reaction.objects.filter(post=OuterRef("pk"), person=viewer).values("kind")[:1]
    return queryset.annotate(
        comment_count=Subquery(comments),
        reaction_count=Subquery(reactions),
        my_reaction=Subquery(mine),
        bookmarked=Exists(Bookmark.objects.filter(post=OuterRef("pk"), person=viewer)),
    )


def _page(viewer: Person, ids: list[int]) -> FeedPage:
    has_more = len(ids) > PAGE_SIZE
    ids = ids[:PAGE_SIZE]
    posts = list(
        decorate(Post.objects.visible_to(viewer).filter(pk__in=ids), viewer)
        .for_display()
        .newest_first()
    )
    return FeedPage(posts=posts, next_cursor=posts[-1].pk if has_more and posts else None)


def home_feed(
    viewer: Person,
    *,
    before: int | None = None,
    mode: HomeFilter = HomeFilter.EVERYTHING,
    topic: Topic | None = None,
    sources: Sources | None = None,
) -> FeedPage:
    """`sources` may be passed by a caller that already read them (the page around the feed)."""
    sources = sources if sources is not None else sources_of(viewer)
    ids = _candidate_ids(
        viewer,
        sources,
        before=before,
        limit=PAGE_SIZE + 1,
        mode=mode,
        topic_id=topic.pk if topic else None,
    )
    return _page(viewer, ids)


def _keyset(queryset: PostQuerySet, before: int | None) -> list[int]:
    if before:
        queryset = queryset.filter(pk__lt=before)
    return list(queryset.order_by("-id").values_list("pk", flat=True)[: PAGE_SIZE + 1])


def group_feed(viewer: Person, group: Group, *, before: int | None = None) -> FeedPage:
    return _page(viewer, _keyset(Post.objects.visible_to(viewer).filter(group=group), before))


def person_feed(viewer: Person, author: Person, *, before: int | None = None) -> FeedPage:
    return _page(viewer, _keyset(Post.objects.visible_to(viewer).filter(author=author), before))


def topic_feed(viewer: Person, topic: Topic, *, before: int | None = None) -> FeedPage:
    visible = Post.objects.visible_to(viewer).filter(pk=OuterRef("post_id"))
    rows = PostTopic.objects.filter(topic=topic).filter(Exists(visible))
    if before:
        rows = rows.filter(post_id__lt=before)
    ids = list(rows.order_by("-post_id").values_list("post_id", flat=True)[: PAGE_SIZE + 1])
    return _page(viewer, ids)


def newer_count(viewer: Person, after: int) -> int:
    """How many posts arrived in the home feed since the newest one shown ("N new posts")."""
    sources = sources_of(viewer)
    ids = _candidate_ids(
        viewer, sources, before=None, limit=100, mode=HomeFilter.EVERYTHING, topic_id=None
    )
    return sum(1 for pk in ids if pk > after)
