"""The bounded candidate plans: a search never ranks every match of a common word, and a rare
word never walks every entry. SQLite's plan everywhere; PostgreSQL's when the suite runs on it
(`make test-postgres`): each backend's test runs on its own database only."""

import pytest
from django.db import connection

from plein.search import backends
from plein.search.text import parse_query

pytestmark = [pytest.mark.django_db, pytest.mark.db_backend]

on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite FTS5 plan")
on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the PostgreSQL plan (make test-postgres)"
)


def plan_of(sql: str, params: list) -> str:
    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql, params)
        return "\n".join(
            str(row[-1] if connection.vendor == "sqlite" else row[0]) for row in cursor
        )


@on_sqlite
@pytest.mark.parametrize(
    "filters",
    [
        backends.Filters(),
        backends.Filters(kinds=("post", "comment"), group_id=3, author_id=4),
        backends.Filters(since=__import__("datetime").datetime(2026, 1, 1)),
    ],
)
def test_sqlite_walks_the_fts5_matches_newest_first_and_stops_at_the_limit(filters):
    backend = backends.SQLiteBackend()
    for prefix in (False, True):
        sql, params = backend.candidates_sql(
            parse_query("klant planning"), filters, 400, prefix=prefix
        )
        plan = plan_of(sql, params)
        assert "VIRTUAL TABLE INDEX" in plan  # the MATCH drives the query
        # FTS5 hands the rows over in rowid order: no sort of all matches before the LIMIT.
        assert "TEMP B-TREE" not in plan
        assert sql.rstrip().endswith("ORDER BY search_entry_fts.rowid DESC LIMIT %s")
        assert params[-1] == 400
        assert "bm25" not in sql  # it would count every match of each word


def _fill_postgres_index(total: int, common_word: str, rare_word: str, rare_count: int) -> None:
    """Entries straight in SQL (the test needs numbers, not realistic text), then ANALYZE so
    the planner's lexeme statistics are those of a large index."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO search_entry (kind, object_id, title, body, stems, tags, url, "
            "created_at, answered) "
            "SELECT 'post', n, '', %s || ' melding ' || n || CASE WHEN n <= %s THEN ' ' || %s "
            "ELSE '' END, '', '', '/x/', now(), false FROM generate_series(1, %s) AS n",
            [common_word, rare_count, rare_word, total],
        )
        cursor.execute("ANALYZE search_entry")


def _gin_plan(backend: backends.PostgresBackend, query, filters) -> str:
    """The GIN query's plan as `run_gin` runs it (table scans and primary-key walks off)."""
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("SET enable_indexscan = off")
        try:
            return plan_of(*backend.gin_sql(query, filters, backends.CANDIDATES))
        finally:
            cursor.execute("RESET enable_seqscan")
            cursor.execute("RESET enable_indexscan")


@on_postgres
def test_postgres_uses_the_gin_index_for_a_rare_word_and_walks_for_a_common_one():
    _fill_postgres_index(40_000, "klant", "zeldzaamheid", 5)
    backend = backends.PostgresBackend()
    filters = backends.Filters()

    # A rare word: the bounded walk finds too few, the GIN index finds them all.
    rare = backend.tsquery(parse_query("zeldzaamheid"))
    rare_plan = _gin_plan(backend, rare, filters)
    assert "Bitmap Index Scan on search_entry_document" in rare_plan
    assert "Seq Scan on search_entry" not in rare_plan
    assert "search_entry_pkey" not in rare_plan.split("CTE Scan on matches")[0]
    assert len(backend.candidates(parse_query("zeldzaamheid"), filters)) == 5

    # A common word: the newest WALK_WINDOW rows by primary key, never every match.
    common = backend.tsquery(parse_query("klant"))
    assert backend.choose(filters) == "walk"
    common_plan = plan_of(*backend.walk_sql(common, filters, backends.CANDIDATES))
    assert "Index Scan Backward using search_entry_pkey" in common_plan
    assert "Bitmap" not in common_plan and "Sort" not in common_plan
    ids = backend.candidates(parse_query("klant"), filters)
    assert len(ids) == backends.CANDIDATES
    assert ids == sorted(ids, reverse=True)


@on_postgres
def test_postgres_a_filtered_common_word_uses_the_filters_index_with_the_gin_index():
    _fill_postgres_index(40_000, "klant", "zeldzaamheid", 5)
    backend = backends.PostgresBackend()
    filters = backends.Filters(group_id=12)
    assert backend.choose(filters) == "gin"
    plan = _gin_plan(backend, backend.tsquery(parse_query("klant")), filters)
    # The group's few entries through its index, each tested: not the word's 40,000 matches.
    assert "Bitmap Index Scan on search_entry_by_group" in plan
    assert "Seq Scan" not in plan
