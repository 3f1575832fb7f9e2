"""The search index: one row per searchable thing, whatever app it comes from.

The row carries what search needs to find, filter and show a result without reading the source
app's tables; readability is not copied but checked at query time through the source post
(`post`: the content is readable exactly when the post is, see `PostQuerySet.visible_to`), so a
deleted or moved post disappears from search at once.

Each backend adds its own full-text structure next to this table (migration 0002):
- SQLite: an FTS5 table `search_entry_fts` (external content: this table) over title, body,
  stems (the Dutch stems of title and body: word forms) and tags (filter tokens);
- PostgreSQL: a generated tsvector column `document` (configuration `plein_dutch`: unaccent and
  the Dutch Snowball stemmer) with a GIN index.
"""

from django.conf import settings
from django.db import models


class Entry(models.Model):
    class Kind(models.TextChoices):
        POST = "post"
        ARTICLE = "article"
        QUESTION = "question"
        ANSWER = "answer"
        COMMENT = "comment"
        BOARD_QUESTION = "board_question"

    kind = models.CharField(max_length=20)
    object_id = models.BigIntegerField()
    title = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)
    # The distinct Dutch stems of title and body (both backends); filter tokens (SQLite).
    stems = models.TextField(blank=True)
    tags = models.CharField(max_length=100, blank=True)
    url = models.CharField(max_length=300)
    post = models.ForeignKey(
        "community.Post",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    group = models.ForeignKey(
        "community.Group",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    created_at = models.DateTimeField()
    answered = models.BooleanField(default=False)

    class Meta:
        db_table = "search_entry"
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_once"),
        ]
        indexes = [
            models.Index(fields=["group", "id"], name="search_entry_by_group"),
            models.Index(fields=["author", "id"], name="search_entry_by_author"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"
