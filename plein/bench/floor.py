"""The floor: the same 20 posts the home feed shows, fetched with one hand-written SQL query and
rendered by a minimal template. No middleware, no session, no visibility rule, no ORM: the least
any server could do to answer. Every benchmark figure is also reported as a ratio to it, because
on a noisy machine ratios measured in one run are what count.

`plein.bench.floor_wsgi` serves the floor page as a WSGI app, so the floor's throughput is
measured with the same production-style server (granian, two worker processes) as the pages.
"""

from collections.abc import Sequence
from typing import Any

from django.db import connection
from django.template import Context, Engine, Template

from plein.community.models import Comment, Group, Post, Reaction
from plein.people.models import Person

_TEMPLATE = """<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Feed</title></head>
<body><main><h1>Feed</h1>
{% for post in posts %}<article id="post-{{ post.id }}">
<header><a href="/people/{{ post.author_id }}/">{{ post.author }}</a>
{% if post.group_name %} in <a href="/groups/{{ post.group_slug }}/">{{ post.group_name }}</a>
{% endif %}
<time datetime="{{ post.created_at }}">{{ post.created_at }}</time></header>
{{ post.body_html|safe }}
<footer>{{ post.comment_count }} comments, {{ post.reaction_count }} reactions</footer>
</article>
{% endfor %}</main></body></html>
"""

_template: Template | None = None


def _sql(count: int) -> str:
    post, person, group = Post._meta.db_table, Person._meta.db_table, Group._meta.db_table
    comment, reaction = Comment._meta.db_table, Reaction._meta.db_table
    placeholders = ", ".join(["%s"] * count)
    # Only our own table names and placeholders are formatted in.
    return (
        "SELECT p.id, p.body_html, p.created_at, p.author_id, a.first_name, a.name_prefix, "  # noqa: S608
        "a.last_name, g.name, g.slug, "
        f"(SELECT COUNT(*) FROM {comment} c WHERE c.post_id = p.id AND c.deleted_at IS NULL), "
        f"(SELECT COUNT(*) FROM {reaction} r WHERE r.post_id = p.id) "
        f"FROM {post} p JOIN {person} a ON a.id = p.author_id "
        f"LEFT JOIN {group} g ON g.id = p.group_id "
        f"WHERE p.id IN ({placeholders}) ORDER BY p.id DESC"
    )


def fetch(ids: Sequence[int]) -> list[dict[str, Any]]:
    """The posts with their author, group and counts: one query."""
    with connection.cursor() as cursor:
        cursor.execute(_sql(len(ids)), list(ids))
        rows = cursor.fetchall()
    return [
        {
            "id": row[0],
            "body_html": row[1],
            "created_at": row[2],
            "author_id": row[3],
            "author": " ".join(part for part in row[4:7] if part),
            "group_name": row[7],
            "group_slug": row[8],
            "comment_count": row[9],
            "reaction_count": row[10],
        }
        for row in rows
    ]


def render(posts: list[dict[str, Any]]) -> str:
    global _template
    if _template is None:
        _template = Engine(autoescape=True).from_string(_TEMPLATE)
    return _template.render(Context({"posts": posts}))


def floor_page(ids: Sequence[int]) -> str:
    return render(fetch(ids))
