"""The two full-text backends behind `plein.search.services`, chosen by database vendor.

What each matches (a query word matches a document word when…):
- SQLite (FTS5, tokenizer unicode61 remove_diacritics 2): the document word starts with the
  query word, accents and case ignored ("cafe" finds "Café", "vak" finds "vakantie"); or both
  have the same Dutch Snowball stem (PyStemmer; the stems of an entry's words that are not words
  of it themselves are stored in its `stems` column: "vakanties" finds "vakantie", "fietsen"
  finds "fiets"). Dutch stop words are searchable.
- PostgreSQL (configuration `plein_dutch`: unaccent, then PostgreSQL's Dutch Snowball stemmer):
  the document word's stem starts with the query word's stem, accents and case ignored; or the
  query word's Python stem is a lexeme of the document (its `stems` column, weight D, as on
  SQLite: PostgreSQL's older Dutch stemmer leaves "vakanties" alone). Dutch stop words ("de",
  "het", "en") are not indexed and a query of only stop words finds nothing.
All query words must match (AND).

Speed: a search never looks at every match. Both backends return the ids of the newest
CANDIDATES matches (by entry id, which grows with time); `services` ranks those:
- SQLite: FTS5 walks a word's doclist in descending rowid order and stops at the limit (well
  under a millisecond, even for a word in a million entries). A prefix query ("klant*") merges
  the doclists of every word with that prefix first, so the complete words are asked first and
  the prefixes only when they found fewer than CANDIDATES; prefixes of up to 4 letters have
  their own index. FTS5's bm25() is not used: it counts every match of each word for its IDF.
  The kind, group and person filters are tokens in the `tags` column, intersected inside FTS5.
- PostgreSQL: first the newest WALK_WINDOW entries are read by primary key and tested (bounded,
  no GIN): a common word has its newest CANDIDATES matches among them. A rarer word (fewer
  found) is looked up in the GIN index, at most GIN_CAP matches in a MATERIALIZED CTE, of
  which the newest are taken; the planner is kept from a table scan or a primary-key walk
  there, since its statistics can take a rare prefix for a common word. A search narrowed by
  group, person or period goes to the GIN index at once (with the filter's own index).
  tests/search/test_plans.py checks both plans with EXPLAIN.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import connection, transaction

from plein.search.text import Term

CANDIDATES = 400
WALK_WINDOW = 20_000
GIN_CAP = 20_000
# The FTS5 table next to search_entry (migrations 0002, 0003; `plein reindex` makes it anew).
SQLITE_FTS_TABLE = (
    "CREATE VIRTUAL TABLE search_entry_fts USING fts5("
    "title, body, stems, tags, content='search_entry', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2', prefix='2 3 4')"
)


@dataclass(frozen=True)
class Filters:
    kinds: tuple[str, ...] = ()
    group_id: int | None = None
    author_id: int | None = None
    since: datetime | None = None
    until: datetime | None = None  # exclusive

    @property
    def any(self) -> bool:
        return bool(self.kinds or self.group_id or self.author_id or self.since or self.until)


@dataclass
class Row:
    """An entry as both backends write it (the FTS5 columns included)."""

    kind: str
    object_id: int
    title: str
    body: str
    stems: str
    tags: str
    url: str
    post_id: int | None
    group_id: int | None
    author_id: int | None
    created_at: datetime
    answered: bool
    extra: dict[str, Any] = field(default_factory=dict)


COLUMNS = (
    "kind",
    "object_id",
    "title",
    "body",
    "stems",
    "tags",
    "url",
    "post_id",
    "group_id",
    "author_id",
    "created_at",
    "answered",
)


def tags_for(kind: str, group_id: int | None, author_id: int | None) -> str:
    """Filter tokens for the SQLite index: "kpost g12 a34"."""
    tags = [kind_tag(kind)]
    if group_id is not None:
        tags.append(f"g{group_id}")
    if author_id is not None:
        tags.append(f"a{author_id}")
    return " ".join(tags)


def kind_tag(kind: str) -> str:
    return "k" + kind.replace("_", "")


class Backend:
    vendor = ""
    all_stems = False  # see text.stems

    def write(self, row: Row) -> None:
        raise NotImplementedError

    def delete(self, ids: Sequence[int]) -> None:
        raise NotImplementedError

    def candidates(
        self,
        terms: Sequence[Term],
        filters: Filters,
        limit: int = CANDIDATES,
        *,
        any_term: bool = False,
    ) -> list[int]:
        """The entry ids of the newest `limit` matches, newest first. All terms must match, or
        any of them with `any_term`."""
        raise NotImplementedError

    def before_bulk_load(self) -> None:
        """Make a bulk load of many rows fast (inside the rebuilding transaction)."""

    def after_bulk_load(self) -> None:
        """Bring the full-text structure in step after rows were written with plain SQL."""

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_entry")

    # Shared SQL.

    def _upsert(self, cursor: Any, row: Row) -> int:
        values = [getattr(row, column) for column in COLUMNS]
        cursor.execute(
            "UPDATE search_entry SET title = %s, body = %s, stems = %s, tags = %s, url = %s, "
            "post_id = %s, group_id = %s, author_id = %s, created_at = %s, answered = %s "
            "WHERE kind = %s AND object_id = %s RETURNING id",
            [*values[2:], row.kind, row.object_id],
        )
        found = cursor.fetchone()
        if found:
            return int(found[0])
        placeholders = ", ".join(["%s"] * len(COLUMNS))
        cursor.execute(
            f"INSERT INTO search_entry ({', '.join(COLUMNS)}) VALUES ({placeholders}) "  # noqa: S608
            "RETURNING id",
            values,
        )
        return int(cursor.fetchone()[0])


class SQLiteBackend(Backend):
    vendor = "sqlite"

    def write(self, row: Row) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id, title, body, stems, tags FROM search_entry "
                "WHERE kind = %s AND object_id = %s",
                [row.kind, row.object_id],
            )
            old = cursor.fetchone()
            if old:
                self._fts_delete(cursor, [old])
            entry_id = self._upsert(cursor, row)
            cursor.execute(
                "INSERT INTO search_entry_fts (rowid, title, body, stems, tags) "
                "VALUES (%s, %s, %s, %s, %s)",
                [entry_id, row.title, row.body, row.stems, row.tags],
            )

    def delete(self, ids: Sequence[int]) -> None:
        if not ids:
            return
        with connection.cursor() as cursor:
            marks = ", ".join(["%s"] * len(ids))
            cursor.execute(
                f"SELECT id, title, body, stems, tags FROM search_entry WHERE id IN ({marks})",  # noqa: S608
                list(ids),
            )
            self._fts_delete(cursor, cursor.fetchall())
            cursor.execute(f"DELETE FROM search_entry WHERE id IN ({marks})", list(ids))  # noqa: S608

    def _fts_delete(self, cursor: Any, rows: Iterable[Sequence[Any]]) -> None:
        # External content: FTS5 forgets a row when told its indexed values.
        cursor.executemany(
            "INSERT INTO search_entry_fts (search_entry_fts, rowid, title, body, stems, tags) "
            "VALUES ('delete', %s, %s, %s, %s, %s)",
            [list(row) for row in rows],
        )

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_entry")
            cursor.execute("INSERT INTO search_entry_fts (search_entry_fts) VALUES ('delete-all')")

    _dropped: list[str]

    def before_bulk_load(self) -> None:
        # Secondary indexes are built faster once, sorted, than row by row. Readers keep the old
        # index (WAL) until the rebuild commits.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                "AND tbl_name = 'search_entry' AND sql IS NOT NULL AND sql NOT LIKE '%%UNIQUE%%'"
            )
            indexes = cursor.fetchall()
            for name, _sql in indexes:
                cursor.execute(f'DROP INDEX "{name}"')
        self._dropped = [sql for _name, sql in indexes]

    def after_bulk_load(self) -> None:
        with connection.cursor() as cursor:
            for sql in getattr(self, "_dropped", []):
                cursor.execute(sql)
            self._dropped = []
            # Made anew from its current definition, then filled from search_entry.
            cursor.execute("DROP TABLE IF EXISTS search_entry_fts")
            cursor.execute(SQLITE_FTS_TABLE)
            cursor.execute("INSERT INTO search_entry_fts (search_entry_fts) VALUES ('rebuild')")
            cursor.execute("INSERT INTO search_entry_fts (search_entry_fts) VALUES ('optimize')")

    @staticmethod
    def match_expression(
        terms: Sequence[Term], filters: Filters, *, any_term: bool = False, prefix: bool = True
    ) -> str:
        # Words are \w+ only (see text.parse_query): nothing in them is FTS5 syntax.
        words = []
        for term in terms:
            star = "*" if prefix and term.prefix else ""
            words.append(
                f'({{title body}} : "{term.word}"{star} OR {{title body stems}} : "{term.stem}")'
            )
        parts = ["(" + " OR ".join(words) + ")"] if any_term else words
        if filters.kinds:
            parts.append("tags : (" + " OR ".join(kind_tag(k) for k in filters.kinds) + ")")
        if filters.group_id is not None:
            parts.append(f"tags : g{int(filters.group_id)}")
        if filters.author_id is not None:
            parts.append(f"tags : a{int(filters.author_id)}")
        return " AND ".join(parts)

    def candidates_sql(
        self,
        terms: Sequence[Term],
        filters: Filters,
        limit: int,
        *,
        any_term: bool = False,
        prefix: bool = True,
    ) -> tuple[str, list[Any]]:
        match = self.match_expression(terms, filters, any_term=any_term, prefix=prefix)
        params: list[Any] = [match]
        period = ""
        if filters.since is not None or filters.until is not None:
            period = " JOIN search_entry e ON e.id = search_entry_fts.rowid"
        where = []
        if filters.since is not None:
            where.append("e.created_at >= %s")
            params.append(filters.since)
        if filters.until is not None:
            where.append("e.created_at < %s")
            params.append(filters.until)
        params.append(limit)
        extra = "".join(f" AND {w}" for w in where)
        sql = (
            "SELECT search_entry_fts.rowid "  # noqa: S608 - fixed text and placeholders
            f"FROM search_entry_fts{period} "
            f"WHERE search_entry_fts MATCH %s{extra} "
            "ORDER BY search_entry_fts.rowid DESC LIMIT %s"
        )
        return sql, params

    def candidates(
        self,
        terms: Sequence[Term],
        filters: Filters,
        limit: int = CANDIDATES,
        *,
        any_term: bool = False,
    ) -> list[int]:
        if not terms:
            return []
        with connection.cursor() as cursor:
            # The words as typed first: a lazy walk down their doclists.
            cursor.execute(
                *self.candidates_sql(terms, filters, limit, any_term=any_term, prefix=False)
            )
            found = [int(row[0]) for row in cursor.fetchall()]
            if len(found) >= limit or not any(term.prefix for term in terms):
                return found
            # Too few: unfinished words, or rare ones; now as prefixes too.
            cursor.execute(*self.candidates_sql(terms, filters, limit, any_term=any_term))
            return [int(row[0]) for row in cursor.fetchall()]


class PostgresBackend(Backend):
    vendor = "postgresql"
    all_stems = True

    def write(self, row: Row) -> None:
        with connection.cursor() as cursor:
            self._upsert(cursor, row)

    def delete(self, ids: Sequence[int]) -> None:
        if ids:
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM search_entry WHERE id = ANY(%s)", [list(ids)])

    def clear(self) -> None:
        # DELETE, not TRUNCATE: searches go on reading the old rows until the rebuild commits.
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_entry")

    def after_bulk_load(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_entry")

    @staticmethod
    def tsquery(terms: Sequence[Term], *, any_term: bool = False) -> tuple[str, list[Any]]:
        """SQL for the tsquery: each word as a prefix of a Dutch stem, or its Python stem."""
        # Words are \w+ only (see text.parse_query): nothing in them is tsquery syntax.
        parts, params = [], []
        for term in terms:
            word = f"{term.word}:*" if term.prefix else term.word
            parts.append("(to_tsquery('plein_dutch', %s) || to_tsquery('simple', %s))")
            params += [word, term.stem]
        operator = " || " if any_term else " && "
        return "(" + operator.join(parts) + ")", params

    @staticmethod
    def _filter_sql(filters: Filters, alias: str = "") -> tuple[str, list[Any]]:
        prefix = f"{alias}." if alias else ""
        where: list[str] = []
        params: list[Any] = []
        if filters.kinds:
            where.append(f"{prefix}kind = ANY(%s)")
            params.append(list(filters.kinds))
        if filters.group_id is not None:
            where.append(f"{prefix}group_id = %s")
            params.append(filters.group_id)
        if filters.author_id is not None:
            where.append(f"{prefix}author_id = %s")
            params.append(filters.author_id)
        if filters.since is not None:
            where.append(f"{prefix}created_at >= %s")
            params.append(filters.since)
        if filters.until is not None:
            where.append(f"{prefix}created_at < %s")
            params.append(filters.until)
        return "".join(f" AND {w}" for w in where), params

    def walk_sql(
        self, query: tuple[str, list[Any]], filters: Filters, limit: int
    ) -> tuple[str, list[Any]]:
        """The newest WALK_WINDOW entries by primary key, tested one by one: no GIN, bounded."""
        extra, params = self._filter_sql(filters)
        where = f"WHERE true{extra}" if extra else ""
        sql = (
            "SELECT recent.id FROM "  # noqa: S608
            f"(SELECT id, document FROM search_entry {where} ORDER BY id DESC LIMIT %s) recent, "
            f"(SELECT {query[0]} AS query) q "
            "WHERE recent.document @@ q.query ORDER BY recent.id DESC LIMIT %s"
        )
        return sql, [*params, WALK_WINDOW, *query[1], limit]

    def gin_sql(
        self, query: tuple[str, list[Any]], filters: Filters, limit: int
    ) -> tuple[str, list[Any]]:
        """Matches through the GIN index, at most GIN_CAP of them, then the newest."""
        extra, params = self._filter_sql(filters, "e")
        # The tsquery is written out (not a CTE) so the planner sees it and uses the GIN index.
        sql = (
            "WITH matches AS MATERIALIZED ("  # noqa: S608
            f"SELECT e.id FROM search_entry e WHERE e.document @@ {query[0]}{extra} LIMIT %s) "
            "SELECT id FROM matches ORDER BY id DESC LIMIT %s"
        )
        return sql, [*query[1], *params, GIN_CAP, limit]

    def run_gin(self, cursor: Any, sql: str, params: list[Any]) -> list[int]:
        """The GIN query with the planner told not to scan the table or walk the primary key:
        its statistics can take a rare prefix for a common word (tests/search/test_plans.py)."""
        cursor.execute(
            "SELECT current_setting('enable_seqscan'), current_setting('enable_indexscan'), "
            "set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true)"
        )
        seqscan, indexscan, _a, _b = cursor.fetchone()
        try:
            cursor.execute(sql, params)
            return [int(row[0]) for row in cursor.fetchall()]
        finally:
            cursor.execute(
                "SELECT set_config('enable_seqscan', %s, true), "
                "set_config('enable_indexscan', %s, true)",
                [seqscan, indexscan],
            )

    @staticmethod
    def choose(filters: Filters) -> str:
        narrowed = filters.group_id or filters.author_id or filters.since or filters.until
        # A narrowed search intersects the GIN index with the filter's index; a walk could pass
        # many rows outside the filter.
        return "gin" if narrowed else "walk"

    def candidates(
        self,
        terms: Sequence[Term],
        filters: Filters,
        limit: int = CANDIDATES,
        *,
        any_term: bool = False,
    ) -> list[int]:
        if not terms:
            return []
        query = self.tsquery(terms, any_term=any_term)
        # One transaction for run_gin's local planner settings (no savepoint inside another).
        with transaction.atomic(savepoint=False), connection.cursor() as cursor:
            if self.choose(filters) == "walk":
                cursor.execute(*self.walk_sql(query, filters, limit))
                found = [int(row[0]) for row in cursor.fetchall()]
                if len(found) >= limit:  # the newest `limit` matches: a common word
                    return found
            # Fewer matches than that among the newest entries: a rarer word, found by GIN.
            return self.run_gin(cursor, *self.gin_sql(query, filters, limit))


def get_backend() -> Backend:
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SQLiteBackend()
    raise NotImplementedError(f"search has no backend for {connection.vendor}")
