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
- PostgreSQL: every document holds its time segment as a token ("~s880": entry id // SEGMENT,
  migration 0005), so the GIN index is asked for a word's matches among the newest segments,
  widening by SPANS, and GIN's fast scan does the work of the rarer of the two: a common word
  costs one segment's matches, a rare one its own few. The filters are tokens too. Prefixes
  (unfinished words) are asked only when the words as typed found too few: the newest
  WALK_WINDOW entries are tested, then the GIN index is read, at most GIN_CAP matches.
  tests/search/test_plans.py checks the plans with EXPLAIN.
"""

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import connection, transaction
from django.db.models.expressions import RawSQL

from plein.search.text import Term

CANDIDATES = 400
SEGMENT = 5_000  # entries per time segment (PostgreSQL): see migration 0005
SPANS = (2, 4, 16, 64)  # segments asked at a time, newest first, before everything older
WALK_WINDOW = 20_000
GIN_CAP = 10_000
# Estimated matches up to which a word is read whole (PostgreSQL). A word outside the planner's
# list of common lexemes is estimated at about half the rarest listed one's frequency (6,411 of
# 4.4 million entries here), so it lands below this and is read whole, at most GIN_CAP.
RARE = GIN_CAP
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

    def id_list(self, ids: Sequence[int]) -> RawSQL:
        """A subquery of these ids, passed as one parameter: `pk__in` with a list of hundreds
        makes Django prepare every value, which costs more than the query."""
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

    def id_list(self, ids: Sequence[int]) -> RawSQL:
        return RawSQL("SELECT value FROM json_each(%s)", [json.dumps([int(i) for i in ids])])

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

    def id_list(self, ids: Sequence[int]) -> RawSQL:
        return RawSQL("SELECT unnest(%s::bigint[])", [[int(i) for i in ids]])

    def clear(self) -> None:
        # DELETE, not TRUNCATE: searches go on reading the old rows until the rebuild commits.
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_entry")

    def after_bulk_load(self) -> None:
        with connection.cursor() as cursor:
            # What autovacuum would do after the load, now: the GIN index's pending list merged
            # (every search reads it whole), and the lexeme statistics `estimate` relies on.
            cursor.execute("SELECT gin_clean_pending_list('search_entry_document'::regclass)")
            cursor.execute("ANALYZE search_entry")

    @staticmethod
    def tsquery(
        terms: Sequence[Term], *, any_term: bool = False, prefix: bool = True
    ) -> tuple[str, list[Any]]:
        """SQL for the tsquery: each word (as a prefix of a Dutch stem with `prefix`) or its
        Python stem."""
        # Words are \w+ only (see text.parse_query): nothing in them is tsquery syntax.
        parts, params = [], []
        for term in terms:
            word = f"{term.word}:*" if prefix and term.prefix else term.word
            parts.append("(to_tsquery('plein_dutch', %s) || to_tsquery('simple', %s))")
            params += [word, term.stem]
        operator = " || " if any_term else " && "
        return "(" + operator.join(parts) + ")", params

    @staticmethod
    def tokens(filters: Filters, segments: Sequence[int] = ()) -> str:
        """The filter and segment tokens as tsquery text ("" when none): see migration 0005."""
        parts = []
        if filters.kinds:
            parts.append("(" + " | ".join(f"'~{kind_tag(k)}'" for k in filters.kinds) + ")")
        if filters.group_id is not None:
            parts.append(f"'~g{int(filters.group_id)}'")
        if filters.author_id is not None:
            parts.append(f"'~a{int(filters.author_id)}'")
        if segments:
            parts.append("(" + " | ".join(f"'~s{int(s)}'" for s in segments) + ")")
        return " & ".join(parts)

    def _match(
        self, query: tuple[str, list[Any]], filters: Filters, segments: Sequence[int] = ()
    ) -> tuple[str, list[Any]]:
        """`document @@ …` for the words, the filter tokens and the segments; the period."""
        tokens = self.tokens(filters, segments)
        sql = f"document @@ ({query[0]} && %s::tsquery)" if tokens else f"document @@ {query[0]}"
        params = [*query[1], tokens] if tokens else list(query[1])
        if filters.since is not None:
            sql += " AND created_at >= %s"
            params.append(filters.since)
        if filters.until is not None:
            sql += " AND created_at < %s"
            params.append(filters.until)
        return sql, params

    def segment_sql(
        self,
        query: tuple[str, list[Any]],
        filters: Filters,
        segments: Sequence[int],
        limit: int,
    ) -> tuple[str, list[Any]]:
        """The newest matches in these segments, at most GIN_CAP of them read; each row also
        says how many were read (GIN_CAP: maybe more, in no particular order)."""
        match, params = self._match(query, filters, segments)
        sql = (
            "WITH matches AS MATERIALIZED ("  # noqa: S608 - fixed text and placeholders
            f"SELECT id FROM search_entry WHERE {match} LIMIT %s) "
            "SELECT id, (SELECT count(*) FROM matches) FROM matches ORDER BY id DESC LIMIT %s"
        )
        return sql, [*params, GIN_CAP, limit]

    def rest_sql(
        self, query: tuple[str, list[Any]], filters: Filters, below: int, limit: int
    ) -> tuple[str, list[Any]]:
        """Matches older than the segments searched (id < below): a rare word's, through the
        GIN index, at most GIN_CAP of them read."""
        match, params = self._match(query, filters)
        sql = (
            "WITH matches AS MATERIALIZED ("  # noqa: S608 - fixed text and placeholders
            f"SELECT id FROM search_entry WHERE {match} AND id < %s LIMIT %s) "
            "SELECT id, (SELECT count(*) FROM matches) FROM matches ORDER BY id DESC LIMIT %s"
        )
        return sql, [*params, below, GIN_CAP, limit]

    def estimate(self, cursor: Any, query: tuple[str, list[Any]], filters: Filters) -> float:
        """How many entries the planner expects to match: its statistics of the document's
        lexemes (ANALYZE), good for whole words (a prefix it can only guess)."""
        match, params = self._match(query, filters)
        sql = f"EXPLAIN (FORMAT JSON) SELECT id FROM search_entry WHERE {match}"  # noqa: S608
        cursor.execute(sql, params)
        plan = cursor.fetchone()[0]
        if isinstance(plan, str):
            plan = json.loads(plan)
        return float(plan[0]["Plan"]["Plan Rows"])

    def walk_sql(
        self, query: tuple[str, list[Any]], filters: Filters, limit: int
    ) -> tuple[str, list[Any]]:
        """The newest WALK_WINDOW entries by primary key, tested one by one: no GIN, bounded."""
        match, params = self._match(query, filters)
        sql = (
            "SELECT id FROM "  # noqa: S608 - fixed text and placeholders
            "(SELECT id, document, created_at FROM search_entry ORDER BY id DESC LIMIT %s) recent "
            f"WHERE {match} ORDER BY id DESC LIMIT %s"
        )
        return sql, [WALK_WINDOW, *params, limit]

    def candidates(
        self,
        terms: Sequence[Term],
        filters: Filters,
        limit: int = CANDIDATES,
        *,
        any_term: bool = False,
        trace: list[tuple[str, str, list[Any]]] | None = None,
    ) -> list[int]:
        """Every query is bounded:

        1. The words as typed, segment by segment, newest first, SPANS segments at a time (GIN
           fast scan: the rarer of word and segment drives), then everything older. A span
           with more than GIN_CAP matches is split, its newer half first.
        2. Only when that found too few and a word may be unfinished: the words as prefixes.
           The GIN index reads a prefix's matches whole (no fast scan), so the newest
           WALK_WINDOW entries are tested first (a common prefix has enough there), then the
           GIN index is read, at most GIN_CAP matches.

        `trace` collects each query run as (label, sql, params), for `plein bench`."""
        if not terms:
            return []
        nested = connection.in_atomic_block
        # One transaction for the local planner settings: the GIN index, never a table scan or
        # a primary-key walk, which the planner's statistics can prefer for a rare prefix they
        # take for a common word (tests/search/test_plans.py).
        with transaction.atomic(savepoint=False), connection.cursor() as cursor:
            cursor.execute(
                "SELECT max(id), current_setting('enable_seqscan'), "
                "current_setting('enable_indexscan'), set_config('enable_seqscan', 'off', true), "
                "set_config('enable_indexscan', 'off', true) FROM search_entry"
            )
            newest, seqscan, indexscan, _off, _too = cursor.fetchone()
            try:
                if newest is None:
                    return []
                return self._candidates(cursor, terms, filters, limit, any_term, newest, trace)
            finally:
                if nested:  # otherwise the commit ends the local settings
                    self._planner(cursor, seqscan, indexscan)

    @staticmethod
    def _planner(cursor: Any, seqscan: str, indexscan: str) -> None:
        cursor.execute(
            "SELECT set_config('enable_seqscan', %s, true), "
            "set_config('enable_indexscan', %s, true)",
            [seqscan, indexscan],
        )

    def _candidates(
        self,
        cursor: Any,
        terms: Sequence[Term],
        filters: Filters,
        limit: int,
        any_term: bool,
        newest: int,
        trace: list[tuple[str, str, list[Any]]] | None,
    ) -> list[int]:
        def run(label: str, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
            if trace is not None:
                trace.append((label, sql, params))
            cursor.execute(sql, params)
            return list(cursor.fetchall())

        words = self.tsquery(terms, any_term=any_term, prefix=False)

        def in_segments(high: int, low: int, wanted: int) -> list[int]:
            sql, params = self.segment_sql(words, filters, range(high, low - 1, -1), wanted)
            rows = run(f"segments {low}-{high}", sql, params)
            if not rows or rows[0][1] < GIN_CAP or high == low:
                return [int(row[0]) for row in rows]
            # More matches than were read, and those read are not the newest: newer half first.
            middle = (high + low + 1) // 2
            newer = in_segments(high, middle, wanted)
            if len(newer) >= wanted:
                return newer
            return newer + in_segments(middle - 1, low, wanted - len(newer))

        # A rare word: all its matches at once, the newest taken. The estimate can be wrong (a
        # word the statistics missed): then more than GIN_CAP are read, and the segments decide.
        if self.estimate(cursor, words, filters) <= RARE:
            rows = run("all", *self.rest_sql(words, filters, newest + 1, limit))
            if not rows or rows[0][1] < GIN_CAP:
                every = [int(row[0]) for row in rows]
                if len(every) >= limit:
                    return every
                return self._prefixes(cursor, run, terms, filters, limit, any_term, newest, every)
        found: list[int] = []
        high = newest // SEGMENT
        for span in SPANS:
            low = max(0, high - span + 1)
            found += in_segments(high, low, limit - len(found))
            high = low - 1
            if len(found) >= limit or high < 0:
                break
        if len(found) < limit and high >= 0:
            below = (high + 1) * SEGMENT
            rows = run("older", *self.rest_sql(words, filters, below, limit - len(found)))
            found += [int(row[0]) for row in rows]
        if len(found) >= limit:
            return found[:limit]
        return self._prefixes(cursor, run, terms, filters, limit, any_term, newest, found)

    def _prefixes(
        self,
        cursor: Any,
        run: Any,
        terms: Sequence[Term],
        filters: Filters,
        limit: int,
        any_term: bool,
        newest: int,
        found: list[int],
    ) -> list[int]:
        """Too few matches of the words as typed: unfinished words, or rare ones; now as
        prefixes too (they find every match of the words and more)."""
        if not any(term.prefix for term in terms):
            return found[:limit]
        prefixes = self.tsquery(terms, any_term=any_term)

        def walk() -> list[int]:
            # The primary-key scan is the only plan that gives the newest rows in order without
            # reading them all: it is chosen with index scans off too (the alternatives are as
            # disabled and cost more).
            rows = run("prefixes: walk", *self.walk_sql(prefixes, filters, limit))
            return [int(row[0]) for row in rows]

        # A common prefix ("kla") has enough matches among the newest entries; a rare one is
        # cheap to read whole from the GIN index. The statistics can only guess for a prefix:
        # a GIN read that stops at GIN_CAP was a common prefix after all, so the walk decides.
        walked: list[int] | None = None
        if self.estimate(cursor, prefixes, filters) > RARE:
            walked = walk()
            if len(walked) >= limit:
                return walked
        rows = run("prefixes: GIN", *self.rest_sql(prefixes, filters, newest + 1, limit))
        if walked is None and rows and rows[0][1] >= GIN_CAP:
            walked = walk()
            if len(walked) >= limit:
                return walked
        return max([int(row[0]) for row in rows], walked or [], found, key=len)[:limit]


def get_backend() -> Backend:
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SQLiteBackend()
    raise NotImplementedError(f"search has no backend for {connection.vendor}")
